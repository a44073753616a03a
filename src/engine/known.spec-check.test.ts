// Values worked out by hand: one-unit cells, gradient clipping, optimizer steps, singular values.
import { describe, expect, it } from 'vitest';
import {
  backward, clipGradNorm, clipGradValue, createOptimizer, forward, fromStateDict, singularValues,
  toStateDict, type ModelConfig, type StateDict,
} from './index';
import { randMat, refForward, refLoss, seeded, symmetricEigenvalues, type Mat, type RefConfig } from './reference.spec-check';

const LN3 = Math.log(3); // σ(ln 3) = 3/4, σ(−ln 3) = 1/4
const ATANH_HALF = Math.atanh(0.5); // tanh(atanh(1/2)) = 1/2

const v = (x: unknown): number[] => Array.from(x as ArrayLike<number>, (e) => e + 0);
const gate = (layer: unknown, name: string): number =>
  v((layer as { gates: Record<string, unknown> }).gates[name])[0]!;
const close = (a: number, b: number, tol = 1e-14) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol);

const unit = (cell: ModelConfig['cell'], nonlinearity?: 'tanh' | 'relu'): ModelConfig =>
  (nonlinearity ? { cell, inputSize: 1, hiddenSize: 1, outputSize: 2, nonlinearity } : { cell, inputSize: 1, hiddenSize: 1, outputSize: 2 });

