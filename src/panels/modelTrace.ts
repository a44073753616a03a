/**
 * Which model the inside-the-network panels show (in compare mode: the one chosen, the store's
 * `flowModel`, as the state and gradient panels), and the sequence context of the snapshot.
 */
import type { AppState } from '../store';
import type { ModelTrace, TraceContext } from '../viz/trace';

/** The model to draw and its context, or null before the first snapshot. */
export function pickTrace(s: AppState): { trace: ModelTrace; ctx: TraceContext } | null {
  const snap = s.snapshot;
  if (!snap || snap.models.length === 0) return null;
  const trace = snap.models[Math.min(Math.max(0, s.flowModel), snap.models.length - 1)]!;
  if (trace.T <= 0) return null;
  return { trace, ctx: { shape: snap.shape, vocab: snap.vocab } };
}

/** True when the user asked the system for less motion. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
