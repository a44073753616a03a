/**
 * An SVG line chart for values over steps: several series (e.g. raw and smoothed loss, or one per
 * cell type), dashed reference lines (e.g. chance level), linear or log y, a highlighted x, and a
 * hover read-out of every series at the nearest x. The axes and paths are created once; each update
 * only rewrites path data and tick positions.
 */
import './heatmap.css';
import { axisBottom, axisLeft, scaleLinear, scaleLog, select } from 'd3';
import { keepAttr } from './domWrite';
import { shortNumber } from './legend';
import { linePath, nearestIndex, thin, yExtent } from './lineMath';
import { cleanScale, grownFrame } from './textScale';

/** One line. `x` ascending; non-finite y (and y ≤ 0 on a log axis) leave a gap. */
export interface LineSeries {
  id: string;
  label: string;
  color: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  width?: number;
  opacity?: number;
  dash?: string;
  /** Include in the hover read-out (default true). */
  readout?: boolean;
}

export interface LineChartData {
  series: LineSeries[];
  /** Horizontal dashed lines, e.g. chance level ln V. */
  refLines?: { y: number; label: string }[];
  log?: boolean;
  /** An x to mark with a vertical line (linked hover/selection). */
  highlightX?: number | null;
}

export interface LineChartOptions {
  /** Accessible name of the chart. */
  label: string;
  height?: number;
  /** Called with the hovered x (null on leave). */
  onHover?: (x: number | null) => void;
  formatX?: (x: number) => string;
  formatY?: (y: number) => string;
  /** x values are whole numbers (steps): ticks only there. */
  integerX?: boolean;
  /** Text scale (1 normally, larger in presentation mode): the margins and the height grow with the text. */
  textScale?: number;
}

export interface LineChart {
  update(data: LineChartData): void;
  destroy(): void;
}

const MARGIN = { top: 8, right: 12, bottom: 22, left: 44 };

