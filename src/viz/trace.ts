/**
 * The data the inside-the-network renderers draw: one model's forward and backward pass over the
 * inspection sequence. Its fields match the worker's model snapshot, so a snapshot is passed as is.
 */
import type { SequenceShape } from '../engine/tasks/types';

export type { ModelTrace } from '../engine/inspection';

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
