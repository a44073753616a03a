/**
 * Pure helpers for the clipping panel: which training steps were (or would be) clipped, and a
 * threshold value read off a dragged line, rounded to a readable number.
 */

/** How the optimizer clips: scale the whole gradient to norm ≤ c, or clamp each entry into [−c, c]. */
export type ClipMode = 'norm' | 'value';

/** Which steps count as clipped, and their share. */
export interface ClipStats {
  /** Steps considered. */
  n: number;
  /** Steps clipped. */
  count: number;
  /** count / n (0 when n = 0). */
  fraction: number;
  /** Per step: 1 if clipped [n]. */
  clipped: Uint8Array;
}

/**
 * Clip events over a history. Norm mode: a step counts when its gradient norm before clipping is
 * above `threshold` (or not finite) — the share the threshold line cuts off, so moving the line
 * moves it at once. Value mode: the threshold bounds single entries, not the norm, so a step counts
 * when the recorded norm after clipping is below the norm before. `threshold` ≤ 0 means off: none.
 * `gradNorm` and `clippedNorm` are [n] (per optimizer step).
 */
export function clipStats(gradNorm: ArrayLike<number>, clippedNorm: ArrayLike<number>, threshold: number,
  mode: ClipMode): ClipStats {
  const n = gradNorm.length;
  const clipped = new Uint8Array(n);
  let count = 0;
  if (threshold > 0) {
    for (let i = 0; i < n; i++) {
      const g = gradNorm[i];
      const hit = mode === 'norm'
        ? !(g <= threshold)
        : !Number.isFinite(g) || clippedNorm[i] < g * (1 - 1e-9);
      if (hit) {
        clipped[i] = 1;
        count++;
      }
    }
  }
  return { n, count, fraction: n > 0 ? count / n : 0, clipped };
}

/**
 * A threshold read off the y position of a dragged line, rounded to two significant digits so the
 * number input shows something a person would type (e.g. 4.7, 0.35, 120). Non-finite or ≤ 0 → null.
 */
export function roundThreshold(v: number): number | null {
  if (!(v > 0) || !Number.isFinite(v)) return null;
  const p = 10 ** (Math.floor(Math.log10(v)) - 1);
  return Math.round(v / p) * p > 0 ? Number((Math.round(v / p) * p).toPrecision(2)) : null;
}

/** A percentage for display: one decimal below 10 %, whole numbers above, never NaN. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction) || fraction <= 0) return '0%';
  const pct = fraction * 100;
  return `${pct < 10 ? pct.toFixed(1) : Math.round(pct).toString()}%`;
}