/** Builds a line chart inside `host` (appends one element; destroy removes it). */
export function createLineChart(host: HTMLElement, options: LineChartOptions): LineChart {
  const k = cleanScale(options.textScale);
  const { M, H: height } = grownFrame(MARGIN, options.height ?? 180, k);
  const fmtX = options.formatX ?? ((x: number) => String(Math.round(x)));
  const fmtY = options.formatY ?? shortNumber;
  const root = select(host).append('div').attr('class', 'viz-line');
  const svg = root.append('svg').attr('role', 'img').attr('aria-label', options.label).attr('height', height)
    .attr('tabindex', 0).style('display', 'block').style('width', '100%').style('overflow', 'visible');
  const gx = svg.append('g').attr('class', 'viz-line-x');
  const gy = svg.append('g').attr('class', 'viz-line-y');
  const gRefs = svg.append('g').attr('class', 'viz-line-refs');
  const gLines = svg.append('g').attr('class', 'viz-line-paths').attr('fill', 'none');
  const cursor = svg.append('line').attr('class', 'viz-line-cursor').attr('stroke', 'currentColor')
    .attr('stroke-opacity', 0.5).attr('y1', M.top).attr('y2', height - M.bottom).style('display', 'none');
  const gDots = svg.append('g');
  const tip = root.append('div').attr('class', 'viz-heatmap-tip').attr('role', 'status').property('hidden', true);
  root.style('position', 'relative');

  let data: LineChartData = { series: [] };
  let width = host.clientWidth || 400;
  let hoverX: number | null = null;
  let xAxisKey = '';
  let yAxisKey = '';
  const x = scaleLinear();
  let y: ReturnType<typeof scaleLinear<number, number>> | ReturnType<typeof scaleLog<number, number>> = scaleLinear();

  const draw = () => {
    svg.attr('width', width);
    let x0 = Infinity;
    let x1 = -Infinity;
    for (const s of data.series) {
      if (!s.x.length) continue;
      x0 = Math.min(x0, s.x[0]);
      x1 = Math.max(x1, s.x[s.x.length - 1]);
    }
    if (!(x1 >= x0)) [x0, x1] = [0, 1];
    x.domain([x0, x1 > x0 ? x1 : x0 + 1]).range([M.left, width - M.right]);
    const refs = (data.refLines ?? []).map((r) => r.y);
    const ext = yExtent(data.series.map((s) => s.y), refs, !!data.log);
    y = (data.log ? scaleLog() : scaleLinear()).domain(ext).range([height - M.bottom, M.top]);
    if (!data.log) (y as ReturnType<typeof scaleLinear<number, number>>).nice();
    const xKey = `${x.domain().join()}|${width}`;
    if (xKey !== xAxisKey) {
      xAxisKey = xKey;
      const xTicks = x.ticks(Math.max(2, Math.floor(width / (90 * k)))).filter((v) => !options.integerX || Number.isInteger(v));
      gx.attr('transform', `translate(0,${height - M.bottom})`).call(axisBottom(x).tickValues(xTicks).tickFormat((v) => fmtX(+v)));
      // a label at either end ("step 25") slides inward instead of being cut at the chart's edge
      gx.selectAll<SVGTextElement, number>('.tick text').each(function (v) {
        const w = typeof this.getComputedTextLength === 'function' ? this.getComputedTextLength() : 0;
        const cx = x(v);
        const shift = Math.max(0, w / 2 - cx) + Math.min(0, width - cx - w / 2);
        this.setAttribute('x', String(Math.round(shift)));
      });
    }
    const yKey = `${y.domain().join()}|${data.log ? 'log' : 'lin'}`;
    if (yKey !== yAxisKey) {
      yAxisKey = yKey;
      gy.attr('transform', `translate(${M.left},0)`).call(axisLeft(y).ticks(4).tickFormat((v) => fmtY(+v)));
    }
    const log = !!data.log;
    // at most two points (min and max) per pixel column, so spikes survive
    const columns = Math.max(100, Math.round(width - M.left - M.right));
    const paths = gLines.selectAll<SVGPathElement, LineSeries>('path').data(data.series, (s) => s.id).join('path');
    keepAttr(keepAttr(keepAttr(paths, 'stroke', (s) => s.color), 'stroke-width', (s) => s.width ?? 1.5), 'stroke-opacity', (s) => s.opacity ?? 1);
    keepAttr(paths, 'stroke-dasharray', (s) => s.dash ?? 'none');
    paths.attr('d', (s) => {
      const cur = thin(s.x, s.y, 2 * columns);
      return linePath(cur.x, cur.y, (v) => x(v), (v) => y(v), log);
    });
    gRefs.selectAll('g').data(data.refLines ?? []).join((enter) => {
      const g = enter.append('g');
      g.append('line').attr('stroke', 'currentColor').attr('stroke-dasharray', '4 3').attr('stroke-opacity', 0.7);
      // a halo in the panel's colour keeps the label readable where curves cross it (the race's chance line)
      g.append('text').attr('class', 'lc-ref-label').attr('font-size', 10).attr('fill', 'currentColor').attr('text-anchor', 'end')
        .attr('paint-order', 'stroke').attr('stroke', 'var(--surface, #fff)').attr('stroke-width', 4).attr('stroke-linejoin', 'round');
      return g;
    }).each(function (r) {
      const g = select(this);
      const yy = y(r.y);
      const show = Number.isFinite(yy) && yy >= M.top && yy <= height - M.bottom;
      g.style('display', show ? '' : 'none');
      g.select('line').attr('x1', M.left).attr('x2', width - M.right).attr('y1', yy).attr('y2', yy);
      g.select('text').attr('x', width - M.right).attr('y', yy - 3).text(r.label);
    });
    drawCursor();
  };

  const drawCursor = () => {
    const at = hoverX ?? data.highlightX ?? null;
    cursor.style('display', at == null ? 'none' : '').attr('x1', at == null ? 0 : x(at)).attr('x2', at == null ? 0 : x(at));
    const rows = at == null ? [] : data.series.filter((s) => s.readout !== false).map((s) => {
      const k = nearestIndex(s.x, at);
      return { s, k, v: k >= 0 ? +s.y[k] : NaN };
    });
    gDots.selectAll('circle').data(rows.filter((r) => Number.isFinite(r.v) && (!data.log || r.v > 0)))
      .join('circle').attr('r', 3).attr('fill', (r) => r.s.color)
      .attr('cx', (r) => x(+r.s.x[r.k])).attr('cy', (r) => y(r.v));
    if (hoverX == null || rows.length === 0) {
      tip.property('hidden', true);
      return;
    }
    const k0 = rows[0].k;
    tip.property('hidden', false)
      .text(`${fmtX(k0 >= 0 ? +rows[0].s.x[k0] : hoverX)} · ${rows.map((r) => `${r.s.label} ${fmtY(r.v)}`).join(' · ')}`);
    const node = tip.node();
    const px = x(hoverX) + 10;
    const maxX = width - (node?.offsetWidth ?? 0) - 2;
    tip.style('left', `${Math.max(0, Math.min(px, maxX))}px`).style('top', `${M.top}px`);
  };

  svg.on('pointermove', (e: PointerEvent) => {
    const r = (svg.node() as SVGSVGElement).getBoundingClientRect();
    const px = e.clientX - r.left;
    hoverX = px >= M.left && px <= width - M.right ? x.invert(px) : null;
    drawCursor();
    options.onHover?.(hoverX);
  }).on('pointerleave', () => {
    hoverX = null;
    drawCursor();
    options.onHover?.(null);
  });

  const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => {
    const w = host.clientWidth || 400;
    if (w === width) return;
    width = w;
    draw();
  });
  resize?.observe(host);

  return {
    update(next) {
      data = next;
      draw();
    },
    destroy() {
      resize?.disconnect();
      svg.on('pointermove', null).on('pointerleave', null);
      root.remove();
    },
  };
}
