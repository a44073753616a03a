import { describe, expect, it } from 'vitest';
import { NONFINITE_RGB, autoDomain, colorWriter, cssColor, positionOf, sanitizeDomain, valueAt } from './color';

const rgbOf = (kind: 'diverging' | 'sequential' | 'log', domain: [number, number], v: number) => {
  const out = new Uint8ClampedArray(3);
  const finite = colorWriter(kind, domain)(v, out, 0);
  return { rgb: Array.from(out), finite };
};

describe('diverging scale', () => {
  it('is centred on 0 and symmetric', () => {
    expect(positionOf('diverging', [-2, 2], 0)).toBe(0.5);
    expect(positionOf('diverging', [-2, 2], 1)).toBeCloseTo(0.75);
    expect(positionOf('diverging', [-2, 2], -5)).toBe(0);
    expect(sanitizeDomain('diverging', [-0.3, 2], [])).toEqual([-2, 2]);
    expect(autoDomain('diverging', [0.5, -3, NaN])).toEqual([-3, 3]);
    expect(autoDomain('diverging', [0, 0])).toEqual([-1, 1]);
  });
  it('puts negatives on blue and positives on red, 0 near white', () => {
    const neg = rgbOf('diverging', [-1, 1], -1).rgb;
    const pos = rgbOf('diverging', [-1, 1], 1).rgb;
    const mid = rgbOf('diverging', [-1, 1], 0).rgb;
    expect(neg[2]).toBeGreaterThan(neg[0]);
    expect(pos[0]).toBeGreaterThan(pos[2]);
    expect(Math.min(...mid)).toBeGreaterThan(220);
  });
});

describe('sequential scale', () => {
  it('maps the domain linearly and clamps', () => {
    expect(positionOf('sequential', [0, 1], 0.25)).toBe(0.25);
    expect(positionOf('sequential', [0, 1], 2)).toBe(1);
    expect(autoDomain('sequential', [3, 3])).toEqual([2.5, 3.5]);
    expect(autoDomain('sequential', [NaN, Infinity])).toEqual([0, 1]);
  });
});

describe('log scale', () => {
  const domain: [number, number] = [1e-30, 1e30];
  it('handles zero, 1e-30, 1e30 and beyond without NaN', () => {
    expect(positionOf('log', domain, 0)).toBe(0);
    expect(positionOf('log', domain, 1e-30)).toBe(0);
    expect(positionOf('log', domain, 1)).toBeCloseTo(0.5);
    expect(positionOf('log', domain, 1e30)).toBe(1);
    expect(positionOf('log', domain, 1e300)).toBe(1);
    expect(positionOf('log', domain, 5e-324)).toBe(0);
    expect(positionOf('log', domain, -1e10)).toBeCloseTo(positionOf('log', domain, 1e10));
  });
  it('gives zero the bottom colour and non-finite values the marked grey', () => {
    expect(rgbOf('log', domain, 0)).toEqual(rgbOf('log', domain, 1e-40));
    expect(rgbOf('log', domain, 0).finite).toBe(true);
    for (const v of [NaN, Infinity, -Infinity]) {
      expect(rgbOf('log', domain, v)).toEqual({ rgb: [...NONFINITE_RGB], finite: false });
    }
  });
  it('finds a positive domain from data with zeros and extremes', () => {
    expect(autoDomain('log', [0, 1e-30, 1e30, NaN, Infinity])).toEqual([1e-30, 1e30]);
    expect(autoDomain('log', [0, 0])).toEqual([1e-8, 1]);
    expect(sanitizeDomain('log', [0, 10], [0, 1e-3, 5])).toEqual([1e-3, 10]);
    expect(sanitizeDomain('log', [2, 2], [])).toEqual([0.2, 20]);
    expect(valueAt('log', [1e-4, 1], 0.5)).toBeCloseTo(1e-2);
  });
  it('never yields NaN for any value on a degenerate domain', () => {
    for (const v of [0, 1e-30, 1, 1e30, -3]) expect(Number.isNaN(positionOf('log', [1, 1], v))).toBe(false);
  });
});

describe('cssColor', () => {
  it('is a valid rgb() string', () => {
    expect(cssColor('sequential', [0, 1], 0.5)).toMatch(/^rgb\(\d+,\d+,\d+\)$/);
    expect(cssColor('sequential', [0, 1], NaN)).toBe(`rgb(${NONFINITE_RGB.join(',')})`);
  });
});
