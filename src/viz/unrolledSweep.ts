/**
 * The sweep animation of the unrolled diagram: a position that moves over the T steps, left to
 * right (forward) or right to left (backward), calling `apply` each frame; instant when motion is
 * reduced.
 */
export type SweepDirection = 'forward' | 'backward';

/** The sweep state: the direction and how many steps are done (0 … T). */
export interface SweepState {
  dir: SweepDirection;
  done: number;
}

/** Whether step t is not reached yet by the sweep. */
export function pendingInSweep(state: SweepState | null, T: number, t: number): boolean {
  if (!state) return false;
  return state.dir === 'forward' ? t >= state.done : t < T - state.done;
}

/** The sweep's duration for T steps in ms (≈ 110 ms per step, 0.8 … 4 s), times `slowdown` (slow motion). */
export function sweepDuration(T: number, slowdown = 1): number {
  return Math.max(800, Math.min(4000, T * 110)) * Math.max(1, slowdown);
}

/**
 * Runs a sweep over T steps. `apply(state)` is called each frame and with `null` at the end.
 * `slowdown` stretches the duration (1 = normal). Returns a function that stops the sweep (and calls `apply(null)`).
 */
export function runSweep(T: number, dir: SweepDirection, instant: boolean, apply: (s: SweepState | null) => void, slowdown = 1): () => void {
  if (instant || T <= 0) {
    apply(null);
    return () => {};
  }
  const duration = sweepDuration(T, slowdown);
  let start = -1;
  let frame = 0;
  const tick = (now: number) => {
    if (start < 0) start = now;
    const done = Math.min(T, Math.floor(((now - start) / duration) * (T + 1)));
    if (done >= T) {
      frame = 0;
      apply(null);
      return;
    }
    apply({ dir, done });
    frame = requestAnimationFrame(tick);
  };
  apply({ dir, done: 0 });
  frame = requestAnimationFrame(tick);
  return () => {
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    apply(null);
  };
}
