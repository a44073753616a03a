/**
 * Singular values of the recurrent matrices, fast enough to follow training: the engine's
 * singularValuesFlat on a block of rows of W_hh, read in place (a few milliseconds at H = 128).
 */
import { singularValuesFlat, singularValuesSteps, type Pieces } from '../engine';

/**
 * The min(rows, n) singular values (descending) of the `rows` × n block of `W` [·][n] (row-major)
 * starting at row `row0`. Pure.
 */
export function spectrum(W: Float64Array, row0: number, rows: number, n: number): Float64Array {
  return singularValuesFlat(W, rows, n, row0 * n);
}

/** {@link spectrum} as work that stops between pieces of about PIECE_MACS multiply-adds (W must not change until it ends). */
export function spectrumSteps(W: Float64Array, row0: number, rows: number, n: number): Pieces<Float64Array> {
  return singularValuesSteps(W, rows, n, row0 * n);
}
