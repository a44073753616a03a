/**
 * The hidden-state space chart: `createTrajectory(el, options) → { update, highlight, destroy }`.
 * Thousands of points on a canvas (coloured by class), and on an SVG above it the axes with their
 * titles, the legend and the shown sequence's path up to the step the forward pass has reached, its
 * steps numbered from 1. Sized in CSS pixels from the host's width; text grows with `textScale`.
 */
import { axisBottom, axisLeft, scaleLinear, select } from 'd3';
import { cleanScale } from './textScale';
import { apartSteps, CLASS_COLORS, extent, nearest, numberedSteps, OTHER_COLOR } from './trajectoryMath';

export interface TrajectoryOptions {
  /** Accessible name of the chart. */
  label: string;
  /** Text scale (1 normally, larger in presentation mode). */
  textScale?: number;
  /** Height of the plot in CSS px at text scale 1 (default 320). */
  height?: number;
  /** The pointer is over point `index` (or a step of the path), or over nothing. */
  onHover?: (hit: { kind: 'point' | 'path'; index: number } | null) => void;
}

export interface TrajectoryData {
  /** Coordinates on PC1, PC2 [N]. */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Per point: its index in CLASS_COLORS, or −1 (grey). [N] */
  colour: ArrayLike<number>;
  /** Legend rows: CLASS_COLORS[i] for row i, then the grey row when `grey` is set (labels already translated). */
  legend: string[];
  grey: string | null;
  legendTitle: string;
  /** The path [T] and how many of its steps to draw (0 … T). */
  path: { x: ArrayLike<number>; y: ArrayLike<number> };
  shown: number;
  /** Whether the axes cover the path too (else only the points: the path may leave the frame, clipped). */
  fitPath: boolean;
  xLabel: string;
  yLabel: string;
}

export interface TrajectoryChart {
  update(data: TrajectoryData): void;
  /** Rings one point (or path step), or none. */
  highlight(hit: { kind: 'point' | 'path'; index: number } | null): void;
  destroy(): void;
}

/** Charts made so far (names each one's clip path). */
let charts = 0;
const MARGIN = { top: 10, right: 12, bottom: 40, left: 52 };
/** The legend's column width at text scale 1 (CSS px). */
const LEGEND_W = 128;

