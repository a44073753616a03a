// trainStep against the composed calls, determinism, state-dict round trips, default init, bad input.
import { describe, expect, it } from 'vitest';
import {
  backward, clipGradNorm, createModel, createOptimizer, forward, fromStateDict, toStateDict, trainStep,
  type ModelConfig, type StateDict,
} from './index';
import { gateCount, plain, randomStateDict, seeded } from './reference.spec-check';

type Trace = ReturnType<typeof forward>;
type OptSpec = Parameters<typeof createOptimizer>[0];

function oneHotSeq(rand: () => number, T: number, V: number): { inputs: number[][]; ids: number[] } {
  const ids = Array.from({ length: T }, () => Math.floor(rand() * V));
  return { ids, inputs: ids.map((id) => Array.from({ length: V }, (_, j) => (j === id ? 1 : 0))) };
}

function snap(trace: Trace): unknown {
  const arr = (x: unknown) => (x === undefined ? undefined : Array.from(x as ArrayLike<number>));
  return trace.steps.map((s) => ({
    logits: arr(s.logits), probs: arr(s.probs),
    layers: s.layers.map((l) => ({
      h: arr(l.h), c: arr((l as { c?: unknown }).c),
      gates: Object.fromEntries(Object.entries(l.gates as unknown as Record<string, unknown>).map(([k, v]) => [k, arr(v)])),
    })),
  }));
}

function expectError(fn: () => unknown, ...patterns: RegExp[]): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a thrown Error').toBeInstanceOf(Error);
  const msg = (caught as Error).message;
  for (const p of patterns) expect(msg, `message "${msg}"`).toMatch(p);
}

describe('trainStep equals forward → backward → clipGradNorm → optimizer.step, bit for bit', () => {
  const opts: OptSpec[] = [{ type: 'sgd', lr: 0.05, momentum: 0.9 }, { type: 'adam', lr: 0.01 }, { type: 'adagrad', lr: 0.05 }];
  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    for (const opt of opts) {
      for (const clipNorm of [undefined, 0.5]) {
        it(`${cell} ${opt.type} clipNorm=${clipNorm ?? 'none'}`, () => {
          const cfg: ModelConfig = { cell, inputSize: 6, hiddenSize: 8, outputSize: 6, numLayers: 2, seed: 7 };
          const a = createModel(cfg);
          const b = createModel(cfg);
          const oa = createOptimizer(opt);
          const ob = createOptimizer(opt);
          const rand = seeded(31);
          for (let step = 0; step < 4; step++) {
            const { inputs, ids } = oneHotSeq(rand, 7, 6);
            const targets = ids.map((_, t) => (step % 2 === 1 && t < 6 ? -1 : ids[(t + 1) % 7]!));
            const got = clipNorm === undefined
              ? trainStep(a, oa, inputs, targets)
              : trainStep(a, oa, inputs, targets, { clipNorm });
            const bw = backward(b, forward(b, inputs), targets);
            const norm = clipGradNorm(bw.grads, clipNorm ?? Infinity);
            ob.step(b, bw.grads);
            expect(got.loss, `loss at step ${step}`).toBe(bw.loss);
            expect(got.gradNorm, `gradNorm at step ${step}`).toBe(norm);
            expect(toStateDict(a), `parameters after step ${step}`).toEqual(toStateDict(b));
          }
        });
      }
    }
  }
  it('with truncate: equals backward with the same truncate', () => {
    const cfg: ModelConfig = { cell: 'lstm', inputSize: 5, hiddenSize: 6, outputSize: 5, seed: 3 };
    const a = createModel(cfg);
    const b = createModel(cfg);
    const oa = createOptimizer({ type: 'adam', lr: 0.01 });
    const ob = createOptimizer({ type: 'adam', lr: 0.01 });
    const rand = seeded(5);
    for (let step = 0; step < 3; step++) {
      const { inputs, ids } = oneHotSeq(rand, 9, 5);
      const got = trainStep(a, oa, inputs, ids, { truncate: 3, clipNorm: 1 });
      const bw = backward(b, forward(b, inputs), ids, { truncate: 3 });
      expect(got.gradNorm).toBe(clipGradNorm(bw.grads, 1));
      ob.step(b, bw.grads);
      expect(got.loss).toBe(bw.loss);
      expect(toStateDict(a)).toEqual(toStateDict(b));
    }
  });
});

describe('determinism and state dicts', () => {
  const cfg: ModelConfig = { cell: 'gru', inputSize: 4, hiddenSize: 5, outputSize: 4, numLayers: 2, seed: 42 };
  it('same seed ⇒ identical models, traces and training runs; different seeds differ', () => {
    expect(toStateDict(createModel(cfg))).toEqual(toStateDict(createModel(cfg)));
    expect(toStateDict(createModel({ ...cfg, seed: 43 }))).not.toEqual(toStateDict(createModel(cfg)));
    const runs = [0, 1].map(() => {
      const m = createModel(cfg);
      const o = createOptimizer({ type: 'adam', lr: 0.02 });
      const rand = seeded(8);
      const losses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const { inputs, ids } = oneHotSeq(rand, 6, 4);
        losses.push(trainStep(m, o, inputs, ids, { clipNorm: 1 }).loss);
      }
      const { inputs } = oneHotSeq(rand, 6, 4);
      return { losses, sd: toStateDict(m), trace: snap(forward(m, inputs, { h: [[0.1, 0, 0, 0, 0], [0, 0, 0.3, 0, 0]] })) };
    });
    expect(runs[0]).toEqual(runs[1]);
  });
  it('toStateDict(fromStateDict(config, sd)) round-trips exactly, as plain JSON-ready arrays', () => {
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const c: ModelConfig = { cell, inputSize: 3, hiddenSize: 4, outputSize: 2, numLayers: 3 };
      const sd = randomStateDict(c, seeded(12));
      const back = toStateDict(fromStateDict(c, sd));
      expect(back).toEqual(sd);
      expect(JSON.parse(JSON.stringify(back))).toEqual(back);
      for (const value of Object.values(back)) {
        expect(Array.isArray(value)).toBe(true);
        for (const row of value) if (typeof row !== 'number') expect(Array.isArray(row)).toBe(true);
      }
    }
  });
  it('fromStateDict accepts Float64Array rows', () => {
    const c: ModelConfig = { cell: 'lstm', inputSize: 3, hiddenSize: 4, outputSize: 2, numLayers: 2 };
    const sd = randomStateDict(c, seeded(13));
    const typed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(sd)) {
      typed[k] = typeof v[0] === 'number' ? Float64Array.from(v as number[]) : (v as number[][]).map((r) => Float64Array.from(r));
    }
    expect(toStateDict(fromStateDict(c, typed as unknown as StateDict))).toEqual(sd);
  });
});

