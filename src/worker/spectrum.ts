/**
 * Singular values of the recurrent matrices, fast enough to follow training: the engine's
 * singularValuesFlat on a block of rows of W_hh, read in place (a few milliseconds at H = 128).
 */
import { singularValuesFlat } from '../engine';

/**
 * The min(rows, n) singular values (descending) of the `rows` × n block of `W` [·][n] (row-major)
 * starting at row `row0`. Pure.
 */
export function spectrum(W: Float64Array, row0: number, rows: number, n: number): Float64Array {
  return singularValuesFlat(W, rows, n, row0 * n);
}
