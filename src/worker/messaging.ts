/**
 * How the host sends and schedules: the transfer list of a snapshot, and "run this as soon as the
 * messages already queued were handled".
 */
import type { Snapshot } from './protocol';

/** Every typed array buffer of a snapshot, each once (for the transfer list). */
export function snapshotTransfer(s: Snapshot): Transferable[] {
  const seen = new Set<ArrayBufferLike>();
  const add = (a: ArrayBufferView | null | undefined): void => {
    if (a && !seen.has(a.buffer)) seen.add(a.buffer);
  };
  for (const m of s.models) {
    for (const a of [m.h, m.c, m.probs, m.topIds, m.topProbs, m.targetProb, m.stepLoss, m.dh, m.dc, m.dWhhStep, m.dWhhShare, m.flow, m.Whh, m.sigma]) add(a);
    for (const g of Object.values(m.gates)) add(g);
    for (const g of Object.values(m.blockSigma)) add(g);
  }
  for (const h of s.history) for (const a of [h.step, h.loss, h.gradNorm, h.clippedNorm]) add(a);
  return [...seen] as Transferable[];
}

/** Runs fn after the pending messages: a MessageChannel in a worker, else setTimeout 0. */
export function defaultSoon(): (fn: () => void) => void {
  if (typeof MessageChannel === 'function' && typeof self !== 'undefined') {
    const ch = new MessageChannel();
    let queued: (() => void)[] = [];
    ch.port1.onmessage = () => {
      const run = queued;
      queued = [];
      for (const fn of run) fn();
    };
    return (fn) => {
      queued.push(fn);
      ch.port2.postMessage(null);
    };
  }
  return (fn) => void setTimeout(fn, 0);
}

