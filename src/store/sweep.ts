/**
 * Where the unrolled diagram's sweep animation is (its direction and how many steps it has done), so
 * other panels can follow the forward pass as it is drawn; null when no sweep is running. The store's
 * `sweep` slice; not in the URL.
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

/**
 * How many steps of a T-step sequence the forward pass has reached: the running forward sweep's,
 * else the step-through cursor's (`cursor`, from 0; null = every step), else T.
 */
export function stepsReached(T: number, cursor: number | null, progress: SweepProgress | null): number {
  if (progress?.dir === 'forward') return Math.max(0, Math.min(T, progress.done));
  if (cursor !== null && cursor >= 0) return Math.min(T, cursor + 1);
  return T;
}
