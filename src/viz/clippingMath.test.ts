import { describe, expect, it } from 'vitest';
import { clipStats, formatPercent, roundThreshold } from './clippingMath';

describe('clipStats', () => {
  const before = [1, 4, 6, 10, Infinity];
  const after = [1, 4, 5, 5, 5];
  it('norm mode: the share of steps above the threshold moves with the threshold', () => {
    const a = clipStats(before, after, 5, 'norm');
    expect(a.count).toBe(3);
    expect(a.fraction).toBeCloseTo(0.6);
    expect(Array.from(a.clipped)).toEqual([0, 0, 1, 1, 1]);
    expect(clipStats(before, after, 8, 'norm').count).toBe(2);
    expect(clipStats(before, after, 0.5, 'norm').count).toBe(5);
  });
  it('value mode: steps whose norm was reduced by clipping', () => {
    expect(Array.from(clipStats(before, [1, 3, 6, 10, 5], 1, 'value').clipped)).toEqual([0, 1, 0, 0, 1]);
  });
  it('off (0) and empty histories give 0 and never NaN', () => {
    expect(clipStats(before, after, 0, 'norm').fraction).toBe(0);
    expect(clipStats([], [], 5, 'norm').fraction).toBe(0);
  });
});

describe('roundThreshold and formatPercent', () => {
  it('rounds a dragged value to two significant digits', () => {
    expect(roundThreshold(4.734)).toBe(4.7);
    expect(roundThreshold(0.3549)).toBe(0.35);
    expect(roundThreshold(123.4)).toBe(120);
    expect(roundThreshold(0)).toBeNull();
    expect(roundThreshold(NaN)).toBeNull();
  });
  it('formats percentages', () => {
    expect(formatPercent(0.6)).toBe('60%');
    expect(formatPercent(0.0123)).toBe('1.2%');
    expect(formatPercent(NaN)).toBe('0%');
  });
});
