// Values worked out by hand: one-unit cells, singular values, clipping, optimizer steps.
import { describe, expect, it } from 'vitest';
import { orthogonal } from './test-fixtures';
import {
  backward, clipGradNorm, clipGradValue, createModel, createOptimizer, forward, fromStateDict,
  singularValues, type OptimizerOptions, type StateDict,
} from './index';

const sig = (x: number): number => 1 / (1 + Math.exp(-x));
const close = (a: ArrayLike<number>, b: number[], digits = 14): void => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) expect(a[i]).toBeCloseTo(b[i], digits);
};

describe('one-unit cells by hand', () => {
  it('rnn tanh: h, pre-activation, logits, probs, loss and a few gradients', () => {
    const sd: StateDict = {
      'rnn.weight_ih_l0': [[0.5]], 'rnn.weight_hh_l0': [[-0.3]], 'rnn.bias_ih_l0': [0.1], 'rnn.bias_hh_l0': [0.2],
      'fc.weight': [[1], [-1]], 'fc.bias': [0, 0.5],
    };
    const m = fromStateDict({ cell: 'rnn', inputSize: 1, hiddenSize: 1, outputSize: 2 }, sd);
    const tr = forward(m, [[1], [2]], { h: [[0.7]] });
    const a0 = 0.5 * 1 + 0.1 + 0.2 - 0.3 * 0.7;
    const h0 = Math.tanh(a0);
    const a1 = 0.5 * 2 + 0.3 - 0.3 * h0;
    const h1 = Math.tanh(a1);
    close((tr.steps[0].layers[0].gates as { a: Float64Array }).a, [a0]);
    close(tr.steps[1].layers[0].h, [h1]);
    close(tr.steps[1].logits, [h1, 0.5 - h1]);
    const p1 = 1 / (1 + Math.exp(0.5 - 2 * h1)); // softmax([h, 0.5 − h])[0]
    close(tr.steps[1].probs, [p1, 1 - p1]);
    // loss only at step 1, target 0
    const res = backward(m, tr, [-1, 0]);
    expect(res.loss).toBeCloseTo(-Math.log(p1), 14);
    const dh1 = (p1 - 1) * 1 + (1 - p1) * -1; // fc.weightᵀ (p − e0)
    const da1 = dh1 * (1 - h1 * h1);
    close(res.dh[1], [dh1]);
    close(res.grads['fc.bias'] as number[], [p1 - 1, 1 - p1]);
    close((res.grads['rnn.weight_ih_l0'] as number[][])[0], [da1 * 2 + da1 * -0.3 * (1 - h0 * h0) * 1]);
    close(res.grads['rnn.bias_hh_l0'] as number[], [da1 + da1 * -0.3 * (1 - h0 * h0)]);
    close(res.dH0[0], [da1 * -0.3 * (1 - h0 * h0) * -0.3]);
  });

  it('rnn relu: negative pre-activations give 0 and no gradient', () => {
    const sd: StateDict = {
      'rnn.weight_ih_l0': [[1]], 'rnn.weight_hh_l0': [[1]], 'rnn.bias_ih_l0': [-1], 'rnn.bias_hh_l0': [0],
      'fc.weight': [[1], [0]], 'fc.bias': [0, 0],
    };
    const m = fromStateDict({ cell: 'rnn', inputSize: 1, hiddenSize: 1, outputSize: 2, nonlinearity: 'relu' }, sd);
    const tr = forward(m, [[0.5], [3]]);
    close(tr.steps[0].layers[0].h, [0]); // relu(−0.5)
    close(tr.steps[1].layers[0].h, [2]); // relu(3 − 1 + 0)
    const res = backward(m, tr, [0, 0]);
    expect(res.dInputs[0][0]).toBe(0);
  });

  it('lstm: gate rows i, f, g, o; c = f·c₀ + i·g; h = o·tanh(c)', () => {
    const sd: StateDict = {
      'rnn.weight_ih_l0': [[0.1], [0.2], [0.3], [0.4]], 'rnn.weight_hh_l0': [[-0.5], [0.6], [-0.7], [0.8]],
      'rnn.bias_ih_l0': [0.01, 0.02, 0.03, 0.04], 'rnn.bias_hh_l0': [-0.1, 0.1, -0.2, 0.2],
      'fc.weight': [[1]], 'fc.bias': [0],
    };
    const m = fromStateDict({ cell: 'lstm', inputSize: 1, hiddenSize: 1, outputSize: 1 }, sd);
    const tr = forward(m, [[2]], { h: [[0.5]], c: [[2]] });
    const i = sig(0.2 + 0.01 - 0.1 - 0.25);
    const f = sig(0.4 + 0.02 + 0.1 + 0.3);
    const g = Math.tanh(0.6 + 0.03 - 0.2 - 0.35);
    const o = sig(0.8 + 0.04 + 0.2 + 0.4);
    const c = f * 2 + i * g;
    const gates = tr.steps[0].layers[0].gates as { i: Float64Array; f: Float64Array; g: Float64Array; o: Float64Array };
    close(gates.i, [i]); close(gates.f, [f]); close(gates.g, [g]); close(gates.o, [o]);
    close(tr.steps[0].layers[0].c as Float64Array, [c]);
    close(tr.steps[0].layers[0].h, [o * Math.tanh(c)]);
    close(tr.steps[0].probs, [1]);
  });

  it('gru: rows r, z, n; r multiplies (W_hn h + b_hn); h = (1 − z)·n + z·h₀', () => {
    const sd: StateDict = {
      'rnn.weight_ih_l0': [[0.3], [-0.2], [0.5]], 'rnn.weight_hh_l0': [[0.4], [0.6], [-0.9]],
      'rnn.bias_ih_l0': [0.1, 0.2, 0.3], 'rnn.bias_hh_l0': [-0.1, 0.05, 0.7],
      'fc.weight': [[2]], 'fc.bias': [1],
    };
    const m = fromStateDict({ cell: 'gru', inputSize: 1, hiddenSize: 1, outputSize: 1 }, sd);
    const tr = forward(m, [[1]], { h: [[0.8]] });
    const r = sig(0.3 + 0.1 + 0.4 * 0.8 - 0.1);
    const z = sig(-0.2 + 0.2 + 0.6 * 0.8 + 0.05);
    const n = Math.tanh(0.5 + 0.3 + r * (-0.9 * 0.8 + 0.7));
    const h = (1 - z) * n + z * 0.8;
    const gates = tr.steps[0].layers[0].gates as { r: Float64Array; z: Float64Array; n: Float64Array };
    close(gates.r, [r]); close(gates.z, [z]); close(gates.n, [n]);
    close(tr.steps[0].layers[0].h, [h]);
    close(tr.steps[0].logits, [2 * h + 1]);
  });
});

