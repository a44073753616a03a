import { describe, expect, it } from 'vitest';
import { cellAt, fitLabel, labelStride, layoutHeatmap } from './heatmapLayout';
import { legendTicks, shortNumber } from './legend';

describe('heatmap layout', () => {
  it('keeps H = 128 × T = 100 legible: minimum cell sizes, the drawing may be wider than the host', () => {
    const l = layoutHeatmap({ rows: 128, cols: 100, availableWidth: 400, hasRowLabels: true, hasColLabels: true });
    expect(l.cellW).toBeGreaterThanOrEqual(5);
    expect(l.cellH).toBeGreaterThanOrEqual(3);
    expect(l.width).toBe(l.left + 100 * l.cellW);
    expect(l.width).toBeGreaterThan(400);
    expect(l.rowLabelEvery * l.cellH).toBeGreaterThanOrEqual(11);
  });
  it('fills the width with whole-pixel cells when there is room, capped', () => {
    const l = layoutHeatmap({ rows: 8, cols: 10, availableWidth: 331, hasRowLabels: true, hasColLabels: false });
    expect(l.cellW).toBe(30);
    expect(l.top).toBe(0);
    expect(l.colLabelEvery).toBe(0);
    expect(layoutHeatmap({ rows: 2, cols: 2, availableWidth: 2000, hasRowLabels: false, hasColLabels: false }).cellW).toBe(32);
  });
  it('finds the cell under a point', () => {
    const l = layoutHeatmap({ rows: 4, cols: 5, availableWidth: 131, hasRowLabels: true, hasColLabels: true });
    expect(cellAt(l, l.left + 0.5, l.top + 0.5)).toEqual({ row: 0, col: 0 });
    expect(cellAt(l, l.left + 2.5 * l.cellW, l.top + 3.5 * l.cellH)).toEqual({ row: 3, col: 2 });
    expect(cellAt(l, l.left - 1, l.top + 1)).toBeNull();
    expect(cellAt(l, l.width + 1, l.top + 1)).toBeNull();
  });
  it('strides labels in 1-2-5 steps and shortens long ones', () => {
    expect(labelStride(20, 9)).toBe(1);
    expect(labelStride(3, 11)).toBe(5);
    expect(labelStride(1, 11)).toBe(20);
    expect(fitLabel('hello', 3)).toBe('he…');
    expect(fitLabel('你好', 2)).toBe('你好');
  });
});

describe('legend', () => {
  it('ticks the ends and the centre', () => {
    expect(legendTicks('diverging', [-1, 1])).toEqual([-1, 0, 1]);
    expect(legendTicks('log', [1e-4, 1])[1]).toBeCloseTo(1e-2);
    expect(shortNumber(1e-30)).toBe('1e−30');
    expect(shortNumber(-0.5)).toBe('−0.5');
  });
});
