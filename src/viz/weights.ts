/**
 * The weights panel's renderer: every matrix of one layer as a heatmap on one canvas, one symmetric
 * colour scale for all of them, and an overlay canvas for the marks (the entry under the pointer,
 * the one picked for editing, the ones set by hand). Each matrix is painted one pixel per entry
 * into its own image, then scaled onto the canvas (smoothed when cells are below a pixel), and only
 * when its values change. Text comes from the caller, already translated.
 */
import { colorWriter } from './color';
import { sizeCanvas } from './heatmapPaint';
import { entryBox, hitWeight, layoutWeights, type PlacedBlock, type WeightBlockSpec, type WeightsLayout } from './weightsLayout';

/** One matrix and its values (row-major [rows][cols]). */
export interface WeightBlockData extends WeightBlockSpec { values: Float64Array }

export interface WeightsData {
  /** [W_ih, W_hh, b_ih, b_hh] of the layer shown. */
  recurrent: WeightBlockData[];
  /** [W_fc, b_fc] (empty to leave out the read-out). */
  readout: WeightBlockData[];
  groupNames: string[];
  /** The symmetric domain [−m, m] of the colour scale. */
  domain: [number, number];
}

/** An entry of a block. */
export interface WeightEntry { id: string; row: number; col: number }

export interface WeightsMarks {
  hover: WeightEntry | null;
  picked: WeightEntry | null;
  edited: WeightEntry[];
}

export interface WeightsViewOptions {
  /** Canvas label for assistive technology. */
  label: string;
  onHover?: (e: WeightEntry | null) => void;
  onPick?: (e: WeightEntry) => void;
}

export interface WeightsRenderer {
  update(data: WeightsData): void;
  mark(marks: WeightsMarks): void;
  destroy(): void;
}

const FALLBACK_WIDTH = 560;
const LUT_SIZE = 256;

/**
 * The diverging scale over [−m, m] as LUT_SIZE opaque RGBA pixels (in the platform's byte order,
 * for a Uint32Array view of ImageData), plus the grey of non-finite values at index LUT_SIZE.
 */
function packedLut(m: number): Uint32Array {
  const bytes = new Uint8ClampedArray(4 * (LUT_SIZE + 1));
  const write = colorWriter('diverging', [-m, m]);
  for (let k = 0; k <= LUT_SIZE; k++) {
    write(k === LUT_SIZE ? NaN : -m + (2 * m * k) / (LUT_SIZE - 1), bytes, 4 * k);
    bytes[4 * k + 3] = 255;
  }
  return new Uint32Array(bytes.buffer);
}
const TEXT = '#333';

