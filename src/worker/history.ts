/**
 * The per-step training history waiting to be sent with the next snapshot. Its memory is fixed:
 * when it fills up before a snapshot drains it (a long run with no page listening), it keeps every
 * other point and from then on records every second step, then every fourth, … so the whole period
 * stays covered at a coarser grain. Draining returns the points and starts again at full grain.
 */
import type { HistoryChunk } from './protocol';

/** Points kept between two snapshots at most (per model). */
export const HISTORY_CAPACITY = 4096;

/** A bounded buffer of history points. `push` and `drain` mutate it. */
export interface HistoryBuffer {
  /** Record one optimizer step (step number, per-token loss, gradient norm before/after clipping). */
  push(step: number, loss: number, gradNorm: number, clippedNorm: number): void;
  /** The points recorded since the last drain, as fresh arrays (safe to transfer); empties the buffer. */
  drain(): HistoryChunk;
  /** Points currently held. */
  readonly size: number;
  /** 1 while every step is kept; 2, 4, … after thinning. */
  readonly stride: number;
}

/** A history buffer holding at most `capacity` points (an even number ≥ 2). */
export function createHistoryBuffer(capacity = HISTORY_CAPACITY): HistoryBuffer {
  const cap = Math.max(2, capacity - (capacity % 2));
  const cols = [new Float64Array(cap), new Float64Array(cap), new Float64Array(cap), new Float64Array(cap)];
  let count = 0;
  let stride = 1;
  let skip = 0; // steps seen since the last kept point

  const thin = (): void => {
    // keep the odd-indexed points (the most recent of each pair), halve the count
    for (const col of cols) for (let i = 0; i < cap / 2; i++) col[i] = col[2 * i + 1]!;
    count = cap / 2;
    stride *= 2;
  };

  return {
    push(step, loss, gradNorm, clippedNorm) {
      skip++;
      if (skip < stride) return;
      skip = 0;
      if (count === cap) thin();
      cols[0]![count] = step;
      cols[1]![count] = loss;
      cols[2]![count] = gradNorm;
      cols[3]![count] = clippedNorm;
      count++;
    },
    drain() {
      const out: HistoryChunk = {
        step: cols[0]!.slice(0, count),
        loss: cols[1]!.slice(0, count),
        gradNorm: cols[2]!.slice(0, count),
        clippedNorm: cols[3]!.slice(0, count),
      };
      count = 0;
      stride = 1;
      skip = 0;
      return out;
    },
    get size() {
      return count;
    },
    get stride() {
      return stride;
    },
  };
}