describe('default init', () => {
  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    it(`${cell}: PyTorch keys and shapes, every parameter within ±1/√H`, () => {
      const H = 7;
      const cfg: ModelConfig = { cell, inputSize: 5, hiddenSize: H, outputSize: 3, numLayers: 3, seed: 1 };
      const sd = plain(toStateDict(createModel(cfg)));
      const G = gateCount(cell);
      const expected: Record<string, number[]> = { 'fc.weight': [3, H], 'fc.bias': [3] };
      for (let k = 0; k < 3; k++) {
        expected[`rnn.weight_ih_l${k}`] = [G * H, k === 0 ? 5 : H];
        expected[`rnn.weight_hh_l${k}`] = [G * H, H];
        expected[`rnn.bias_ih_l${k}`] = [G * H];
        expected[`rnn.bias_hh_l${k}`] = [G * H];
      }
      expect(Object.keys(sd).sort()).toEqual(Object.keys(expected).sort());
      const bound = 1 / Math.sqrt(H);
      let largest = 0;
      for (const [key, shape] of Object.entries(expected)) {
        const value = sd[key]!;
        expect(value.length, key).toBe(shape[0]);
        const entries = shape.length === 2
          ? (value as number[][]).flatMap((r) => {
            expect(r.length, key).toBe(shape[1]);
            return r;
          })
          : (value as number[]);
        for (const x of entries) {
          expect(Number.isFinite(x) && Math.abs(x) <= bound, `${key}: ${x}`).toBe(true);
          largest = Math.max(largest, Math.abs(x));
        }
      }
      expect(largest).toBeGreaterThan(0.8 * bound);
    });
  }
});

describe('bad input: a thrown Error that says what is wrong', () => {
  const cfg: ModelConfig = { cell: 'lstm', inputSize: 3, hiddenSize: 4, outputSize: 3, numLayers: 2 };
  const good = () => randomStateDict(cfg, seeded(21));
  it('missing key', () => {
    const sd = good();
    delete sd['rnn.bias_hh_l1'];
    expectError(() => fromStateDict(cfg, sd), /rnn\.bias_hh_l1/);
  });
  it('wrong number of rows: names the key, the expected and the actual shape', () => {
    const sd = good();
    sd['rnn.weight_ih_l0'] = (sd['rnn.weight_ih_l0'] as number[][]).slice(1);
    expectError(() => fromStateDict(cfg, sd), /rnn\.weight_ih_l0/, /16\D+3/, /\b15\b/);
  });
  it('wrong row length', () => {
    const sd = good();
    sd['rnn.weight_hh_l1'] = (sd['rnn.weight_hh_l1'] as number[][]).map((r) => r.slice(0, 3));
    expectError(() => fromStateDict(cfg, sd), /rnn\.weight_hh_l1/, /16\D+4/, /\b3\b/);
  });
  it('wrong bias length', () => {
    const sd = good();
    sd['fc.bias'] = [0, 0];
    expectError(() => fromStateDict(cfg, sd), /fc\.bias/, /3/, /2/);
  });
  it('NaN and infinite weights', () => {
    const sd = good();
    (sd['fc.weight'] as number[][])[1]![2] = NaN;
    expectError(() => fromStateDict(cfg, sd), /fc\.weight/, /NaN|finite/i);
    const sd2 = good();
    (sd2['rnn.bias_ih_l0'] as number[])[5] = Infinity;
    expectError(() => fromStateDict(cfg, sd2), /rnn\.bias_ih_l0/, /Infinity|finite/i);
  });
  it('empty sequence', () => {
    const m = createModel({ ...cfg, seed: 1 });
    expectError(() => forward(m, []), /empty|at least one|no (input|step)|length|T\s*=\s*0/i);
    const o = createOptimizer({ type: 'sgd', lr: 0.1 });
    expectError(() => trainStep(m, o, [], []), /empty|at least one|no (input|step)|length|T\s*=\s*0/i);
  });
  it('wrong input width', () => {
    const m = createModel({ ...cfg, seed: 1 });
    expectError(() => forward(m, [[1, 0, 0], [1, 0]]), /input/i, /3/, /2/);
  });
  it('target out of range, or targets of the wrong length; the model is left as it was', () => {
    const m = createModel({ ...cfg, seed: 1 });
    const inputs = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
    const tr = forward(m, inputs);
    expectError(() => backward(m, tr, [0, 5, 1]), /target/i, /5/);
    expectError(() => backward(m, tr, [0, 1]), /target/i);
    const before = toStateDict(m);
    const o = createOptimizer({ type: 'adam', lr: 0.1 });
    expectError(() => trainStep(m, o, inputs, [0, 1, 3]), /target/i, /3/);
    expect(toStateDict(m)).toEqual(before);
  });
});
