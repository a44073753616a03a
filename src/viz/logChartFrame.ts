/**
 * The frame shared by the log-scale line charts (gradient norm per step, gradient versus distance):
 * a fixed viewBox, a linear x scale, a clamped log y scale, two axis groups and two axis titles.
 */
import { scaleLinear, scaleLog, select, type ScaleLinear, type ScaleLogarithmic, type Selection } from 'd3';
import { grownFrame, shownWidth, viewBoxTextScale } from './textScale';

/** Margins inside the viewBox (px). */
export const LOG_CHART_MARGIN = { top: 10, right: 12, bottom: 34, left: 56 } as const;

export interface LogChartFrame {
  svg: Selection<SVGSVGElement, unknown, null, undefined>;
  x: ScaleLinear<number, number>;
  y: ScaleLogarithmic<number, number>;
  /** The x and y axis groups, already placed. */
  gx: Selection<SVGGElement, unknown, null, undefined>;
  gy: Selection<SVGGElement, unknown, null, undefined>;
  /** The margins and height actually used (grown with the text in presentation mode). */
  M: { top: number; right: number; bottom: number; left: number };
  height: number;
}

/**
 * Appends to `host` an `<svg class={className}>` of `width`×`baseHeight` with role img and `label` as its
 * accessible name, the scales' ranges set, the axis groups and the axis titles. With a text scale
 * above 1 the text (CSS `--chart-text`), the margins and the height grow as the shown width needs.
 */
export function createLogChartFrame(host: HTMLElement, className: string, width: number, baseHeight: number,
  text: { label: string; xLabel: string; yLabel: string; textScale?: number }): LogChartFrame {
  const g = viewBoxTextScale(text.textScale, width, shownWidth(host));
  const { M, H: height } = grownFrame(LOG_CHART_MARGIN, baseHeight, g);
  const svg = select(host).append('svg').attr('class', className).attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img').attr('aria-label', text.label).style('--chart-text', String(g));
  const x = scaleLinear().range([M.left, width - M.right]);
  const y = scaleLog().range([height - M.bottom, M.top]).clamp(true);
  const gx = svg.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${height - M.bottom})`);
  const gy = svg.append('g').attr('class', 'axis axis-y').attr('transform', `translate(${M.left},0)`);
  svg.append('text').attr('class', 'axis-title').attr('x', (M.left + width - M.right) / 2).attr('y', height - 4)
    .attr('text-anchor', 'middle').text(text.xLabel);
  svg.append('text').attr('class', 'axis-title').attr('text-anchor', 'middle')
    .attr('transform', `translate(${11 * g},${(height - M.bottom + M.top) / 2}) rotate(-90)`).text(text.yLabel);
  return { svg, x, y, gx, gy, M, height };
}
