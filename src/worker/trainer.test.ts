// The trainer in Node: determinism, pause/resume, divergence and restore, mini-batch averaging,
// compare mode, config changes, learning on the default task.
import { describe, expect, it } from 'vitest';
import { backward, createModel, forward, oneHotRows, type Model } from '../engine';
import { createRng } from '../engine/rng';
import { sampleBatch } from './optimize';
import type { TrainConfig } from './protocol';
import { BASE, SMALL } from './test-config';
import { createTrainer, dataSeed, taskFor } from './trainer';

const EXAMPLE = { kind: 'example', index: 0 } as const;

const params = (t: ReturnType<typeof createTrainer>): Float64Array[] => t.lanes.map((l) => new Float64Array(l.model.params));
const losses = (t: ReturnType<typeof createTrainer>): number[] => Array.from(t.snapshot().history[0]!.loss);

describe('a run is a pure function of its config', () => {
  it('same config ⇒ bit-identical losses and weights', () => {
    const cfg: TrainConfig = { ...SMALL, batch: 2 };
    const a = createTrainer(cfg, EXAMPLE);
    const b = createTrainer(cfg, EXAMPLE);
    a.step(40);
    b.step(40);
    expect(losses(a)).toEqual(losses(b));
    expect(params(a)).toEqual(params(b));
    const c = createTrainer({ ...cfg, seed: 2 }, EXAMPLE);
    c.step(40);
    expect(params(c)).not.toEqual(params(a));
  });
  it('step(30) + snapshot + step(70) equals step(100); reset replays the same run', () => {
    const a = createTrainer(SMALL, EXAMPLE);
    const b = createTrainer(SMALL, EXAMPLE);
    a.step(30);
    const first = a.snapshot({ running: true });
    a.step(70);
    const second = a.snapshot();
    b.step(100);
    const whole = b.snapshot();
    expect([...first.history[0]!.loss, ...second.history[0]!.loss]).toEqual(Array.from(whole.history[0]!.loss));
    expect(params(a)).toEqual(params(b));
    expect(second.models[0]!.loss).toBe(whole.models[0]!.loss);
    b.reset();
    b.step(100);
    expect(params(b)).toEqual(params(a));
  });

  it('snapshots name their run: a reset or a rebuilding setting starts a new one, a new learning rate does not', () => {
    const t = createTrainer(SMALL, EXAMPLE);
    const first = t.snapshot().run;
    t.step(3);
    expect(t.snapshot().run).toBe(first);
    t.setConfig({ ...SMALL, lr: SMALL.lr * 2 });
    expect(t.snapshot().run).toBe(first);
    t.reset();
    const second = t.snapshot().run;
    expect(second).not.toBe(first);
    t.setConfig({ ...SMALL, hidden: SMALL.hidden + 1 });
    expect(t.snapshot().run).not.toBe(second);
  });
});

