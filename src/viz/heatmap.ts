/**
 * A canvas heatmap: rows × cols cells coloured by a diverging, sequential or log scale, with labels,
 * a legend, highlight of a row/column, a hover/keyboard read-out of the exact value, and clicks.
 * Structure (canvas sizes, labels) is rebuilt only when the shape, labels or width change; each
 * update otherwise repaints the cell image (one pixel per cell, scaled up crisply).
 */
import './heatmap.css';
import { sanitizeDomain, type ScaleKind } from './color';
import { cellAt, layoutHeatmap, longestLabel, sameLayout, type HeatmapLayout } from './heatmapLayout';
import { fillImage, paintCells, paintLabels, paintOverlay, sizeCanvas, type CellData } from './heatmapPaint';
import { createLegend, shortNumber, type Legend } from './legend';
import { cleanScale } from './textScale';

/** A cell position: row (e.g. unit) and column (e.g. time step). */
export interface Cell { row: number; col: number }

export interface HeatmapOptions {
  scale: ScaleKind;
  /** Accessible name of the chart. */
  label: string;
  /** Pointer/keyboard moves over a cell (null when leaving). */
  onHover?: (cell: Cell | null) => void;
  onClick?: (cell: Cell) => void;
  /** Read-out text of a cell; default "rowLabel, colLabel: value". */
  describe?: (cell: Cell, value: number) => string;
  /** Number formatting of the read-out and the legend ticks. */
  format?: (v: number) => string;
  /** Legend: its title and the non-finite swatch text; `false` for none. */
  legend?: { title?: string; nonFiniteLabel?: string } | false;
  /** Cell area grows up to this height (CSS px) before cells stop growing; default 260. */
  maxHeight?: number;
  minCellW?: number;
  minCellH?: number;
  /** Text scale (1 normally, larger in presentation mode): labels grow, and so do the cells that carry them. */
  textScale?: number;
}

/** Label font size at text scale 1 (CSS px). */
const LABEL_PX = 10;

/** One frame of data. `values` is row-major [rows][cols]. */
export interface HeatmapData extends CellData {
  /** Colour domain; default from the data (diverging: symmetric about 0; log: smallest positive to largest). */
  domain?: [number, number];
  rowLabels?: string[];
  colLabels?: string[];
  /** Row and/or column to outline (linked hover/selection from elsewhere). */
  highlight?: { row?: number | null; col?: number | null; row2?: number | null };
}

export interface Heatmap {
  /**
   * Draws a frame (cheap when only values or the highlight changed). The cells are repainted when
   * the values array, the mask function or the domain is a new one: values changed in place in
   * the same array with the same mask and domain are not repainted (pass a new array).
   */
  update(data: HeatmapData): void;
  /** Removes every element and listener. */
  destroy(): void;
}

