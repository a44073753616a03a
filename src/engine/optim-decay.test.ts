/**
 * Weight decay as torch.optim has it: `weight_decay` of SGD, Adam and Adagrad adds wd·θ to the
 * gradient (so momentum and the moments see it); AdamW shrinks θ by (1 − lr·wd) before Adam's step.
 * First torch's formulas worked by hand on one weight, then steps replayed against numbers written by
 * PyTorch itself (scripts/optim-fixtures.py → optim-torch.fixture.json).
 */
import { describe, expect, it } from 'vitest';
import { createModel } from './model';
import { ADAMW_DEFAULT_WEIGHT_DECAY, createOptimizer, type OptimizerOptions } from './optim';
import fixture from './optim-torch.fixture.json';

/** A model whose six parameters all start at p0; each step feeds gradient g to every entry. */
function run(o: OptimizerOptions, p0: number, gs: number[]): number[] {
  const m = createModel({ cell: 'rnn', inputSize: 1, hiddenSize: 1, outputSize: 1 });
  m.params.fill(p0);
  const opt = createOptimizer(o);
  const seen: number[] = [];
  for (const g of gs) {
    opt.stepFlat(m, new Float64Array(m.params.length).fill(g));
    for (let i = 1; i < m.params.length; i++) expect(m.params[i]).toBe(m.params[0]);
    seen.push(m.params[0]);
  }
  return seen;
}

describe('weight decay worked by hand (torch formulas)', () => {
  it('sgd: p −= lr·(g + wd·p)', () => {
    // g' = 0.2 + 0.5·1 = 0.7 → 0.93; g' = 0.2 + 0.5·0.93 = 0.665 → 0.8635
    const [a, b] = run({ type: 'sgd', lr: 0.1, weightDecay: 0.5 }, 1, [0.2, 0.2]);
    expect(a).toBeCloseTo(0.93, 15);
    expect(b).toBeCloseTo(0.8635, 15);
  });
  it('sgd momentum: the buffer accumulates the decayed gradient', () => {
    // buf = 0.7 → 0.93; buf = 0.9·0.7 + 0.665 = 1.295 → 0.93 − 0.1295 = 0.8005
    const [a, b] = run({ type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0.5 }, 1, [0.2, 0.2]);
    expect(a).toBeCloseTo(0.93, 15);
    expect(b).toBeCloseTo(0.8005, 15);
  });
  it('adam: the decay enters the moments, so it can turn the step around', () => {
    // g' = −0.2 + 0.5·1 = 0.3 > 0: adam's first step is lr·sign(g') (up to eps), downwards
    const [a] = run({ type: 'adam', lr: 0.1, weightDecay: 0.5 }, 1, [-0.2]);
    expect(a).toBeCloseTo(1 - 0.1 * 0.3 / (0.3 + 1e-8), 15);
    const [plain] = run({ type: 'adam', lr: 0.1 }, 1, [-0.2]);
    expect(plain).toBeGreaterThan(1);
  });
  it('adamw: p ·= 1 − lr·wd, then adam on the raw gradient', () => {
    // 1·(1 − 0.05) = 0.95, then + 0.1·0.2/(0.2 + 1e-8)
    const [a] = run({ type: 'adamw', lr: 0.1, weightDecay: 0.5 }, 1, [-0.2]);
    expect(a).toBeCloseTo(0.95 + 0.1 * 0.2 / (0.2 + 1e-8), 15);
  });
  it(`adamw defaults to torch's weight_decay ${ADAMW_DEFAULT_WEIGHT_DECAY}: a zero gradient only decays`, () => {
    const seen = run({ type: 'adamw', lr: 0.01 }, 1, [0, 0, 0]);
    expect(seen).toEqual([0.9999, 0.9999 * 0.9999, 0.9999 * 0.9999 * 0.9999]);
    expect(createOptimizer({ type: 'adamw', lr: 0.01 }).options.weightDecay).toBe(0.01);
  });
  it('adagrad: the sum of squares sees g + wd·p', () => {
    // g' = 0.7, sum 0.49 → 1 − 0.1·0.7/(0.7 + 1e-10); then g' = 0.2 + 0.5·p1, sum 0.49 + g'²
    const [a, b] = run({ type: 'adagrad', lr: 0.1, weightDecay: 0.5 }, 1, [0.2, 0.2]);
    expect(a).toBeCloseTo(1 - 0.07 / (0.7 + 1e-10), 15);
    const g2 = 0.2 + 0.5 * a;
    expect(b).toBeCloseTo(a - 0.1 * g2 / (Math.sqrt(0.49 + g2 * g2) + 1e-10), 15);
  });
  it('weight decay 0 is the plain optimizer, and sgd/adam/adagrad default to 0', () => {
    for (const type of ['sgd', 'adam', 'adagrad'] as const) {
      expect(run({ type, lr: 0.1, weightDecay: 0 }, 1, [0.3, -0.2])).toEqual(run({ type, lr: 0.1 }, 1, [0.3, -0.2]));
      expect(createOptimizer({ type, lr: 0.1 }).options.weightDecay).toBe(0);
    }
    expect(run({ type: 'adamw', lr: 0.1, weightDecay: 0 }, 1, [0.3, -0.2])).toEqual(run({ type: 'adam', lr: 0.1 }, 1, [0.3, -0.2]));
  });
  it("leaves the caller's gradient as it was", () => {
    const m = createModel({ cell: 'rnn', inputSize: 1, hiddenSize: 1, outputSize: 1 });
    m.params.fill(1);
    const g = new Float64Array(m.params.length).fill(0.25);
    createOptimizer({ type: 'adam', lr: 0.1, weightDecay: 0.5 }).stepFlat(m, g);
    expect(Array.from(g)).toEqual(new Array(g.length).fill(0.25));
  });
  it('rejects a negative or non-finite weight decay, and an adamw beta of 1', () => {
    expect(() => createOptimizer({ type: 'sgd', lr: 0.1, weightDecay: -0.1 })).toThrow(/weightDecay/);
    expect(() => createOptimizer({ type: 'adamw', lr: 0.1, weightDecay: Number.NaN })).toThrow(/weightDecay/);
    expect(() => createOptimizer({ type: 'adamw', lr: 0.1, betas: [0.9, 1] })).toThrow(/betas/);
  });
});

interface FixtureCase { name: string; options: OptimizerOptions; after: number[][] }

describe(`weight decay against PyTorch ${fixture.torch} (float64)`, () => {
  for (const c of fixture.cases as FixtureCase[]) {
    it(c.name, () => {
      const P = fixture.p0.length;
      // rnn 2→2→1 has 4 + 4 + 2 + 2 + 2 + 1 = 15 parameters; the update is entry-wise, so the order is free
      const m = createModel({ cell: 'rnn', inputSize: 2, hiddenSize: 2, outputSize: 1 });
      expect(m.params.length).toBe(P);
      m.params.set(fixture.p0);
      const opt = createOptimizer(c.options);
      fixture.grads.forEach((g, s) => {
        opt.stepFlat(m, Float64Array.from(g));
        for (let i = 0; i < P; i++) expect(Math.abs(m.params[i] - c.after[s][i])).toBeLessThan(1e-13);
      });
    });
  }
});