describe('divergence', () => {
  it('lr = 1000, no clipping, SGD: stops with a cause, keeps a finite model; restore lets training go on', () => {
    const t = createTrainer({ ...SMALL, optimizer: 'sgd', momentum: 0, lr: 1000, clip: 0 }, EXAMPLE);
    let report = t.step(300);
    expect(report.diverged, 'diverged within 300 steps').not.toBeNull();
    expect(report.steps).toBeLessThan(300);
    expect(['non-finite-loss', 'non-finite-gradient', 'non-finite-weight', 'loss-above-chance']).toContain(report.diverged!.cause);
    const lane = t.lanes[0]!;
    expect(lane.model.params.every(Number.isFinite)).toBe(true);
    expect(t.step(5).steps, 'no training while diverged').toBe(0);
    const s = t.snapshot();
    expect(s.diverged?.cause).toBe(report.diverged!.cause);
    expect(s.models[0]!.h.every(Number.isFinite)).toBe(true);
    t.setConfig({ ...t.config, lr: 0.01 });
    t.restore();
    expect(t.diverged).toBeNull();
    report = t.step(20);
    expect(report.steps).toBe(20);
    expect(report.diverged).toBeNull();
    expect(Number.isFinite(t.snapshot().models[0]!.loss)).toBe(true);
  });
  it('restore goes back to weights whose loss was healthy, so the advised fix (lower lr) trains on', () => {
    // The loss of step k judges the weights before update k: with lr = 1000 the first update already
    // wrecks the model, so the weights kept are the initial ones (step 0), not those after step 1.
    const cfg = { ...SMALL, optimizer: 'sgd' as const, momentum: 0, lr: 1000, clip: 0 };
    const t = createTrainer(cfg, EXAMPLE);
    const initial = new Float64Array(t.lanes[0]!.model.params);
    const d = t.step(300).diverged;
    expect(d).not.toBeNull();
    // the report names the step that broke and the step it went back to, which the snapshot shows
    expect(d!.restoredStep).toBeLessThan(d!.step);
    expect(t.lanes[0]!.step).toBe(d!.restoredStep);
    expect(t.snapshot().models[0]!.step).toBe(d!.restoredStep);
    expect(t.snapshot().diverged).toEqual({ cause: d!.cause, step: d!.step, restoredStep: d!.restoredStep });
    t.setConfig({ ...t.config, lr: 0.05 });
    t.restore();
    const restored = t.lanes[0]!;
    expect(restored.step).toBeLessThanOrEqual(1);
    expect(restored.model.params).toEqual(initial);
    expect(Number.isFinite(t.snapshot().models[0]!.loss), 'the restored model shows its loss').toBe(true);
    const report = t.step(200);
    expect(report.diverged).toBeNull();
    expect(report.steps).toBe(200);
    expect(t.snapshot().models[0]!.loss).toBeLessThan(Math.log(t.snapshot().vocab.length));
  });
  it('a non-finite gradient (relu rnn, lr = 1e5) stops at once and rolls back to finite weights', () => {
    const t = createTrainer({ ...SMALL, cell: 'rnn', nonlinearity: 'relu', optimizer: 'sgd', lr: 1e5, clip: 0 }, EXAMPLE);
    const r = t.step(50);
    expect(r.diverged?.cause).toMatch(/^non-finite-/);
    expect(r.steps).toBeLessThan(20);
    expect(t.lanes[0]!.model.params.every(Number.isFinite)).toBe(true);
    expect(t.snapshot().models[0]!.dh.every(Number.isFinite)).toBe(true);
  });
  it('the loss-above-chance rule fires after 50 steps when the loss stays finite but huge', () => {
    const t = createTrainer({ ...SMALL, optimizer: 'sgd', momentum: 0, lr: 1000, clip: 1 }, EXAMPLE);
    const r = t.step(300);
    expect(r.diverged?.cause).toBe('loss-above-chance');
    expect(r.steps).toBeGreaterThanOrEqual(50);
    expect(r.steps).toBeLessThan(120);
  });
});

describe('mini-batch', () => {
  it('B = 2 applies the mean of the two sequences\' gradients', () => {
    const cfg: TrainConfig = { ...SMALL, batch: 2, optimizer: 'sgd', momentum: 0, lr: 0.5, clip: 0 };
    const t = createTrainer(cfg, EXAMPLE);
    const before: Model = createModel({ ...t.lanes[0]!.model.config });
    expect(before.params).toEqual(t.lanes[0]!.model.params);
    t.step(1);
    const task = taskFor(cfg);
    const batch = sampleBatch(task, createRng(dataSeed(cfg.seed)), 2);
    const V = task.vocab.length;
    const g = batch.map((e) => backward(before, forward(before, oneHotRows(e.inputs, V)), e.targets).grads);
    const expected = new Float64Array(before.params);
    for (const e of before.layout) {
      const flat = (sd: (typeof g)[number]): number[] => (e.shape.length === 2 ? (sd[e.key] as number[][]).flat() : (sd[e.key] as number[]));
      const a = flat(g[0]!);
      const b = flat(g[1]!);
      for (let i = 0; i < e.size; i++) expected[e.offset + i]! -= cfg.lr * ((a[i]! + b[i]!) / 2);
    }
    const got = t.lanes[0]!.model.params;
    let worst = 0;
    for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i]! - expected[i]!));
    expect(worst).toBeLessThan(1e-12);
  });
});

describe('compare mode', () => {
  it('trains rnn, lstm and gru on identical data: each equals its own single run', () => {
    const cfg: TrainConfig = { ...SMALL, compare: true };
    const t = createTrainer(cfg, EXAMPLE);
    expect(t.lanes.map((l) => l.cell)).toEqual(['rnn', 'lstm', 'gru']);
    t.step(15);
    const s = t.snapshot();
    expect(s.models.map((m) => m.cell)).toEqual(['rnn', 'lstm', 'gru']);
    expect(s.history.length).toBe(3);
    for (const [k, cell] of (['rnn', 'lstm', 'gru'] as const).entries()) {
      const single = createTrainer({ ...SMALL, cell }, EXAMPLE);
      single.step(15);
      expect(t.lanes[k]!.model.params, cell).toEqual(single.lanes[0]!.model.params);
      expect(s.models[k]!.step).toBe(15);
    }
  });
});

