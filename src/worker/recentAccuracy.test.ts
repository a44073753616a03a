import { describe, expect, it } from 'vitest';
import { clearRecent, createRecentAccuracy, pushBatch, recentAccuracy } from './recentAccuracy';

describe('recent training accuracy', () => {
  it('is null before any loss step, then the hit rate over the batches held', () => {
    const r = createRecentAccuracy(3);
    expect(recentAccuracy(r)).toBeNull();
    pushBatch(r, 0, 0);
    expect(recentAccuracy(r)).toBeNull();
    pushBatch(r, 2, 4);
    expect(recentAccuracy(r)).toEqual({ value: 0.5, batches: 2 });
  });

  it('forgets the oldest batch once the window is full, and everything on clear', () => {
    const r = createRecentAccuracy(2);
    pushBatch(r, 0, 8);
    pushBatch(r, 4, 8);
    expect(recentAccuracy(r)!.value).toBe(0.25);
    pushBatch(r, 8, 8); // the 0-of-8 batch leaves the window
    expect(recentAccuracy(r)).toEqual({ value: 0.75, batches: 2 });
    clearRecent(r);
    expect(recentAccuracy(r)).toBeNull();
    pushBatch(r, 1, 1);
    expect(recentAccuracy(r)).toEqual({ value: 1, batches: 1 });
  });

  it('a single flipping example moves a 50-batch window by at most 1/50', () => {
    const r = createRecentAccuracy();
    for (let k = 0; k < 50; k++) pushBatch(r, 8, 8);
    pushBatch(r, 7, 8);
    expect(recentAccuracy(r)!.value).toBeCloseTo(1 - 1 / 400, 12);
    expect(() => createRecentAccuracy(0)).toThrow(/positive integer/);
  });
});
