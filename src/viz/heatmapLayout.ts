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
  /** Label font size in CSS px (default 10); gutters, label spacing and the largest cells grow with it. */
  fontPx?: number;
  /** Longest column label in characters (default 4): the label spacing makes room for it. */
  colLabelChars?: number;
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
  /** Label font size (CSS px) and how many characters each drawn row / column label may have. */
  fontPx: number;
  rowLabelRoom: number;
  colLabelRoom: number;
}

/** Labels longer than this are shortened with an ellipsis (numbers up to 4 digits always show whole). */
const MAX_LABEL_CHARS = 4;
/** Width of one label character as a fraction of the font size (generous: wide glyphs still fit). */
const CHAR_EM = 0.7;
/** The row-label gutter holds MAX_LABEL_CHARS characters this wide (row labels are mostly digits). */
const ROW_CHAR_EM = 0.65;
/** Free space between two labels, and between a row label and the cells, as a fraction of the font size. */
const GAP_EM = 0.4;
/** Height of a row label's slot and of the column-label gutter, as a fraction of the font size. */
const ROW_SLOT_EM = 1.1;
const COL_GUTTER_EM = 1.6;

/** The layout for `input`; sizes are whole CSS pixels so cells stay crisp. */
export function layoutHeatmap(input: LayoutInput): HeatmapLayout {
  const rows = Math.max(1, input.rows);
  const cols = Math.max(1, input.cols);
  const fontPx = input.fontPx && input.fontPx > 0 ? input.fontPx : 10;
  const grow = fontPx / 10;
  const minW = input.minCellW ?? 5;
  const minH = input.minCellH ?? 3;
  const maxW = input.maxCellW ?? Math.round(32 * grow);
  const maxH = input.maxCellH ?? Math.round(16 * grow);
  const charW = CHAR_EM * fontPx;
  const gap = GAP_EM * fontPx;
  const colWant = wantChars(input.colLabelChars);
  const left = input.hasRowLabels ? Math.ceil(MAX_LABEL_CHARS * ROW_CHAR_EM * fontPx + gap) : 0;
  const top = input.hasColLabels ? Math.round(COL_GUTTER_EM * fontPx) : 0;
  const cellW = clampInt(Math.floor((input.availableWidth - left - 1) / cols), minW, maxW);
  const cellH = clampInt(Math.floor((input.maxHeight ?? 260) / rows), minH, maxH);
  const colLabelEvery = input.hasColLabels ? labelStride(cellW, colWant * charW + gap) : 0;
  return {
    rows,
    cols,
    cellW,
    cellH,
    left,
    top,
    width: left + cols * cellW,
    height: top + rows * cellH,
    rowLabelEvery: input.hasRowLabels ? labelStride(cellH, ROW_SLOT_EM * fontPx) : 0,
    colLabelEvery,
    fontPx,
    rowLabelRoom: input.hasRowLabels ? MAX_LABEL_CHARS : 0,
    // every drawn column label has colLabelEvery cells of room: at least colWant characters
    colLabelRoom: colLabelEvery ? Math.max(colWant, Math.floor((colLabelEvery * cellW - gap) / charW)) : 0,
  };
}

/** Characters a label slot makes room for: the longest label, up to MAX_LABEL_CHARS (at least 1). */
function wantChars(longest: number | undefined): number {
  return Math.max(1, Math.min(MAX_LABEL_CHARS, longest ?? MAX_LABEL_CHARS));
}

/** Longest label in characters (0 for none). */
export function longestLabel(labels: readonly string[] | undefined): number {
  let n = 0;
  for (const l of labels ?? []) n = Math.max(n, Array.from(l).length);
  return n;
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
    a.left === b.left && a.top === b.top && a.fontPx === b.fontPx && a.rowLabelEvery === b.rowLabelEvery &&
    a.colLabelEvery === b.colLabelEvery && a.rowLabelRoom === b.rowLabelRoom && a.colLabelRoom === b.colLabelRoom;
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
