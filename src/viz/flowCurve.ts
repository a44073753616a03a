/**
 * Line chart of gradient norm versus distance t − k on a logarithmic y axis, one line per model
 * (rnn / lstm / gru overlay in compare mode). Built once per set of series; each update only moves
 * the lines and rescales the axes.
 */
import { axisBottom, axisLeft, line, pointer } from 'd3';
import { createLogChartFrame } from './logChartFrame';
import { SERIES_COLORS } from './color';
import { distanceCurve, logDomain, logSafe, logTickLabel, logTicks } from './flowCurveMath';

/** One line: `values` [D] indexed by distance d = 0 … D − 1. */
export interface CurveSeries {
  /** Stable key, e.g. 'rnn'. */
  id: string;
  /** Visible name (already translated). */
  name: string;
  /** CSS colour (use a colour-blind-safe palette). */
  color: string;
  values: ArrayLike<number>;
}

const CELL_ORDER = ['rnn', 'lstm', 'gru'];

/** The colour of a cell's line, the same in every gradient picture (Okabe–Ito: rnn blue, lstm vermillion, gru green). */
export function cellColor(cell: string): string {
  return SERIES_COLORS[Math.max(0, CELL_ORDER.indexOf(cell))];
}

/**
 * The gradient-versus-distance curve of every model that has a flow matrix ([T][T], row-major);
 * `name` gives each cell's visible name.
 */
export function flowSeries(models: readonly { cell: string; T: number; flow: Float64Array | null }[],
  name: (cell: string) => string): CurveSeries[] {
  return models.filter((m) => m.flow).map((m) => ({
    id: m.cell, name: name(m.cell), color: cellColor(m.cell), values: distanceCurve(m.flow as Float64Array, m.T),
  }));
}

export interface FlowCurveOptions {
  /** Accessible name of the chart. */
  label: string;
  /** Axis titles (already translated). */
  xLabel: string;
  yLabel: string;
  /** Height in viewBox units (width is 360); default 190. */
  height?: number;
  /** Called with the distance under the pointer (null when it leaves). */
  onHover?: (distance: number | null) => void;
  /** Text scale (1 normally, larger in presentation mode). */
  textScale?: number;
}

export interface FlowCurveData {
  series: CurveSeries[];
  /** A distance to mark with a vertical rule (e.g. the hovered one). */
  highlight?: number | null;
  /** Fixed y domain [lo, hi] (powers of ten), so pictures taken one after another compare; default: fit the data. */
  domain?: readonly [number, number];
  /** Earlier curves drawn faint and dashed behind the live ones ("before"), not counted in the fitted domain. */
  ghosts?: CurveSeries[];
  /**
   * The reach of the first series: a dashed level at `fraction` of its value at distance 0 and a marker
   * at distance `steps` (the last distance still at or above that level).
   */
  reach?: { steps: number; fraction: number } | null;
}

export interface FlowCurve {
  update(data: FlowCurveData): void;
  destroy(): void;
}

const W = 360;

/** Creates the chart inside `host` (an empty element it owns). */
export function createFlowCurve(host: HTMLElement, options: FlowCurveOptions): FlowCurve {
  const { svg, x, y, gx, gy, M, height: H } = createLogChartFrame(host, 'viz-flow-curve', W, options.height ?? 190, options);
  const ghostLines = svg.append('g').attr('class', 'ghost-lines');
  const lines = svg.append('g').attr('class', 'lines');
  const level = svg.append('line').attr('class', 'reach-level').style('display', 'none');
  const reachMark = svg.append('g').attr('class', 'reach-mark').style('display', 'none');
  reachMark.append('line').attr('y1', M.top).attr('y2', H - M.bottom);
  reachMark.append('text').attr('class', 'reach-label').attr('y', 2 * M.top);
  const rule = svg.append('line').attr('class', 'hover-rule').attr('y1', M.top).attr('y2', H - M.bottom)
    .style('display', 'none');
  let maxD = 1;
  const overlay = svg.append('rect').attr('class', 'hover-target').attr('x', M.left).attr('y', M.top)
    .attr('width', W - M.left - M.right).attr('height', H - M.top - M.bottom).attr('fill', 'transparent');
  if (options.onHover) {
    const onHover = options.onHover;
    overlay.on('pointermove', (event: PointerEvent) => {
      const d = Math.round(x.invert(pointer(event)[0]));
      onHover(Math.max(0, Math.min(maxD, d)));
    }).on('pointerleave', () => onHover(null));
  }

  return {
    update({ series, highlight, domain: fixed, ghosts = [], reach = null }) {
      const D = [...series, ...ghosts].reduce((m, s) => Math.max(m, s.values.length), 0);
      maxD = Math.max(1, D - 1);
      x.domain([0, maxD]);
      const domain = fixed ? [fixed[0], fixed[1]] as [number, number] : logDomain(series.map((s) => s.values));
      y.domain(domain);
      gx.call(axisBottom(x).ticks(6, 'd'));
      gy.call(axisLeft(y).tickValues(logTicks(domain)).tickFormat((v) => logTickLabel(+v)));
      const path = line<number>()
        .defined((v) => logSafe(v) !== null) // exact zeros sit on the bottom edge (the scale clamps)
        .x((_, i) => x(i))
        .y((v) => y(logSafe(v) ?? 1));
      lines.selectAll<SVGPathElement, CurveSeries>('path')
        .data(series, (s) => s.id)
        .join((enter) => enter.append('path').attr('fill', 'none').attr('stroke-width', 2))
        .attr('data-series', (s) => s.id)
        .attr('stroke', (s) => s.color)
        .attr('d', (s) => path(Array.from(s.values)) ?? '');
      ghostLines.selectAll<SVGPathElement, CurveSeries>('path')
        .data(ghosts, (s) => s.id)
        .join((enter) => enter.append('path').attr('fill', 'none').attr('stroke-width', 2).attr('stroke-dasharray', '5 4')
          .attr('stroke-opacity', 0.6))
        .attr('data-ghost', (s) => s.id)
        .attr('stroke', (s) => s.color)
        .attr('d', (s) => path(Array.from(s.values)) ?? '');
      const at0 = series[0]?.values[0];
      if (reach && at0 !== undefined && at0 > 0 && Number.isFinite(at0)) {
        const ly = y(logSafe(at0 * reach.fraction) ?? 1);
        level.style('display', null).attr('x1', M.left).attr('x2', W - M.right).attr('y1', ly).attr('y2', ly);
        const rx = x(Math.min(maxD, reach.steps));
        reachMark.style('display', null).attr('transform', `translate(${rx},0)`);
        reachMark.select('text').attr('text-anchor', rx > W / 2 ? 'end' : 'start').attr('x', rx > W / 2 ? -4 : 4).text(String(reach.steps));
      } else {
        level.style('display', 'none');
        reachMark.style('display', 'none');
      }
      if (highlight === null || highlight === undefined || highlight > maxD) rule.style('display', 'none');
      else rule.style('display', null).attr('x1', x(highlight)).attr('x2', x(highlight));
    },
    destroy() {
      overlay.on('pointermove', null).on('pointerleave', null);
      svg.remove();
    },
  };
}
