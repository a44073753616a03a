/** Pure helpers of the line chart: smoothing, thinning long series, nearest point, domains. */

/**
 * Exponential moving average with bias correction (starts at the first value, not at 0):
 * s_k = β s_{k−1} + (1 − β) y_k, divided by 1 − β^k. Non-finite points are skipped (output NaN there).
 */
export function smooth(y: ArrayLike<number>, beta = 0.9): Float64Array {
  const out = new Float64Array(y.length);
  let s = 0;
  let w = 0;
  for (let k = 0; k < y.length; k++) {
    const v = y[k];
    if (!Number.isFinite(v)) {
      out[k] = NaN;
      continue;
    }
    s = beta * s + (1 - beta) * v;
    w = beta * w + (1 - beta);
    out[k] = s / w;
  }
  return out;
}

/**
 * The exponential moving average of a history whose points may stand for several optimizer steps
 * (a long run keeps older points as the mean of 2, 4, … steps): every step weighs the same. A point
 * at x_k following x_{k−1} counts as x_k − x_{k−1} steps of its value, so the line is the one the
 * per-step average `smooth` would draw through every step, and the newest, unmerged steps are
 * smoothed exactly as much as the old ones:
 *   d = β^(x_k − x_{k−1}),  s_k = d s_{k−1} + (1 − d) y_k,  w_k = d w_{k−1} + (1 − d),  out_k = s_k / w_k
 * (w corrects the bias of starting at 0; the first point counts as many steps as the gap after it,
 * the grain of its part of the history). Non-finite points are skipped (NaN there); x ascending.
 */
export function smoothBySteps(x: ArrayLike<number>, y: ArrayLike<number>, beta = 0.95): Float64Array {
  const n = Math.min(x.length, y.length);
  const out = new Float64Array(n);
  let s = 0;
  let w = 0;
  let last = NaN;
  for (let k = 0; k < n; k++) {
    const v = y[k];
    if (!Number.isFinite(v)) {
      out[k] = NaN;
      continue;
    }
    const gap = Number.isFinite(last) ? x[k] - last : k + 1 < n ? x[k + 1] - x[k] : 1;
    const steps = Math.max(1, gap);
    last = x[k];
    const d = beta ** steps;
    s = d * s + (1 - d) * v;
    w = d * w + (1 - d);
    out[k] = s / w;
  }
  return out;
}

/**
 * At most about `maxPoints` points of (x, y), keeping each bucket's minimum and maximum so spikes
 * survive. Returns the input unchanged when it is short enough.
 */
export function thin(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints: number): { x: ArrayLike<number>; y: ArrayLike<number> } {
  const n = Math.min(x.length, y.length);
  if (n <= maxPoints || maxPoints < 4) return { x, y };
  const buckets = Math.floor(maxPoints / 2);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = -1;
    let hi = -1;
    for (let k = from; k < to; k++) {
      if (!Number.isFinite(y[k])) continue;
      if (lo < 0 || y[k] < y[lo]) lo = k;
      if (hi < 0 || y[k] > y[hi]) hi = k;
    }
    if (lo < 0) continue;
    for (const k of lo === hi ? [lo] : lo < hi ? [lo, hi] : [hi, lo]) {
      xs.push(x[k]);
      ys.push(y[k]);
    }
  }
  return { x: xs, y: ys };
}

/**
 * SVG path data of a polyline through (px(x_k), py(y_k)); non-finite y (and y ≤ 0 when `log`) leave
 * a gap. Coordinates are rounded to 0.1 px.
 */
export function linePath(x: ArrayLike<number>, y: ArrayLike<number>, px: (v: number) => number,
  py: (v: number) => number, log = false): string {
  const n = Math.min(x.length, y.length);
  const parts: string[] = [];
  let open = false;
  for (let k = 0; k < n; k++) {
    const v = +y[k];
    if (!Number.isFinite(v) || (log && v <= 0)) {
      open = false;
      continue;
    }
    const a = Math.round(px(+x[k]) * 10) / 10;
    const b = Math.round(py(v) * 10) / 10;
    parts.push(`${open ? 'L' : 'M'}${a},${b}`);
    open = true;
  }
  return parts.join('');
}

/** Index of the x closest to `target` in an ascending array (−1 when empty). */
export function nearestIndex(x: ArrayLike<number>, target: number): number {
  const n = x.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] < target) lo = mid;
    else hi = mid;
  }
  return Math.abs(x[lo] - target) <= Math.abs(x[hi] - target) ? lo : hi;
}

/**
 * The y range covering every finite value of the series and reference lines (log: positive only,
 * at least a factor 10 wide). Always finite and non-empty.
 */
export function yExtent(series: ArrayLike<number>[], refs: number[], log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (v: number) => {
    if (!Number.isFinite(v) || (log && v <= 0)) return;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (const s of series) for (let k = 0; k < s.length; k++) take(s[k]);
  refs.forEach(take);
  if (!(hi >= lo)) return log ? [0.01, 1] : [0, 1];
  if (log) return hi / lo < 10 ? [lo / Math.sqrt(10 * lo / hi), hi * Math.sqrt(10 * lo / hi)] : [lo, hi];
  if (lo === hi) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.05;
  return [lo >= 0 ? 0 : lo - pad, hi + pad];
}
