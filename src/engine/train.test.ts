// The training fast path against the composed public calls, determinism, state-dict round trips
// and input validation.
import { describe, expect, it } from 'vitest';
import {
  backward, clipGradNorm, cloneModel, createModel, createOptimizer, createRng, forward, fromStateDict, modelConfig,
  oneHotRows, paramCount, toStateDict, trainBatch, trainStep, trainStepTokens,
  type CellType, type ModelConfig, type OptimizerOptions, type StateDict,
} from './index';

const OPTS: OptimizerOptions[] = [
  { type: 'sgd', lr: 0.1 },
  { type: 'sgd', lr: 0.05, momentum: 0.9 },
  { type: 'adam', lr: 0.01 },
  { type: 'adagrad', lr: 0.1 },
];
const CELLS: CellType[] = ['rnn', 'lstm', 'gru'];

function data(seed: number, T: number, V: number, oneHot: boolean): { inputs: number[][]; targets: number[]; tokens: number[] } {
  const rng = createRng(seed);
  const tokens = Array.from({ length: T }, () => rng.int(V));
  const inputs = oneHot ? oneHotRows(tokens, V) : tokens.map(() => Array.from({ length: V }, () => rng.uniform(-1, 1)));
  const targets = tokens.map((_, t) => (t % 3 === 1 ? -1 : rng.int(V)));
  return { inputs, targets, tokens };
}

