// Value clipping in the training fast path, the clipping figures a step reports, and the
// optimizer's learning-rate setter.
import { describe, expect, it } from 'vitest';
import { sumSquares } from './test-fixtures';
import {
  backward, clipGradNorm, clipGradValue, createModel, createOptimizer, createRng, forward, oneHotRows, trainBatch,
  trainStep, trainStepTokens, type ModelConfig, type OptimizerOptions, type StateDict,
} from './index';

function data(seed: number, T: number, V: number): { inputs: number[][]; targets: number[]; tokens: number[] } {
  const rng = createRng(seed);
  const tokens = Array.from({ length: T }, () => rng.int(V));
  return { inputs: oneHotRows(tokens, V), targets: tokens.map((_, t) => (t % 4 === 2 ? -1 : rng.int(V))), tokens };
}

const CFG: ModelConfig = { cell: 'lstm', inputSize: 6, hiddenSize: 5, outputSize: 6, numLayers: 2, seed: 4 };

describe('TrainOptions.clipValue', () => {
  for (const opt of [{ type: 'adam', lr: 0.05 }, { type: 'sgd', lr: 0.2, momentum: 0.9 }] as OptimizerOptions[]) {
    for (const clipNorm of [undefined, 0.3]) {
      it(`trainStep equals forward → backward → clipGradValue${clipNorm ? ' → clipGradNorm' : ''} → ${opt.type}.step exactly`, () => {
        const fast = createModel(CFG);
        const slow = createModel(CFG);
        const oFast = createOptimizer(opt);
        const oSlow = createOptimizer(opt);
        let anyClipped = 0;
        for (let step = 0; step < 4; step++) {
          const { inputs, targets, tokens } = data(step, 7, 6);
          const r = trainStepTokens(fast, oFast, tokens, targets, { clipValue: 0.05, clipNorm, truncate: step === 3 ? 2 : undefined });
          const b = backward(slow, forward(slow, inputs), targets, { truncate: step === 3 ? 2 : undefined });
          const before = Math.sqrt(sumSquares(b.grads));
          const n = clipGradValue(b.grads, 0.05);
          let after = Math.sqrt(sumSquares(b.grads));
          if (clipNorm !== undefined) {
            const norm = clipGradNorm(b.grads, clipNorm);
            expect(Object.is(norm, after)).toBe(true);
            if (norm > clipNorm) after = norm * (clipNorm / (norm + 1e-6));
          }
          oSlow.step(slow, b.grads);
          expect(Object.is(r.loss, b.loss)).toBe(true);
          expect(Object.is(r.gradNorm, before)).toBe(true);
          expect(r.clipped).toBe(n);
          expect(Object.is(r.clippedNorm, after)).toBe(true);
          expect(fast.params).toEqual(slow.params);
          anyClipped += n;
        }
        expect(anyClipped).toBeGreaterThan(0);
      });
    }
  }

  it('trainBatch clips the averaged gradient by value', () => {
    const a = createModel(CFG);
    const b = createModel(CFG);
    const oa = createOptimizer({ type: 'adam', lr: 0.05 });
    const ob = createOptimizer({ type: 'adam', lr: 0.05 });
    const items = [data(11, 5, 6), data(12, 8, 6)];
    const r = trainBatch(a, oa, items.map((d) => ({ tokens: d.tokens, targets: d.targets })), { clipValue: 0.02 });
    const sum = new Float64Array(a.params.length);
    const grads = items.map((d) => backward(b, forward(b, d.inputs), d.targets).grads);
    const flat = (sd: StateDict): number[] => Object.values(sd).flat(2) as number[];
    for (const g of grads) flat(g).forEach((x, i) => { sum[i] += x; });
    for (let i = 0; i < sum.length; i++) sum[i] /= 2;
    // back into the StateDict's shapes
    let k = 0;
    const mean: StateDict = {};
    for (const [key, v] of Object.entries(grads[0]!)) {
      mean[key] = (typeof v[0] === 'number' ? (v as number[]).map(() => sum[k++]!) : (v as number[][]).map((row) => row.map(() => sum[k++]!))) as number[];
    }
    const before = Math.sqrt(sumSquares(mean));
    const n = clipGradValue(mean, 0.02);
    ob.step(b, mean);
    expect(r.gradNorm).toBe(before);
    expect(r.clipped).toBe(n);
    expect(r.clippedNorm).toBe(Math.sqrt(sumSquares(mean)));
    expect(a.params).toEqual(b.params);
  });

  it('without clipping nothing is clipped; norm clipping reports the scaled norm', () => {
    const m = createModel(CFG);
    const o = createOptimizer({ type: 'sgd', lr: 0.1 });
    const { inputs, targets, tokens } = data(3, 6, 6);
    expect(Object.keys(trainStep(createModel(CFG), createOptimizer({ type: 'sgd', lr: 0.1 }), inputs, targets)).sort())
      .toEqual(['gradNorm', 'loss']);
    const r = trainStepTokens(m, o, tokens, targets);
    expect(r.clipped).toBe(0);
    expect(r.clippedNorm).toBe(r.gradNorm);
    const c = trainStepTokens(m, o, tokens, targets, { clipNorm: 1e-3 });
    expect(c.clipped).toBe(0);
    expect(c.clippedNorm).toBe(c.gradNorm * (1e-3 / (c.gradNorm + 1e-6)));
    expect(c.clippedNorm).toBeLessThanOrEqual(1e-3);
  });

  it('a bad clipValue throws before changing anything', () => {
    const m = createModel(CFG);
    const o = createOptimizer({ type: 'adam', lr: 0.1 });
    const before = new Float64Array(m.params);
    const { inputs, targets } = data(5, 4, 6);
    for (const bad of [-1, NaN]) expect(() => trainStep(m, o, inputs, targets, { clipValue: bad })).toThrow(/clipValue/);
    expect(m.params).toEqual(before);
  });
});

