/**
 * What each cell keeps from one step to the next, split into its parts. Inputs are the snapshot's
 * [L][T][H] arrays; outputs are [T][H] for one layer. The state before step 0 is taken as zero.
 * - LSTM: c_t = f ⊙ c_{t−1} (kept) + i ⊙ g (written); (1 − f) ⊙ c_{t−1} is what is forgotten.
 * - GRU: h_t = z ⊙ h_{t−1} (old memory kept) + (1 − z) ⊙ n (new candidate).
 * - RNN: a_t = W_hh h_{t−1} (+ b_hh) + W_ih x_t + b_ih: the part from h_{t−1} against the rest.
 *   (The engine's four-accumulator dot product: a 256-unit model's split is 13 M products a snapshot,
 *   on the page's thread, a third faster than one running sum.)
 */
import { dot } from '../engine/products';

/** One layer's [T][H] slice of an [L][T][H] array (a view, not a copy). */
export function layerSlice(a: Float64Array, layer: number, T: number, H: number): Float64Array {
  return a.subarray(layer * T * H, (layer + 1) * T * H);
}

/** LSTM memory parts, each [T][H]. */
export interface LstmMemory {
  c: Float64Array;
  /** i ⊙ g: what is written. */
  written: Float64Array;
  /** f ⊙ c_{t−1}: what is kept of the old memory. */
  kept: Float64Array;
  /** (1 − f) ⊙ c_{t−1}: what is forgotten of the old memory. */
  forgotten: Float64Array;
}

/** Splits the LSTM cell state of one layer into kept, written and forgotten parts. */
export function lstmMemory(c: Float64Array, i: Float64Array, f: Float64Array, g: Float64Array,
  layer: number, T: number, H: number): LstmMemory {
  const cs = layerSlice(c, layer, T, H);
  const is = layerSlice(i, layer, T, H);
  const fs = layerSlice(f, layer, T, H);
  const gs = layerSlice(g, layer, T, H);
  const written = new Float64Array(T * H);
  const kept = new Float64Array(T * H);
  const forgotten = new Float64Array(T * H);
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < H; j++) {
      const k = t * H + j;
      const prev = t > 0 ? cs[k - H] : 0;
      written[k] = is[k] * gs[k];
      kept[k] = fs[k] * prev;
      forgotten[k] = (1 - fs[k]) * prev;
    }
  }
  return { c: cs, written, kept, forgotten };
}

/** GRU memory parts, each [T][H]. */
export interface GruMemory {
  h: Float64Array;
  /** z ⊙ h_{t−1}: the old memory carried over. */
  kept: Float64Array;
  /** (1 − z) ⊙ n: the new candidate let in. */
  candidate: Float64Array;
}

/** Splits the GRU hidden state of one layer into the kept old memory and the new candidate. */
export function gruMemory(h: Float64Array, z: Float64Array, n: Float64Array, layer: number, T: number, H: number): GruMemory {
  const hs = layerSlice(h, layer, T, H);
  const zs = layerSlice(z, layer, T, H);
  const ns = layerSlice(n, layer, T, H);
  const kept = new Float64Array(T * H);
  const candidate = new Float64Array(T * H);
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < H; j++) {
      const k = t * H + j;
      kept[k] = zs[k] * (t > 0 ? hs[k - H] : 0);
      candidate[k] = (1 - zs[k]) * ns[k];
    }
  }
  return { h: hs, kept, candidate };
}

/** Vanilla RNN pre-activation parts, each [T][H]. */
export interface RnnMemory {
  a: Float64Array;
  /** W_hh h_{t−1} (or the worker's exact recurrent part when given). */
  recurrent: Float64Array;
  /** a − recurrent: from x_t and the biases. */
  input: Float64Array;
  /** |recurrent| / (|recurrent| + |input|) ∈ [0, 1]: the share of the old memory (0.5 when both are 0). */
  share: Float64Array;
}

/**
 * Splits the RNN pre-activation of one layer into the part from h_{t−1} (W_hh h_{t−1}) and the rest.
 * `Whh` is the layer's [H][H] recurrent matrix.
 */
export function rnnMemory(a: Float64Array, h: Float64Array, Whh: Float64Array, layer: number, T: number, H: number): RnnMemory {
  const as = layerSlice(a, layer, T, H);
  const hs = layerSlice(h, layer, T, H);
  const recurrent = new Float64Array(T * H);
  const input = new Float64Array(T * H);
  const share = new Float64Array(T * H);
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < H; j++) {
      const k = t * H + j;
      if (t > 0) {
        recurrent[k] = dot(Whh, j * H, hs, (t - 1) * H, H);
      }
      input[k] = as[k] - recurrent[k];
      const r = Math.abs(recurrent[k]);
      const x = Math.abs(input[k]);
      share[k] = r + x > 0 ? r / (r + x) : 0.5;
    }
  }
  return { a: as, recurrent, input, share };
}

/** 1 − tanh(a)² per entry: the slope of tanh (≈ 0 when the unit saturates). */
export function tanhSlope(a: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) {
    const y = Math.tanh(a[k]);
    out[k] = 1 - y * y;
  }
  return out;
}

/** Transposes a [T][H] array to [H][T] (units as rows, time as columns), into `out` if given (mutated). */
export function toUnitsByTime(a: ArrayLike<number>, T: number, H: number, out?: Float64Array): Float64Array {
  const res = out && out.length === T * H ? out : new Float64Array(T * H);
  for (let t = 0; t < T; t++) for (let j = 0; j < H; j++) res[j * T + t] = a[t * H + j];
  return res;
}

/** One unit's values over time from a [T][H] array: [T]. */
export function unitSeries(a: ArrayLike<number>, T: number, H: number, unit: number): Float64Array {
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) out[t] = a[t * H + unit];
  return out;
}