/** Builds a heatmap inside `host` (appends its elements; the host should be a block element). */
export function createHeatmap(host: HTMLElement, options: HeatmapOptions): Heatmap {
  const format = options.format ?? shortNumber;
  const fontPx = LABEL_PX * cleanScale(options.textScale);
  const root = el('div', 'viz-heatmap');
  const scroll = el('div', 'viz-heatmap-scroll');
  const stack = el('div', 'viz-heatmap-stack');
  const labels = el('canvas', 'viz-heatmap-labels');
  const cells = el('canvas', 'viz-heatmap-cells');
  const overlay = el('canvas', 'viz-heatmap-overlay');
  const tip = el('div', 'viz-heatmap-tip');
  const scratch = document.createElement('canvas');
  overlay.tabIndex = 0;
  overlay.setAttribute('role', 'img');
  overlay.setAttribute('aria-label', options.label);
  labels.setAttribute('aria-hidden', 'true');
  // the label size the canvas is painted with, readable from the page (its text is not)
  labels.setAttribute('data-label-px', String(fontPx));
  cells.setAttribute('aria-hidden', 'true');
  tip.setAttribute('role', 'status');
  tip.hidden = true;
  stack.append(labels, cells, overlay);
  scroll.append(stack);
  root.append(scroll, tip);
  host.append(root);
  const legend: Legend | null = options.legend === false ? null
    : createLegend(root, { scale: options.scale, format, title: options.legend?.title, nonFiniteLabel: options.legend?.nonFiniteLabel });

  let data: HeatmapData | null = null;
  let layout: HeatmapLayout | null = null;
  let image: ImageData | null = null;
  let labelKey = '';
  let width = 0;
  let focus: Cell | null = null;
  let dpr = window.devicePixelRatio || 1;

  const relayout = () => {
    if (!data) return;
    const next = layoutHeatmap({
      rows: data.rows, cols: data.cols, availableWidth: width || host.clientWidth || 600,
      maxHeight: options.maxHeight, hasRowLabels: !!data.rowLabels, hasColLabels: !!data.colLabels,
      minCellW: options.minCellW, minCellH: options.minCellH, fontPx,
      colLabelChars: longestLabel(data.colLabels),
    });
    const ratio = window.devicePixelRatio || 1;
    if (sameLayout(layout, next) && ratio === dpr) return;
    layout = next;
    dpr = ratio;
    stack.style.width = `${next.width}px`;
    stack.style.height = `${next.height}px`;
    cells.style.left = `${next.left}px`;
    cells.style.top = `${next.top}px`;
    sizeCanvas(labels, next.width, next.height, dpr);
    sizeCanvas(overlay, next.width, next.height, dpr);
    sizeCanvas(cells, next.cols * next.cellW, next.rows * next.cellH, dpr);
    labelKey = '';
  };

  const drawLabels = () => {
    if (!data || !layout) return;
    const key = `${data.rowLabels?.join('\u0001')}\u0002${data.colLabels?.join('\u0001')}`;
    if (key === labelKey) return;
    labelKey = key;
    const ctx = labels.getContext('2d');
    if (ctx) paintLabels(ctx, layout, getComputedStyle(root).color || '#333', data.rowLabels, data.colLabels);
  };

  const drawOverlay = () => {
    const ctx = overlay.getContext('2d');
    if (ctx && layout && data) paintOverlay(ctx, layout, { ...data.highlight, cell: focus });
    // the outlined rows as data (0-based), for what the canvas shows
    const rows = [data?.highlight?.row, data?.highlight?.row2].filter((r): r is number => typeof r === 'number' && r >= 0);
    overlay.dataset.rows = rows.join(',');
  };

  const valueOf = (c: Cell) => data?.values[c.row * data.cols + c.col] ?? NaN;
  const masked = (c: Cell) => !!data?.mask?.(c.row, c.col);

  const showTip = (c: Cell | null) => {
    if (!c || !data || !layout || masked(c)) {
      tip.hidden = true;
      return;
    }
    const v = valueOf(c);
    tip.textContent = options.describe ? options.describe(c, v)
      : `${data.rowLabels?.[c.row] ?? c.row}, ${data.colLabels?.[c.col] ?? c.col}: ${format(v)}`;
    tip.hidden = false;
    const x = layout.left + (c.col + 1) * layout.cellW - scroll.scrollLeft + 8;
    const y = layout.top + c.row * layout.cellH - scroll.scrollTop;
    const maxX = Math.max(0, root.clientWidth - tip.offsetWidth - 2);
    tip.style.left = `${Math.min(x, maxX)}px`;
    tip.style.top = `${Math.max(0, y - tip.offsetHeight - 4)}px`;
  };

  const setFocus = (c: Cell | null) => {
    const same = c === focus || (!!c && !!focus && c.row === focus.row && c.col === focus.col);
    focus = c && !masked(c) ? c : null;
    showTip(focus);
    drawOverlay();
    if (!same) options.onHover?.(focus);
  };

  const cellFromEvent = (e: MouseEvent): Cell | null => {
    if (!layout) return null;
    const r = overlay.getBoundingClientRect();
    return cellAt(layout, e.clientX - r.left, e.clientY - r.top);
  };
  const onMove = (e: PointerEvent) => setFocus(cellFromEvent(e));
  const onLeave = () => setFocus(null);
  const onClick = (e: MouseEvent) => {
    const c = cellFromEvent(e);
    if (c && !masked(c)) options.onClick?.(c);
  };
  const onKey = (e: KeyboardEvent) => {
    if (!data) return;
    const c = focus ?? { row: 0, col: 0 };
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (e.key in moves) {
      e.preventDefault();
      const [dr, dc] = focus ? moves[e.key] : [0, 0];
      setFocus({ row: clamp(c.row + dr, data.rows - 1), col: clamp(c.col + dc, data.cols - 1) });
    } else if ((e.key === 'Enter' || e.key === ' ') && focus) {
      e.preventDefault();
      options.onClick?.(focus);
    } else if (e.key === 'Escape') {
      setFocus(null);
    }
  };
  overlay.addEventListener('pointermove', onMove);
  overlay.addEventListener('pointerleave', onLeave);
  overlay.addEventListener('click', onClick);
  overlay.addEventListener('keydown', onKey);
  overlay.addEventListener('blur', onLeave);

  const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => {
    const w = host.clientWidth;
    if (w === width || !data) return;
    width = w;
    const before = layout;
    relayout();
    if (layout !== before) paintAll();
  });
  resize?.observe(host);

  /** What the cell image was last painted from (the same values, mask and domain need no repaint). */
  let painted: { values: ArrayLike<number>; mask: CellData['mask']; domain: [number, number] | undefined; layout: HeatmapLayout } | null = null;

  function paintAll() {
    if (!data || !layout) return;
    drawLabels();
    if (painted && painted.values === data.values && painted.mask === data.mask && painted.layout === layout
      && painted.domain?.[0] === data.domain?.[0] && painted.domain?.[1] === data.domain?.[1]) {
      // only the highlight changed (a hover): the cells stay as they are
      drawOverlay();
      if (focus) showTip(focus);
      return;
    }
    painted = { values: data.values, mask: data.mask, domain: data.domain, layout };
    const domain = sanitizeDomain(options.scale, data.domain, data.values);
    const ctx = cells.getContext('2d');
    let hasNonFinite = false;
    if (ctx) {
      if (!image || image.width !== data.cols || image.height !== data.rows) image = ctx.createImageData(data.cols, data.rows);
      const nonFinite = fillImage(image, data, options.scale, domain);
      paintCells(ctx, scratch, image, layout, nonFinite);
      hasNonFinite = nonFinite.length > 0;
    }
    legend?.update({ domain, hasNonFinite });
    drawOverlay();
    if (focus) showTip(focus);
  }

  return {
    update(next) {
      const shapeChanged = !data || data.rows !== next.rows || data.cols !== next.cols ||
        !!data.rowLabels !== !!next.rowLabels || !!data.colLabels !== !!next.colLabels ||
        longestLabel(data.colLabels) !== longestLabel(next.colLabels);
      data = next;
      if (focus && (focus.row >= next.rows || focus.col >= next.cols)) focus = null;
      if (shapeChanged || !layout) {
        width = host.clientWidth;
        relayout();
      }
      paintAll();
    },
    destroy() {
      resize?.disconnect();
      overlay.removeEventListener('pointermove', onMove);
      overlay.removeEventListener('pointerleave', onLeave);
      overlay.removeEventListener('click', onClick);
      overlay.removeEventListener('keydown', onKey);
      overlay.removeEventListener('blur', onLeave);
      legend?.destroy();
      root.remove();
    },
  };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}

function clamp(v: number, hi: number): number {
  return Math.max(0, Math.min(hi, v));
}
