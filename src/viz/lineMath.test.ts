import { describe, expect, it } from 'vitest';
import { linePath, nearestIndex, smooth, smoothBySteps, thin, yExtent } from './lineMath';

describe('line chart maths', () => {
  it('smooths with bias correction and skips non-finite points', () => {
    const s = smooth([2, 2, 2, NaN, 2], 0.9);
    expect(s[0]).toBeCloseTo(2);
    expect(s[4]).toBeCloseTo(2);
    expect(Number.isNaN(s[3])).toBe(true);
    const step = smooth([0, 0, 10, 10], 0.5);
    expect(step[2]).toBeGreaterThan(0);
    expect(step[2]).toBeLessThan(10);
  });
  it('thins long series keeping spikes', () => {
    const n = 10000;
    const x = Array.from({ length: n }, (_, k) => k);
    const y = x.map((k) => (k === 5000 ? 100 : 1));
    const t = thin(x, y, 200);
    expect(t.x.length).toBeLessThanOrEqual(200);
    expect(Array.from(t.y)).toContain(100);
    expect(thin([1, 2], [3, 4], 200).x).toEqual([1, 2]);
  });
  it('finds the nearest x', () => {
    expect(nearestIndex([0, 10, 20], 14)).toBe(1);
    expect(nearestIndex([0, 10, 20], 16)).toBe(2);
    expect(nearestIndex([], 1)).toBe(-1);
  });
  it('gives finite y ranges, log ones positive and at least a decade wide', () => {
    expect(yExtent([[1, 2, NaN]], [3], false)).toEqual([0, 3.1]);
    const [lo, hi] = yExtent([[0, 1, 2]], [], true);
    expect(lo).toBeGreaterThan(0);
    expect(hi / lo).toBeCloseTo(10);
    expect(yExtent([[NaN]], [], true)).toEqual([0.01, 1]);
    expect(yExtent([[5, 5]], [], false)).toEqual([4, 6]);
  });
  it('writes one polyline per finite run, with a gap at non-finite (and, on a log axis, non-positive) values', () => {
    const id = (v: number) => v;
    expect(linePath([0, 1, 2, 3, 4], [1, 2, NaN, 3, 4.04], id, id)).toBe('M0,1L1,2M3,3L4,4');
    expect(linePath([0, 1, 2], [1, 0, 2], id, id, true)).toBe('M0,1M2,2');
    expect(linePath([], [], id, id)).toBe('');
  });
});

describe('smoothBySteps', () => {
  it('is the per-step average when every point is one step', () => {
    const y = Array.from({ length: 50 }, (_, k) => Math.sin(k) + k / 10);
    const x = y.map((_, k) => k + 1);
    expect(Array.from(smoothBySteps(x, y, 0.9))).toEqual(Array.from(smooth(y, 0.9)));
  });

  it('smooths a history whose older points are means of two steps exactly as the raw steps', () => {
    // 200 steps: 0 for 100 steps, then 10; the history keeps them as means of pairs (steps 2, 4, …)
    const raw = Array.from({ length: 200 }, (_, k) => (k < 100 ? 0 : 10));
    const perStep = smooth(raw, 0.95);
    const x = Array.from({ length: 100 }, (_, i) => 2 * i + 2);
    const y = x.map((step) => (raw[step - 2]! + raw[step - 1]!) / 2);
    const merged = smoothBySteps(x, y, 0.95);
    // after the jump the smoothed line climbs at the same pace in steps: 10 · (1 − 0.95^10) at step 110
    // (over the bias correction 1 − 0.95^110)
    const at110 = x.indexOf(110);
    expect(merged[at110]).toBeCloseTo(perStep[109]!, 9);
    expect(merged[at110]).toBeCloseTo((10 * (1 - 0.95 ** 10)) / (1 - 0.95 ** 110), 9);
    // the point-by-point average would treat the merged points as single steps and lag behind
    expect(smooth(y, 0.95)[at110]).toBeLessThan(merged[at110]! - 1);
    // old merged points and new single steps, mixed as in a long run: every step weighs alike
    const mixedX = [...x, ...Array.from({ length: 20 }, (_, i) => 201 + i)];
    const rawMore = [...raw, ...Array.from({ length: 20 }, () => 4)];
    const mixedY = [...y, ...rawMore.slice(200)];
    expect(smoothBySteps(mixedX, mixedY, 0.95).at(-1)).toBeCloseTo(smooth(rawMore, 0.95).at(-1)!, 9);
  });

  it('skips non-finite points', () => {
    const s = smoothBySteps([1, 2, 3, 4], [2, NaN, 2, Infinity], 0.5);
    expect(Array.from(s).map((v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual([2, 'NaN', 2, 'NaN']);
  });
});
