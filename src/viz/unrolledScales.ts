/**
 * Colour scales of the unrolled diagram, the shared colour-blind-safe ramps of the page: states on
 * the diverging ramp (blue < 0 < red), gradient norms on the log ramp (viridis).
 */
import { interpolatorFor } from './color';

/**
 * Levels per ramp: colours are looked up, not interpolated, on every redraw (hundreds of marks),
 * and a value that moves by less than a level keeps its colour string, so its node is not touched.
 */
const LEVELS = 256;
const table = (ramp: (t: number) => string): string[] => Array.from({ length: LEVELS }, (_, i) => ramp(i / (LEVELS - 1)));
const diverging = table(interpolatorFor('diverging'));
const logRamp = table(interpolatorFor('log'));
const level = (t: number): number => Math.round(Math.max(0, Math.min(1, t)) * (LEVELS - 1));

/** Hidden/cell state value (−1 … 1, clamped) → colour; grey when not finite. */
export function stateColor(v: number): string {
  if (!Number.isFinite(v)) return 'rgb(128,128,128)';
  return diverging[level((v + 1) / 2)]!;
}

/** Gradient strength on the log scale (0 … 1) → colour. */
export function gradColor(s: number): string {
  return logRamp[Number.isNaN(s) ? 0 : level(s)]!;
}

/** Stroke width of a gradient ribbon for strength s in [0, 1], to a tenth of a pixel. */
export function gradWidth(s: number): number {
  return s <= 0 ? 0.5 : Math.round(10 * (1 + 9 * Math.min(1, s))) / 10;
}
