/**
 * Pure layout of a heatmap: cell sizes, label gutters, which labels fit, and which cell is under a
 * point. All sizes are CSS pixels; the renderer multiplies by devicePixelRatio for the canvas.
 */

/** What the layout needs to know. */
export interface LayoutInput {
  rows: number;
  cols: number;
  /** Width the heatmap may use (the host's content width). */
  availableWidth: number;
  /** Tallest the cell area should grow before cells stop growing (rows never go below minCellH). */
  maxHeight?: number;
  hasRowLabels: boolean;
  hasColLabels: boolean;
  /** Smallest cell, so that H = 128 × T = 100 stays legible (wider grids scroll). */
  minCellW?: number;
  minCellH?: number;
  maxCellW?: number;
  maxCellH?: number;
}

/** Where everything goes. The cell (r, c) occupies [left + c·cellW, top + r·cellH) × cellW × cellH. */
export interface HeatmapLayout {
  rows: number;
  cols: number;
  cellW: number;
  cellH: number;
  /** Gutter for row labels (left) and column labels (top). */
  left: number;
  top: number;
  /** Total size of the drawing (may exceed availableWidth: the host scrolls). */
  width: number;
  height: number;
  /** Draw every k-th row/column label so labels never overlap (0 = none). */
  rowLabelEvery: number;
  colLabelEvery: number;
}

const ROW_GUTTER = 30;
const COL_GUTTER = 16;
/** Smallest spacing between two drawn labels. */
const ROW_LABEL_SPACING = 11;
const COL_LABEL_SPACING = 9;

/** The layout for `input`; sizes are whole CSS pixels so cells stay crisp. */
export function layoutHeatmap(input: LayoutInput): HeatmapLayout {
  const rows = Math.max(1, input.rows);
  const cols = Math.max(1, input.cols);
  const minW = input.minCellW ?? 5;
  const minH = input.minCellH ?? 3;
  const maxW = input.maxCellW ?? 32;
  const maxH = input.maxCellH ?? 16;
  const left = input.hasRowLabels ? ROW_GUTTER : 0;
  const top = input.hasColLabels ? COL_GUTTER : 0;
  const cellW = clampInt(Math.floor((input.availableWidth - left - 1) / cols), minW, maxW);
  const cellH = clampInt(Math.floor((input.maxHeight ?? 260) / rows), minH, maxH);
  return {
    rows,
    cols,
    cellW,
    cellH,
    left,
    top,
    width: left + cols * cellW,
    height: top + rows * cellH,
    rowLabelEvery: input.hasRowLabels ? labelStride(cellH, ROW_LABEL_SPACING) : 0,
    colLabelEvery: input.hasColLabels ? labelStride(cellW, COL_LABEL_SPACING) : 0,
  };
}

/** The smallest k in 1, 2, 5, 10, 20, 50, … such that k·cell ≥ spacing. */
export function labelStride(cell: number, spacing: number): number {
  if (cell <= 0) return 0;
  for (let base = 1; ; base *= 10) {
    for (const k of [1, 2, 5]) if (k * base * cell >= spacing) return k * base;
  }
}

/** The cell under the point (x, y) in layout coordinates, or null outside the cells. */
export function cellAt(layout: HeatmapLayout, x: number, y: number): { row: number; col: number } | null {
  const col = Math.floor((x - layout.left) / layout.cellW);
  const row = Math.floor((y - layout.top) / layout.cellH);
  if (!(col >= 0 && col < layout.cols && row >= 0 && row < layout.rows)) return null;
  return { row, col };
}

/** Same shape and sizes: the canvases need no resize. */
export function sameLayout(a: HeatmapLayout | null, b: HeatmapLayout): boolean {
  return !!a && a.rows === b.rows && a.cols === b.cols && a.cellW === b.cellW && a.cellH === b.cellH &&
    a.left === b.left && a.top === b.top;
}

/** Shortens a label to at most `chars` characters (with an ellipsis when cut). */
export function fitLabel(label: string, chars: number): string {
  const glyphs = Array.from(label);
  if (glyphs.length <= chars) return label;
  return chars <= 1 ? glyphs[0] ?? '' : glyphs.slice(0, chars - 1).join('') + '…';
}

function clampInt(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Number.isFinite(v) ? v : lo));
}
