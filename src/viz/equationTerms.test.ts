import { describe, expect, it } from 'vitest';
import { equationRows, readouts, subscript } from './equationTerms';
import { fixtureTrace } from './fixtures';

const fmt = (v: number) => v.toFixed(4);

describe('equation rows', () => {
  it('define the right quantities for each cell', () => {
    expect(equationRows('lstm').map((r) => r.defines)).toEqual(['i', 'f', 'g', 'o', 'c', 'h', 'y', 'p', 'L']);
    expect(equationRows('gru').map((r) => r.defines)).toEqual(['r', 'z', 'n', 'h', 'y', 'p', 'L']);
    expect(equationRows('rnn').map((r) => r.defines)).toEqual(['a', 'h', 'y', 'p', 'L']);
  });
  it('tag the shared weights in every cell', () => {
    for (const cell of ['rnn', 'lstm', 'gru'] as const) {
      const parts = new Set(equationRows(cell).flatMap((r) => r.terms.map((t) => t.part)));
      for (const w of ['Wxh', 'Whh', 'Why', 'x', 'h', 'L'] as const) expect(parts.has(w)).toBe(true);
    }
    expect(equationRows('rnn', 'relu')[1]!.terms.map((t) => t.tex).join(' ')).toContain('relu');
  });
});

describe('numbers plugged in', () => {
  it('LSTM: c_t = f c_{t-1} + i g and h_t = o tanh(c_t) with the trace values', () => {
    const tr = fixtureTrace({ cell: 'lstm', T: 6, hidden: 4 });
    const rows = readouts(tr, 0, 3, 2, fmt);
    const at = (a: Float64Array, t: number) => a[t * 4 + 2]!;
    const c = rows.find((r) => r.label.startsWith('c₄'))!;
    expect(c.text.endsWith(fmt(at(tr.c!, 3)))).toBe(true);
    expect(at(tr.gates.f!, 3) * at(tr.c!, 2) + at(tr.gates.i!, 3) * at(tr.gates.g!, 3)).toBeCloseTo(at(tr.c!, 3), 12);
    expect(rows.find((r) => r.part === 'L')!.text).toBe(`= ${fmt(tr.stepLoss[3]!)}`);
  });
  it('GRU and RNN read out h_t; the RNN split sums to the pre-activation', () => {
    const g = readouts(fixtureTrace({ cell: 'gru', T: 4, hidden: 3 }), 0, 0, 1, fmt);
    expect(g.map((r) => r.part)).toEqual(['r', 'z', 'n', 'h', 'h', 'p', 'L']);
    const tr = fixtureTrace({ cell: 'rnn', T: 4, hidden: 3 });
    const r = readouts(tr, 0, 2, 1, (v) => String(v));
    const num = (s: string) => Number(s.split('= ').at(-1));
    expect(num(r[0]!.text) + num(r[1]!.text)).toBeCloseTo(num(r[2]!.text), 10);
  });
  it('writes step numbers as subscripts', () => {
    expect(subscript(1209)).toBe('₁₂₀₉');
  });
  it('skips the loss where the step carries none', () => {
    const tr = fixtureTrace({ cell: 'rnn', T: 4, hidden: 3, shape: 'many-to-one' });
    expect(readouts(tr, 0, 1, 0, fmt).some((r) => r.part === 'L')).toBe(false);
    expect(readouts(tr, 0, 3, 0, fmt).some((r) => r.part === 'L')).toBe(true);
  });
});
