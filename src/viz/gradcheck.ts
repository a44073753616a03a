/**
 * The gradient check gauge: the relative error between the BPTT gradient and its finite-difference
 * estimate on a log axis from 1e-16 to 1, with the pass line at 1e-6 and the region above it shaded.
 */
import { axisBottom, format, scaleLog, select } from 'd3';
import { grownFrame, shownWidth, viewBoxTextScale } from './textScale';

export interface GradCheckOptions {
  /** Accessible name of the gauge (already translated). */
  label: string;
  /** Caption of the pass line, e.g. "10⁻⁶". */
  passLabel: string;
  /** Text scale (1 normally, larger in presentation mode). */
  textScale?: number;
}

export interface GradCheckGauge {
  /** Marks `relError` on the gauge (null hides the mark). */
  update(relError: number | null): void;
  destroy(): void;
}

const W = 360;
const MARGIN = { left: 16, right: 16, top: 14, bottom: 22 };
/** Where the gauge starts and ends; exact agreement (0) sits at the left edge. */
export const GAUGE_DOMAIN: [number, number] = [1e-16, 1];
/** The relative error below which a check passes. */
export const PASS_LEVEL = 1e-6;

/** Creates the gauge inside `host` (an empty element it owns). */
export function createGradCheckGauge(host: HTMLElement, options: GradCheckOptions): GradCheckGauge {
  const g = viewBoxTextScale(options.textScale, W, shownWidth(host));
  const { M, H } = grownFrame(MARGIN, 58, g);
  const x = scaleLog().domain(GAUGE_DOMAIN).range([M.left, W - M.right]).clamp(true);
  const svg = select(host).append('svg').attr('class', 'viz-gradcheck').attr('viewBox', `0 0 ${W} ${H}`)
    .attr('role', 'img').attr('aria-label', options.label).style('--chart-text', String(g));
  const y0 = M.top;
  const y1 = H - M.bottom;
  svg.append('rect').attr('class', 'fail-zone').attr('x', x(PASS_LEVEL)).attr('y', y0)
    .attr('width', x(1) - x(PASS_LEVEL)).attr('height', y1 - y0);
  svg.append('rect').attr('class', 'pass-zone').attr('x', x(GAUGE_DOMAIN[0])).attr('y', y0)
    .attr('width', x(PASS_LEVEL) - x(GAUGE_DOMAIN[0])).attr('height', y1 - y0);
  svg.append('line').attr('class', 'pass-line').attr('x1', x(PASS_LEVEL)).attr('x2', x(PASS_LEVEL))
    .attr('y1', y0 - 4).attr('y2', y1);
  svg.append('text').attr('class', 'pass-label').attr('x', x(PASS_LEVEL)).attr('y', y0 - 5)
    .attr('text-anchor', 'middle').text(options.passLabel);
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${y1})`)
    .call(axisBottom(x).tickValues([1e-16, 1e-12, 1e-8, 1e-4, 1]).tickFormat(format('.0e')));
  const mark = svg.append('path').attr('class', 'mark').attr('d', `M0,${y0}L-6,${y0 - 9}L6,${y0 - 9}Z M0,${y0}V${y1}`)
    .style('display', 'none');
  return {
    update(relError) {
      if (relError === null || Number.isNaN(relError)) {
        mark.style('display', 'none');
        return;
      }
      const v = relError > 0 ? relError : GAUGE_DOMAIN[0];
      mark.style('display', null).attr('transform', `translate(${x(Math.min(v, 1))},0)`);
    },
    destroy() {
      svg.remove();
    },
  };
}