describe('config changes, stop conditions, tools', () => {
  it('lr keeps the weights and the optimizer (its moments); hidden size rebuilds from step 0', () => {
    const t = createTrainer(SMALL, EXAMPLE);
    t.step(5);
    const w = new Float64Array(t.lanes[0]!.model.params);
    const opt = t.lanes[0]!.optimizer;
    expect(t.setConfig({ ...SMALL, lr: 0.02 })).toMatchObject({ rebuild: false, newOptimizer: false, lrChanged: true });
    expect(t.lanes[0]!.model.params).toEqual(w);
    expect(t.lanes[0]!.optimizer).toBe(opt);
    expect(t.setConfig({ ...SMALL, lr: 0.02, optimizer: 'sgd' }).newOptimizer).toBe(true);
    expect(t.lanes[0]!.optimizer).not.toBe(opt);
    expect(t.lanes[0]!.step).toBe(5);
    expect(t.setConfig({ ...SMALL, lr: 0.02, hidden: 7 }).rebuild).toBe(true);
    expect(t.lanes[0]!.step).toBe(0);
    expect(t.lanes[0]!.model.config.hiddenSize).toBe(7);
  });
  it('maxSteps stops training', () => {
    const t = createTrainer({ ...SMALL, maxSteps: 12 }, EXAMPLE);
    const r = t.step(100);
    expect(r).toMatchObject({ steps: 12, stopped: 'max-steps' });
    expect(t.step(1).steps).toBe(0);
  });
  it('targetLoss stops training once the smoothed loss is at or below it', () => {
    const t = createTrainer({ ...SMALL, targetLoss: 100 }, EXAMPLE);
    expect(t.step(100)).toMatchObject({ steps: 1, stopped: 'target-loss' });
  });
  it('sample, rescale, grad check, user text', () => {
    const t = createTrainer(SMALL, EXAMPLE);
    t.step(10);
    const before = new Float64Array(t.lanes[0]!.model.params);
    const s = t.sample(30, 0.8, 5, 'the ');
    expect(s.tokens.length).toBe(30);
    expect(typeof s.text).toBe('string');
    expect(t.lanes[0]!.model.params, 'sampling leaves the weights').toEqual(before);
    t.rescaleRecurrent(0, 1.2, 'all');
    expect(t.snapshot().models[0]!.sigma[0]).toBeCloseTo(1.2, 9);
    t.rescaleRecurrent(0, 0.5, 'f');
    const gc = t.gradCheck('rnn.weight_hh_l0', 3, 2);
    expect(gc.relError).toBeLessThan(1e-6);
    t.setInspect({ kind: 'text', text: 'hello there' });
    const snap = t.snapshot();
    expect(snap.inspectError).toBeNull();
    expect(snap.models[0]!.T).toBeGreaterThan(1);
  });
});

describe('learning', () => {
  it('the default config (char LM, LSTM, H 64, T 25, Adam) lowers its loss over 200 steps', () => {
    const t = createTrainer(BASE, EXAMPLE);
    t.step(200);
    const l = losses(t);
    const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
    const early = mean(l.slice(0, 20));
    const late = mean(l.slice(-20));
    expect(late).toBeLessThan(early - 0.5);
    const V = t.task.vocab.length;
    expect(early).toBeGreaterThan(0.8 * Math.log(V));
  });
});

describe('accuracy over the recent batches', () => {
  it('each step records its own batch: the counts never exceed one batch’s loss steps, and match a fresh count', () => {
    const cfg: TrainConfig = { ...SMALL, task: 'recall', lag: 5, batch: 4 };
    const t = createTrainer(cfg, { kind: 'example', index: 0 });
    t.step(30);
    const recent = t.lanes[0]!.recent;
    expect(recent.filled).toBe(30);
    // recall: one loss step per sequence, four sequences per batch
    for (let k = 0; k < recent.filled; k++) {
      expect(recent.counted[k]).toBe(4);
      expect(recent.hits[k]).toBeLessThanOrEqual(4);
    }
  });
});
