/**
 * Bounded loss/gradient histories: new points are appended; when a history exceeds its capacity,
 * its points are merged in pairs (thinned by 2), so an hour of training keeps a fixed memory
 * footprint while the whole run stays visible at a coarser resolution.
 */
import type { HistoryChunk } from '../worker/protocol';
import type { History } from './types';

/** Points kept per model before thinning. */
export const HISTORY_CAPACITY = 4000;

/** An empty history. */
export function emptyHistory(): History {
  return { step: [], loss: [], gradNorm: [], clippedNorm: [] };
}

/** Pairs (2i, 2i+1) merged: the later step, the mean of the values. An odd last point is kept as is. */
function thin(xs: number[], take: 'last' | 'mean'): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < xs.length; i += 2) out.push(take === 'last' ? xs[i + 1] : (xs[i] + xs[i + 1]) / 2);
  if (xs.length % 2 === 1) out.push(xs[xs.length - 1]);
  return out;
}

/**
 * A new history with `chunk` appended (the input is not mutated). A chunk whose first step is not
 * after the last recorded step starts a new run (after a reset or a new configuration): the old
 * points are dropped.
 */
export function appendHistory(h: History, chunk: HistoryChunk, capacity = HISTORY_CAPACITY): History {
  const n = chunk.step.length;
  if (n === 0) return h;
  const restart = h.step.length > 0 && chunk.step[0] <= h.step[h.step.length - 1];
  const base = restart ? emptyHistory() : h;
  let next: History = {
    step: base.step.concat(Array.from(chunk.step)),
    loss: base.loss.concat(Array.from(chunk.loss)),
    gradNorm: base.gradNorm.concat(Array.from(chunk.gradNorm)),
    clippedNorm: base.clippedNorm.concat(Array.from(chunk.clippedNorm)),
  };
  while (next.step.length > capacity) {
    next = {
      step: thin(next.step, 'last'),
      loss: thin(next.loss, 'mean'),
      gradNorm: thin(next.gradNorm, 'mean'),
      clippedNorm: thin(next.clippedNorm, 'mean'),
    };
  }
  return next;
}
