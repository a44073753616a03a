// The hidden-state space chart's pure helpers: which classes get colours, the axes' extent, which
// path steps are numbered, and the point under the pointer.
import { describe, expect, it } from 'vitest';
import { apartSteps, CLASS_COLORS, classLegend, extent, MIN_SPAN, nearest, numberedSteps } from './trajectoryMath';

describe('classLegend', () => {
  it('colours the most frequent classes, listed by id; the rest and the class-less are grey', () => {
    // class 9 once, classes 0..8 twice each except 4 (three times): 9 is the one left out
    const cls = [9, -1, 4, ...Array.from({ length: 9 }, (_, c) => [c, c]).flat()];
    const l = classLegend(cls);
    expect(CLASS_COLORS.length).toBe(8);
    expect(l.classes).toEqual([0, 1, 2, 3, 4, 5, 6, 7]); // ties of 2: the smaller ids; 4 has 3
    expect(l.other).toBe(true);
    expect(l.none).toBe(true);
    expect(l.colour[0]).toBe(-1); // class 9
    expect(l.colour[1]).toBe(-1); // no class
    expect(l.colour[2]).toBe(4);
    const few = classLegend([3, 1, 3]);
    expect([few.classes, Array.from(few.colour), few.other, few.none]).toEqual([[1, 3], [1, 0, 1], false, false]);
  });
});

describe('extent', () => {
  it('covers every finite value with 5 % on each side; none gets [−1, 1]', () => {
    expect(extent([[0, 10], [5, -10]])).toEqual([-11, 11]);
    expect(extent([[], [Number.POSITIVE_INFINITY]])).toEqual([-1, 1]);
  });
  it('spans at least MIN_SPAN, centred, when the values barely differ (an untrained network)', () => {
    expect(extent([[2, Number.NaN, 2]])).toEqual([2 - MIN_SPAN / 2, 2 + MIN_SPAN / 2]);
    const [lo, hi] = extent([[1e-6, -2e-6, 3e-6]]);
    expect(hi - lo).toBeCloseTo(MIN_SPAN, 12);
    expect((lo + hi) / 2).toBeCloseTo(0.5e-6, 12);
  });
});

describe('numberedSteps', () => {
  it('numbers every step up to 12, else about ten and always the last', () => {
    expect(numberedSteps(0)).toEqual([]);
    expect(numberedSteps(3)).toEqual([0, 1, 2]);
    expect(numberedSteps(12)).toHaveLength(12);
    expect(numberedSteps(25)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24]);
    const long = numberedSteps(42);
    expect(long[0]).toBe(0);
    expect(long.at(-1)).toBe(41);
    expect(long.length).toBeLessThanOrEqual(11);
    for (let i = 1; i < long.length; i++) expect(long[i]! - long[i - 1]!).toBeGreaterThanOrEqual(2);
  });
});

describe('nearest', () => {
  it('the closest point within the radius, the first of equals, else −1', () => {
    const px = [0, 10, 10, 3];
    const py = [0, 0, 0, 4];
    expect(nearest(px, py, 9, 0, 5)).toBe(1);
    expect(nearest(px, py, 2, 3, 5)).toBe(3);
    expect(nearest(px, py, 50, 50, 5)).toBe(-1);
    expect(nearest(px, py, 0, 3, 3)).toBe(0); // distance exactly the radius counts
    expect(nearest(px, py, 9, 0, 5, 1)).toBe(-1); // only the first `count` points
  });
});

describe('apartSteps', () => {
  it('keeps labels apart, the last step first', () => {
    // steps 1..3 sit on one spot, step 0 far away: 3 is kept, 1 and 2 dropped
    const x = [0, 100, 100, 101];
    const y = [0, 50, 50, 50];
    expect(apartSteps([0, 1, 2, 3], x, y, 10)).toEqual([0, 3]);
    expect(apartSteps([0, 1, 2, 3], x, y, 0.5)).toEqual([0, 2, 3]);
    expect(apartSteps([], x, y, 10)).toEqual([]);
  });
});