export function createTrajectory(host: HTMLElement, options: TrajectoryOptions): TrajectoryChart {
  const k = cleanScale(options.textScale);
  const root = select(host).classed('viz-trajectory', true);
  const canvas = root.append('canvas').attr('class', 'tj-points').attr('aria-hidden', 'true');
  const svg = root.append('svg').attr('class', 'tj-svg').attr('role', 'img').attr('aria-label', options.label);
  const gx = svg.append('g').attr('class', 'axis axis-x');
  const gy = svg.append('g').attr('class', 'axis axis-y');
  const xTitle = svg.append('text').attr('class', 'tj-axis-title').attr('text-anchor', 'middle');
  const yTitle = svg.append('text').attr('class', 'tj-axis-title').attr('text-anchor', 'middle');
  const clipId = `tj-clip-${++charts}`;
  const clipRect = svg.append('clipPath').attr('id', clipId).append('rect');
  const pathG = svg.append('g').attr('class', 'tj-path').attr('clip-path', `url(#${clipId})`);
  const ring = svg.append('circle').attr('class', 'tj-ring').attr('r', 6).style('display', 'none');
  const legendG = svg.append('g').attr('class', 'tj-legend');
  let last: TrajectoryData | null = null;
  // screen positions of the points and of the path's steps, for hovering
  let sx = new Float32Array(0);
  let sy = new Float32Array(0);
  let qx = new Float32Array(0);
  let qy = new Float32Array(0);
  let hovered: { kind: 'point' | 'path'; index: number } | null = null;
  /** What the canvas shows now (the points' arrays and the size), so an unchanged picture is not painted again. */
  let painted: { x: ArrayLike<number>; colour: ArrayLike<number>; W: number; H: number; dpr: number } | null = null;

  const draw = (): void => {
    const d = last;
    if (!d) return;
    const M = { top: MARGIN.top * k, right: MARGIN.right * k, bottom: MARGIN.bottom * k, left: MARGIN.left * k };
    const total = Math.max(240, host.clientWidth || 480);
    const legendW = Math.min(LEGEND_W * k, total * 0.34);
    const W = total;
    const H = Math.round((options.height ?? 320) * Math.min(1.3, k));
    const plotRight = W - legendW - M.right;
    const xs = scaleLinear().domain(extent(d.fitPath ? [d.x, d.path.x] : [d.x])).range([M.left, plotRight]).nice();
    const ys = scaleLinear().domain(extent(d.fitPath ? [d.y, d.path.y] : [d.y])).range([H - M.bottom, M.top]).nice();
    clipRect.attr('x', M.left).attr('y', M.top).attr('width', Math.max(0, plotRight - M.left)).attr('height', Math.max(0, H - M.bottom - M.top));
    svg.attr('width', W).attr('height', H).attr('viewBox', `0 0 ${W} ${H}`);
    host.style.height = `${H}px`;
    // the points, on a canvas at the device's pixel density: painted again only when they, their
    // colours or the size change (a sweep moves only the path)
    const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
    const n = d.x.length;
    const same = painted && painted.x === d.x && painted.colour === d.colour && painted.W === W && painted.H === H && painted.dpr === dpr;
    if (!same) {
      const cv = canvas.node()!;
      cv.width = Math.round(W * dpr);
      cv.height = Math.round(H * dpr);
      cv.style.width = `${W}px`;
      cv.style.height = `${H}px`;
      sx = new Float32Array(n);
      sy = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        sx[i] = xs(d.x[i]!);
        sy[i] = ys(d.y[i]!);
      }
      paintPoints(cv, d.colour, W, H, dpr, (n > 2000 ? 2 : n > 500 ? 2.6 : 3.4) * Math.min(1.5, k));
      painted = { x: d.x, colour: d.colour, W, H, dpr };
    }
    // axes and their titles
    gx.attr('transform', `translate(0,${H - M.bottom})`).call(axisBottom(xs).ticks(Math.max(3, Math.floor((plotRight - M.left) / (80 * k)))));
    gy.attr('transform', `translate(${M.left},0)`).call(axisLeft(ys).ticks(Math.max(3, Math.floor((H - M.top - M.bottom) / (50 * k)))));
    xTitle.attr('x', (M.left + plotRight) / 2).attr('y', H - 6 * k).text(d.xLabel);
    yTitle.attr('transform', `translate(${13 * k},${(H - M.bottom + M.top) / 2}) rotate(-90)`).text(d.yLabel);
    // the path up to the step reached, numbered from 1
    const T = d.path.x.length;
    const shown = Math.max(0, Math.min(T, d.shown));
    qx = new Float32Array(shown);
    qy = new Float32Array(shown);
    for (let t = 0; t < shown; t++) {
      qx[t] = xs(d.path.x[t]!);
      qy[t] = ys(d.path.y[t]!);
    }
    pathG.attr('data-shown', shown);
    pathG.selectAll('polyline').data(shown > 1 ? [0] : []).join('polyline')
      .attr('points', Array.from(qx, (v, t) => `${v.toFixed(1)},${qy[t]!.toFixed(1)}`).join(' '));
    pathG.selectAll<SVGCircleElement, number>('circle').data(Array.from({ length: shown }, (_, t) => t)).join('circle')
      .attr('cx', (t) => qx[t]!).attr('cy', (t) => qy[t]!).attr('r', (t) => (t === shown - 1 ? 5 : 3.2))
      .classed('is-current', (t) => t === shown - 1).attr('data-step', (t) => t + 1);
    pathG.selectAll<SVGTextElement, number>('text').data(apartSteps(numberedSteps(shown), qx, qy, 16 * k)).join('text')
      .attr('x', (t) => qx[t]! + 6).attr('y', (t) => qy[t]! - 6).text((t) => String(t + 1));
    // the legend, at the right
    const rows = [...d.legend.map((label, i) => ({ label, color: CLASS_COLORS[i]! })), ...(d.grey ? [{ label: d.grey, color: OTHER_COLOR }] : [])];
    const lx = W - legendW + 4 * k;
    const rowH = 17 * k;
    legendG.selectAll('text.tj-legend-title').data([d.legendTitle]).join('text').attr('class', 'tj-legend-title')
      .attr('x', lx).attr('y', M.top + 12 * k).text((s) => s);
    const row = legendG.selectAll<SVGGElement, { label: string; color: string }>('g.tj-legend-row').data(rows).join((e) => {
      const g = e.append('g').attr('class', 'tj-legend-row');
      g.append('circle').attr('r', 5);
      g.append('text');
      return g;
    }).attr('transform', (_, i) => `translate(${lx},${M.top + 12 * k + (i + 1) * rowH})`);
    row.select('circle').attr('cx', 5).attr('cy', -4 * k).attr('fill', (r) => r.color);
    row.select('text').attr('x', 14).text((r) => r.label);
    applyRing();
  };

  /** Paints the points at (sx, sy) in their classes' colours, grey first so the classes lie on top. */
  const paintPoints = (cv: HTMLCanvasElement, colour: ArrayLike<number>, W: number, H: number, dpr: number, r: number): void => {
    const ctx = cv.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    for (let c = -1; c < CLASS_COLORS.length; c++) {
      ctx.fillStyle = c < 0 ? OTHER_COLOR : CLASS_COLORS[c]!;
      ctx.globalAlpha = c < 0 ? 0.45 : 0.7;
      ctx.beginPath();
      for (let i = 0; i < sx.length; i++) {
        if ((colour[i]! < 0 ? -1 : colour[i]!) !== c) continue;
        ctx.moveTo(sx[i]! + r, sy[i]!);
        ctx.arc(sx[i]!, sy[i]!, r, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  };

  const applyRing = (): void => {
    const h = hovered;
    const at = h ? (h.kind === 'point' ? [sx[h.index], sy[h.index]] : [qx[h.index], qy[h.index]]) : null;
    if (!at || at[0] === undefined || at[1] === undefined) {
      ring.style('display', 'none');
      return;
    }
    ring.style('display', null).attr('cx', at[0]).attr('cy', at[1]);
  };

  svg.on('pointermove', (event: PointerEvent) => {
    const box = (svg.node() as SVGSVGElement).getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const p = nearest(qx, qy, x, y, 9);
    const i = p >= 0 ? -1 : nearest(sx, sy, x, y, 7);
    const hit = p >= 0 ? { kind: 'path' as const, index: p } : i >= 0 ? { kind: 'point' as const, index: i } : null;
    if (hit?.kind === hovered?.kind && hit?.index === hovered?.index) return;
    hovered = hit;
    applyRing();
    options.onHover?.(hit);
  }).on('pointerleave', () => {
    hovered = null;
    applyRing();
    options.onHover?.(null);
  });

  const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(() => draw()) : null;
  resize?.observe(host);

  return {
    update(data) {
      last = data;
      draw();
    },
    highlight(hit) {
      hovered = hit;
      applyRing();
    },
    destroy() {
      resize?.disconnect();
      root.selectAll('*').remove();
      root.classed('viz-trajectory', false);
      host.style.height = '';
    },
  };
}
