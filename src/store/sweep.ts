/**
 * Where the unrolled diagram's sweep animation is (its direction and how many steps it has done), so
 * other panels can follow the forward pass as it is drawn; null when no sweep is running. Also the
 * step-through cursor: how far the panels draw the forward pass when a lecture steps through it. Both
 * are view state (the worker sends the whole trace in every snapshot): the store's `sweep` slice, not
 * in the URL.
 */
import { sliceOf } from './store';

export interface SweepProgress {
  dir: 'forward' | 'backward';
  /** Steps done, 0 … T. */
  done: number;
}

/** The store's `sweep` slice. */
export const useSweepStore = sliceOf('sweep');

/**
 * Sets the sweep's progress (the unrolled panel calls it each frame of a sweep, null at its end).
 * Only a change is written: the sweep is in the one store, so an unchanged frame must not wake every subscriber.
 */
export function setSweepProgress(progress: SweepProgress | null): void {
  const now = useSweepStore.getState().progress;
  if (now === progress || (now && progress && now.dir === progress.dir && now.done === progress.done)) return;
  useSweepStore.setState({ progress: progress ? { dir: progress.dir, done: progress.done } : null });
}

/** Sets the step-through cursor: step t (from 0), or null (or t < 0) for every step. Only a change is written. */
export function setStepCursor(t: number | null): void {
  const cursor = t === null || !(t >= 0) ? null : Math.floor(t);
  if (useSweepStore.getState().cursor !== cursor) useSweepStore.setState({ cursor });
}

/** The step-through cursor (null = every step). */
export function stepCursor(): number | null {
  return useSweepStore.getState().cursor;
}

/**
 * How many steps of a T-step sequence the forward pass has reached: the running forward sweep's,
 * else the step-through cursor's (`cursor`, from 0; null = every step), else T.
 */
export function stepsReached(T: number, cursor: number | null, progress: SweepProgress | null): number {
  if (progress?.dir === 'forward') return Math.max(0, Math.min(T, progress.done));
  if (cursor !== null && cursor >= 0) return Math.min(T, cursor + 1);
  return T;
}
