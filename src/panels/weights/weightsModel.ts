/**
 * What the weights panel shows of a WeightsView: the blocks of one layer (values of the weights,
 * of the last step's gradient or of its update), one symmetric colour domain for all of them, and
 * the words naming one entry. Pure.
 */
import { CELLS } from '../../engine/cells';
import type { CellType } from '../../engine/types';
import type { Translator as T } from '../../i18n';
import type { WeightsView } from '../../store';
import type { WeightBlockData, WeightEntry } from '../../viz/weights';

export type WeightsMode = 'params' | 'grad' | 'delta';
export const WEIGHTS_MODES: readonly WeightsMode[] = ['params', 'grad', 'delta'];

/**
 * The gate block labels in W_ih / W_hh row order (torch), from the cell's descriptor: lstm i,f,g,o;
 * gru r,z,n; none for the rnn, whose one block is the whole matrix.
 */
export function gatesOf(cell: string): string[] {
  const d = CELLS[cell as CellType];
  return d !== undefined && d.blocks > 1 ? [...d.gates] : [];
}

/** The state_dict keys of one layer's blocks, in panel order. */
export function layerKeys(layer: number): { recurrent: string[]; readout: string[] } {
  return {
    recurrent: [`rnn.weight_ih_l${layer}`, `rnn.weight_hh_l${layer}`, `rnn.bias_ih_l${layer}`, `rnn.bias_hh_l${layer}`],
    readout: ['fc.weight', 'fc.bias'],
  };
}

/** Short matrix names by the part of the key they come from. */
export function matrixLabel(key: string): string {
  if (key === 'fc.weight') return 'W_fc';
  if (key === 'fc.bias') return 'b_fc';
  const m = /^rnn\.(weight|bias)_(ih|hh)_l\d+$/.exec(key);
  return m ? `${m[1] === 'weight' ? 'W' : 'b'}_${m[2]}` : key;
}

/** The array a mode reads (null when the view has no gradient or update: after an edit, before a step). */
export function sourceOf(view: WeightsView, mode: WeightsMode): Float64Array | null {
  return mode === 'params' ? view.params : mode === 'grad' ? view.grad : view.delta;
}

/** The blocks of `layer` (clamped) with the values of `source`, and the largest finite |value| among them. */
export function layerBlocks(view: WeightsView, layer: number, source: Float64Array): {
  recurrent: WeightBlockData[]; readout: WeightBlockData[]; maxAbs: number; count: number;
} {
  const k = Math.min(view.layers - 1, Math.max(0, layer));
  const keys = layerKeys(k);
  const G = Math.max(1, gatesOf(view.cell).length);
  let maxAbs = 0;
  let count = 0;
  const block = (key: string): WeightBlockData | null => {
    const t = view.tensors.find((x) => x.key === key);
    if (!t) return null;
    const values = source.subarray(t.offset, t.offset + t.rows * t.cols);
    for (let i = 0; i < values.length; i++) {
      const a = Math.abs(values[i]);
      if (a > maxAbs && Number.isFinite(a)) maxAbs = a;
    }
    count += values.length;
    return { id: key, label: matrixLabel(key), rows: t.rows, cols: t.cols, groups: key.startsWith('rnn.') ? G : 1, values };
  };
  const pick = (list: string[]) => list.map(block).filter((b): b is WeightBlockData => b !== null);
  return { recurrent: pick(keys.recurrent), readout: pick(keys.readout), maxAbs, count };
}

/**
 * The magnitude below which a share `q` of the finite entries lie (a 1 024-bin histogram of |v| up
 * to the largest, read at the bin's upper edge): a colour scale to it is not washed out by a few
 * large entries (an LSTM's forget bias of 3). 0 when everything is 0.
 */
export function magnitudeQuantile(arrays: readonly Float64Array[], q: number): number {
  let max = 0;
  let n = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (!Number.isFinite(v)) continue;
    n++;
    if (v > max) max = v;
  }
  if (max === 0 || n === 0) return 0;
  const BINS = 1024;
  const counts = new Uint32Array(BINS);
  for (const a of arrays) for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (Number.isFinite(v)) counts[Math.min(BINS - 1, Math.floor((v / max) * BINS))]++;
  }
  const need = Math.ceil(q * n);
  let seen = 0;
  for (let b = 0; b < BINS; b++) {
    seen += counts[b];
    if (seen >= need) return ((b + 1) / BINS) * max;
  }
  return max;
}

/** The colour domain [−m, m] for the magnitude m ([−1, 1] when everything is 0). */
export function symmetricDomain(maxAbs: number): [number, number] {
  const m = maxAbs > 0 && Number.isFinite(maxAbs) ? maxAbs : 1;
  return [-m, m];
}

/** The value of one entry in `source`, or null. */
export function entryValue(view: WeightsView, source: Float64Array | null, e: WeightEntry): number | null {
  const t = view.tensors.find((x) => x.key === e.id);
  if (!source || !t || e.row >= t.rows || e.col >= t.cols) return null;
  return source[t.offset + e.row * t.cols + e.col] ?? null;
}

/** "W_hh[5][2]": the entry as the page counts (from 1). Vectors have one index. */
export function entryLabel(e: WeightEntry, cols: number): string {
  const name = matrixLabel(e.id);
  return cols === 1 && name.startsWith('b_') ? `${name}[${e.row + 1}]` : `${name}[${e.row + 1}][${e.col + 1}]`;
}

/**
 * What an entry connects, in words ("from unit 2 at t−1 to unit 5's f gate at t"), with the
 * hidden unit it feeds (or, in W_fc, reads) and, for W_hh, the unit it comes from (`from`, else −1):
 * the units the other panels highlight.
 */
export function describeEntry(t: T, view: WeightsView, e: WeightEntry, vocab: readonly string[]): { words: string; unit: number; from?: number } {
  const H = view.hidden;
  const gates = gatesOf(view.cell);
  const gate = gates[Math.floor(e.row / H)] ?? '';
  const i = (e.row % H) + 1;
  const tokenOf = (k: number) => (vocab[k] !== undefined ? ` “${vocab[k]}”` : '');
  const gated = gates.length > 0;
  const suffix = gated ? '' : '.rnn';
  if (e.id === 'fc.weight') return { words: t('weights.name.fc', { j: e.col + 1, i: e.row + 1, token: tokenOf(e.row) }), unit: e.col };
  if (e.id === 'fc.bias') return { words: t('weights.name.fcBias', { i: e.row + 1, token: tokenOf(e.row) }), unit: -1 };
  const m = /^rnn\.(weight|bias)_(ih|hh)_l(\d+)$/.exec(e.id);
  if (!m) return { words: e.id, unit: -1 };
  const [, kind, from, layer] = m;
  if (kind === 'bias') return { words: t(`weights.name.bias${suffix}`, { which: `b_${from}`, i, gate }), unit: i - 1 };
  if (from === 'hh') return { words: t(`weights.name.hh${suffix}`, { j: e.col + 1, i, gate }), unit: i - 1, from: e.col };
  const token = layer === '0' ? tokenOf(e.col) : '';
  return { words: t(`weights.name.ih${suffix}`, { j: e.col + 1, token, i, gate }), unit: i - 1 };
}
