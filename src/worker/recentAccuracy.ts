/**
 * Accuracy over the most recent training batches: of the loss-carrying steps of the last `size`
 * batches, the fraction whose most likely output (before that batch's update) was the target. A
 * window of batches rather than one example, so the figure moves steadily instead of flipping 0 ↔ 100 %.
 */

/** How many recent batches the training accuracy is taken over. */
export const RECENT_BATCHES = 50;

/** A ring of the last batches' hit and step counts. Mutated by {@link pushBatch} and {@link clearRecent}. */
export interface RecentAccuracy {
  hits: Float64Array;
  counted: Float64Array;
  /** Next slot to write. */
  next: number;
  /** Batches held (≤ the ring's size). */
  filled: number;
}

export function createRecentAccuracy(size = RECENT_BATCHES): RecentAccuracy {
  if (!Number.isInteger(size) || size < 1) throw new Error(`size must be a positive integer, got ${String(size)}`);
  return { hits: new Float64Array(size), counted: new Float64Array(size), next: 0, filled: 0 };
}

/** Records one batch: `hits` of its `counted` loss steps were right. Mutates `r`. */
export function pushBatch(r: RecentAccuracy, hits: number, counted: number): void {
  const size = r.hits.length;
  r.hits[r.next] = Number.isFinite(hits) ? hits : 0;
  r.counted[r.next] = Number.isFinite(counted) ? counted : 0;
  r.next = (r.next + 1) % size;
  r.filled = Math.min(size, r.filled + 1);
}

/** Forgets every batch (new weights: the old batches judged other weights). Mutates `r`. */
export function clearRecent(r: RecentAccuracy): void {
  r.next = 0;
  r.filled = 0;
}

/** The accuracy over the batches held, and how many they are; null before any loss step was seen. */
export function recentAccuracy(r: RecentAccuracy): { value: number; batches: number } | null {
  let hits = 0;
  let counted = 0;
  const size = r.hits.length;
  for (let k = 0; k < r.filled; k++) {
    const i = (r.next - 1 - k + size) % size;
    hits += r.hits[i]!;
    counted += r.counted[i]!;
  }
  return counted > 0 ? { value: hits / counted, batches: r.filled } : null;
}
