// Results that callers hold on to stay valid; inputs the engine reads are copied; edge cases of input.
import { describe, expect, it } from 'vitest';
import {
  backward, clipGradNorm, createModel, createOptimizer, forward, fromStateDict, singularValues, toStateDict, trainStep,
  type ModelConfig,
} from './index';
import { plain, randMat, randomStateDict, refForward, refLoss, seeded, type RefConfig } from './reference.spec-check';

type Trace = ReturnType<typeof forward>;
type Backward = ReturnType<typeof backward>;

const arr = (x: unknown) => (x === undefined ? undefined : Array.from(x as ArrayLike<number>));
function snap(trace: Trace): unknown {
  return trace.steps.map((s) => ({
    logits: arr(s.logits), probs: arr(s.probs),
    layers: s.layers.map((l) => ({
      h: arr(l.h), c: arr((l as { c?: unknown }).c),
      gates: Object.fromEntries(Object.entries(l.gates as unknown as Record<string, unknown>).map(([k, v]) => [k, arr(v)])),
    })),
  }));
}
function snapBackward(b: Backward): unknown {
  const rows = (x: unknown) => (x === undefined ? undefined : Array.from(x as ArrayLike<ArrayLike<number>>, (r) => Array.from(r)));
  return {
    loss: b.loss, grads: plain(b.grads), dInputs: rows(b.dInputs), dH0: rows(b.dH0), dC0: rows(b.dC0),
    dh: rows(b.dh), dc: rows(b.dc),
  };
}

const cfg: ModelConfig = { cell: 'lstm', inputSize: 4, hiddenSize: 5, outputSize: 4, numLayers: 2, seed: 9 };
const seqA = [[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]];
const seqB = [[0, 0, 0, 1], [1, 0, 0, 0], [1, 0, 0, 0], [0, 0, 1, 0]];
const targets = [2, 1, 3, 0];

describe('held results stay valid', () => {
  it('a trace is unchanged by later forward passes of the same length', () => {
    const m = createModel(cfg);
    const trA = forward(m, seqA);
    const before = snap(trA);
    forward(m, seqB);
    expect(snap(trA)).toEqual(before);
  });
  it('backward of an earlier trace equals backward right after its forward', () => {
    const m = createModel(cfg);
    const fresh = snapBackward(backward(m, forward(m, seqA), targets));
    const trA = forward(m, seqA);
    const trB = forward(m, seqB);
    expect(snapBackward(backward(m, trA, targets))).toEqual(fresh);
    backward(m, trB, targets);
  });
  it('a backward result is unchanged by a later backward or trainStep', () => {
    const m = createModel(cfg);
    const bA = backward(m, forward(m, seqA), targets);
    const before = snapBackward(bA);
    backward(m, forward(m, seqB), [0, 0, 1, 1]);
    trainStep(m, createOptimizer({ type: 'sgd', lr: 0.1 }), seqB, [1, 1, 1, 1]);
    expect(snapBackward(bA)).toEqual(before);
  });
  it('a trace is unchanged by a later trainStep', () => {
    const m = createModel(cfg);
    const trA = forward(m, seqA);
    const before = snap(trA);
    trainStep(m, createOptimizer({ type: 'adam', lr: 0.1 }), seqB, targets);
    expect(snap(trA)).toEqual(before);
  });
});

