// The trainer's optimizer step against the composed engine calls: value clipping and a learning-rate
// change bit for bit.
import { describe, expect, it } from 'vitest';
import {
  backward, clipGradValue, createModel, forward, oneHotRows, type FlatOptimizer, type Model, type Optimizer, type StateDict,
} from '../engine';
import { createRng } from '../engine/rng';
import { sumSquares } from '../engine/test-fixtures';
import { makeOptimizer, optimizerStep, sampleBatch } from './optimize';
import type { TrainConfig } from './protocol';
import { SMALL } from './test-config';
import { createTrainer, dataSeed, taskFor } from './trainer';

const EXAMPLE = { kind: 'example', index: 0 } as const;

/** forward → backward per sequence, the mean gradient, clipGradValue, optimizer.step. */
function composedValueStep(model: Model, opt: Optimizer, batch: { inputs: number[]; targets: number[] }[], clip: number,
  truncate: number | undefined): { loss: number; gradNorm: number; clippedNorm: number } {
  const V = model.config.inputSize;
  const all = batch.map((e) => backward(model, forward(model, oneHotRows(e.inputs, V)), e.targets, { truncate }));
  const mean: StateDict = {};
  for (const key of Object.keys(all[0]!.grads)) {
    const first = all[0]!.grads[key]!;
    if (typeof first[0] === 'number') {
      mean[key] = (first as number[]).map((_, i) => all.reduce((s, b) => s + (b.grads[key] as number[])[i]!, 0) / all.length);
    } else {
      mean[key] = (first as number[][]).map((row, r) => row.map((_, i) => all.reduce((s, b) => s + (b.grads[key] as number[][])[r]![i]!, 0) / all.length));
    }
  }
  const gradNorm = Math.sqrt(sumSquares(mean));
  clipGradValue(mean, clip);
  const clippedNorm = Math.sqrt(sumSquares(mean));
  opt.step(model, mean);
  return { loss: all.reduce((s, b) => s + b.loss, 0) / all.length, gradNorm, clippedNorm };
}

describe('optimizerStep', () => {
  for (const truncate of [0, 3]) {
    it(`value clipping equals the composed calls bit for bit (batch 3, truncate ${truncate || 'off'})`, () => {
      const cfg: TrainConfig = { ...SMALL, batch: 3, clip: 0.01, clipMode: 'value', truncate };
      const task = taskFor(cfg);
      const V = task.vocab.length;
      const mk = (): Model => createModel({ cell: 'lstm', inputSize: V, hiddenSize: 8, outputSize: V, seed: 5, forgetBias: 3 });
      const [a, b] = [mk(), mk()];
      const [oa, ob] = [makeOptimizer(cfg), makeOptimizer(cfg)];
      const rng = createRng(dataSeed(7));
      for (let step = 0; step < 6; step++) {
        const batch = sampleBatch(task, rng, cfg.batch);
        const r = optimizerStep(a, oa, batch, cfg);
        const want = composedValueStep(b, ob, batch, cfg.clip, truncate || undefined);
        expect(Object.is(r.loss, want.loss)).toBe(true);
        expect(Object.is(r.gradNorm, want.gradNorm)).toBe(true);
        expect(Object.is(r.clippedNorm, want.clippedNorm)).toBe(true);
        expect(r.clippedNorm).toBeLessThan(r.gradNorm);
        expect(a.params).toEqual(b.params);
      }
    });
  }
  it('norm clipping reports the scaled norm', () => {
    const cfg: TrainConfig = { ...SMALL, clip: 1e-3, clipMode: 'norm' };
    const task = taskFor(cfg);
    const V = task.vocab.length;
    const m = createModel({ cell: 'gru', inputSize: V, hiddenSize: 6, outputSize: V, seed: 2 });
    const r = optimizerStep(m, makeOptimizer(cfg), sampleBatch(task, createRng(1), 1), cfg);
    expect(r.clippedNorm).toBe(r.gradNorm * (cfg.clip / (r.gradNorm + 1e-6)));
  });
});

describe('a learning-rate change', () => {
  it('keeps the optimizer: the same run as setting the rate on the optimizer by hand', () => {
    const cfg: TrainConfig = { ...SMALL, clip: 0, optimizer: 'adam' };
    const a = createTrainer(cfg, EXAMPLE);
    const b = createTrainer(cfg, EXAMPLE);
    a.step(8);
    b.step(8);
    a.setConfig({ ...cfg, lr: 0.02 });
    b.lanes[0]!.optimizer.setLr(0.02);
    a.step(8);
    b.step(8);
    expect(a.lanes[0]!.model.params).toEqual(b.lanes[0]!.model.params);
    expect((a.lanes[0]!.optimizer as FlatOptimizer).options.lr).toBe(0.02);
    // a fresh optimizer at step 8 would have trained differently
    const c = createTrainer(cfg, EXAMPLE);
    c.step(8);
    c.setConfig({ ...cfg, lr: 0.02, momentum: 0.5 });
    c.step(8);
    expect(c.lanes[0]!.model.params).not.toEqual(a.lanes[0]!.model.params);
  });
});
