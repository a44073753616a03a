import { describe, expect, it } from 'vitest';
import { rankOf, stripCellWidth, topK } from './predictionsLayout';
import { fixtureTrace } from './fixtures';

describe('top-k predictions', () => {
  const probs = Float64Array.from([0.1, 0.5, 0.3, 0.1, /* t=1 */ 0.25, 0.25, NaN, 0.5]);
  it('sorts by probability and marks the target', () => {
    expect(topK(probs, 4, 0, 2, 1)).toEqual([
      { id: 1, p: 0.5, target: true, extra: false },
      { id: 2, p: 0.3, target: false, extra: false },
    ]);
  });
  it('appends a lower-ranked target, breaks ties by id and treats NaN as 0', () => {
    const rows = topK(probs, 4, 1, 2, 2);
    expect(rows.map((r) => r.id)).toEqual([3, 0, 2]);
    expect(rows[2]).toEqual({ id: 2, p: 0, target: true, extra: true });
    expect(topK(probs, 4, 1, 3, -1).map((r) => r.id)).toEqual([3, 0, 1]);
  });
  it('ranks tokens', () => {
    expect(rankOf(probs, 4, 0, 1)).toBe(1);
    expect(rankOf(probs, 4, 0, 0)).toBe(3);
  });
  it('sizes strip cells within bounds', () => {
    expect(stripCellWidth(800, 10)).toBe(40);
    expect(stripCellWidth(800, 100)).toBe(12);
    expect(stripCellWidth(800, 40)).toBe(20);
    // whole words: a cell is as wide as the longest token needs, up to 110 px
    expect(stripCellWidth(800, 10, 70)).toBe(70);
    expect(stripCellWidth(800, 10, 20)).toBe(40);
    expect(stripCellWidth(800, 10, 300)).toBe(110);
  });
  it('works on a fixture: probabilities of each step sum to 1', () => {
    const tr = fixtureTrace({ cell: 'gru', T: 5 });
    for (let t = 0; t < 5; t++) {
      const sum = topK(tr.probs, tr.vocabSize, t, tr.vocabSize, -1).reduce((a, r) => a + r.p, 0);
      expect(sum).toBeCloseTo(1);
    }
  });
});