describe('one-unit cells by hand', () => {
  it('rnn tanh: h, a, logits, probs, loss, fc.bias gradient', () => {
    const sd: StateDict = {
      'rnn.weight_ih_l0': [[0.5]], 'rnn.weight_hh_l0': [[2]], 'rnn.bias_ih_l0': [0.25], 'rnn.bias_hh_l0': [0.25],
      'fc.weight': [[1], [0]], 'fc.bias': [0, 0],
    };
    const model = fromStateDict(unit('rnn'), sd); // nonlinearity left out: tanh by default
    const tr = forward(model, [[1], [0]]);
    close(refForward(unit('rnn', 'tanh') as RefConfig, sd, [[1], [0]])[1]!.layers[0]!.h[0]!, 0.9656297510817428);
    close(refLoss(unit('rnn', 'tanh') as RefConfig, sd, [[1], [0]], [0, 1]), 1.6714177439380191);
    // t=0: a = 0.5·1 + 0.25 + 2·0 + 0.25 = 1, h = tanh 1 = 0.7615941559557649
    close(gate(tr.steps[0]!.layers[0], 'a'), 1);
    close(v(tr.steps[0]!.layers[0]!.h)[0]!, 0.7615941559557649);
    // t=1: a = 0.5·0 + 0.25 + 2·0.7615941559557649 + 0.25 = 2.0231883119115297, h = tanh a = 0.9656297510817428
    close(gate(tr.steps[1]!.layers[0], 'a'), 2.0231883119115297);
    close(v(tr.steps[1]!.layers[0]!.h)[0]!, 0.9656297510817428);
    // logits = [h, 0] → probs = [σ(h), 1 − σ(h)]; σ(0.7615941559557649) = 0.6816997421945262
    expect(v(tr.steps[0]!.logits)).toEqual([0.7615941559557649, 0]);
    close(v(tr.steps[0]!.probs)[0]!, 0.6816997421945262);
    close(v(tr.steps[1]!.probs)[1]!, 1 - 0.7242475580287483);
    // targets [0, 1]: loss = log(1 + e^−h0) + log(1 + e^h1) = 1.6714177439380191
    const bw = backward(model, tr, [0, 1]);
    close(bw.loss, 1.6714177439380191);
    // dL/dfc.bias = Σ_t (p_t − onehot(y_t)) = [(σ(h0) − 1) + σ(h1), (1 − σ(h0)) + (1 − σ(h1) − 1)]
    const gb = v(bw.grads['fc.bias']);
    close(gb[0]!, 0.6816997421945262 - 1 + 0.7242475580287483);
    close(gb[1]!, 1 - 0.6816997421945262 - 0.7242475580287483);
  });

  it('rnn relu: negative pre-activations give 0', () => {
    const sd: StateDict = {
      'rnn.weight_ih_l0': [[1]], 'rnn.weight_hh_l0': [[-1]], 'rnn.bias_ih_l0': [-0.5], 'rnn.bias_hh_l0': [0],
      'fc.weight': [[1], [0]], 'fc.bias': [0, 0],
    };
    const tr = forward(fromStateDict(unit('rnn', 'relu'), sd), [[0.25], [2], [1]]);
    // a0 = 0.25 − 0.5 = −0.25 → h0 = 0; a1 = 2 − 0.5 − 1·0 = 1.5 → h1 = 1.5; a2 = 1 − 0.5 − 1.5 = −1 → 0
    expect(tr.steps.map((s) => gate(s.layers[0], 'a'))).toEqual([-0.25, 1.5, -1]);
    expect(tr.steps.map((s) => v(s.layers[0]!.h)[0])).toEqual([0, 1.5, 0]);
  });

  it('lstm: gate rows in the order i, f, g, o; both biases and both weights used', () => {
    const sd: StateDict = {
      'rnn.weight_ih_l0': [[0], [0], [0], [1]], 'rnn.weight_hh_l0': [[0], [0], [0], [2]],
      'rnn.bias_ih_l0': [LN3, 0, ATANH_HALF, 0], 'rnn.bias_hh_l0': [0, -LN3, 0, -3],
      'fc.weight': [[1], [0]], 'fc.bias': [0, 0],
    };
    // x = 2, h0 = 0.5, c0 = 2: i = σ(ln 3) = 3/4, f = σ(−ln 3) = 1/4, g = tanh(atanh ½) = ½,
    // o = σ(1·2 + 2·0.5 − 3) = σ(0) = ½; c = ¼·2 + ¾·½ = 0.875; h = ½·tanh(0.875) = 0.3519528019683106
    const tr = forward(fromStateDict(unit('lstm'), sd), [[2]], { h: [[0.5]], c: [[2]] });
    const ref = refForward(unit('lstm') as RefConfig, sd, [[2]], { h: [[0.5]], c: [[2]] })[0]!.layers[0]!;
    close(ref.c![0]!, 0.875);
    close(ref.h[0]!, 0.3519528019683106);
    const l = tr.steps[0]!.layers[0]!;
    close(gate(l, 'i'), 0.75);
    close(gate(l, 'f'), 0.25);
    close(gate(l, 'g'), 0.5);
    close(gate(l, 'o'), 0.5);
    close(v(l.c)[0]!, 0.875);
    close(v(l.h)[0]!, 0.3519528019683106);
  });

  it('gru: rows r, z, n; r multiplies (W_hn h + b_hn)', () => {
    const sd: StateDict = {
      'rnn.weight_ih_l0': [[0], [0], [1]], 'rnn.weight_hh_l0': [[0], [0], [1]],
      'rnn.bias_ih_l0': [0, LN3, -1], 'rnn.bias_hh_l0': [0, 0, 1],
      'fc.weight': [[1], [0]], 'fc.bias': [0, 0],
    };
    // x = 1, h0 = 1: r = σ(0) = ½, z = σ(ln 3) = ¾, n = tanh((1·1 − 1) + ½·(1·1 + 1)) = tanh 1,
    // h = (1 − ¾)·tanh 1 + ¾·1 = 0.25·0.7615941559557649 + 0.75 = 0.9403985389889412
    const tr = forward(fromStateDict(unit('gru'), sd), [[1]], { h: [[1]] });
    close(refForward(unit('gru') as RefConfig, sd, [[1]], { h: [[1]] })[0]!.layers[0]!.h[0]!, 0.9403985389889412);
    const l = tr.steps[0]!.layers[0]!;
    close(gate(l, 'r'), 0.5);
    close(gate(l, 'z'), 0.75);
    close(gate(l, 'n'), 0.7615941559557649);
    close(v(l.h)[0]!, 0.9403985389889412);
  });
});

