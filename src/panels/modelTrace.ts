/**
 * Which model the inside-the-network panels show (in compare mode: the one of the configured cell,
 * else the first), and the sequence context of the snapshot.
 */
import type { AppState } from '../store';
import type { ModelTrace, TraceContext } from '../viz/trace';

/** The model to draw and its context, or null before the first snapshot. */
export function pickTrace(s: AppState): { trace: ModelTrace; ctx: TraceContext } | null {
  const snap = s.snapshot;
  if (!snap || snap.models.length === 0) return null;
  const trace = snap.models.find((m) => m.cell === s.config.cell) ?? snap.models[0]!;
  if (trace.T <= 0) return null;
  return { trace, ctx: { shape: snap.shape, vocab: snap.vocab } };
}

/** True when the user asked the system for less motion. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
