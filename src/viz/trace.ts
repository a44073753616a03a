/**
 * The data the inside-the-network renderers draw: one model's forward and backward pass over the
 * inspection sequence. Its fields match the worker's model snapshot, so a snapshot is passed as is.
 */
import type { CellType } from '../engine/types';
import type { SequenceShape } from '../engine/tasks/types';

/** One model's values over the inspection sequence. Arrays are row-major. */
export interface ModelTrace {
  cell: CellType;
  layers: number;
  hidden: number;
  /** Vocabulary size V. */
  vocabSize: number;
  /** Sequence length T. */
  T: number;
  /** Input token ids [T]. */
  inputs: number[];
  /** Target token ids [T]; −1 where step t carries no loss. */
  targets: number[];
  /** Hidden states [L][T][H]. */
  h: Float64Array;
  /** LSTM cell states [L][T][H]; null for other cells. */
  c: Float64Array | null;
  /** Gates after activation, each [L][T][H]: lstm i,f,g,o; gru r,z,n; rnn a (pre-activation). */
  gates: Record<string, Float64Array>;
  /** Softmax outputs [T][V]. */
  probs: Float64Array;
  /** −log p(target) [T]; NaN where no loss. */
  stepLoss: Float64Array;
  /** Total dL/dh_t of the top layer [T][H]. */
  dh: Float64Array;
  /** LSTM: total dL/dc_t of the top layer [T][H]; null otherwise. */
  dc: Float64Array | null;
  /** Per-step contribution norm to the recurrent weight gradient [T]. */
  dWhhStep: Float64Array;
  /** Recurrent weights of the shown layer [G·H][H]. */
  Whh: Float64Array;
}

/** What a renderer needs besides the model: the sequence shape and how to show tokens. */
export interface TraceContext {
  shape: SequenceShape;
  /** Token strings, index = token id (rendered as text only). */
  vocab: string[];
}

/** Value of a [L][T][H] array at (layer, t, unit); NaN outside the array. */
export function at3(a: Float64Array | null | undefined, T: number, H: number, l: number, t: number, j: number): number {
  if (!a || t < 0 || t >= T || j < 0 || j >= H) return NaN;
  const v = a[(l * T + t) * H + j];
  return v === undefined ? NaN : v;
}

/** Euclidean norm of row t of a [T][H] array. */
export function rowNorm(a: Float64Array, H: number, t: number): number {
  let s = 0;
  for (let j = 0; j < H; j++) {
    const v = a[t * H + j] ?? 0;
    s += v * v;
  }
  return Math.sqrt(s);
}
