/** Pure helpers of the predictions panel: the top-k tokens of one step and the step strip's cells. */
import type { ModelTrace } from './trace';

/** One bar: a token id, its probability and whether it is the step's target. */
export interface PredictionRow {
  id: number;
  p: number;
  target: boolean;
  /** True for the target appended below the top k because it ranked lower. */
  extra: boolean;
}

/** What {@link topRows} reads of a trace: each step's top tokens [T][topK] and p(target) [T]. */
export type TopTrace = Pick<ModelTrace, 'vocabSize' | 'topK' | 'topIds' | 'topProbs' | 'targetProb'>;

/**
 * The k most probable tokens at step t (descending; ties by lower id; k at most the trace's topK),
 * plus the target as an extra row when it is not among them. NaN probabilities count as 0.
 */
export function topRows(trace: TopTrace, t: number, k: number, target: number): PredictionRow[] {
  const n = Math.max(0, Math.min(k, trace.topK));
  const finite = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : 0);
  const rows: PredictionRow[] = [];
  for (let i = 0; i < n; i++) {
    const id = trace.topIds[t * trace.topK + i]!;
    rows.push({ id, p: finite(trace.topProbs[t * trace.topK + i]), target: id === target, extra: false });
  }
  if (target >= 0 && target < trace.vocabSize && !rows.some((r) => r.id === target)) {
    rows.push({ id: target, p: finite(trace.targetProb[t]), target: true, extra: true });
  }
  return rows;
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
