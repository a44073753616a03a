// The spectrum of W_hh and of its gate blocks, read in place from the flat weights.
import { describe, expect, it } from 'vitest';
import { singularValues } from '../engine';
import { createRng } from '../engine/rng';
import { spectrum } from './spectrum';

function rows(W: Float64Array, r0: number, nr: number, n: number): number[][] {
  return Array.from({ length: nr }, (_, r) => Array.from(W.subarray((r0 + r) * n, (r0 + r + 1) * n)));
}

describe('spectrum', () => {
  it('equals the engine\'s singular values of the whole matrix and of each block of rows', () => {
    const rng = createRng(3);
    for (const [R, n] of [[12, 6], [40, 10], [16, 16]] as const) {
      const W = new Float64Array(R * n).map(() => rng.uniform(-1, 1));
      const got = spectrum(W, 0, R, n);
      expect(Array.from(got)).toEqual(singularValues(rows(W, 0, R, n)));
      if (R < 2 * n) continue;
      expect(Array.from(spectrum(W, n, n, n))).toEqual(singularValues(rows(W, n, n, n)));
    }
  });
  it('a scaled orthogonal matrix has every singular value equal to the scale', () => {
    const n = 8;
    const W = new Float64Array(n * n);
    for (let i = 0; i < n; i++) W[i * n + ((i * 3) % n)] = 1.3; // a scaled permutation
    const s = spectrum(W, 0, n, n);
    for (const x of s) expect(x).toBeCloseTo(1.3, 12);
  });
  it('a nearly singular block keeps its small value (no squaring of the condition number)', () => {
    // [[1, 1], [1, 1 + δ]] has σ_min ≈ δ/2
    const d = 1e-9;
    const s = spectrum(new Float64Array([1, 1, 1, 1 + d]), 0, 2, 2);
    expect(Math.abs(s[1]! - d / 2) / (d / 2)).toBeLessThan(1e-6);
  });
});
