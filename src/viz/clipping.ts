/**
 * The clipping chart: gradient norm per optimizer step before clipping (solid) and after (dashed)
 * on a log axis, clip events marked as ticks, and the threshold as a horizontal line that can be
 * dragged (norm clipping only: in value mode the threshold bounds single entries, not the norm).
 */
import { axisBottom, axisLeft, drag, line, pointer } from 'd3';
import { createLogChartFrame } from './logChartFrame';
import { logDomain, logSafe, logTickLabel, logTicks } from './flowCurveMath';
import { roundThreshold, type ClipMode } from './clippingMath';

export interface ClippingOptions {
  /** Accessible name of the chart and of the draggable line (already translated). */
  label: string;
  lineLabel: string;
  xLabel: string;
  yLabel: string;
  /** While dragging: the threshold under the pointer (for a live read-out). */
  onDrag?: (threshold: number) => void;
  /** When a drag ends: the threshold chosen. */
  onThreshold: (threshold: number) => void;
  /** Text scale (1 normally, larger in presentation mode). */
  textScale?: number;
}

export interface ClippingData {
  /** Optimizer step numbers [n]. */
  step: ArrayLike<number>;
  /** Gradient norm before / after clipping [n]. */
  gradNorm: ArrayLike<number>;
  clippedNorm: ArrayLike<number>;
  /** 1 where the step was clipped [n]. */
  clipped: ArrayLike<number>;
  /** Threshold (0 = off). */
  threshold: number;
  mode: ClipMode;
}

export interface ClippingChart {
  update(data: ClippingData): void;
  destroy(): void;
}

const W = 360;

/** Creates the chart inside `host` (an empty element it owns). */
export function createClipping(host: HTMLElement, options: ClippingOptions): ClippingChart {
  const { svg, x, y, gx, gy, M, height: H } = createLogChartFrame(host, 'viz-clipping', W, 200, options);
  const rule = svg.append('line').attr('class', 'threshold-rule').attr('x1', M.left).attr('x2', W - M.right);
  const before = svg.append('path').attr('class', 'norm-before').attr('fill', 'none');
  const after = svg.append('path').attr('class', 'norm-after').attr('fill', 'none');
  const events = svg.append('path').attr('class', 'clip-events').attr('fill', 'none');
  const handle = svg.append('g').attr('class', 'threshold-line')
    .attr('role', 'slider').attr('aria-label', options.lineLabel).attr('data-testid', 'clip-threshold-line');
  handle.append('line').attr('class', 'grip').attr('x1', W - M.right - 14).attr('x2', W - M.right);
  handle.append('rect').attr('class', 'hit').attr('x', M.left).attr('width', W - M.left - M.right)
    .attr('y', -7).attr('height', 14).attr('fill', 'transparent');

  const place = (v: number) => {
    handle.attr('transform', `translate(0,${y(v)})`).attr('aria-valuenow', v);
    rule.attr('y1', y(v)).attr('y2', y(v));
  };
  const valueAtPointer = (event: { sourceEvent: Event }): number | null => {
    const py = pointer(event.sourceEvent, svg.node())[1];
    return roundThreshold(y.invert(Math.max(M.top, Math.min(H - M.bottom, py))));
  };
  handle.call(drag<SVGGElement, unknown>()
    .on('drag', (event) => {
      const v = valueAtPointer(event);
      if (v === null) return;
      place(v);
      options.onDrag?.(v);
    })
    .on('end', (event) => {
      const v = valueAtPointer(event);
      if (v !== null) options.onThreshold(v);
    }));

  return {
    update(data) {
      const n = data.step.length;
      const lo = n > 0 ? data.step[0] : 0;
      const hi = n > 1 ? data.step[n - 1] : lo + 1;
      x.domain([lo, hi > lo ? hi : lo + 1]);
      const withLine = data.threshold > 0 ? [data.gradNorm, data.clippedNorm, [data.threshold]] : [data.gradNorm, data.clippedNorm];
      const domain = logDomain(withLine);
      y.domain(domain);
      gx.call(axisBottom(x).ticks(5, 'd'));
      gy.call(axisLeft(y).tickValues(logTicks(domain)).tickFormat((v) => logTickLabel(+v)));
      const path = (values: ArrayLike<number>) => line<number>()
        .defined((v) => logSafe(v) !== null)
        .x((_, i) => x(data.step[i]))
        .y((v) => y(logSafe(v) ?? 1))(Array.from(values)) ?? '';
      before.attr('d', path(data.gradNorm));
      after.attr('d', path(data.clippedNorm));
      let ticks = '';
      for (let i = 0; i < n; i++) {
        if (!data.clipped[i]) continue;
        const yy = y(logSafe(data.gradNorm[i]) ?? 1);
        ticks += `M${x(data.step[i]).toFixed(1)},${(yy - 4).toFixed(1)}v8`;
      }
      events.attr('d', ticks);
      const showLine = data.threshold > 0 && data.mode === 'norm';
      handle.style('display', showLine ? 'inline' : 'none');
      rule.style('display', showLine ? 'inline' : 'none');
      if (showLine) place(data.threshold);
    },
    destroy() {
      handle.on('.drag', null);
      svg.remove();
    },
  };
}
