import { describe, expect, it } from 'vitest';
import { createOptimizer, createRng } from '../engine';
import { diffConfig } from './config';
import { makeOptimizer } from './optimize';
import type { TrainConfig } from './protocol';
import { SMALL } from './test-config';
import { createTrainer } from './trainer';

const clock = () => 0;
const sumSq = (p: Float64Array): number => p.reduce((s, x) => s + x * x, 0);

describe('weight decay in the trainer', () => {
  it("builds the config's optimizer with its weight decay (AdamW decoupled)", () => {
    const rng = createRng(3);
    const g = Float64Array.from({ length: 40 }, () => rng.uniform(-1, 1));
    const trainer = createTrainer(SMALL, { kind: 'example', index: 0 }, { now: clock });
    for (const [cfg, same] of [
      [{ ...SMALL, optimizer: 'adamw', lr: 0.05, weightDecay: 0.3 }, { type: 'adamw', lr: 0.05, weightDecay: 0.3 }],
      [{ ...SMALL, optimizer: 'sgd', lr: 0.05, momentum: 0.5, weightDecay: 0.2 }, { type: 'sgd', lr: 0.05, momentum: 0.5, weightDecay: 0.2 }],
      [{ ...SMALL, optimizer: 'adagrad', lr: 0.05, weightDecay: 0.2 }, { type: 'adagrad', lr: 0.05, weightDecay: 0.2 }],
    ] as const) {
      const a = trainer.lanes[0]!.model;
      const pa = { ...a, params: new Float64Array(a.params) };
      const pb = { ...a, params: new Float64Array(a.params) };
      const opt = makeOptimizer(cfg as TrainConfig);
      const ref = createOptimizer(same);
      const grad = new Float64Array(a.params.length).map((_, i) => g[i % g.length]!);
      (opt as ReturnType<typeof createOptimizer>).stepFlat(pa, grad);
      ref.stepFlat(pb, grad);
      expect(pa.params).toEqual(pb.params);
    }
  });

  it('a new weight decay makes a new optimizer and keeps the weights', () => {
    expect(diffConfig(SMALL, { ...SMALL, weightDecay: 0.1 })).toMatchObject({ rebuild: false, newOptimizer: true });
  });

  it('decay keeps the weights smaller than the same run without it', () => {
    const run = (cfg: TrainConfig): number => {
      const t = createTrainer(cfg, { kind: 'example', index: 0 }, { now: clock });
      t.step(40);
      return sumSq(t.lanes[0]!.model.params);
    };
    const base: TrainConfig = { ...SMALL, optimizer: 'adamw', lr: 0.02 };
    const none = run({ ...base, weightDecay: 0 });
    const strong = run({ ...base, weightDecay: 5 });
    expect(strong).toBeLessThan(0.9 * none);
  });

  it("the model file's config carries the optimizer and its weight decay", () => {
    const t = createTrainer({ ...SMALL, optimizer: 'adamw', lr: 0.003, weightDecay: 0.05 }, { kind: 'example', index: 0 }, { now: clock });
    const file = JSON.parse(t.exportModel().json) as { config: Record<string, unknown> };
    expect(file.config.optimizer).toEqual({ type: 'adamw', lr: 0.003, weight_decay: 0.05 });
    expect(file.config.cell).toBe('lstm');
  });
});