describe('singularValues', () => {
  it('an orthogonal matrix scaled by s has every singular value s', () => {
    for (const s of [0.5, 1, 3.7]) {
      const sv = singularValues(orthogonal(7, 1).map((r) => r.map((x) => s * x)));
      expect(sv.length).toBe(7);
      for (const v of sv) expect(Math.abs(v - s) / s).toBeLessThan(1e-12);
    }
  });

  it('U·diag(3, 2, 1)·Vᵀ (5×3) and its transpose: [3, 2, 1]', () => {
    const U = orthogonal(5, 2).map((r) => r.slice(0, 3));
    const V = orthogonal(3, 3);
    const d = [3, 2, 1];
    const A = U.map((u) => V.map((v) => u.reduce((s, ui, k) => s + ui * d[k] * v[k], 0)));
    const At = A[0].map((_, j) => A.map((r) => r[j]));
    for (const M of [A, At]) {
      const sv = singularValues(M);
      sv.forEach((v, i) => expect(Math.abs(v - d[i]) / d[i]).toBeLessThan(1e-12));
    }
  });

  it('diagonal, rank-deficient and bad input', () => {
    expect(singularValues([[0, -4, 0], [2, 0, 0]])).toEqual([4, 2]);
    const sv = singularValues([[1, 2], [2, 4]]);
    expect(sv[0]).toBeCloseTo(5, 13);
    expect(sv[1]).toBeCloseTo(0, 13);
    expect(() => singularValues([[1, 2], [3]])).toThrow(/row 1/);
  });
});

