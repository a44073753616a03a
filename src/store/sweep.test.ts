import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useStore } from './store';
import { setSweepProgress, stepsReached, useSweepStore } from './sweep';

beforeEach(() => setSweepProgress(null));

describe('the sweep slice', () => {
  it('holds the progress in the one store, copied', () => {
    const p = { dir: 'forward' as const, done: 2 };
    setSweepProgress(p);
    expect(useStore.getState().sweep.progress).toEqual(p);
    expect(useSweepStore.getState().progress).not.toBe(p);
    setSweepProgress(null);
    expect(useStore.getState().sweep.progress).toBeNull();
  });

  it('writes only changes: repeated frames of the same step wake no subscriber', () => {
    const spy = vi.fn();
    const off = useStore.subscribe(spy);
    setSweepProgress({ dir: 'forward', done: 0 });
    setSweepProgress({ dir: 'forward', done: 0 });
    setSweepProgress({ dir: 'forward', done: 1 });
    setSweepProgress({ dir: 'backward', done: 1 });
    setSweepProgress(null);
    setSweepProgress(null);
    expect(spy).toHaveBeenCalledTimes(4);
    off();
  });

  it('steps reached: the forward sweep, else the cursor, else all', () => {
    expect(stepsReached(5, null, { dir: 'forward', done: 2 })).toBe(2);
    expect(stepsReached(5, 3, { dir: 'backward', done: 2 })).toBe(4);
    expect(stepsReached(5, null, null)).toBe(5);
  });
});