describe('Optimizer.setLr', () => {
  it('keeps the moments: after a change the step is the old-rate step scaled by the ratio, not a fresh start', () => {
    const first = data(7, 6, 6);
    const second = data(9, 6, 6);
    for (const opt of [{ type: 'adam', lr: 0.01 }, { type: 'sgd', lr: 0.01, momentum: 0.9 }, { type: 'adagrad', lr: 0.01 }] as OptimizerOptions[]) {
      const a = createModel(CFG);
      const b = createModel(CFG);
      const oa = createOptimizer(opt);
      const ob = createOptimizer(opt);
      trainStep(a, oa, first.inputs, first.targets);
      trainStep(b, ob, first.inputs, first.targets);
      const p1 = new Float64Array(a.params);
      oa.setLr(0.03);
      expect(oa.options.lr).toBe(0.03);
      trainStep(a, oa, second.inputs, second.targets); // moments kept, rate ×3
      trainStep(b, ob, second.inputs, second.targets); // moments kept, rate unchanged
      const fresh = createModel(CFG);
      fresh.params.set(p1);
      trainStep(fresh, createOptimizer({ ...opt, lr: 0.03 }), second.inputs, second.targets); // no moments
      let worst = 0;
      let fromFresh = 0;
      for (let i = 0; i < p1.length; i++) {
        const da = a.params[i]! - p1[i]!;
        const db = b.params[i]! - p1[i]!;
        worst = Math.max(worst, Math.abs(da - 3 * db));
        fromFresh = Math.max(fromFresh, Math.abs(da - (fresh.params[i]! - p1[i]!)));
      }
      expect(worst, opt.type).toBeLessThan(1e-12);
      expect(fromFresh, opt.type).toBeGreaterThan(1e-6);
    }
  });
  it('for sgd without momentum the step is exactly p − lr·g with the new rate', () => {
    const m = createModel(CFG);
    const o = createOptimizer({ type: 'sgd', lr: 0.5 });
    o.setLr(0.25);
    const { inputs, targets } = data(8, 5, 6);
    const before = new Float64Array(m.params);
    const g = backward(m, forward(m, inputs), targets).grads;
    o.step(m, g);
    const flat = Object.values(g).flat(2) as number[];
    flat.forEach((x, i) => expect(m.params[i]).toBe(before[i]! - 0.25 * x));
    expect(() => o.setLr(-1)).toThrow(/lr/);
    expect(() => o.setLr(NaN)).toThrow(/lr/);
  });
});
