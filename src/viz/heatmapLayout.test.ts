import { describe, expect, it } from 'vitest';
import { cellAt, fitLabel, labelStride, layoutHeatmap, longestLabel } from './heatmapLayout';
import { labelThatFits } from './heatmapPaint';
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

describe('heatmap labels are whole or absent', () => {
  // a font whose every character is 0.6 em wide, the ellipsis 1 em
  const measureAt = (px: number) => (text: string) => Array.from(text).reduce((w, ch) => w + (ch === '…' ? 1 : 0.6) * px, 0);
  const steps = Array.from({ length: 30 }, (_, i) => String(i + 1));

  it('gives two-digit step labels (the flow matrix, T = 30) room for both digits', () => {
    for (const availableWidth of [200, 280, 330, 420, 600]) {
      const l = layoutHeatmap({ rows: 30, cols: 30, availableWidth, hasRowLabels: true, hasColLabels: true, minCellW: 2,
        colLabelChars: longestLabel(steps) });
      expect(l.colLabelRoom).toBeGreaterThanOrEqual(2);
      const room = l.colLabelEvery * l.cellW - 0.2 * l.fontPx;
      const drawn: string[] = [];
      for (let c = 0; c < l.cols; c += l.colLabelEvery) drawn.push(labelThatFits(steps[c]!, l.colLabelRoom, room, measureAt(l.fontPx)));
      // every drawn label is the whole step number: never "1" for 10, 11, 12 …
      expect(drawn.filter((d) => d !== '').length).toBe(drawn.length);
      drawn.forEach((d, i) => expect(d).toBe(steps[i * l.colLabelEvery]));
    }
  });
  it('never cuts a number: one wider than its slot is left out', () => {
    const measure = measureAt(10);
    expect(labelThatFits('12', 1, 12.5, measure)).toBe('12');
    expect(labelThatFits('12', 1, 11, measure)).toBe('');
    expect(labelThatFits('128', 4, 30, measure)).toBe('128');
  });
  it('shortens a word with an ellipsis until it fits, or leaves it out', () => {
    const measure = measureAt(10);
    expect(labelThatFits('hello', 4, 100, measure)).toBe('hel…');
    expect(labelThatFits('hello', 4, 22, measure)).toBe('he…');
    expect(labelThatFits('hello', 4, 16, measure)).toBe('h…');
    expect(labelThatFits('hello', 4, 10, measure)).toBe('');
    expect(labelThatFits('ok', 4, 12, measure)).toBe('ok');
  });
  it('grows the labels, their gutters and the largest cells with the font (presentation mode)', () => {
    const base = { rows: 16, cols: 9, availableWidth: 900, hasRowLabels: true, hasColLabels: true, colLabelChars: 3 };
    const normal = layoutHeatmap(base);
    const big = layoutHeatmap({ ...base, fontPx: 16 });
    expect(normal.fontPx).toBe(10);
    expect(big.fontPx).toBe(16);
    expect(big.left).toBeGreaterThan(normal.left);
    expect(big.top).toBeGreaterThan(normal.top);
    expect(big.cellW).toBeGreaterThan(normal.cellW);
    // row labels at least a line apart at either size
    expect(normal.rowLabelEvery * normal.cellH).toBeGreaterThanOrEqual(11);
    expect(big.rowLabelEvery * big.cellH).toBeGreaterThanOrEqual(17.6);
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
