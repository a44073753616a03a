/**
 * Colour scales of the unrolled diagram, the shared colour-blind-safe ramps of the page: states on
 * the diverging ramp (blue < 0 < red), gradient norms on the log ramp (viridis).
 */
import { interpolatorFor } from './color';

const diverging = interpolatorFor('diverging');
const logRamp = interpolatorFor('log');

/** Hidden/cell state value (−1 … 1, clamped) → colour; grey when not finite. */
export function stateColor(v: number): string {
  if (!Number.isFinite(v)) return 'rgb(128,128,128)';
  return diverging((Math.max(-1, Math.min(1, v)) + 1) / 2);
}

/** Gradient strength on the log scale (0 … 1) → colour. */
export function gradColor(s: number): string {
  return logRamp(Math.max(0, Math.min(1, s)));
}

/** Stroke width of a gradient ribbon for strength s in [0, 1]. */
export function gradWidth(s: number): number {
  return s <= 0 ? 0.5 : 1 + 9 * s;
}
