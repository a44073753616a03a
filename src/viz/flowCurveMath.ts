/**
 * Pure helpers for the gradient-flow pictures: the curve of gradient norm versus distance t − k
 * read off the flow matrix, and numbers made safe for a logarithmic axis (exact zeros, overflow and
 * NaN never reach the screen as NaN).
 */

/** Smallest and largest magnitude a log axis shows; values outside are pinned to these ends. */
export const LOG_FLOOR = 1e-30;
export const LOG_CEIL = 1e30;

/**
 * A value ready for a log axis: |v| clamped into [LOG_FLOOR, LOG_CEIL]; +∞/−∞ → LOG_CEIL (a blow-up
 * stays visible at the top); NaN → null (a gap, never a NaN coordinate).
 */
export function logSafe(v: number): number | null {
  if (Number.isNaN(v)) return null;
  const a = Math.abs(v);
  if (a === Infinity) return LOG_CEIL;
  return a < LOG_FLOOR ? LOG_FLOOR : a > LOG_CEIL ? LOG_CEIL : a;
}

/**
 * The gradient-versus-distance curve of a flow matrix `flow` [T][T] (row t = loss step, column k =
 * hidden step, lower triangle k ≤ t): entry d (0 ≤ d < T) is the mean of flow[t][t − d] over the
 * steps t whose loss reaches back at all (rows with a positive or non-finite entry; steps without a
 * loss are skipped so they do not drag the curve down). NaN and ±∞ entries count as +∞ (NaN
 * arises from overflow), so a diverged run reads +∞: a blow-up, never a gap. Returns [T]; all zeros
 * if no row counts.
 */
export function distanceCurve(flow: ArrayLike<number>, T: number): Float64Array {
  const out = new Float64Array(Math.max(0, T));
  if (T <= 0 || flow.length < T * T) return out;
  const counts = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    if (!rowCounts(flow, T, t)) continue;
    for (let d = 0; d <= t; d++) {
      const v = flow[t * T + t - d];
      out[d] += Number.isNaN(v) ? Infinity : Math.abs(v);
      counts[d] += 1;
    }
  }
  for (let d = 0; d < T; d++) out[d] = counts[d] > 0 ? out[d] / counts[d] : 0;
  return out;
}

/** Whether row t of the flow matrix carries any gradient (some entry > 0 or non-finite). */
function rowCounts(flow: ArrayLike<number>, T: number, t: number): boolean {
  for (let k = 0; k <= t; k++) {
    const v = flow[t * T + k];
    if (!(Math.abs(v) === 0)) return true; // positive, ∞ or NaN
  }
  return false;
}

/**
 * A log-axis domain [lo, hi] (0 < lo < hi, powers of ten) covering the positive values of all
 * `series` after {@link logSafe}; exact zeros are ignored unless nothing else is there. Falls back
 * to [1e-8, 1] when there is no positive value.
 */
export function logDomain(series: readonly ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = 0;
  for (const values of series) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === 0) continue;
      const s = logSafe(v);
      if (s === null) continue;
      if (s < lo) lo = s;
      if (s > hi) hi = s;
    }
  }
  if (!(hi > 0)) return [1e-8, 1];
  const l = Math.floor(Math.log10(lo));
  let h = Math.ceil(Math.log10(hi));
  if (h <= l) h = l + 1;
  return [Number(`1e${l}`), Number(`1e${h}`)]; // exact powers of ten
}

/** The share of the gradient at the loss (distance 0) that the reach counts as still arriving. */
export const REACH_FRACTION = 0.01;

/**
 * How many steps back the gradient reaches: the number of distances d = 1, 2, … for which
 * curve[d] stays at or above `fraction` of curve[0] before it first falls below (all of them when
 * it never does). A blow-up (curve[d] = ∞) counts as reaching. 0 when curve[0] is not a positive
 * finite number (nothing to compare with).
 */
export function gradientReach(curve: ArrayLike<number>, fraction = REACH_FRACTION): number {
  const at0 = curve[0];
  if (!(at0 > 0) || !Number.isFinite(at0)) return 0;
  let d = 1;
  while (d < curve.length && curve[d] >= fraction * at0) d++;
  return d - 1;
}

/** The largest ratio curve[d] / curve[0] over d ≥ 0 (above 1: the gradient grows with distance, it explodes). */
export function peakGrowth(curve: ArrayLike<number>): number {
  const at0 = curve[0];
  if (!(at0 > 0) || !Number.isFinite(at0)) return Number.NaN;
  let peak = 1;
  for (let d = 1; d < curve.length; d++) if (curve[d] / at0 > peak) peak = curve[d] / at0;
  return peak;
}

/** How fast a curve fades per step: the geometric-mean ratio curve[d+1]/curve[d] over positive finite points (null if undefined). */
export function decayPerStep(curve: ArrayLike<number>): number | null {
  let first = -1;
  let last = -1;
  for (let d = 0; d < curve.length; d++) {
    const v = curve[d];
    if (v > 0 && Number.isFinite(v)) {
      if (first < 0) first = d;
      last = d;
    }
  }
  if (first < 0 || last <= first) return null;
  const r = (curve[last] / curve[first]) ** (1 / (last - first));
  return Number.isFinite(r) ? r : null;
}

/**
 * Tick values for a log axis over `domain` (0 < lo < hi): powers of ten, every k-th decade so at
 * most `max` are drawn; within a single decade or two, 1–2–5 steps so the axis never goes bare.
 */
export function logTicks(domain: readonly [number, number], max = 6): number[] {
  const [lo, hi] = domain;
  if (!(lo > 0) || !(hi > lo)) return [];
  const a = Math.floor(Math.log10(lo) + 1e-9);
  const b = Math.ceil(Math.log10(hi) - 1e-9);
  const inside = (v: number) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
  if (b - a <= 2) {
    const out: number[] = [];
    for (let e = a; e <= b; e++) for (const m of [1, 2, 5]) {
      const v = m * Number(`1e${e}`);
      if (inside(v)) out.push(v);
    }
    return out;
  }
  const step = Math.max(1, Math.ceil((b - a + 1) / max));
  const out: number[] = [];
  for (let e = Math.ceil(a / step) * step; e <= b; e += step) {
    const v = Number(`1e${e}`);
    if (inside(v)) out.push(v);
  }
  return out;
}

/** A log-axis tick label: plain for 0.01 … 9999, else "1e-5" style (ASCII minus kept short). */
export function logTickLabel(v: number): string {
  if (!(v > 0) || !Number.isFinite(v)) return '';
  if (v >= 0.01 && v < 1e4) return String(Number(v.toPrecision(2)));
  const e = Math.floor(Math.log10(v) + 1e-9);
  const m = Number((v / Number(`1e${e}`)).toPrecision(2));
  return m === 1 ? `1e${e}` : `${m}e${e}`;
}
