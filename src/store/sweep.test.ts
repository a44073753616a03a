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

describe('the step-through cursor', () => {
  it('is view state: stepping through pauses training and asks the worker nothing else; play, a reset and new settings show every step again', async () => {
    const { connectWorker, handleWorkerEvent } = await import('./bridge');
    const { play, reset, setConfig, stepThrough } = await import('./actions');
    const { stepCursor } = await import('./sweep');
    const sent: { type: string }[] = [];
    const off = connectWorker({ send: (c) => sent.push(c), terminate: () => {} });
    sent.length = 0;
    const snap = (run: number) => ({
      run, models: [], history: [], shape: 'many-to-many' as const, vocab: ['a'], answers: 1, tokenKind: 'char' as const, examples: [],
      running: false, stepsPerSecond: 0, diverged: null, stopped: null, inspectError: null,
    });
    handleWorkerEvent({ type: 'snapshot', snapshot: snap(1) });
    play();
    handleWorkerEvent({ type: 'running', running: true, step: 0 });
    stepThrough(2);
    expect(stepCursor()).toBe(2);
    expect(useStore.getState().running).toBe(false);
    expect(sent.map((c) => c.type)).toEqual(['play', 'pause']);
    stepThrough(3.7);
    expect(stepCursor()).toBe(3);
    stepThrough(-1);
    expect(stepCursor()).toBeNull();
    stepThrough(1);
    play();
    expect(stepCursor()).toBeNull();
    stepThrough(4);
    handleWorkerEvent({ type: 'snapshot', snapshot: snap(1) });
    expect(stepCursor(), 'a snapshot keeps the cursor').toBe(4);
    reset();
    expect(stepCursor(), 'a new run shows its whole trace').toBeNull();
    stepThrough(2);
    setConfig({ hidden: 7 });
    expect(stepCursor(), 'new settings show the whole trace').toBeNull();
    stepThrough(2);
    handleWorkerEvent({ type: 'snapshot', snapshot: snap(2) });
    expect(stepCursor(), 'a cursor set after the command keeps through the new run\'s snapshot').toBe(2);
    expect(sent.some((c) => c.type === 'step-through')).toBe(false);
    off();
  });
});
