// Principal components against the engine's SVD: the variances are σ_i²/(N−1) of the centred
// points, the explained-variance ratios σ_i²/Σσ², the projected coordinates have exactly those
// variances, the directions are orthonormal eigenvectors of the covariance, and their signs are fixed.
import { describe, expect, it } from 'vitest';
import { classSeparation, covariance, pca, project, singularValuesFlat } from './index';
import { createRng } from './rng';
import { orthogonal } from './test-fixtures';

/** N points in H dimensions spread along orthogonal axes with the given standard deviations, shifted by an offset. */
function cloud(n: number, h: number, spread: number[], seed: number): Float64Array {
  const rng = createRng(seed);
  const axes = orthogonal(h, seed + 1);
  const out = new Float64Array(n * h);
  for (let r = 0; r < n; r++) {
    const z = spread.map((s) => s * rng.normal());
    for (let j = 0; j < h; j++) {
      let v = 3 + j; // an offset the centring must remove
      for (let a = 0; a < spread.length; a++) v += z[a]! * axes[j]![a]!;
      out[r * h + j] = v + 0.01 * rng.normal();
    }
  }
  return out;
}

function centred(data: Float64Array, n: number, h: number): Float64Array {
  const { mean } = covariance(data, n, h);
  return data.map((v, i) => v - mean[i % h]!);
}

const variance = (xs: Float64Array, k: number, c: number): number => {
  const n = xs.length / k;
  let m = 0;
  for (let r = 0; r < n; r++) m += xs[r * k + c]!;
  m /= n;
  let s = 0;
  for (let r = 0; r < n; r++) s += (xs[r * k + c]! - m) ** 2;
  return s / (n - 1);
};

describe('pca', () => {
  for (const [method, n, h] of [['jacobi', 300, 12], ['subspace', 300, 12], ['subspace', 400, 90], ['jacobi', 50, 80]] as const) {
    it(`${method}, ${n} points × ${h}: variances are σ²/(N−1) of the centred points, ratios σ²/Σσ²`, () => {
      const data = cloud(n, h, [5, 3, 1.5, 1, 0.5], n + h);
      const p = pca(data, n, h, 3, { method });
      const sigma = singularValuesFlat(centred(data, n, h), n, h);
      const ss = sigma.reduce((a, s) => a + s * s, 0);
      expect(p.total).toBeCloseTo(ss / (n - 1), 9);
      for (let i = 0; i < 3; i++) {
        expect(Math.abs(p.variance[i]! - sigma[i]! ** 2 / (n - 1))).toBeLessThan(1e-8 * p.total);
        expect(Math.abs(p.ratio[i]! - sigma[i]! ** 2 / ss)).toBeLessThan(1e-9);
      }
      // the projected coordinates carry exactly those variances and are uncorrelated
      const xy = project(p, data, n);
      for (let c = 0; c < 3; c++) expect(Math.abs(variance(xy, 3, c) - p.variance[c]!)).toBeLessThan(1e-8 * p.total);
      let cross = 0;
      for (let r = 0; r < n; r++) cross += xy[r * 3]! * xy[r * 3 + 1]!;
      expect(Math.abs(cross / (n - 1))).toBeLessThan(1e-7 * p.total);
      // orthonormal eigenvectors of the covariance, largest entry positive
      const { cov } = covariance(data, n, h);
      for (let a = 0; a < 3; a++) {
        for (let b = 0; b < 3; b++) {
          let d = 0;
          for (let j = 0; j < h; j++) d += p.components[a * h + j]! * p.components[b * h + j]!;
          expect(d).toBeCloseTo(a === b ? 1 : 0, 9);
        }
        let res = 0;
        for (let i = 0; i < h; i++) {
          let cv = 0;
          for (let j = 0; j < h; j++) cv += cov[i * h + j]! * p.components[a * h + j]!;
          res += (cv - p.variance[a]! * p.components[a * h + i]!) ** 2;
        }
        expect(Math.sqrt(res)).toBeLessThan(1e-6 * p.total);
        const row = Array.from(p.components.subarray(a * h, a * h + h));
        const big = row.reduce((m, v) => (Math.abs(v) > Math.abs(m) ? v : m), 0);
        expect(big).toBeGreaterThan(0);
      }
    });
  }

  it('both methods agree, and the signs do not flip when the points are negated', () => {
    const n = 200;
    const h = 20;
    const data = cloud(n, h, [4, 2, 1], 5);
    const a = pca(data, n, h, 2, { method: 'jacobi' });
    const b = pca(data, n, h, 2, { method: 'subspace' });
    for (let i = 0; i < 2 * h; i++) expect(b.components[i]!).toBeCloseTo(a.components[i]!, 6);
    const neg = pca(data.map((v) => -v), n, h, 2);
    for (let i = 0; i < 2 * h; i++) expect(neg.components[i]!).toBeCloseTo(a.components[i]!, 9);
  });

  it('known values: points on a line, and points that do not spread', () => {
    // (t, 2t) for t = 0..4: all variance along (1, 2)/√5
    const line = new Float64Array([0, 0, 1, 2, 2, 4, 3, 6, 4, 8]);
    const p = pca(line, 5, 2, 2);
    expect(p.components[0]!).toBeCloseTo(1 / Math.sqrt(5), 12);
    expect(p.components[1]!).toBeCloseTo(2 / Math.sqrt(5), 12);
    expect(p.variance[0]!).toBeCloseTo(5 * 2.5, 12); // var(t) = 2.5, times |(1,2)|²
    expect(p.ratio[0]!).toBeCloseTo(1, 12);
    expect(p.ratio[1]!).toBeCloseTo(0, 12);
    expect(Array.from(project(p, line, 5)).filter((_, i) => i % 2 === 0).map((v) => v * Math.sqrt(5)))
      .toEqual([-10, -5, 0, 5, 10].map((v) => expect.closeTo(v, 10)));
    const flat = pca(new Float64Array(12).fill(0.5), 4, 3, 2);
    expect(Array.from(flat.ratio)).toEqual([0, 0]);
    expect(flat.total).toBe(0);
  });
});

