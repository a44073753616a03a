/**
 * Shared colour scales. Every scale maps a number to a position t ∈ [0, 1] on a colour-blind-safe
 * ramp, then to an RGB triple read from a 256-entry lookup table (fast enough for 10⁴ cells per frame).
 * - diverging: centred on 0 (blue < 0 < red, reversed RdBu), symmetric domain [−m, m];
 * - sequential: viridis over [lo, hi];
 * - log: viridis over log10 |v| in [lo, hi] (lo > 0); exact zeros take the bottom colour.
 * Non-finite values (NaN, ±∞) never get a ramp colour: they get {@link NONFINITE_RGB}.
 */
import { interpolateRdBu, interpolateViridis, rgb } from 'd3';

/** The three kinds of scale a heatmap, legend or line chart can use. */
export type ScaleKind = 'diverging' | 'sequential' | 'log';
/** A colour as [r, g, b], each 0..255. */
export type RGB = readonly [number, number, number];

/** The colour of NaN and ±∞ cells: a neutral grey that appears on none of the ramps. */
export const NONFINITE_RGB: RGB = [128, 128, 128];

const LUT_SIZE = 256;
const luts = new Map<ScaleKind, Uint8ClampedArray>();

/** The ramp behind each scale kind, t ∈ [0, 1] → CSS colour. */
export function interpolatorFor(kind: ScaleKind): (t: number) => string {
  return kind === 'diverging' ? (t: number) => interpolateRdBu(1 - t) : interpolateViridis;
}

/** The lookup table of a ramp: [LUT_SIZE][3] bytes. Built once per kind. */
function lutFor(kind: ScaleKind): Uint8ClampedArray {
  let lut = luts.get(kind);
  if (!lut) {
    lut = new Uint8ClampedArray(LUT_SIZE * 3);
    const interpolate = interpolatorFor(kind);
    for (let k = 0; k < LUT_SIZE; k++) {
      const c = rgb(interpolate(k / (LUT_SIZE - 1)));
      lut[3 * k] = c.r;
      lut[3 * k + 1] = c.g;
      lut[3 * k + 2] = c.b;
    }
    luts.set(kind, lut);
  }
  return lut;
}

/**
 * A domain the scale can always use, from the data when none is given.
 * diverging → [−m, m] with m = max |v| (1 if all zero); sequential → [min, max] (widened when
 * flat); log → [smallest positive |v|, largest |v|] (both > 0; [1e-8, 1] if there is none).
 * Non-finite values are ignored.
 */
export function autoDomain(kind: ScaleKind, values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!Number.isFinite(v)) continue;
    const x = kind === 'sequential' ? v : Math.abs(v);
    if (kind === 'log' && x === 0) continue;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (kind === 'diverging') {
    const m = hi > 0 ? hi : 1;
    return [-m, m];
  }
  if (kind === 'log') return hi > 0 ? [lo, hi] : [1e-8, 1];
  if (!(hi >= lo)) return [0, 1];
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/** A domain with finite ends in the right order for `kind` (falls back to autoDomain of nothing). */
export function sanitizeDomain(kind: ScaleKind, domain: readonly [number, number] | undefined,
  values: ArrayLike<number>): [number, number] {
  if (!domain || !Number.isFinite(domain[0]) || !Number.isFinite(domain[1])) return autoDomain(kind, values);
  let [lo, hi] = domain;
  if (lo > hi) [lo, hi] = [hi, lo];
  if (kind === 'diverging') {
    const m = Math.max(Math.abs(lo), Math.abs(hi));
    return m > 0 ? [-m, m] : [-1, 1];
  }
  if (kind === 'log') {
    if (!(hi > 0)) return autoDomain(kind, values);
    if (!(lo > 0)) lo = Math.min(hi, autoDomain(kind, values)[0]);
    return lo === hi ? [lo / 10, hi * 10] : [lo, hi];
  }
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/**
 * The position t ∈ [0, 1] of `v` on the scale (clamped), or NaN for a non-finite value.
 * Log scale: |v| is used, and 0 (or anything below lo) maps to 0 — the bottom colour.
 */
export function positionOf(kind: ScaleKind, domain: readonly [number, number], v: number): number {
  if (!Number.isFinite(v)) return NaN;
  const [lo, hi] = domain;
  let t: number;
  if (kind === 'log') {
    const a = Math.abs(v);
    if (a <= lo) return 0;
    const l0 = Math.log10(lo);
    t = (Math.log10(a) - l0) / (Math.log10(hi) - l0);
  } else if (kind === 'diverging') {
    t = 0.5 + v / (2 * hi);
  } else {
    t = (v - lo) / (hi - lo);
  }
  return t <= 0 ? 0 : t >= 1 ? 1 : Number.isFinite(t) ? t : 0;
}

/** The value at position t ∈ [0, 1] of the scale (the inverse of positionOf; for legend ticks). */
export function valueAt(kind: ScaleKind, domain: readonly [number, number], t: number): number {
  const [lo, hi] = domain;
  if (kind === 'log') return 10 ** (Math.log10(lo) + t * (Math.log10(hi) - Math.log10(lo)));
  return lo + t * (hi - lo);
}

/**
 * A fast colour function for one scale and domain: writes the RGB of `v` into `out` at `offset`
 * (mutates `out`; NaN/±∞ get {@link NONFINITE_RGB}). Returns whether `v` was finite.
 */
export function colorWriter(kind: ScaleKind, domain: readonly [number, number]):
  (v: number, out: Uint8ClampedArray, offset: number) => boolean {
  const lut = lutFor(kind);
  return (v, out, offset) => {
    const t = positionOf(kind, domain, v);
    if (Number.isNaN(t)) {
      out[offset] = NONFINITE_RGB[0];
      out[offset + 1] = NONFINITE_RGB[1];
      out[offset + 2] = NONFINITE_RGB[2];
      return false;
    }
    const k = 3 * Math.round(t * (LUT_SIZE - 1));
    out[offset] = lut[k];
    out[offset + 1] = lut[k + 1];
    out[offset + 2] = lut[k + 2];
    return true;
  };
}

/** The CSS colour of `v` on the scale (non-finite → the grey of NONFINITE_RGB). */
export function cssColor(kind: ScaleKind, domain: readonly [number, number], v: number): string {
  const px = new Uint8ClampedArray(3);
  colorWriter(kind, domain)(v, px, 0);
  return `rgb(${px[0]},${px[1]},${px[2]})`;
}

/** Distinct, colour-blind-safe line colours (Okabe–Ito) for several series, e.g. rnn / lstm / gru. */
export const SERIES_COLORS: readonly string[] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
