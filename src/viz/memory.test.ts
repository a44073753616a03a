import { describe, expect, it } from 'vitest';
import { fixtureTrace } from './fixtures';
import { gruMemory, lstmMemory, rnnMemory, tanhSlope, toUnitsByTime, unitSeries } from './memory';

describe('LSTM memory', () => {
  it('c_t = kept + written, and kept + forgotten = c_{t−1}', () => {
    const tr = fixtureTrace({ cell: 'lstm', T: 9, hidden: 5, layers: 2 });
    const g = tr.gates;
    for (const layer of [0, 1]) {
      const m = lstmMemory(tr.c!, g.i, g.f, g.g, layer, 9, 5);
      for (let k = 0; k < 45; k++) {
        expect(m.kept[k] + m.written[k]).toBeCloseTo(m.c[k], 12);
        const prev = k >= 5 ? m.c[k - 5] : 0;
        expect(m.kept[k] + m.forgotten[k]).toBeCloseTo(prev, 12);
      }
    }
  });
  it('handles hand-made values', () => {
    const c = Float64Array.from([0.5, 1]);
    const m = lstmMemory(c, Float64Array.from([1, 0.5]), Float64Array.from([0, 0.8]), Float64Array.from([0.5, 0.6]), 0, 2, 1);
    expect(Array.from(m.written)).toEqual([0.5, 0.3]);
    expect(m.kept[1]).toBeCloseTo(0.4);
    expect(m.forgotten[1]).toBeCloseTo(0.1);
  });
});

describe('GRU memory', () => {
  it('h_t = z ⊙ h_{t−1} + (1 − z) ⊙ n', () => {
    const tr = fixtureTrace({ cell: 'gru', T: 7, hidden: 4 });
    const m = gruMemory(tr.h, tr.gates.z, tr.gates.n, 0, 7, 4);
    for (let k = 0; k < 28; k++) expect(m.kept[k] + m.candidate[k]).toBeCloseTo(m.h[k], 12);
  });
});

describe('RNN memory', () => {
  it('splits a into W_hh h_{t−1} and the rest, with a share in [0, 1]', () => {
    const tr = fixtureTrace({ cell: 'rnn', T: 6, hidden: 3 });
    const m = rnnMemory(tr.gates.a, tr.h, tr.Whh, 0, 6, 3);
    for (let k = 0; k < 18; k++) {
      expect(m.recurrent[k] + m.input[k]).toBeCloseTo(m.a[k], 12);
      expect(m.share[k]).toBeGreaterThanOrEqual(0);
      expect(m.share[k]).toBeLessThanOrEqual(1);
    }
    expect(Array.from(m.recurrent.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(m.share.subarray(0, 3))).toEqual([0, 0, 0]);
  });
  it('matches a hand computation', () => {
    // H = 2, T = 2: h_0 = [1, −1], W_hh = [[2, 0], [1, 1]] → W_hh h_0 = [2, 0].
    const a = Float64Array.from([0.3, 0.1, 3, 0.5]);
    const h = Float64Array.from([1, -1, 0, 0]);
    const W = Float64Array.from([2, 0, 1, 1]);
    const m = rnnMemory(a, h, W, 0, 2, 2);
    expect(Array.from(m.recurrent)).toEqual([0, 0, 2, 0]);
    expect(m.input[2]).toBeCloseTo(1);
    expect(m.share[2]).toBeCloseTo(2 / 3);
    expect(m.share[3]).toBe(0);
  });
  it('tanh slope is 1 at 0 and vanishes when saturated', () => {
    const s = tanhSlope(Float64Array.from([0, 10, -10]));
    expect(s[0]).toBe(1);
    expect(s[1]).toBeLessThan(1e-8);
    expect(s[2]).toBeLessThan(1e-8);
  });
});

describe('reshaping', () => {
  it('transposes [T][H] to units × time and picks one unit', () => {
    const a = Float64Array.from([1, 2, 3, 4, 5, 6]); // T = 2, H = 3
    expect(Array.from(toUnitsByTime(a, 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
    expect(Array.from(unitSeries(a, 2, 3, 1))).toEqual([2, 5]);
  });
});
