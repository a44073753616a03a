// Singular values against matrices built with known values: tall, wide, square, rank-deficient,
// far from 1 in scale, and both reduction paths (with and without the QR first).
import { describe, expect, it } from 'vitest';
import { singularValues } from './index';
import { singularValuesFlat } from './svd';
import { createRng } from './rng';
import { orthogonal } from './test-fixtures';

/** U[:, :k]·diag(s)·V[:, :k]ᵀ for an m × n matrix, k = s.length ≤ min(m, n). */
function withValues(m: number, n: number, s: number[], seed: number): number[][] {
  const U = orthogonal(m, seed);
  const V = orthogonal(n, seed + 1);
  return U.map((u) => V.map((v) => s.reduce((acc, x, k) => acc + u[k]! * x * v[k]!, 0)));
}

const transpose = (A: number[][]): number[][] => A[0]!.map((_, j) => A.map((r) => r[j]!));

describe('singularValues (Golub–Kahan)', () => {
  it('recovers known values on tall (both paths), square and wide matrices', () => {
    for (const [m, n] of [[40, 12], [20, 16], [16, 16], [12, 40]] as const) {
      const k = Math.min(m, n);
      const s = Array.from({ length: k }, (_, i) => 10 * Math.pow(0.6, i)).sort((a, b) => b - a);
      const got = singularValues(withValues(m, n, s, m * 7 + n));
      expect(got.length).toBe(k);
      got.forEach((x, i) => expect(Math.abs(x - s[i]!), `${m}×${n} σ${i}`).toBeLessThan(1e-13 * s[0]!));
    }
  });
  it('a rank-3 matrix has its other values at zero to ε·σ_max', () => {
    const A = withValues(30, 10, [5, 2, 0.5], 9);
    const got = singularValues(A);
    [5, 2, 0.5].forEach((x, i) => expect(Math.abs(got[i]! - x)).toBeLessThan(1e-13 * 5));
    for (let i = 3; i < 10; i++) expect(got[i]!).toBeLessThan(1e-13 * 5);
  });
  it('is unchanged by transposition and scales with the matrix, far from 1', () => {
    const rng = createRng(4);
    const A = Array.from({ length: 9 }, () => Array.from({ length: 5 }, () => rng.uniform(-1, 1)));
    const base = singularValues(A);
    singularValues(transpose(A)).forEach((x, i) => expect(Math.abs(x - base[i]!)).toBeLessThan(1e-14 * base[0]!));
    for (const f of [1e-200, 1e200]) {
      const got = singularValues(A.map((r) => r.map((x) => x * f)));
      got.forEach((x, i) => expect(Math.abs(x / f - base[i]!)).toBeLessThan(1e-14 * base[0]!));
    }
  });
  it('Σσ² equals the squared Frobenius norm; a zero matrix has zero values', () => {
    const rng = createRng(8);
    const W = new Float64Array(64 * 16).map(() => rng.uniform(-1, 1));
    const f = W.reduce((s, x) => s + x * x, 0);
    for (const [r, c] of [[64, 16], [16, 64], [32, 32]] as const) {
      const s = singularValuesFlat(W, r, c);
      expect(Math.abs(s.reduce((a, x) => a + x * x, 0) - f) / f).toBeLessThan(1e-13);
      for (let i = 1; i < s.length; i++) expect(s[i]!).toBeLessThanOrEqual(s[i - 1]!);
    }
    expect(Array.from(singularValuesFlat(new Float64Array(12), 4, 3))).toEqual([0, 0, 0]);
  });
  it('reads a block of a larger row-major buffer', () => {
    const rng = createRng(2);
    const W = new Float64Array(12 * 4).map(() => rng.uniform(-1, 1));
    const rows = Array.from({ length: 4 }, (_, r) => Array.from(W.subarray((4 + r) * 4, (5 + r) * 4)));
    const want = singularValues(rows);
    Array.from(singularValuesFlat(W, 4, 4, 16)).forEach((x, i) => expect(x).toBeCloseTo(want[i]!, 14));
  });
});
