// After a roll-back the loss shown is the loss of the weights restored: the clipping chapter's run
// (plain SGD, lr 0.5, no clipping) diverges by "loss above three times chance"; the weights it goes
// back to measured at most 1.5 × chance, and so does the smoothed loss the panels then show.
import { describe, expect, it } from 'vitest';
import { initialMonitor, observeStep, smoothedLoss } from './monitor';
import { marksGood, restoredMonitor } from './lane';
import { BASE } from './test-config';
import { createTrainer, taskFor } from './trainer';

describe('the loss after a roll-back', () => {
  it('keeps the smoothed history when it agrees with the weights kept', () => {
    const m = initialMonitor();
    for (const x of [3, 2.9, 2.8]) observeStep(m, x, 1, true, 27);
    expect(restoredMonitor(m, 2.8)).toEqual(m);
  });

  it('is the weights’ own reading when the history before them was far worse', () => {
    const m = initialMonitor();
    for (const x of [3, 20, 30, 25]) observeStep(m, x, 1, true, 27);
    const kept = restoredMonitor(m, 4);
    expect(smoothedLoss(kept)).toBeCloseTo(4, 12);
    expect(kept.above).toBe(0);
  });

  it('a low reading amid bad ones does not make the weights good', () => {
    const m = initialMonitor();
    const V = 24;
    const threshold = 3 * Math.log(V);
    observeStep(m, 3, 1, true, V);
    expect(marksGood(3, m, V)).toBe(true);
    for (let k = 0; k < 5; k++) observeStep(m, 4 * threshold, 1, true, V);
    expect(m.above).toBeGreaterThan(0);
    expect(marksGood(2, m, V), 'one lucky example, the run already above the threshold').toBe(false);
  });

  it('on the clipping chapter’s run, reads as the healthy loss of the weights restored', () => {
    const cfg = { ...BASE, task: 'spell' as const, cell: 'rnn' as const, hidden: 32, batch: 1, optimizer: 'sgd' as const, lr: 0.5, momentum: 0, clip: 0, seed: 1 };
    const t = createTrainer(cfg, { kind: 'example', index: 0 });
    const d = t.step(400).diverged;
    expect(d?.cause).toBe('loss-above-chance');
    const chance = Math.log(taskFor(cfg).vocab.length);
    const shown = t.snapshot().models[0]!.loss;
    expect(shown).toBeLessThanOrEqual(1.5 * chance);
  });
});
