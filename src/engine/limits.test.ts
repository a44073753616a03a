import { describe, expect, it } from 'vitest';
import {
  fitBudget, INSPECT_COST_MAX, overBudget, paramCount, PARAMS_MAX, runCost, SIZE_LIMITS, SNAPSHOT_NUMBERS_MAX, STEP_COST_MAX,
  VOCAB_MAX, type CostInput,
} from './limits';
import { createModel } from './model';

const base: CostInput = { task: 'charlm', cell: 'rnn', compare: false, hidden: 16, layers: 1, seqLength: 25, lag: 3, batch: 8 };

describe('limits: the cost of a run', () => {
  it('counts the weights exactly as the engine lays them out', () => {
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      for (const [V, H, L] of [[7, 5, 1], [12, 3, 3], [65, 16, 2]]) {
        const model = createModel({ cell, inputSize: V, hiddenSize: H, outputSize: V, numLayers: L });
        expect(paramCount(cell, V, H, L)).toBe(model.params.length);
      }
    }
  });

  it('grows with every size, and compare mode costs all three models', () => {
    const c0 = runCost(base);
    for (const k of ['hidden', 'layers', 'seqLength', 'batch'] as const) {
      expect(runCost({ ...base, [k]: base[k] * 2 }).step).toBeGreaterThan(c0.step);
    }
    const lstm = runCost({ ...base, cell: 'lstm' }).step;
    const gru = runCost({ ...base, cell: 'gru' }).step;
    expect(runCost({ ...base, compare: true }).step).toBeCloseTo(c0.step + lstm + gru, 6);
    // T² in the flow matrix: doubling the sequence length more than doubles the inspection
    expect(runCost({ ...base, seqLength: 50 }).inspect).toBeGreaterThan(2 * c0.inspect);
  });

  it('the default run and every small run fit', () => {
    expect(overBudget(runCost({ ...base, task: 'meet' }))).toBeNull();
    expect(overBudget(runCost({ ...base, task: 'recall', lag: 40, cell: 'lstm', hidden: 32, compare: true }))).toBeNull();
  });
});

describe('limits: fitting the budget', () => {
  const largest: CostInput = { ...base, hidden: 256, layers: 3, seqLength: 200, batch: 64 };

  it('leaves a run that fits untouched', () => {
    const r = fitBudget(base);
    expect(r).toEqual({ config: base, lowered: [], fits: true });
  });

  it('lowers the largest settings until step and inspection fit, batch first', () => {
    for (const compare of [false, true]) {
      const r = fitBudget({ ...largest, compare });
      const cost = runCost(r.config);
      expect(r.fits).toBe(true);
      expect(cost.step).toBeLessThanOrEqual(STEP_COST_MAX);
      expect(cost.inspect).toBeLessThanOrEqual(INSPECT_COST_MAX);
      expect(r.lowered[0]).toBe('batch');
      // each lowered field is as large as fits: one more would break the budget
      const last = r.lowered[r.lowered.length - 1]!;
      expect(overBudget(runCost({ ...r.config, [last]: r.config[last] + 1 }))).not.toBeNull();
    }
  });

  it('lowers only as far as needed: an LSTM batch of 64 at 256 units on short windows keeps its units', () => {
    const r = fitBudget({ ...base, cell: 'lstm', hidden: 256, batch: 64, seqLength: 25 });
    expect(r.config.hidden).toBe(256);
    expect(r.config.seqLength).toBe(25);
    expect(r.config.batch).toBeLessThan(64);
    expect(r.config.batch).toBeGreaterThanOrEqual(1);
  });

  it('keeps a memory task\'s lag where lowering units is enough', () => {
    const r = fitBudget({ ...base, task: 'recall', cell: 'lstm', hidden: 256, layers: 3, lag: 100, batch: 64 });
    expect(r.fits).toBe(true);
    expect(r.config.lag).toBe(100);
    expect(r.config.hidden).toBeLessThan(256);
  });

  it('holds sizes inside their bounds, whatever the input', () => {
    const r = fitBudget({ ...base, hidden: 1e9, layers: -3, seqLength: Number.NaN, batch: 0.4, lag: 1e6 });
    for (const k of ['hidden', 'layers', 'seqLength', 'batch', 'lag'] as const) {
      expect(r.config[k]).toBeGreaterThanOrEqual(SIZE_LIMITS[k].min);
      expect(r.config[k]).toBeLessThanOrEqual(SIZE_LIMITS[k].max);
      expect(Number.isInteger(r.config[k])).toBe(true);
    }
  });

  it('a vocabulary past the limit never fits; 50 000 tokens fit with few units and short windows', () => {
    expect(fitBudget({ ...base, vocab: VOCAB_MAX + 1 }).fits).toBe(false);
    const big = fitBudget({ ...base, vocab: VOCAB_MAX, hidden: 8 });
    expect(big.fits).toBe(true);
    const cost = runCost(big.config);
    expect(cost.params).toBeLessThanOrEqual(PARAMS_MAX);
    expect(cost.snapshotNumbers).toBeLessThanOrEqual(SNAPSHOT_NUMBERS_MAX);
  });
});