describe('gradient clipping', () => {
  const grads = (): StateDict => ({ a: [3, 0], b: [[0], [-4]] }); // total L2 norm √(9 + 16) = 5
  it('clipGradNorm below the threshold: returns the norm, leaves the entries', () => {
    const g = grads();
    expect(clipGradNorm(g, 10)).toBe(5);
    expect(g).toEqual(grads());
  });
  it('clipGradNorm above the threshold: scales by maxNorm / (norm + 1e-6)', () => {
    const g = grads();
    expect(clipGradNorm(g, 1)).toBe(5);
    const s = 1 / (5 + 1e-6);
    close((g.a as number[])[0]!, 3 * s, 1e-15);
    close((g.b as number[][])[1]![0]!, -4 * s, 1e-15);
    expect((g.a as number[])[1]).toBe(0);
  });
  it('clipGradValue clamps to [−c, c] and counts the clipped entries', () => {
    const g: StateDict = { a: [0.5, -2, 3], b: [[-0.25, 1.5], [0, -1]] };
    expect(clipGradValue(g, 1.25)).toBe(3);
    expect(g).toEqual({ a: [0.5, -1.25, 1.25], b: [[-0.25, 1.25], [0, -1]] });
    expect(clipGradValue(g, 5)).toBe(0);
  });
});

describe('optimizers against hand-worked steps', () => {
  // One-unit rnn, every parameter 1; every gradient g except fc.bias, whose gradient is 0.
  const cfg: ModelConfig = { cell: 'rnn', inputSize: 1, hiddenSize: 1, outputSize: 1 };
  const ones = (): StateDict => ({
    'rnn.weight_ih_l0': [[1]], 'rnn.weight_hh_l0': [[1]], 'rnn.bias_ih_l0': [1], 'rnn.bias_hh_l0': [1],
    'fc.weight': [[1]], 'fc.bias': [1],
  });
  const gradOf = (g: number): StateDict => ({
    'rnn.weight_ih_l0': [[g]], 'rnn.weight_hh_l0': [[g]], 'rnn.bias_ih_l0': [g], 'rnn.bias_hh_l0': [g],
    'fc.weight': [[g]], 'fc.bias': [0],
  });
  const G = [0.5, -1, 0.25];
  function steps(opt: Parameters<typeof createOptimizer>[0], expected: number[]) {
    const model = fromStateDict(cfg, ones());
    const o = createOptimizer(opt);
    G.forEach((g, i) => {
      o.step(model, gradOf(g));
      const sd = toStateDict(model);
      for (const key of Object.keys(sd)) {
        const got = key.includes('weight') ? (sd[key] as number[][])[0]![0]! : (sd[key] as number[])[0]!;
        close(got, key === 'fc.bias' ? 1 : expected[i]!, 1e-12);
      }
    });
  }
  it('sgd: p −= lr·g', () => steps({ type: 'sgd', lr: 0.1 }, [0.95, 1.05, 1.025]));
  it('sgd momentum 0.9: buf = g, then buf = 0.9·buf + g', () =>
    // buf 0.5 → p 0.95; buf 0.45 − 1 = −0.55 → p 1.005; buf −0.495 + 0.25 = −0.245 → p 1.0295
    steps({ type: 'sgd', lr: 0.1, momentum: 0.9 }, [0.95, 1.005, 1.0295]));
  it('adam defaults (0.9, 0.999, 1e-8)', () =>
    // t=1: m = 0.05, v = 0.00025, p = 1 − (0.1/0.1)·0.05/(√0.00025/√0.001 + 1e-8) = 0.900000002
    // t=2: m = 0.045 − 0.1 = −0.055, v = 0.00024975 + 0.001 = 0.00124975,
    //      p = 0.900000002 + (0.1/0.19)·0.055/(√0.00124975/√0.001999 + 1e-8) = 0.9366103542405654
    // t=3: m = −0.0495 + 0.025 = −0.0245, v = 0.001248500... + 0.0000625 = 0.00131100025,
    //      p = 0.9366103542405654 + (0.1/0.271)·0.0245/(√0.00131100025/√0.002997001 + 1e-8)
    steps({ type: 'adam', lr: 0.1 }, [0.900000002, 0.9366103542405654, 0.9502794203389762]));
  it('adagrad eps 1e-10: sum += g², p −= lr·g/(√sum + eps)', () =>
    // sum 0.25 → p = 1 − 0.05/(0.5 + 1e-10) = 0.90000000002; sum 1.25 → p += 0.1/(√1.25 + 1e-10);
    // sum 1.3125 → p −= 0.025/(√1.3125 + 1e-10)
    steps({ type: 'adagrad', lr: 0.1 }, [0.90000000002, 0.9894427191119917, 0.9676209300902971]));
  it('adam with explicit betas and eps', () => {
    const model = fromStateDict(cfg, ones());
    createOptimizer({ type: 'adam', lr: 0.01, betas: [0.5, 0.75], eps: 0.1 }).step(model, gradOf(2));
    // m = 1, v = 1, m̂ = 2, v̂ = 4 → p = 1 − 0.01·2/(2 + 0.1)
    close((toStateDict(model)['fc.weight'] as number[][])[0]![0]!, 1 - 0.02 / 2.1, 1e-15);
  });
  for (const opt of [{ type: 'sgd', lr: 0.1, momentum: 0.9 }, { type: 'adam', lr: 0.1 }, { type: 'adagrad', lr: 0.1 }] as const) {
    it(`${opt.type}: after reset() a step equals a fresh optimizer's`, () => {
      const a = fromStateDict(cfg, ones());
      const o = createOptimizer(opt);
      o.step(a, gradOf(0.5));
      o.step(a, gradOf(-1));
      o.reset();
      const b = fromStateDict(cfg, toStateDict(a));
      o.step(a, gradOf(0.25));
      createOptimizer(opt).step(b, gradOf(0.25));
      expect(toStateDict(a)).toEqual(toStateDict(b));
    });
  }
});

