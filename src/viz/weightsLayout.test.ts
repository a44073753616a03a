import { describe, expect, it } from 'vitest';
import { entryBox, hitWeight, layoutWeights, MAX_CELL, RECURRENT_MAX_H, type WeightBlockSpec } from './weightsLayout';

const spec = (id: string, rows: number, cols: number, groups: number): WeightBlockSpec => ({ id, label: id, rows, cols, groups });
function lstm(H: number, V: number, width: number) {
  return layoutWeights(
    [spec('ih', 4 * H, V, 4), spec('hh', 4 * H, H, 4), spec('bih', 4 * H, 1, 4), spec('bhh', 4 * H, 1, 4)],
    [spec('fc', V, H, 1), spec('fcb', V, 1, 1)], ['i', 'f', 'g', 'o'], width,
  );
}

describe('weights layout', () => {
  it('keeps every block inside the width, rows of the recurrent band aligned, W_fc under W_hh', () => {
    for (const [H, V, W] of [[4, 10, 420], [16, 58, 420], [256, 5000, 900], [64, 80, 300]] as const) {
      const l = lstm(H, V, W);
      for (const b of l.blocks) expect(b.x + b.w, `${H} ${V} ${b.id}`).toBeLessThanOrEqual(l.width);
      const [ih, hh, bih, , fc] = l.blocks;
      expect(ih!.y).toBe(hh!.y);
      expect(ih!.h).toBe(hh!.h);
      expect(bih!.cellH).toBeCloseTo(hh!.cellH, 12);
      expect(fc!.x).toBe(hh!.x);
      expect(fc!.w).toBe(hh!.w);
      expect(fc!.y).toBeGreaterThan(hh!.y + hh!.h);
      expect(hh!.h).toBeLessThanOrEqual(RECURRENT_MAX_H + 1e-9);
      expect(hh!.cellH).toBeLessThanOrEqual(MAX_CELL);
      expect(l.groupLabels.map((g) => g.text)).toEqual(['i', 'f', 'g', 'o']);
    }
  });

  it('the entry under the centre of each entry box is that entry, across gate gaps and sub-pixel cells', () => {
    for (const [H, V] of [[3, 7], [16, 58], [256, 5000]] as const) {
      const l = lstm(H, V, 640);
      for (const b of l.blocks) {
        const rows = [0, 1, Math.floor(b.rows / 2), b.rows - 1];
        const cols = [0, b.cols - 1, Math.floor(b.cols / 3)];
        for (const row of rows) for (const col of cols) {
          // the unclamped centre of the entry
          const per = b.groups > 1 ? b.rows / b.groups : b.rows;
          const g = Math.floor(row / per);
          const y = b.y + g * (per * b.cellH + b.gap) + (row - g * per + 0.5) * b.cellH;
          const x = b.x + (col + 0.5) * b.cellW;
          expect(hitWeight(l, x, y), `${b.id} ${row} ${col}`).toEqual({ id: b.id, row, col });
          const box = entryBox(b, row, col);
          expect(box.x + box.w / 2).toBeCloseTo(x, 9);
          expect(box.y + box.h / 2).toBeCloseTo(y, 9);
        }
      }
    }
  });

  it('nothing is hit in the gap between two gate blocks or outside the blocks', () => {
    const l = lstm(4, 10, 420);
    const hh = l.blocks[1]!;
    expect(hitWeight(l, hh.x + 1, hh.y + 4 * hh.cellH + hh.gap / 2)).toBeNull();
    expect(hitWeight(l, 1, 1)).toBeNull();
    expect(hitWeight(l, l.width - 1, l.height - 1)).toBeNull();
  });

  it('a vanilla RNN has no gate gaps and no gate labels', () => {
    const l = layoutWeights([spec('ih', 5, 9, 1), spec('hh', 5, 5, 1), spec('bih', 5, 1, 1), spec('bhh', 5, 1, 1)],
      [spec('fc', 9, 5, 1), spec('fcb', 9, 1, 1)], [], 420);
    expect(l.blocks.every((b) => b.gap === 0)).toBe(true);
    expect(l.groupLabels).toEqual([]);
    expect(l.blocks[1]!.cellH).toBe(MAX_CELL);
  });
});