describe('trainStep equals forward → backward → clipGradNorm → optimizer.step exactly', () => {
  for (const cell of CELLS) {
    for (const opt of OPTS) {
      for (const clipNorm of [undefined, 0.5]) {
        it(`${cell} ${opt.type}${'momentum' in opt ? ' momentum' : ''} clip ${clipNorm ?? 'off'}`, () => {
          const cfg: ModelConfig = { cell, inputSize: 6, hiddenSize: 5, outputSize: 6, numLayers: 2, seed: 3 };
          const fast = createModel(cfg);
          const slow = createModel(cfg);
          const oFast = createOptimizer(opt);
          const oSlow = createOptimizer(opt);
          for (let step = 0; step < 4; step++) {
            const { inputs, targets } = data(step, 7, 6, step % 2 === 0);
            const r = trainStep(fast, oFast, inputs, targets, { clipNorm });
            const b = backward(slow, forward(slow, inputs), targets);
            const norm = clipNorm === undefined ? clipGradNorm(b.grads, Infinity) : clipGradNorm(b.grads, clipNorm);
            oSlow.step(slow, b.grads);
            expect(Object.is(r.loss, b.loss)).toBe(true);
            expect(Object.is(r.gradNorm, norm)).toBe(true);
            expect(fast.params).toEqual(slow.params);
          }
          expect(toStateDict(fast)).toEqual(toStateDict(slow));
        });
      }
    }
  }

  it('with truncate, and the token-id variant', () => {
    const cfg: ModelConfig = { cell: 'lstm', inputSize: 5, hiddenSize: 4, outputSize: 5, seed: 9 };
    const [a, b, c] = [createModel(cfg), createModel(cfg), createModel(cfg)];
    const [oa, ob, oc] = [createOptimizer({ type: 'adam', lr: 0.02 }), createOptimizer({ type: 'adam', lr: 0.02 }), createOptimizer({ type: 'adam', lr: 0.02 })];
    for (let step = 0; step < 3; step++) {
      const { inputs, targets, tokens } = data(10 + step, 8, 5, true);
      const r = trainStep(a, oa, inputs, targets, { truncate: 3, clipNorm: 1 });
      const g = backward(b, forward(b, inputs), targets, { truncate: 3 });
      clipGradNorm(g.grads, 1);
      ob.step(b, g.grads);
      const rt = trainStepTokens(c, oc, tokens, targets, { truncate: 3, clipNorm: 1 });
      expect(r).toEqual({ loss: rt.loss, gradNorm: rt.gradNorm });
      expect(a.params).toEqual(b.params);
      expect(a.params).toEqual(c.params);
    }
  });

  it('trainBatch averages the gradients of the sequences before one clipped step', () => {
    const cfg: ModelConfig = { cell: 'gru', inputSize: 4, hiddenSize: 3, outputSize: 4, seed: 2 };
    const a = createModel(cfg);
    const b = createModel(cfg);
    const oa = createOptimizer({ type: 'sgd', lr: 0.3, momentum: 0.5 });
    const ob = createOptimizer({ type: 'sgd', lr: 0.3, momentum: 0.5 });
    const items = [data(1, 5, 4, true), data(2, 7, 4, false), data(3, 6, 4, true)];
    const r = trainBatch(a, oa, items.map(({ inputs, targets }) => ({ inputs, targets })), { clipNorm: 0.2 });
    const res = items.map(({ inputs, targets }) => backward(b, forward(b, inputs), targets));
    // entry-wise mean over the three sequences, same nesting as the grads
    const avg = (ys: unknown[]): unknown => (Array.isArray(ys[0])
      ? (ys[0] as unknown[]).map((_, i) => avg(ys.map((y) => (y as unknown[])[i])))
      : (ys as number[]).reduce((s, y) => s + y, 0) / ys.length);
    const mean: StateDict = {};
    for (const key of Object.keys(res[0].grads)) mean[key] = avg(res.map((q) => q.grads[key])) as number[];
    const norm = clipGradNorm(mean, 0.2);
    ob.step(b, mean);
    expect(r.loss).toBeCloseTo(res.reduce((s, q) => s + q.loss, 0) / 3, 12);
    expect(r.gradNorm).toBeCloseTo(norm, 12);
    for (let i = 0; i < a.params.length; i++) expect(a.params[i]).toBeCloseTo(b.params[i], 13);
    // a batch of one is exactly trainStep
    const c = createModel(cfg);
    const d = createModel(cfg);
    const oc = createOptimizer({ type: 'adam', lr: 0.1 });
    const od = createOptimizer({ type: 'adam', lr: 0.1 });
    const single = trainBatch(c, oc, [{ tokens: items[0].tokens, targets: items[0].targets }]);
    expect({ loss: single.loss, gradNorm: single.gradNorm }).toEqual(trainStep(d, od, items[0].inputs, items[0].targets));
    expect(c.params).toEqual(d.params);
  });

  it('trainBatch counts the loss steps whose most likely output was the target, before the update', () => {
    for (const cell of CELLS) {
      const cfg: ModelConfig = { cell, inputSize: 4, hiddenSize: 5, outputSize: 4, seed: 9 };
      const m = createModel(cfg);
      const items = [1, 2, 3, 4].map((k) => data(k, 6, 4, true));
      // the expected count from forward() with the weights as they are before the step
      let hits = 0;
      let counted = 0;
      for (const { inputs, targets } of items) {
        const tr = forward(m, inputs);
        targets.forEach((y, t) => {
          if (y < 0) return;
          counted++;
          const p = Array.from(tr.steps[t].probs);
          if (p.indexOf(Math.max(...p)) === y) hits++;
        });
      }
      const r = trainBatch(m, createOptimizer({ type: 'sgd', lr: 5 }), items.map(({ tokens, targets }) => ({ tokens, targets })));
      expect(r.counted).toBe(counted);
      expect(r.hits).toBe(hits);
      expect(counted).toBe(16);
    }
  });
});