describe('classSeparation', () => {
  it('known values', () => {
    // two classes, each a single point: all spread is between classes
    expect(classSeparation([0, 0, 2, 2], [0, 0, 0, 0], [0, 0, 1, 1])).toBeCloseTo(1, 12);
    // same centre for both classes: nothing between them
    expect(classSeparation([-1, 1, -1, 1], [0, 0, 0, 0], [0, 0, 1, 1])).toBe(0);
    // centres ±1 on x, each class spread ±1 on y: between 4·1 = 4, total 4 + 4 = 8
    expect(classSeparation([-1, -1, 1, 1], [-1, 1, -1, 1], [0, 0, 1, 1])).toBeCloseTo(0.5, 12);
    // a negative class leaves its point out
    expect(classSeparation([0, 2, 100], [0, 0, 0], [0, 1, -1])).toBeCloseTo(1, 12);
    expect(classSeparation([1, 1], [1, 1], [0, 1])).toBe(0);
    expect(classSeparation([], [], [])).toBe(0);
  });
});

describe('topLayerStates', () => {
  it('equals the forward pass’s top-layer h for every cell, one and two layers, sequences of several lengths', async () => {
    const { createModel, forward, topLayerStates } = await import('./index');
    const seqs = [[0, 3, 2, 5], [1, 1], [4, 0, 2, 2, 3, 5, 1], [2, 5, 0, 1]];
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      for (const numLayers of [1, 2]) {
        const model = createModel({ cell, inputSize: 6, hiddenSize: 5, outputSize: 6, numLayers, seed: 3 });
        const got = topLayerStates(model, seqs);
        seqs.forEach((ids, s) => {
          const rows = ids.map((id) => Array.from({ length: 6 }, (_, i) => (i === id ? 1 : 0)));
          const trace = forward(model, rows);
          trace.steps.forEach((step, t) => {
            for (let j = 0; j < 5; j++) expect(got[s]![t * 5 + j]).toBe(step.layers[numLayers - 1]!.h[j]);
          });
        });
      }
    }
    expect(() => topLayerStates(createModel({ cell: 'rnn', inputSize: 3, hiddenSize: 2, outputSize: 3 }), [[0, 7]])).toThrow(/token 1/);
  });
});
