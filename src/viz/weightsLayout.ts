/**
 * Where the weights panel draws each matrix, and which entry lies under a point. Two bands: the
 * recurrent layer's W_ih, W_hh, b_ih, b_hh side by side (rows aligned: the G·H rows of every gate
 * block, split by a small gap between gates), and below it the read-out W_fc and b_fc, with W_fc's
 * columns (the hidden units) right under W_hh's. Large matrices get cells smaller than a pixel: the
 * bands have a fixed height budget and the widths share the panel's width. Pure.
 */

/** One matrix (a vector is one column) to place. `groups` gate blocks of rows/groups rows each. */
export interface WeightBlockSpec {
  id: string;
  label: string;
  rows: number;
  cols: number;
  groups: number;
}

/** A placed matrix: its box in CSS pixels and the size of one cell (may be below 1 px). */
export interface PlacedBlock extends WeightBlockSpec {
  x: number;
  y: number;
  w: number;
  h: number;
  cellW: number;
  cellH: number;
  /** Gap between two gate blocks (0 without gates). */
  gap: number;
}

export interface WeightsLayout {
  width: number;
  height: number;
  blocks: PlacedBlock[];
  /** Gate names at the left of the recurrent band, one per gate block (empty without gates). */
  groupLabels: { text: string; x: number; y: number }[];
}

/** Widest and tallest a cell gets. */
export const MAX_CELL = 14;
/** Height budget of the recurrent band and of the read-out band (CSS px). */
export const RECURRENT_MAX_H = 340;
export const READOUT_MAX_H = 200;
const LEFT = 24;
const TITLE_H = 16;
const BLOCK_GAP = 12;
const BAND_GAP = 14;
const GROUP_GAP = 3;
const MIN_WIDTH = 200;

const biasWidth = (cell: number): number => Math.max(8, Math.min(MAX_CELL, cell));
/** Room a bias column takes, its title included ("b_hh" is wider than the strip). */
const BIAS_SLOT = 32;

/**
 * Places the recurrent band `recurrent` = [W_ih, W_hh, b_ih, b_hh] and the read-out band
 * `readout` = [W_fc, b_fc] in `width` CSS pixels. `groupNames` label the gate blocks.
 */
export function layoutWeights(recurrent: readonly WeightBlockSpec[], readout: readonly WeightBlockSpec[],
  groupNames: readonly string[], width: number): WeightsLayout {
  const W = Math.max(MIN_WIDTH, Math.floor(width));
  const blocks: PlacedBlock[] = [];
  const [ih, hh, bih, bhh] = recurrent;
  const G = Math.max(1, hh?.groups ?? 1);
  const gap = G > 1 ? GROUP_GAP : 0;
  const R = hh?.rows ?? 1;
  const cellH = Math.min(MAX_CELL, (RECURRENT_MAX_H - (G - 1) * gap) / R);
  const bandH = R * cellH + (G - 1) * gap;
  const bw = biasWidth(cellH);
  const avail = W - LEFT - 2 * BLOCK_GAP - 2 * BIAS_SLOT;
  const top = TITLE_H;
  let hhW = 0;
  let ihW = 0;
  if (ih && hh) {
    const natIh = ih.cols * cellH;
    const natHh = hh.cols * cellH;
    hhW = Math.min(natHh, avail * 0.55);
    ihW = Math.min(natIh, avail - hhW);
    hhW = Math.min(natHh, avail - ihW);
  }
  let x = LEFT;
  const place = (spec: WeightBlockSpec | undefined, w: number, y: number, h: number, groupGap: number): PlacedBlock | null => {
    if (!spec) return null;
    const g = spec.groups > 1 ? groupGap : 0;
    const b: PlacedBlock = { ...spec, x, y, w, h, cellW: w / spec.cols, cellH: (h - (spec.groups - 1) * g) / spec.rows, gap: g };
    blocks.push(b);
    x += spec.cols === 1 ? Math.max(BIAS_SLOT, w + BLOCK_GAP) : w + BLOCK_GAP;
    return b;
  };
  place(ih, ihW, top, bandH, gap);
  const hhBlock = place(hh, hhW, top, bandH, gap);
  place(bih, bw, top, bandH, gap);
  place(bhh, bw, top, bandH, gap);
  const groupLabels = G > 1 ? groupNames.slice(0, G).map((text, g) => ({
    text, x: LEFT - 6, y: top + g * ((R / G) * cellH + gap) + ((R / G) * cellH) / 2,
  })) : [];
  let height = top + bandH;
  const [fc, fcb] = readout;
  if (fc && hhBlock) {
    const y = height + BAND_GAP + TITLE_H;
    const cH = Math.min(MAX_CELL, READOUT_MAX_H / fc.rows);
    const h = fc.rows * cH;
    x = hhBlock.x;
    place(fc, hhBlock.w, y, h, 0);
    place(fcb, biasWidth(cH), y, h, 0);
    height = y + h;
  }
  return { width: W, height: Math.ceil(height + 2), blocks, groupLabels };
}

/** The row of a block at y (inside its box), accounting for the gaps between gate blocks; −1 in a gap. */
function rowAt(b: PlacedBlock, y: number): number {
  const dy = y - b.y;
  if (b.groups <= 1 || b.gap === 0) return Math.min(b.rows - 1, Math.floor(dy / b.cellH));
  const per = b.rows / b.groups;
  const groupH = per * b.cellH;
  const g = Math.floor(dy / (groupH + b.gap));
  const within = dy - g * (groupH + b.gap);
  if (g >= b.groups || within >= groupH) return -1;
  return g * per + Math.min(per - 1, Math.floor(within / b.cellH));
}

/** The entry under (x, y), or null. */
export function hitWeight(layout: WeightsLayout, x: number, y: number): { id: string; row: number; col: number } | null {
  for (const b of layout.blocks) {
    if (x < b.x || x >= b.x + b.w || y < b.y || y >= b.y + b.h) continue;
    const row = rowAt(b, y);
    if (row < 0) return null;
    return { id: b.id, row, col: Math.min(b.cols - 1, Math.floor((x - b.x) / b.cellW)) };
  }
  return null;
}

/** The box of one entry (at least 3 px each way, centred on the entry, so a mark stays visible). */
export function entryBox(b: PlacedBlock, row: number, col: number): { x: number; y: number; w: number; h: number } {
  const per = b.groups > 1 ? b.rows / b.groups : b.rows;
  const g = Math.floor(row / per);
  const y = b.y + g * (per * b.cellH + b.gap) + (row - g * per) * b.cellH;
  const x = b.x + col * b.cellW;
  const w = Math.max(3, b.cellW);
  const h = Math.max(3, b.cellH);
  return { x: x + b.cellW / 2 - w / 2, y: y + b.cellH / 2 - h / 2, w, h };
}
