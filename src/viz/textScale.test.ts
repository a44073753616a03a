import { describe, expect, it } from 'vitest';
import { stripCellWidth, stripShowsToken } from './predictionsLayout';
import { cleanScale, grownFrame, PRESENT_TEXT_SCALE, scaleMargins, textScaleFor, viewBoxTextScale } from './textScale';

describe('text scale', () => {
  it('is 1 normally and makes 10 px chart text at least 16 px in presentation mode', () => {
    expect(textScaleFor(false)).toBe(1);
    expect(10 * textScaleFor(true)).toBeGreaterThanOrEqual(16);
    expect(cleanScale(undefined)).toBe(1);
    expect(cleanScale(Number.NaN)).toBe(1);
    expect(cleanScale(0.5)).toBe(1);
    expect(cleanScale(PRESENT_TEXT_SCALE)).toBe(PRESENT_TEXT_SCALE);
  });

  it('grows viewBox text just enough for the width the chart is shown at', () => {
    const k = PRESENT_TEXT_SCALE;
    // normal mode: the chart is untouched whatever its width
    expect(viewBoxTextScale(1, 360, 200)).toBe(1);
    // shown magnified enough already (360 units over 840 px): text of 10 units is 23 px
    expect(viewBoxTextScale(k, 360, 840)).toBe(1);
    // shown at 400 px: 10 units would be 11 px, so text grows until it shows at 16 px
    const g = viewBoxTextScale(k, 360, 400);
    expect(10 * g * (400 / 360)).toBeCloseTo(16, 6);
    // width unknown (not laid out): the plain scale
    expect(viewBoxTextScale(k, 360, 0)).toBe(k);
  });

  it('grows the margins and the height by the same amount, so the plot keeps its height', () => {
    const m = { top: 10, right: 12, bottom: 34, left: 56 };
    expect(scaleMargins(m, 1)).toEqual(m);
    const { M, H } = grownFrame(m, 190, 1.5);
    expect(M).toEqual({ top: 15, right: 18, bottom: 51, left: 84 });
    expect(H - M.top - M.bottom).toBe(190 - m.top - m.bottom);
  });

  it('keeps every prediction-strip token at the larger size (the strip scrolls instead)', () => {
    expect(stripCellWidth(400, 100)).toBe(12);
    expect(stripShowsToken(12)).toBe(false);
    const wide = stripCellWidth(400, 100, 0, PRESENT_TEXT_SCALE);
    expect(stripShowsToken(wide, PRESENT_TEXT_SCALE)).toBe(true);
    expect(stripCellWidth(2000, 5, 0, PRESENT_TEXT_SCALE)).toBe(Math.round(40 * PRESENT_TEXT_SCALE));
  });
});