/** Builds the canvases in `host` (destroy removes them). */
export function createWeightsView(host: HTMLElement, options: WeightsViewOptions): WeightsRenderer {
  const root = document.createElement('div');
  root.className = 'weights-view';
  root.style.position = 'relative';
  const canvas = document.createElement('canvas');
  canvas.setAttribute('aria-hidden', 'true');
  canvas.dataset.testid = 'weights-canvas';
  const overlay = document.createElement('canvas');
  // the overlay takes the pointer and the keyboard: arrows move between entries (across matrices
  // left and right), Enter picks the entry, Escape lets go
  overlay.tabIndex = 0;
  overlay.setAttribute('role', 'img');
  overlay.setAttribute('aria-label', options.label);
  overlay.dataset.testid = 'weights-focus';
  overlay.style.position = 'absolute';
  overlay.style.left = '0';
  overlay.style.top = '0';
  overlay.style.cursor = 'crosshair';
  root.append(canvas, overlay);
  host.append(root);

  let data: WeightsData | null = null;
  let layout: WeightsLayout | null = null;
  let marks: WeightsMarks = { hover: null, picked: null, edited: [] };
  const images = new Map<string, HTMLCanvasElement>();
  const dpr = () => (typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1);
  const widthNow = () => host.clientWidth || FALLBACK_WIDTH;

  const pixels = new Map<string, ImageData>();
  const paintImage = (b: WeightBlockData, lut: Uint32Array, m: number): HTMLCanvasElement | null => {
    let img = images.get(b.id);
    if (!img) { img = document.createElement('canvas'); images.set(b.id, img); }
    if (img.width !== b.cols) img.width = b.cols;
    if (img.height !== b.rows) img.height = b.rows;
    const ctx = img.getContext('2d');
    if (!ctx) return null;
    let image = pixels.get(b.id);
    if (!image || image.width !== b.cols || image.height !== b.rows) {
      image = ctx.createImageData(b.cols, b.rows);
      pixels.set(b.id, image);
    }
    const px = new Uint32Array(image.data.buffer, image.data.byteOffset, b.rows * b.cols);
    const values = b.values;
    const scale = (LUT_SIZE - 1) / (2 * m);
    const mid = (LUT_SIZE - 1) / 2;
    for (let k = 0; k < px.length; k++) {
      const v = values[k];
      if (v !== v || v === Infinity || v === -Infinity) { px[k] = lut[LUT_SIZE]; continue; } // NaN, ±∞: the grey
      const i = Math.round(mid + v * scale);
      px[k] = lut[i < 0 ? 0 : i >= LUT_SIZE ? LUT_SIZE - 1 : i];
    }
    ctx.putImageData(image, 0, 0);
    return img;
  };

  const drawBlock = (ctx: CanvasRenderingContext2D, b: PlacedBlock, img: HTMLCanvasElement): void => {
    ctx.imageSmoothingEnabled = b.cellW < 1 || b.cellH < 1;
    const G = Math.max(1, b.groups);
    const per = b.rows / G;
    for (let g = 0; g < G; g++) {
      const y = b.y + g * (per * b.cellH + b.gap);
      ctx.drawImage(img, 0, g * per, b.cols, per, b.x, y, b.w, per * b.cellH);
    }
    ctx.fillStyle = TEXT;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(b.label, b.x, b.y - 4);
  };

  const paint = (): void => {
    if (!data) return;
    layout = layoutWeights(data.recurrent, data.readout, data.groupNames, widthNow());
    const ctx = sizeCanvas(canvas, layout.width, layout.height, dpr());
    sizeCanvas(overlay, layout.width, layout.height, dpr());
    // where each matrix lies (CSS px), for tools and tests that point at an entry
    canvas.dataset.blocks = JSON.stringify(layout.blocks.map(({ id, x, y, w, h, rows, cols, groups, gap }) => ({ id, x, y, w, h, rows, cols, groups, gap })));
    if (!ctx) return;
    ctx.clearRect(0, 0, layout.width, layout.height);
    ctx.font = '12px system-ui, sans-serif';
    const m = data.domain[1] > 0 ? data.domain[1] : 1;
    const lut = packedLut(m);
    const all = [...data.recurrent, ...data.readout];
    for (const b of layout.blocks) {
      const d = all.find((x) => x.id === b.id);
      const img = d ? paintImage(d, lut, m) : null;
      if (img) drawBlock(ctx, b, img);
    }
    ctx.fillStyle = TEXT;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const l of layout.groupLabels) ctx.fillText(l.text, l.x, l.y);
    drawMarks();
  };

  const drawMarks = (): void => {
    if (!layout) return;
    const ctx = overlay.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, layout.width, layout.height);
    const ring = (e: WeightEntry | null, color: string, width: number) => {
      const b = e && layout?.blocks.find((x) => x.id === e.id);
      if (!e || !b || e.row >= b.rows || e.col >= b.cols) return;
      const r = entryBox(b, e.row, e.col);
      ctx.lineWidth = 1;
      ctx.strokeStyle = 'rgba(255,255,255,0.95)';
      ctx.strokeRect(r.x - 0.5, r.y - 0.5, r.w + 1, r.h + 1);
      ctx.lineWidth = width;
      ctx.strokeStyle = color;
      ctx.strokeRect(r.x - 1 - width / 2, r.y - 1 - width / 2, r.w + 2 + width, r.h + 2 + width);
    };
    for (const e of marks.edited) ring(e, '#e69f00', 2);
    ring(marks.picked, '#000', 2);
    ring(marks.hover, 'rgba(0,0,0,0.7)', 1);
  };

  let cursor: WeightEntry | null = null; // the entry pointed at or reached with the arrow keys
  const at = (ev: PointerEvent | MouseEvent): WeightEntry | null => {
    if (!layout) return null;
    const r = overlay.getBoundingClientRect();
    return hitWeight(layout, ev.clientX - r.left, ev.clientY - r.top);
  };
  const onMove = (ev: PointerEvent) => { cursor = at(ev); options.onHover?.(cursor); };
  const onLeave = () => { cursor = null; options.onHover?.(null); };
  const onClick = (ev: MouseEvent) => {
    const e = at(ev);
    if (e) options.onPick?.(e);
  };
  const moveTo = (e: WeightEntry | null) => {
    cursor = e;
    options.onHover?.(e);
  };
  const onKey = (ev: KeyboardEvent) => {
    const blocks = layout?.blocks ?? [];
    if (blocks.length === 0) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (ev.key in moves) {
      ev.preventDefault();
      const start = blocks.find((b) => b.id.startsWith('rnn.weight_hh')) ?? blocks[0];
      const here = cursor && blocks.find((b) => b.id === cursor!.id);
      if (!cursor || !here) { moveTo({ id: start.id, row: 0, col: 0 }); return; }
      const [dr, dc] = moves[ev.key];
      let row = Math.min(here.rows - 1, Math.max(0, cursor.row + dr));
      let col = cursor.col + dc;
      let b = here;
      if (col < 0 || col >= here.cols) { // on to the matrix beside it, same row where it has one
        const k = blocks.indexOf(here) + (col < 0 ? -1 : 1);
        if (k < 0 || k >= blocks.length) col = Math.min(here.cols - 1, Math.max(0, col));
        else {
          b = blocks[k];
          row = Math.min(b.rows - 1, row);
          col = col < 0 ? b.cols - 1 : 0;
        }
      }
      moveTo({ id: b.id, row, col });
    } else if (ev.key === 'Enter' && cursor) {
      ev.preventDefault();
      options.onPick?.(cursor);
    } else if (ev.key === 'Escape' && cursor) {
      moveTo(null);
    }
  };
  overlay.addEventListener('pointermove', onMove);
  overlay.addEventListener('pointerleave', onLeave);
  overlay.addEventListener('click', onClick);
  overlay.addEventListener('keydown', onKey);
  let lastWidth = widthNow();
  const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(() => {
    const w = widthNow();
    if (w !== lastWidth) { lastWidth = w; paint(); }
  }) : null;
  resize?.observe(host);

  return {
    update(next) {
      data = next;
      paint();
    },
    mark(next) {
      marks = next;
      drawMarks();
    },
    destroy() {
      resize?.disconnect();
      overlay.removeEventListener('pointermove', onMove);
      overlay.removeEventListener('pointerleave', onLeave);
      overlay.removeEventListener('click', onClick);
      overlay.removeEventListener('keydown', onKey);
      root.remove();
      images.clear();
      pixels.clear();
    },
  };
}
