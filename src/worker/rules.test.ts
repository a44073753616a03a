// The trainer's rules on made-up numbers: smoothed loss, divergence, bounded history, config diffs,
// the flow-matrix refresh clock.
import { describe, expect, it } from 'vitest';
import { diffConfig } from './config';
import { createFlowClock } from './flow-clock';
import { createHistoryBuffer } from './history';
import { ABOVE_CHANCE_STEPS, allFinite, initialMonitor, observeStep, smoothedLoss } from './monitor';
import type { TrainConfig } from './protocol';
import { BASE } from './test-config';

describe('smoothed loss and divergence rules', () => {
  it('the bias-corrected EMA equals the first reading, then follows the readings', () => {
    const s = initialMonitor();
    expect(Number.isNaN(smoothedLoss(s))).toBe(true);
    observeStep(s, 2.5, 1, true, 10);
    expect(smoothedLoss(s)).toBeCloseTo(2.5, 12);
    for (let i = 0; i < 2000; i++) observeStep(s, 1, 1, true, 10);
    expect(smoothedLoss(s)).toBeCloseTo(1, 6);
  });
  it('non-finite loss, gradient or weights diverge at once, in that order of precedence', () => {
    expect(observeStep(initialMonitor(), NaN, 1, true, 5).cause).toBe('non-finite-loss');
    expect(observeStep(initialMonitor(), Infinity, 1, true, 5).cause).toBe('non-finite-loss');
    expect(observeStep(initialMonitor(), 1, Infinity, true, 5).cause).toBe('non-finite-gradient');
    expect(observeStep(initialMonitor(), 1, 2, false, 5).cause).toBe('non-finite-weight');
    expect(allFinite(new Float64Array([1, -2, 0]))).toBe(true);
    expect(allFinite(new Float64Array([1, NaN]))).toBe(false);
    expect(allFinite(new Float64Array([-Infinity]))).toBe(false);
  });
  it(`loss above 3·ln V for ${ABOVE_CHANCE_STEPS} consecutive steps diverges; a dip below restarts the count`, () => {
    const V = 3; // threshold 3·ln 3 ≈ 3.30
    const s = initialMonitor();
    for (let i = 0; i < ABOVE_CHANCE_STEPS - 1; i++) expect(observeStep(s, 10, 1, true, V).cause).toBeNull();
    expect(observeStep(s, 10, 1, true, V).cause).toBe('loss-above-chance');

    const t = initialMonitor();
    for (let i = 0; i < 30; i++) observeStep(t, 10, 1, true, V);
    for (let i = 0; i < 200; i++) observeStep(t, 0.1, 1, true, V); // pulls the average back below
    expect(t.above).toBe(0);
    let cause = null;
    let steps = 0;
    while (!cause && steps < 500) {
      cause = observeStep(t, 100, 1, true, V).cause;
      steps++;
    }
    expect(cause).toBe('loss-above-chance');
    expect(steps).toBeGreaterThanOrEqual(ABOVE_CHANCE_STEPS);
  });
});

describe('bounded history', () => {
  it('never holds more than its capacity, covers the whole period, and starts afresh after a drain', () => {
    const h = createHistoryBuffer(64);
    for (let i = 1; i <= 100_000; i++) h.push(i, 1 / i, i, i);
    expect(h.size).toBeLessThanOrEqual(64);
    expect(h.stride).toBeGreaterThan(1);
    const chunk = h.drain();
    expect(chunk.step.length).toBe(chunk.loss.length);
    expect(chunk.step[0]).toBeLessThan(100_000 / 32);
    expect(chunk.step[chunk.step.length - 1]).toBeGreaterThan(100_000 - 2 * h.stride - 4096);
    for (let i = 1; i < chunk.step.length; i++) expect(chunk.step[i]!).toBeGreaterThan(chunk.step[i - 1]!);
    expect(h.size).toBe(0);
    h.push(7, 1, 1, 1);
    expect(Array.from(h.drain().step)).toEqual([7]);
  });
});

describe('what a config change rebuilds', () => {
  const c: TrainConfig = BASE;
  it('sizes, cell, task, seed rebuild; optimizer and momentum make a new optimizer; lr alone is set in place; clip and speed keep everything', () => {
    for (const k of ['cell', 'hidden', 'layers', 'task', 'seed', 'seqLength', 'text', 'compare'] as const) {
      const next = { ...c, [k]: k === 'cell' ? 'gru' : k === 'task' ? 'copy' : k === 'text' ? 'abc' : k === 'compare' ? true : 99 };
      expect(diffConfig(c, next as TrainConfig).rebuild, k).toBe(true);
    }
    expect(diffConfig(c, { ...c, lr: 0.1 })).toMatchObject({ rebuild: false, newOptimizer: false, lrChanged: true });
    expect(diffConfig(c, { ...c, optimizer: 'sgd' })).toMatchObject({ rebuild: false, newOptimizer: true, lrChanged: false });
    expect(diffConfig(c, { ...c, momentum: 0.5 })).toMatchObject({ rebuild: false, newOptimizer: true });
    expect(diffConfig(c, { ...c, optimizer: 'sgd', lr: 0.1 })).toMatchObject({ newOptimizer: true, lrChanged: true });
    for (const k of ['clip', 'speed', 'batch', 'maxSteps'] as const) {
      expect(diffConfig(c, { ...c, [k]: 3 }), k).toMatchObject({ rebuild: false, newOptimizer: false, lrChanged: false });
    }
    expect(diffConfig(c, { ...c, truncate: 3 }).truncateChanged).toBe(true);
  });
  it('a new built-in text rebuilds only a task that reads it', () => {
    const zh = (x: TrainConfig): TrainConfig => ({ ...x, corpus: x.corpus === 'zh' ? 'en' : 'zh' });
    for (const task of ['charlm', 'meet'] as const) expect(diffConfig({ ...c, task }, zh({ ...c, task })).rebuild, task).toBe(true);
    for (const task of ['recall', 'copy', 'parity', 'spell'] as const) {
      expect(diffConfig({ ...c, task }, zh({ ...c, task })), task).toMatchObject({ rebuild: false, newOptimizer: false });
    }
    // the character model on the user's own text does not read the built-in one
    const own = { ...c, task: 'charlm' as const, text: 'my own text' };
    expect(diffConfig(own, zh(own)).rebuild).toBe(false);
    expect(diffConfig({ ...own, text: '' }, zh({ ...own, text: '' })).rebuild).toBe(true);
  });
});

describe('flow refresh clock', () => {
  it('while running: after flowEvery snapshots or flowIntervalMs of training; while paused: at once', () => {
    let t = 0;
    const clock = createFlowClock(() => t, { flowEvery: 4, flowIntervalMs: 250 });
    expect(clock.decide(false)).toBe(true); // paused: at once
    clock.refreshed(1);
    const pattern: boolean[] = [];
    for (let i = 0; i < 8; i++) {
      t += 33;
      clock.trained(10);
      const due = clock.decide(true);
      if (due) clock.refreshed(1);
      pattern.push(due);
    }
    expect(pattern).toEqual([false, false, false, true, false, false, false, true]);
    clock.trained(300);
    t += 33;
    expect(clock.decide(true)).toBe(true);
    // an expensive matrix is not recomputed more often than every 4× its cost
    clock.refreshed(1000);
    clock.trained(300);
    t += 100;
    expect(clock.decide(true)).toBe(false);
    t += 4000;
    expect(clock.decide(true)).toBe(true);
  });
});
