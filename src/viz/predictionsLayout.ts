/** Pure helpers of the predictions panel: the top-k tokens of one step and the step strip's cells. */

/** One bar: a token id, its probability and whether it is the step's target. */
export interface PredictionRow {
  id: number;
  p: number;
  target: boolean;
  /** True for the target appended below the top k because it ranked lower. */
  extra: boolean;
}

/**
 * The k most probable tokens at step t of probs [T][V] (descending; ties by lower id), plus the
 * target as an extra row when it is not among them. NaN probabilities count as 0.
 */
export function topK(probs: ArrayLike<number>, V: number, t: number, k: number, target: number): PredictionRow[] {
  const p = (v: number) => {
    const x = probs[t * V + v] ?? 0;
    return Number.isFinite(x) ? x : 0;
  };
  const ids = Array.from({ length: V }, (_, v) => v).sort((a, b) => p(b) - p(a) || a - b).slice(0, Math.max(0, k));
  const rows: PredictionRow[] = ids.map((id) => ({ id, p: p(id), target: id === target, extra: false }));
  if (target >= 0 && target < V && !ids.includes(target)) rows.push({ id: target, p: p(target), target: true, extra: true });
  return rows;
}

/** The rank (1 = most probable) of token `id` at step t. */
export function rankOf(probs: ArrayLike<number>, V: number, t: number, id: number): number {
  const pid = probs[t * V + id] ?? 0;
  let rank = 1;
  for (let v = 0; v < V; v++) if ((probs[t * V + v] ?? 0) > pid) rank++;
  return rank;
}

/**
 * Width of one cell of the step strip: fills the width up to 40 px, never under 12 px (then it
 * scrolls). With `wholePx` (the width a whole token needs) a cell is at least that wide, up to 110 px —
 * the strip scrolls rather than cutting a word. With a text scale k > 1 (presentation mode) every
 * bound grows by k and a cell is never under 16·k px, so it keeps its token at the larger size.
 */
export function stripCellWidth(width: number, T: number, wholePx = 0, k = 1): number {
  const min = k > 1 ? Math.round(16 * k) : 12;
  const fill = Math.max(min, Math.min(Math.round(40 * k), Math.floor(width / Math.max(1, T))));
  return Math.max(fill, Math.min(Math.round(110 * k), Math.ceil(wholePx)));
}

/** Whether a strip cell is wide enough to show a token (at least two characters) at text scale k. */
export function stripShowsToken(cellW: number, k = 1): boolean {
  return cellW >= 16 * k;
}