function gramSchmidt(A: Mat): Mat {
  // orthonormal columns from the columns of A
  const n = A.length;
  const m = A[0]!.length;
  const Q: number[][] = [];
  for (let j = 0; j < m; j++) {
    let col = A.map((r) => r[j]!);
    for (const q of Q) {
      const d = col.reduce((s, x, i) => s + x * q[i]!, 0);
      col = col.map((x, i) => x - d * q[i]!);
    }
    const nrm = Math.sqrt(col.reduce((s, x) => s + x * x, 0));
    Q.push(col.map((x) => x / nrm));
  }
  return Array.from({ length: n }, (_, i) => Q.map((q) => q[i]!));
}

describe('singularValues', () => {
  it('an orthogonal matrix scaled by s has every singular value s', () => {
    for (const [n, s] of [[4, 2.5], [6, 0.3], [1, 7]] as const) {
      const Q = gramSchmidt(randMat(n, n, seeded(n * 11)));
      const sv = singularValues(Q.map((r) => r.map((x) => x * s)));
      expect(sv.length).toBe(n);
      for (const x of sv) close(x, s, 1e-10);
    }
  });
  it('orthonormal columns (5×3 and its 3×5 transpose) scaled by s', () => {
    const Q = gramSchmidt(randMat(5, 3, seeded(5))).map((r) => r.map((x) => x * 1.5));
    for (const M of [Q, Q[0]!.map((_, j) => Q.map((r) => r[j]!))]) {
      const sv = singularValues(M);
      expect(sv.length).toBe(3);
      for (const x of sv) close(x, 1.5, 1e-10);
    }
  });
  it('a diagonal matrix: |diagonal| sorted descending', () => {
    const sv = singularValues([[3, 0, 0], [0, -1, 0], [0, 0, 2]]);
    expect(sv.length).toBe(3);
    [3, 2, 1].forEach((x, i) => close(sv[i]!, x, 1e-12));
  });
  it('rectangular: min(rows, cols) values, descending', () => {
    const wide = singularValues([[1, 0, 0, 0], [0, 2, 0, 0]]);
    expect(wide.length).toBe(2);
    [2, 1].forEach((x, i) => close(wide[i]!, x, 1e-12));
    const tall = singularValues([[0, 1], [3, 0], [0, 0], [0, 0]]);
    expect(tall.length).toBe(2);
    [3, 1].forEach((x, i) => close(tall[i]!, x, 1e-12));
  });
  it('random 5×3: the square roots of the eigenvalues of AᵀA', () => {
    const A = randMat(5, 3, seeded(99));
    const AtA = [0, 1, 2].map((i) => [0, 1, 2].map((j) => A.reduce((s, r) => s + r[i]! * r[j]!, 0)));
    const expected = symmetricEigenvalues(AtA).map(Math.sqrt);
    const sv = singularValues(A);
    expect(sv.length).toBe(3);
    expected.forEach((x, i) => expect(Math.abs(sv[i]! - x) / x).toBeLessThan(1e-10));
    for (let i = 1; i < sv.length; i++) expect(sv[i]!).toBeLessThanOrEqual(sv[i - 1]!);
  });
});