describe('determinism and state dicts', () => {
  it('same seed ⇒ bit-identical models, traces and training; another seed differs', () => {
    const cfg: ModelConfig = { cell: 'lstm', inputSize: 4, hiddenSize: 6, outputSize: 4, numLayers: 2, seed: 42 };
    const a = createModel(cfg);
    const b = createModel(cfg);
    expect(a.params).toEqual(b.params);
    expect(createModel({ ...cfg, seed: 43 }).params).not.toEqual(a.params);
    const { inputs, targets } = data(5, 6, 4, true);
    const ta = forward(a, inputs);
    const tb = forward(b, inputs);
    expect(ta.steps).toEqual(tb.steps);
    const oa = createOptimizer({ type: 'adam', lr: 0.01 });
    const ob = createOptimizer({ type: 'adam', lr: 0.01 });
    for (let i = 0; i < 3; i++) expect(trainStep(a, oa, inputs, targets)).toEqual(trainStep(b, ob, inputs, targets));
    expect(a.params).toEqual(b.params);
  });

  it('default init: PyTorch keys and shapes, entries in ±1/√H, from createRng(seed) in order', () => {
    const m = createModel({ cell: 'gru', inputSize: 3, hiddenSize: 4, outputSize: 5, numLayers: 2, seed: 7 });
    const sd = toStateDict(m);
    expect(Object.keys(sd)).toEqual([
      'rnn.weight_ih_l0', 'rnn.weight_hh_l0', 'rnn.bias_ih_l0', 'rnn.bias_hh_l0',
      'rnn.weight_ih_l1', 'rnn.weight_hh_l1', 'rnn.bias_ih_l1', 'rnn.bias_hh_l1', 'fc.weight', 'fc.bias',
    ]);
    expect([(sd['rnn.weight_ih_l0'] as number[][]).length, (sd['rnn.weight_ih_l0'] as number[][])[0].length]).toEqual([12, 3]);
    expect([(sd['fc.weight'] as number[][]).length, (sd['fc.weight'] as number[][])[0].length]).toEqual([5, 4]);
    const rng = createRng(7);
    expect((sd['rnn.weight_ih_l0'] as number[][])[0][0]).toBe(rng.uniform(-0.5, 0.5));
    expect(Array.from(m.params).every((x) => Math.abs(x) <= 0.5)).toBe(true);
    expect(paramCount(m)).toBe(m.params.length);
    expect(modelConfig(m)).toEqual({ cell: 'gru', inputSize: 3, hiddenSize: 4, outputSize: 5, numLayers: 2, nonlinearity: 'tanh', seed: 7 });
  });

  it('toStateDict(fromStateDict(x)) round-trips; Float64Array rows accepted; clones are independent', () => {
    const cfg: ModelConfig = { cell: 'rnn', inputSize: 3, hiddenSize: 2, outputSize: 3, nonlinearity: 'relu' };
    const sd = toStateDict(createModel({ ...cfg, seed: 1 }));
    const json = JSON.parse(JSON.stringify(sd)) as StateDict;
    expect(toStateDict(fromStateDict(cfg, json))).toEqual(sd);
    const typed = Object.fromEntries(Object.entries(sd).map(([k, v]) => [k, Array.isArray(v[0]) ? (v as number[][]).map((r) => Float64Array.from(r)) : Float64Array.from(v as number[])]));
    expect(toStateDict(fromStateDict(cfg, typed as unknown as StateDict))).toEqual(sd);
    const m = fromStateDict(cfg, sd);
    const c = cloneModel(m);
    c.params[0] += 1;
    expect(m.params[0]).not.toBe(c.params[0]);
  });
});

