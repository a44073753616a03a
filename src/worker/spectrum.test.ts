// The fast singular values against the engine's SVD.
import { describe, expect, it } from 'vitest';
import { singularValues } from '../engine';
import { createRng } from '../engine/rng';
import { spectrum } from './spectrum';

function rows(W: Float64Array, r0: number, nr: number, n: number): number[][] {
  return Array.from({ length: nr }, (_, r) => Array.from(W.subarray((r0 + r) * n, (r0 + r + 1) * n)));
}

describe('spectrum', () => {
  it('equals the engine\'s singular values (tall and square blocks), through many small changes', () => {
    const rng = createRng(3);
    for (const [R, n] of [[12, 6], [40, 10], [16, 16]] as const) {
      const W = new Float64Array(R * n).map(() => rng.uniform(-1, 1));
      for (let step = 0; step < 80; step++) {
        for (let i = 0; i < W.length; i++) W[i]! += 0.01 * rng.uniform(-1, 1);
        const got = spectrum(W, 0, R, n);
        const want = singularValues(rows(W, 0, R, n));
        expect(Math.abs(got[0]! - want[0]!) / want[0]!).toBeLessThan(1e-12);
        for (let i = 0; i < n; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-7 * want[0]!);
      }
      if (R < 2 * n) continue;
      // one block of rows (a gate's H × H block)
      const block = spectrum(W, n, n, n);
      const want = singularValues(rows(W, n, n, n));
      for (let i = 0; i < n; i++) expect(Math.abs(block[i]! - want[i]!)).toBeLessThan(1e-7 * want[0]!);
    }
  });
  it('a scaled orthogonal matrix has every singular value equal to the scale', () => {
    const n = 8;
    const W = new Float64Array(n * n);
    for (let i = 0; i < n; i++) W[i * n + ((i * 3) % n)] = 1.3; // a scaled permutation
    const s = spectrum(W, 0, n, n);
    for (const x of s) expect(x).toBeCloseTo(1.3, 12);
  });
});
