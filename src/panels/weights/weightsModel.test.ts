import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import type { WeightsView } from '../../store';
import { describeEntry, entryLabel, entryValue, layerBlocks, magnitudeQuantile, matrixLabel, sourceOf, symmetricDomain } from './weightsModel';

const t = (key: string, params?: Record<string, string | number>) => translate('en', key, params);

/** A 1-layer view with made-up sizes: V inputs/outputs, H units, G gates. */
function view(cell: 'rnn' | 'lstm' | 'gru', H: number, V: number): WeightsView {
  const G = cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
  const shapes: [string, number, number][] = [
    ['rnn.weight_ih_l0', G * H, V], ['rnn.weight_hh_l0', G * H, H], ['rnn.bias_ih_l0', G * H, 1], ['rnn.bias_hh_l0', G * H, 1],
    ['fc.weight', V, H], ['fc.bias', V, 1],
  ];
  let offset = 0;
  const tensors = shapes.map(([key, rows, cols]) => { const x = { key, rows, cols, offset }; offset += rows * cols; return x; });
  const params = Float64Array.from({ length: offset }, (_, i) => i);
  return { run: 1, model: 0, step: 0, cell, hidden: H, layers: 1, tensors, params, grad: null, delta: null };
}

describe('weights panel model', () => {
  it('names each entry by what it connects, counting from 1', () => {
    const v = view('lstm', 3, 5);
    const vocab = ['a', 'b', 'c', 'd', 'e'];
    // row 4 of W_hh = the f gate (rows 3..5) of unit 2; column 0 = unit 1 at t−1
    expect(describeEntry(t, v, { id: 'rnn.weight_hh_l0', row: 4, col: 0 }, vocab))
      .toEqual({ words: 'from unit 1 at t−1 to unit 2’s f gate at t', unit: 1, from: 0 });
    expect(describeEntry(t, v, { id: 'rnn.weight_ih_l0', row: 11, col: 2 }, vocab).words).toBe('from input 3 “c” to unit 3’s o gate');
    expect(describeEntry(t, v, { id: 'rnn.bias_hh_l0', row: 6, col: 0 }, vocab).words).toBe('bias (b_hh) of unit 1’s g gate');
    expect(describeEntry(t, v, { id: 'fc.weight', row: 4, col: 2 }, vocab)).toEqual({ words: 'from unit 3 to output 5 “e”', unit: 2 });
    expect(describeEntry(t, view('rnn', 3, 5), { id: 'rnn.weight_hh_l0', row: 2, col: 1 }, vocab).words).toBe('from unit 2 at t−1 to unit 3 at t');
    expect(describeEntry(t, view('gru', 2, 5), { id: 'rnn.weight_hh_l0', row: 5, col: 1 }, vocab).words).toBe('from unit 2 at t−1 to unit 2’s n gate at t');
    expect(entryLabel({ id: 'rnn.weight_hh_l0', row: 4, col: 0 }, 3)).toBe('W_hh[5][1]');
    expect(entryLabel({ id: 'fc.bias', row: 4, col: 0 }, 1)).toBe('b_fc[5]');
    expect(matrixLabel('rnn.bias_ih_l2')).toBe('b_ih');
  });

  it('reads the blocks of a layer as views of the chosen array', () => {
    const v = view('gru', 2, 4);
    const b = layerBlocks(v, 0, v.params);
    expect(b.recurrent.map((x) => [x.label, x.rows, x.cols, x.groups])).toEqual([
      ['W_ih', 6, 4, 3], ['W_hh', 6, 2, 3], ['b_ih', 6, 1, 3], ['b_hh', 6, 1, 3],
    ]);
    expect(b.readout.map((x) => x.label)).toEqual(['W_fc', 'b_fc']);
    expect(b.count).toBe(v.params.length);
    expect(b.maxAbs).toBe(v.params.length - 1);
    const hh = v.tensors[1]!;
    expect(b.recurrent[1]!.values[0]).toBe(hh.offset);
    expect(entryValue(v, v.params, { id: 'rnn.weight_hh_l0', row: 1, col: 1 })).toBe(hh.offset + 3);
    expect(entryValue(v, v.params, { id: 'rnn.weight_hh_l0', row: 6, col: 0 })).toBeNull();
    expect(sourceOf(v, 'grad')).toBeNull();
    expect(entryValue(v, sourceOf(v, 'delta'), { id: 'fc.bias', row: 0, col: 0 })).toBeNull();
  });

  it('the colour scale reaches the 99% magnitude, not a few outliers', () => {
    const a = Float64Array.from({ length: 1000 }, (_, i) => (i % 2 ? -1 : 1) * ((i % 100) / 100));
    a[0] = 3; // one forget bias
    const m = magnitudeQuantile([a], 0.99);
    expect(m).toBeGreaterThan(0.98);
    expect(m).toBeLessThan(1.0);
    expect(magnitudeQuantile([a], 1)).toBe(3);
    expect(magnitudeQuantile([new Float64Array(5)], 0.99)).toBe(0);
    // the median of |2|, |−4| (NaN left out) is 2, read at the upper edge of its bin (width 4/1024)
    const med = magnitudeQuantile([Float64Array.from([Number.NaN, 2, -4])], 0.5);
    expect(med).toBeGreaterThanOrEqual(2);
    expect(med).toBeLessThanOrEqual(2 + 4 / 1024);
    expect(symmetricDomain(0)).toEqual([-1, 1]);
    expect(symmetricDomain(0.5)).toEqual([-0.5, 0.5]);
  });
});