describe('bad input: a thrown Error saying what is wrong, nothing half-built', () => {
  const cfg: ModelConfig = { cell: 'lstm', inputSize: 3, hiddenSize: 2, outputSize: 3 };
  const sd = (): StateDict => toStateDict(createModel(cfg));

  it('configs', () => {
    expect(() => createModel({ ...cfg, hiddenSize: 0 })).toThrow(/hiddenSize/);
    expect(() => createModel({ ...cfg, inputSize: 2.5 })).toThrow(/inputSize/);
    expect(() => createModel({ ...cfg, numLayers: 5 })).toThrow(/numLayers/);
    expect(() => createModel({ ...cfg, cell: 'transformer' as CellType })).toThrow(/cell/);
  });

  it('state dicts: missing key, unknown key, wrong shapes, non-finite numbers', () => {
    const a = sd();
    delete a['rnn.bias_hh_l0'];
    expect(() => fromStateDict(cfg, a)).toThrow(/missing key "rnn\.bias_hh_l0".*\[8\]/);
    expect(() => fromStateDict(cfg, { ...sd(), extra: [1] })).toThrow(/unknown key "extra"/);
    const b = sd();
    b['rnn.weight_hh_l0'] = (b['rnn.weight_hh_l0'] as number[][]).slice(1);
    expect(() => fromStateDict(cfg, b)).toThrow(/rnn\.weight_hh_l0.*expected shape \[8\]\[2\], got \[7\]\[2\]/);
    const c = sd();
    (c['fc.weight'] as number[][])[1] = [1, 2, 3];
    expect(() => fromStateDict(cfg, c)).toThrow(/fc\.weight.*row 1.*expected shape \[3\]\[2\]/);
    const d = sd();
    (d['fc.bias'] as number[])[2] = NaN;
    expect(() => fromStateDict(cfg, d)).toThrow(/fc\.bias.*not finite/);
    const e = sd();
    (e['rnn.weight_ih_l0'] as number[][])[0][0] = Infinity;
    expect(() => fromStateDict(cfg, e)).toThrow(/rnn\.weight_ih_l0.*not finite/);
  });

  it('sequences and targets; a failed trainStep leaves model and optimizer untouched', () => {
    const m = createModel(cfg);
    expect(() => forward(m, [])).toThrow(/empty/);
    expect(() => forward(m, [[1, 0, 0], [1, 0]])).toThrow(/inputs\[1\].*3/);
    expect(() => forward(m, [[1, NaN, 0]])).toThrow(/inputs\[0\]\[1\].*finite/);
    expect(() => forward(m, [[1, 0, 0]], { h: [[1, 2, 3]] })).toThrow(/init\.h\[0\]/);
    const tr = forward(m, [[1, 0, 0], [0, 1, 0]]);
    expect(() => backward(m, tr, [1])).toThrow(/length T = 2/);
    expect(() => backward(m, tr, [1, 3])).toThrow(/targets\[1\].*below outputSize 3/);
    expect(() => backward(m, tr, [1, 0.5])).toThrow(/targets\[1\]/);
    expect(() => backward(m, tr, [1, 1], { truncate: 0 })).toThrow(/truncate/);
    const before = Float64Array.from(m.params);
    const opt = createOptimizer({ type: 'adam', lr: 0.1 });
    expect(() => trainStep(m, opt, [[1, 0, 0], [0, 1, 0]], [0, 5])).toThrow(/targets\[1\]/);
    expect(() => trainStep(m, opt, [[1, 0, 0]], [0], { clipNorm: -1 })).toThrow(/clipNorm/);
    expect(m.params).toEqual(before);
    expect(() => createOptimizer({ type: 'rmsprop' as 'sgd', lr: 1 })).toThrow(/type/);
  });

  it('an optimizer bound to one shape refuses another until reset()', () => {
    const opt = createOptimizer({ type: 'adam', lr: 0.1 });
    const a = createModel(cfg);
    const b = createModel({ ...cfg, hiddenSize: 3 });
    trainStep(a, opt, [[1, 0, 0]], [1]);
    expect(() => trainStep(b, opt, [[1, 0, 0]], [1])).toThrow(/reset\(\)/);
    opt.reset();
    expect(() => trainStep(b, opt, [[1, 0, 0]], [1])).not.toThrow();
  });
});

describe('forgetBias (LSTM initialisation)', () => {
  it('sets the forget rows of bias_ih to the value and of bias_hh to 0, leaving everything else as PyTorch init', () => {
    const base = { cell: 'lstm' as const, inputSize: 3, hiddenSize: 4, outputSize: 3, numLayers: 2, seed: 5 };
    const plain = toStateDict(createModel(base));
    const biased = toStateDict(createModel({ ...base, forgetBias: 3 }));
    for (const key of Object.keys(plain)) {
      const a = (plain[key] as number[]).flat();
      const b = (biased[key] as number[]).flat();
      if (/bias_(ih|hh)/.test(key)) {
        const isIh = key.includes('bias_ih');
        b.forEach((x, i) => expect(x).toBe(i >= 4 && i < 8 ? (isIh ? 3 : 0) : a[i]));
      } else {
        expect(b).toEqual(a);
      }
    }
    expect(modelConfig(createModel({ ...base, forgetBias: 3 })).forgetBias).toBe(3);
    expect(() => createModel({ ...base, forgetBias: Number.NaN })).toThrow(/forgetBias/);
    expect(modelConfig(createModel({ ...base, cell: 'gru', forgetBias: 3 })).forgetBias).toBeUndefined();
  });
});

describe('clipGradNorm matches torch inside the 1e-6 band', () => {
  it('scales by min(1, max/(norm + 1e-6)), so a norm just below the threshold is scaled too', () => {
    const g = { w: [0.6, 0.8 - 5e-7] };                   // norm ≈ 1 − 4e-7
    const norm = clipGradNorm(g, 1);
    const coefficient = 1 / (norm + 1e-6);
    expect(coefficient).toBeLessThan(1);
    expect(g.w[0]).toBe(0.6 * coefficient);
    const h = { w: [0.3, 0.4] };                          // norm 0.5: untouched
    clipGradNorm(h, 1);
    expect(h.w).toEqual([0.3, 0.4]);
  });
});
