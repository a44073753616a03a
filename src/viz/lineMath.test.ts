import { describe, expect, it } from 'vitest';
import { linePath, nearestIndex, smooth, thin, yExtent } from './lineMath';

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
