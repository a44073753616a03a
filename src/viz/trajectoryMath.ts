/**
 * Pure helpers of the hidden-state space chart: which classes get a colour of their own, the
 * extent the axes cover, which path steps carry a number, and the point nearest the pointer.
 */

/** Eight colour-blind-safe hues (Okabe–Ito, then two more); classes past them share the "other" grey. */
export const CLASS_COLORS: readonly string[] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#7F3C8D', '#B8A100'];
/** The grey of the points of no class and of the other classes. */
export const OTHER_COLOR = '#9a9a9a';

/** The legend of a colouring: the classes with a colour of their own (most points first), and whether some share "other". */
export interface ClassLegend {
  /** Class ids (≥ 0) in legend order; entry i has CLASS_COLORS[i]. */
  classes: number[];
  /** Per point: the index of its colour in CLASS_COLORS, or −1 (other class, or none). [N] */
  colour: Int8Array;
  /** Whether some points are of a class beyond the coloured ones, and whether some have none (class < 0). */
  other: boolean;
  none: boolean;
}

/**
 * Gives the most frequent classes (ties: the smaller id) a colour each, up to CLASS_COLORS.length;
 * the legend then lists them in id order, so a class keeps its colour while the counts stay put.
 */
export function classLegend(cls: ArrayLike<number>): ClassLegend {
  const count = new Map<number, number>();
  let none = false;
  for (let i = 0; i < cls.length; i++) {
    const c = cls[i]!;
    if (c < 0) none = true;
    else count.set(c, (count.get(c) ?? 0) + 1);
  }
  const top = [...count.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, CLASS_COLORS.length).map(([c]) => c).sort((a, b) => a - b);
  const index = new Map(top.map((c, i) => [c, i] as const));
  const colour = new Int8Array(cls.length);
  for (let i = 0; i < cls.length; i++) colour[i] = index.get(cls[i]!) ?? -1;
  return { classes: top, colour, other: count.size > top.length, none };
}

/** [min, max] of the finite values of every array, widened by `pad` of the span on each side ([−1, 1] when there are none; a point gets ±1). */
export function extent(arrays: readonly ArrayLike<number>[], pad = 0.05): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return [-1, 1];
  // states of a network barely trained differ by 1e-5 or less: an axis that narrow reads as a row of
  // zeros ("0.0000.000002"), so the span is at least MIN_SPAN, centred on the points
  if (hi - lo < MIN_SPAN) {
    const mid = (lo + hi) / 2;
    return [mid - MIN_SPAN / 2, mid + MIN_SPAN / 2];
  }
  const p = (hi - lo) * pad;
  return [lo - p, hi + p];
}

/** The narrowest axis span (the coordinates are of hidden states, of order 0.1 … 10). */
export const MIN_SPAN = 0.2;

/** Which of the `shown` path steps carry their number: every one up to 12, else every k-th, and always the first and the last shown. */
export function numberedSteps(shown: number): number[] {
  if (shown <= 0) return [];
  const k = shown <= 12 ? 1 : Math.ceil(shown / 10);
  const out: number[] = [];
  for (let t = 0; t < shown; t += k) out.push(t);
  if (out[out.length - 1] !== shown - 1) {
    // keep the last one clear of the one before it
    if (out.length > 1 && shown - 1 - out[out.length - 1]! < k / 2) out.pop();
    out.push(shown - 1);
  }
  return out;
}

/** The index of the point (px[i], py[i]) nearest (x, y) within `radius`, or −1; the first of equals. */
export function nearest(px: ArrayLike<number>, py: ArrayLike<number>, x: number, y: number, radius: number, count = px.length): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < count; i++) {
    const d = (px[i]! - x) ** 2 + (py[i]! - y) ** 2;
    if (d <= bestD && (best < 0 || d < bestD)) {
      best = i;
      bestD = d;
    }
  }
  return best;
}

/**
 * Of the steps `steps` (ascending), those whose labels at (x[t], y[t]) keep at least `gap` px from
 * every label kept: the last step first (the one the sweep has reached), then backwards.
 */
export function apartSteps(steps: readonly number[], x: ArrayLike<number>, y: ArrayLike<number>, gap: number): number[] {
  const kept: number[] = [];
  for (let i = steps.length - 1; i >= 0; i--) {
    const t = steps[i]!;
    if (kept.every((u) => Math.hypot(x[u]! - x[t]!, y[u]! - y[t]!) >= gap)) kept.push(t);
  }
  return kept.reverse();
}