describe('state dicts are copies', () => {
  it('changing the dict after fromStateDict, or the dict toStateDict returned, leaves the model alone', () => {
    const sd = randomStateDict(cfg as RefConfig, seeded(3));
    const m = fromStateDict(cfg, sd);
    const expected = plain(toStateDict(m));
    (sd['fc.weight'] as number[][])[0]![0] = 123;
    (sd['fc.bias'] as number[])[0] = 123;
    const out = toStateDict(m);
    (out['rnn.weight_hh_l0'] as number[][])[0]![0] = 456;
    (out['rnn.bias_ih_l1'] as number[])[1] = 456;
    expect(plain(toStateDict(m))).toEqual(expected);
  });
  it('gradients with Float64Array rows are read like plain arrays (optimizers, clipping)', () => {
    const m = createModel(cfg);
    const g = plain(backward(m, forward(m, seqA), targets).grads);
    const typed = Object.fromEntries(Object.entries(g).map(([k, v]) => [k, typeof v[0] === 'number'
      ? Float64Array.from(v as number[]) : (v as number[][]).map((r) => Float64Array.from(r))]));
    const asDict = typed as unknown as Parameters<typeof clipGradNorm>[0];
    expect(clipGradNorm(asDict, 0.1)).toBe(clipGradNorm(g, 0.1));
    expect(plain(asDict)).toEqual(g);
    const a = fromStateDict(cfg, toStateDict(m));
    const b = fromStateDict(cfg, toStateDict(m));
    const oa = createOptimizer({ type: 'adam', lr: 0.01 });
    const ob = createOptimizer({ type: 'adam', lr: 0.01 });
    for (let i = 0; i < 2; i++) {
      oa.step(a, g);
      ob.step(b, asDict);
    }
    expect(toStateDict(b)).toEqual(toStateDict(a));
  });
  it('no seed means seed 0: deterministic', () => {
    const { seed: _seed, ...noSeed } = cfg;
    expect(toStateDict(createModel(noSeed))).toEqual(toStateDict(createModel(noSeed)));
  });
});

describe('input edge cases', () => {
  it('rows that are not one-hot (a single 2.5, all zeros, two ones) are exact', () => {
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const c: RefConfig = { cell, inputSize: 3, hiddenSize: 4, outputSize: 3, numLayers: 2 };
      const sd = randomStateDict(c, seeded(44));
      const inputs = [[0, 2.5, 0], [0, 0, 0], [1, 1, 0], [0, 0, 1], [-1, 0, 0]];
      const tg = [0, 1, 2, 1, 0];
      const m = fromStateDict(c, sd);
      const tr = forward(m, inputs);
      const ref = refForward(c, sd, inputs);
      tr.steps.forEach((s, t) => arr(s.logits)!.forEach((x, j) =>
        expect(Math.abs(x - ref[t]!.logits[j]!), `${cell} logits t=${t}`).toBeLessThan(1e-12)));
      const dIn = backward(m, tr, tg).dInputs;
      const eps = 1e-6;
      inputs.forEach((row, t) => row.forEach((x0, j) => {
        row[j] = x0 + eps;
        const up = refLoss(c, sd, inputs, tg);
        row[j] = x0 - eps;
        const down = refLoss(c, sd, inputs, tg);
        row[j] = x0;
        const num = (up - down) / (2 * eps);
        const got = arr(dIn[t])![j]!;
        expect(Math.abs(got - num) / Math.max(Math.abs(num), 1e-2), `${cell} dInputs[${t}][${j}]`).toBeLessThan(1e-6);
      }));
    }
  });
  it('no step carries a loss (all targets −1): loss 0, every gradient 0', () => {
    const m = createModel(cfg);
    const b = backward(m, forward(m, seqA), [-1, -1, -1, -1]);
    expect(b.loss).toBe(0);
    for (const v of Object.values(plain(b.grads))) for (const x of v.flat()) expect(x).toBe(0);
  });
  it('a wrong initial state shape is an Error that names the state', () => {
    const m = createModel(cfg);
    expect(() => forward(m, seqA, { h: [[1, 2]] })).toThrow(/init|h0|\bh\b|state|hidden/i);
  });
  it('singular values of a single row / column are its length', () => {
    const v = randMat(1, 6, seeded(2))[0]!;
    const n = Math.hypot(...v);
    for (const M of [[v], v.map((x) => [x])]) {
      const sv = singularValues(M);
      expect(sv.length).toBe(1);
      expect(Math.abs(sv[0]! - n)).toBeLessThan(1e-12);
    }
  });
});
