import type { AppState } from './types';

/**
 * Whether the model a panel reads (index `pick(s)` of the snapshot) shows something new between two
 * store states: another run, another step, another cell or sequence, or edited weights (its last
 * hidden value moved). Panels that ask the worker for their own answers (the neuron explorer, the
 * hidden-state space) ask again only then. Pure.
 */
export function modelChanged(s: AppState, prev: AppState, pick: (st: AppState) => number): boolean {
  if (s.snapshot === prev.snapshot && s.config.cell === prev.config.cell) return false;
  const a = s.snapshot?.models[pick(s)];
  const b = prev.snapshot?.models[pick(prev)];
  return !a || !b || prev.snapshot?.run !== s.snapshot?.run || a.step !== b.step || a.cell !== b.cell
    || a.T !== b.T || a.inputs.some((x, k) => x !== b.inputs[k]) || a.h.at(-1) !== b.h.at(-1)
    || prev.snapshot?.shape !== s.snapshot?.shape;
}

/**
 * A watch shared by every panel that asks for it: `start` runs when the first one asks and returns
 * what stops it, which runs when the last one lets go. Each call of the returned function is one
 * panel's watch; it returns that panel's release.
 */
export function sharedWatch(start: () => () => void): () => () => void {
  let watchers = 0;
  let stop: (() => void) | null = null;
  return () => {
    watchers++;
    if (watchers === 1) stop = start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      watchers--;
      if (watchers === 0) {
        stop?.();
        stop = null;
      }
    };
  };
}
