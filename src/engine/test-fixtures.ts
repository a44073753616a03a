/**
 * Helpers shared by the engine's and the worker's tests (not used by the app): seeded orthogonal
 * matrices and the sum of squares of a state dict.
 */
import { createRng } from './rng';
import type { StateDict } from './types';

/** A random orthogonal n×n matrix, rows as arrays: a product of 4n² seeded Givens rotations. */
export function orthogonal(n: number, seed: number): number[][] {
  const rng = createRng(seed);
  const Q = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j): number => (i === j ? 1 : 0)));
  for (let k = 0; k < 4 * n * n; k++) {
    const p = rng.int(n);
    const q = (p + 1 + rng.int(n - 1)) % n;
    const th = rng.uniform(0, 2 * Math.PI);
    const c = Math.cos(th), s = Math.sin(th);
    for (const row of Q) {
      const a = row[p], b = row[q];
      row[p] = c * a - s * b;
      row[q] = s * a + c * b;
    }
  }
  return Q;
}

/** Σ x² over a StateDict in key order, row-major, one accumulator (the order clipGradNorm sums in). */
export function sumSquares(sd: StateDict): number {
  let s = 0;
  for (const v of Object.values(sd)) for (const row of v) {
    if (typeof row === 'number') s += row * row;
    else for (const x of row) s += x * x;
  }
  return s;
}
