import { describe, expect, it } from 'vitest';
import { TOP_K, topTokens } from '../engine/inspection';
import { stripCellWidth, topRows, type TopTrace } from './predictionsLayout';
import { fixtureTrace } from './fixtures';

/** The trace fields topRows reads, built from full probabilities [T][V] as the worker builds them. */
function topTrace(probs: Float64Array, V: number, k = Math.min(V, TOP_K)): TopTrace & { targets?: number[] } {
  const T = probs.length / V;
  const topIds = new Int32Array(T * k);
  const topProbs = new Float64Array(T * k);
  for (let t = 0; t < T; t++) topTokens(probs, t * V, V, k, topIds, topProbs, t * k);
  return { vocabSize: V, topK: k, topIds, topProbs, targetProb: new Float64Array(T) };
}

describe('top-k predictions', () => {
  const probs = Float64Array.from([0.1, 0.5, 0.3, 0.1, /* t=1 */ 0.25, 0.25, NaN, 0.5]);
  const tr = topTrace(probs, 4);
  tr.targetProb.set([0.5, NaN]);
  it('sorts by probability and marks the target', () => {
    expect(topRows(tr, 0, 2, 1)).toEqual([
      { id: 1, p: 0.5, target: true, extra: false },
      { id: 2, p: 0.3, target: false, extra: false },
    ]);
  });
  it('appends a lower-ranked target, breaks ties by id and treats NaN as 0', () => {
    const rows = topRows(tr, 1, 2, 2);
    expect(rows.map((r) => r.id)).toEqual([3, 0, 2]);
    expect(rows[2]).toEqual({ id: 2, p: 0, target: true, extra: true });
    expect(topRows(tr, 1, 3, -1).map((r) => r.id)).toEqual([3, 0, 1]);
  });
  it('shows no more rows than the trace carries', () => {
    expect(topRows(topTrace(probs, 4, 2), 0, 5, -1).map((r) => r.id)).toEqual([1, 2]);
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
  it('works on a fixture: the rows are the most probable tokens of each step, the target among them or appended', () => {
    const f = fixtureTrace({ cell: 'gru', T: 5 });
    const V = f.vocabSize;
    for (let t = 0; t < 5; t++) {
      const rows = topRows(f, t, 5, f.targets[t]!);
      const best = Array.from(f.probs!.subarray(t * V, (t + 1) * V)).sort((a, b) => b - a).slice(0, Math.min(5, V));
      expect(rows.filter((r) => !r.extra).map((r) => r.p)).toEqual(best);
      if (f.targets[t]! >= 0) expect(rows.find((r) => r.target)!.p).toBe(f.probs![t * V + f.targets[t]!]);
    }
  });
});
