/**
 * The unrolled diagram's row names pinned to the left edge of its view: the drawing's own names
 * ("input xₜ", "hidden hₜ", …) scroll away with the columns when the diagram is wider than its panel,
 * so a copy of them sits over the view's left edge while it is scrolled (and hides at rest, where
 * the drawing's own show). Above the canvas, on a background, ignoring the pointer.
 */
import type * as d3 from 'd3';
import type { UnrolledLayout } from './unrolledLayout';

export interface RowPin {
  /** Copies the row names of a newly built drawing (`root` holds its `.ur-row-labels` group). */
  rebuild(layout: Pick<UnrolledLayout, 'left' | 'height'>, root: d3.Selection<SVGGElement, unknown, null, undefined>, zoom: number): void;
  /** Places the names at a horizontal scroll of `scrollPx` CSS pixels (hidden at 0). */
  place(scrollPx: number): void;
}

/** A pin inside the diagram's stage (the element that scrolls with the drawing). */
export function createRowPin(stage: d3.Selection<HTMLDivElement, unknown, null, undefined>): RowPin {
  const pin = stage.append('div').attr('class', 'ur-pin').attr('aria-hidden', 'true').style('display', 'none');
  const svg = pin.append('svg').attr('class', 'ur-pin-svg');
  return {
    rebuild(layout, root, zoom) {
      svg.selectAll('*').remove();
      svg.attr('width', layout.left * zoom).attr('height', layout.height * zoom).attr('viewBox', `0 0 ${layout.left} ${layout.height}`);
      svg.append('rect').attr('class', 'ur-pin-bg').attr('width', layout.left).attr('height', layout.height);
      const names = root.select<SVGGElement>('.ur-row-labels').node();
      if (names) svg.node()!.appendChild(names.cloneNode(true));
    },
    place(scrollPx) {
      pin.style('display', scrollPx > 0.5 ? '' : 'none').style('transform', `translateX(${scrollPx}px)`);
    },
  };
}
