import { describe, expect, it } from 'vitest';
import { modelChanged, sharedWatch } from './watch';
import type { AppState } from './types';

type Model = { step: number; cell: string; T: number; inputs: number[]; h: Float64Array };
const state = (models: Model[], run = 1, cell = 'rnn'): AppState =>
  ({ snapshot: { run, shape: 'many-to-one', models }, config: { cell } }) as unknown as AppState;
const m = (over: Partial<Model> = {}): Model => ({ step: 5, cell: 'rnn', T: 3, inputs: [1, 2, 3], h: Float64Array.of(0.1, 0.2), ...over });
const first = () => 0;

describe('modelChanged', () => {
  it('is false for the same picture, true for a new step, run, sequence or edited weights', () => {
    const a = state([m()]);
    expect(modelChanged(a, a, first)).toBe(false);
    expect(modelChanged(state([m()]), a, first)).toBe(false); // a new snapshot of the same moment
    expect(modelChanged(state([m({ step: 6 })]), a, first)).toBe(true);
    expect(modelChanged(state([m()], 2), a, first)).toBe(true);
    expect(modelChanged(state([m({ inputs: [1, 2, 4] })]), a, first)).toBe(true);
    expect(modelChanged(state([m({ h: Float64Array.of(0.1, 0.3) })]), a, first)).toBe(true);
  });
  it('reads the model the panel picks', () => {
    const a = state([m(), m({ cell: 'gru' })]);
    const b = state([m(), m({ cell: 'gru', step: 9 })]);
    expect(modelChanged(b, a, first)).toBe(false);
    expect(modelChanged(b, a, () => 1)).toBe(true);
  });
});

describe('sharedWatch', () => {
  it('starts with the first watcher, stops after the last lets go, and a release counts once', () => {
    let starts = 0;
    let stops = 0;
    const watch = sharedWatch(() => { starts++; return () => { stops++; }; });
    const a = watch();
    const b = watch();
    expect([starts, stops]).toEqual([1, 0]);
    a();
    a();
    expect(stops).toBe(0);
    b();
    expect([starts, stops]).toEqual([1, 1]);
    watch()();
    expect([starts, stops]).toEqual([2, 2]);
  });
});