describe('gradient clipping', () => {
  it('clipGradNorm below the threshold leaves the entries and returns the norm', () => {
    const g: StateDict = { a: [3], b: [[4, 0]] };
    expect(clipGradNorm(g, 10)).toBe(5);
    expect(g).toEqual({ a: [3], b: [[4, 0]] });
  });
  it('clipGradNorm above the threshold scales by maxNorm / (norm + 1e-6)', () => {
    const g: StateDict = { a: [3], b: [[4, 0]] };
    expect(clipGradNorm(g, 1)).toBe(5);
    const k = 1 / (5 + 1e-6);
    expect(g).toEqual({ a: [3 * k], b: [[4 * k, 0]] });
  });
  it('clipGradValue clamps and counts', () => {
    const g: StateDict = { a: [[1, -2], [0.5, 3]], b: [-0.1] };
    expect(clipGradValue(g, 1)).toBe(2);
    expect(g).toEqual({ a: [[1, -1], [0.5, 1]], b: [-0.1] });
  });
});

describe('optimizers against hand-worked steps', () => {
  const g = [0.5, -1, 2, 0, 0.25, -0.5];
  const grads: StateDict = {
    'rnn.weight_ih_l0': [[g[0]]], 'rnn.weight_hh_l0': [[g[1]]], 'rnn.bias_ih_l0': [g[2]], 'rnn.bias_hh_l0': [g[3]],
    'fc.weight': [[g[4]]], 'fc.bias': [g[5]],
  };
  const run = (o: OptimizerOptions, expected: (gi: number) => number[]): void => {
    const m = createModel({ cell: 'rnn', inputSize: 1, hiddenSize: 1, outputSize: 1 });
    m.params.fill(1);
    const opt = createOptimizer(o);
    const seen: number[][] = [];
    for (let s = 0; s < 2; s++) { opt.step(m, grads); seen.push(Array.from(m.params)); }
    g.forEach((gi, i) => {
      const [p1, p2] = expected(gi);
      expect(seen[0][i]).toBeCloseTo(p1, 14);
      expect(seen[1][i]).toBeCloseTo(p2, 14);
    });
  };
  it('sgd', () => run({ type: 'sgd', lr: 0.1 }, (gi) => [1 - 0.1 * gi, 1 - 0.2 * gi]));
  it('sgd momentum 0.9: buf = g, then 0.9·buf + g', () => run({ type: 'sgd', lr: 0.1, momentum: 0.9 }, (gi) => [1 - 0.1 * gi, 1 - 0.1 * gi - 0.19 * gi]));
  it('adam defaults: both steps move by lr·g/(|g| + eps) after bias correction', () =>
    run({ type: 'adam', lr: 0.1 }, (gi) => [1 - 0.1 * gi / (Math.abs(gi) + 1e-8), 1 - 0.2 * gi / (Math.abs(gi) + 1e-8)]));
  it('adam betas (0.5, 0.9) eps 0.1', () => run({ type: 'adam', lr: 0.1, betas: [0.5, 0.9], eps: 0.1 }, (gi) => {
    const s1 = 1 - (0.1 / 0.5) * (0.5 * gi) / (Math.sqrt(0.1 * gi * gi) / Math.sqrt(0.1) + 0.1);
    const m2 = 0.75 * gi, v2 = 0.19 * gi * gi;
    return [s1, s1 - (0.1 / 0.75) * m2 / (Math.sqrt(v2) / Math.sqrt(0.19) + 0.1)];
  }));
  it('adagrad: sum += g², p −= lr·g/(√sum + 1e-10)', () => run({ type: 'adagrad', lr: 0.1 }, (gi) => {
    const s1 = 1 - 0.1 * gi / (Math.abs(gi) + 1e-10);
    return [s1, s1 - 0.1 * gi / (Math.sqrt(2) * Math.abs(gi) + 1e-10)];
  }));
  it('reset() clears the moments', () => {
    const m = createModel({ cell: 'rnn', inputSize: 1, hiddenSize: 1, outputSize: 1 });
    m.params.fill(1);
    const opt = createOptimizer({ type: 'sgd', lr: 0.1, momentum: 0.9 });
    opt.step(m, grads);
    opt.reset();
    m.params.fill(1);
    opt.step(m, grads);
    g.forEach((gi, i) => expect(m.params[i]).toBeCloseTo(1 - 0.1 * gi, 15));
  });
});
