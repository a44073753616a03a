/**
 * Painting a heatmap on canvases: the cells (one pixel per cell in an offscreen image, scaled up
 * without smoothing so cells stay crisp), the labels, and the highlight overlay.
 */
import { colorWriter, type ScaleKind } from './color';
import { fitLabel, type HeatmapLayout } from './heatmapLayout';

/** The values of one frame. `values` is row-major [rows][cols]. */
export interface CellData {
  values: Float64Array;
  rows: number;
  cols: number;
  /** true = the cell is masked out: left empty and without a read-out. */
  mask?: (row: number, col: number) => boolean;
}

/** Sets a canvas to `w`×`h` CSS pixels at the device pixel ratio; returns its context scaled to CSS px. */
export function sizeCanvas(canvas: HTMLCanvasElement, w: number, h: number, dpr: number): CanvasRenderingContext2D | null {
  const pw = Math.max(1, Math.round(w * dpr));
  const ph = Math.max(1, Math.round(h * dpr));
  if (canvas.width !== pw) canvas.width = pw;
  if (canvas.height !== ph) canvas.height = ph;
  canvas.style.width = `${w}px`;
  canvas.style.height = `${h}px`;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/**
 * Fills `image` (cols×rows RGBA, mutated) with the colours of `data`. Returns the indices of
 * non-finite cells (they get the grey plus a cross mark when cells are big enough).
 */
export function fillImage(image: ImageData, data: CellData, kind: ScaleKind, domain: readonly [number, number]): number[] {
  const write = colorWriter(kind, domain);
  const px = image.data;
  const bad: number[] = [];
  const n = data.rows * data.cols;
  for (let k = 0; k < n; k++) {
    const o = 4 * k;
    if (data.mask && data.mask(Math.floor(k / data.cols), k % data.cols)) {
      px[o + 3] = 0;
      continue;
    }
    if (!write(k < data.values.length ? data.values[k] : NaN, px, o)) bad.push(k);
    px[o + 3] = 255;
  }
  return bad;
}

/** Draws the cell image onto the visible canvas, then marks non-finite cells with a cross. */
export function paintCells(ctx: CanvasRenderingContext2D, scratch: HTMLCanvasElement, image: ImageData,
  layout: HeatmapLayout, nonFinite: readonly number[]): void {
  const sctx = scratch.getContext('2d');
  if (!sctx) return;
  if (scratch.width !== image.width || scratch.height !== image.height) {
    scratch.width = image.width;
    scratch.height = image.height;
  }
  sctx.putImageData(image, 0, 0);
  const w = layout.cols * layout.cellW;
  const h = layout.rows * layout.cellH;
  ctx.clearRect(0, 0, w, h);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(scratch, 0, 0, w, h);
  if (layout.cellW < 5 || layout.cellH < 5 || nonFinite.length === 0) return;
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const k of nonFinite) {
    const x = (k % image.width) * layout.cellW;
    const y = Math.floor(k / image.width) * layout.cellH;
    ctx.moveTo(x + 1, y + 1);
    ctx.lineTo(x + layout.cellW - 1, y + layout.cellH - 1);
    ctx.moveTo(x + layout.cellW - 1, y + 1);
    ctx.lineTo(x + 1, y + layout.cellH - 1);
  }
  ctx.stroke();
}

/**
 * Draws the row labels (left gutter) and column labels (top gutter) the layout makes room for, in
 * its font size. A word is shortened (with an ellipsis) until it fits its slot; a number is drawn
 * whole or not at all — labels are never cut.
 */
export function paintLabels(ctx: CanvasRenderingContext2D, layout: HeatmapLayout, color: string,
  rowLabels: readonly string[] | undefined, colLabels: readonly string[] | undefined): void {
  ctx.clearRect(0, 0, layout.width, layout.height);
  ctx.fillStyle = color;
  ctx.font = `${layout.fontPx}px system-ui, sans-serif`;
  const measure = (text: string) => (typeof ctx.measureText === 'function' ? ctx.measureText(text).width : 0);
  if (rowLabels && layout.rowLabelEvery) {
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    const room = layout.left - 0.3 * layout.fontPx;
    for (let r = 0; r < layout.rows; r += layout.rowLabelEvery) {
      const text = labelThatFits(rowLabels[r] ?? '', layout.rowLabelRoom, room, measure);
      if (text) ctx.fillText(text, layout.left - 0.3 * layout.fontPx, layout.top + (r + 0.5) * layout.cellH);
    }
  }
  if (colLabels && layout.colLabelEvery) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'alphabetic';
    // a label centred on its cell has its stride's width before it meets the next one
    const room = layout.colLabelEvery * layout.cellW - 0.2 * layout.fontPx;
    for (let c = 0; c < layout.cols; c += layout.colLabelEvery) {
      const text = labelThatFits(colLabels[c] ?? '', layout.colLabelRoom, room, measure);
      if (text) ctx.fillText(text, layout.left + (c + 0.5) * layout.cellW, layout.top - 0.4 * layout.fontPx);
    }
  }
}

/**
 * `label` as drawn in a slot `room` px wide holding about `chars` characters: a number whole or ''
 * (never a cut number); a word at most `chars` characters, shortened with an ellipsis until its
 * measured width fits ('' when not even one letter and the ellipsis do).
 */
export function labelThatFits(label: string, chars: number, room: number, measure: (text: string) => number): string {
  if (isNumberLabel(label)) return measure(label) <= room ? label : '';
  for (let n = Math.max(1, chars); n >= 1; n--) {
    const text = fitLabel(label, n);
    if (text.length < Math.min(2, Array.from(label).length)) return '';
    if (measure(text) <= room) return text;
  }
  return '';
}

function isNumberLabel(label: string): boolean {
  return /^[\d\s.,:+\-−–]+$/.test(label);
}

/** Which row/column/cell the overlay outlines. */
export interface Highlight {
  row?: number | null;
  /** A second row (a hovered weight's other unit). */
  row2?: number | null;
  col?: number | null;
  /** The cell under the pointer or keyboard focus. */
  cell?: { row: number; col: number } | null;
}

/** Draws the highlight outlines (a dark line with a light inner line: visible on every colour). */
export function paintOverlay(ctx: CanvasRenderingContext2D, layout: HeatmapLayout, h: Highlight): void {
  ctx.clearRect(0, 0, layout.width, layout.height);
  const { left, top, cellW, cellH, rows, cols } = layout;
  // Two rings just outside the box (white inside, dark outside), so the cells themselves stay visible.
  const box = (x: number, y: number, w: number, hh: number, width: number) => {
    ctx.lineWidth = 1;
    ctx.strokeStyle = 'rgba(255,255,255,0.95)';
    ctx.strokeRect(x - 0.5, y - 0.5, w + 1, hh + 1);
    ctx.lineWidth = width;
    ctx.strokeStyle = 'rgba(0,0,0,0.85)';
    ctx.strokeRect(x - 1 - width / 2, y - 1 - width / 2, w + 2 + width, hh + 2 + width);
  };
  if (h.col != null && h.col >= 0 && h.col < cols) {
    box(left + h.col * cellW, 0, cellW, top + rows * cellH, 1);
  }
  for (const row of [h.row, h.row2]) {
    // rows ring twice as thick as the hovered column: a selected row (a unit, a loss step) reads from the back of a hall
    if (row != null && row >= 0 && row < rows) box(0, top + row * cellH, left + cols * cellW, cellH, 2);
  }
  if (h.cell && h.cell.row < rows && h.cell.col < cols) {
    box(left + h.cell.col * cellW, top + h.cell.row * cellH, cellW, cellH, 2);
  }
}
