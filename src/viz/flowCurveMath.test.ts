import { describe, expect, it } from 'vitest';
import {
  LOG_CEIL, LOG_FLOOR, decayPerStep, distanceCurve, gradientReach, logDomain, logSafe, logTickLabel, logTicks, peakGrowth,
} from './flowCurveMath';

/** A T×T lower-triangular flow matrix with flow[t][k] = f(t, k). */
function flowOf(T: number, f: (t: number, k: number) => number): Float64Array {
  const m = new Float64Array(T * T);
  for (let t = 0; t < T; t++) for (let k = 0; k <= t; k++) m[t * T + k] = f(t, k);
  return m;
}

describe('logSafe', () => {
  it('clamps zeros and overflow into the log range and turns NaN into a gap', () => {
    expect(logSafe(0)).toBe(LOG_FLOOR);
    expect(logSafe(1e-40)).toBe(LOG_FLOOR);
    expect(logSafe(Infinity)).toBe(LOG_CEIL);
    expect(logSafe(-Infinity)).toBe(LOG_CEIL);
    expect(logSafe(1e40)).toBe(LOG_CEIL);
    expect(logSafe(-2)).toBe(2);
    expect(logSafe(NaN)).toBeNull();
  });
});

describe('distanceCurve', () => {
  it('a geometric fade s^(t−k) gives the curve s^d', () => {
    const T = 6;
    const curve = distanceCurve(flowOf(T, (t, k) => 0.5 ** (t - k)), T);
    for (let d = 0; d < T; d++) expect(curve[d]).toBeCloseTo(0.5 ** d, 12);
    expect(decayPerStep(curve)).toBeCloseTo(0.5, 12);
  });
  it('averages over the steps that carry a loss and skips silent rows', () => {
    const T = 4;
    // only the last step has a loss (a memory task): rows 0..2 are zero
    const curve = distanceCurve(flowOf(T, (t, k) => (t === T - 1 ? 10 - k : 0)), T);
    expect(Array.from(curve)).toEqual([7, 8, 9, 10]);
  });
  it('a diverged run reads as a blow-up, never NaN', () => {
    const T = 3;
    const curve = distanceCurve(flowOf(T, (t, k) => (k === 0 ? NaN : t - k + 1)), T);
    expect(curve.some(Number.isNaN)).toBe(false);
    expect(curve[T - 1]).toBe(Infinity);
    expect(logSafe(curve[T - 1])).toBe(LOG_CEIL);
  });
  it('is all zeros for an empty or too short matrix', () => {
    expect(Array.from(distanceCurve(new Float64Array(9), 3))).toEqual([0, 0, 0]);
    expect(Array.from(distanceCurve(new Float64Array(2), 3))).toEqual([0, 0, 0]);
    expect(distanceCurve(new Float64Array(0), 0).length).toBe(0);
  });
});

describe('logDomain', () => {
  it('covers the positive values with whole decades, ignoring zeros', () => {
    expect(logDomain([[0, 3e-5, 20]])).toEqual([1e-5, 100]);
  });
  it('keeps extreme values finite and falls back without data', () => {
    const [lo, hi] = logDomain([[0, Infinity, 1e-300]]);
    expect(lo).toBe(1e-30);
    expect(hi).toBe(1e30);
    expect(logDomain([[0, NaN]])).toEqual([1e-8, 1]);
    const [a, b] = logDomain([[1, 1]]);
    expect(b).toBeGreaterThan(a);
  });
});

describe('logTicks and logTickLabel', () => {
  it('uses 1-2-5 steps inside a narrow range and thinned decades in a wide one', () => {
    expect(logTicks([1, 100])).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(logTicks([1e-30, 1e30], 6)).toEqual([1e-22, 1e-11, 1, 1e11, 1e22]);
    expect(logTicks([1e-5, 1])).toEqual([1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1]);
    expect(logTicks([0, 1])).toEqual([]);
  });
  it('labels ticks shortly', () => {
    expect(logTickLabel(20)).toBe('20');
    expect(logTickLabel(1e-5)).toBe('1e-5');
    expect(logTickLabel(2e6)).toBe('2e6');
    expect(logTickLabel(0.5)).toBe('0.5');
  });
});

describe('gradientReach and peakGrowth', () => {
  it('counts the steps back before the curve first falls below 1 % of its value at distance 0', () => {
    const halving = Array.from({ length: 20 }, (_, d) => 0.5 ** d); // 0.5^6 = 1.6 %, 0.5^7 = 0.78 %
    expect(gradientReach(halving)).toBe(6);
    expect(gradientReach([2, 0.02, 0.019, 1])).toBe(1); // the first drop ends the reach, a later rise does not count
    expect(gradientReach([1, 1, 1, 1])).toBe(3); // never falls: every distance
    expect(gradientReach([1, Infinity, 5])).toBe(2); // a blow-up reaches
    expect(gradientReach([0, 1, 1])).toBe(0);
    expect(gradientReach([])).toBe(0);
    expect(gradientReach(halving, 0.1)).toBe(3);
  });

  it('reports growth with distance (an exploding gradient) as a peak ratio above 1', () => {
    expect(peakGrowth([1, 0.5, 0.25])).toBe(1);
    expect(peakGrowth([0.5, 1, 4, 2])).toBe(8);
    expect(peakGrowth([0, 1])).toBeNaN();
  });
});
