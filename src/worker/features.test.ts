// Features of a character text and the units that track them: the planted quote unit is found as the
// quote unit, and on the bundled character LSTM some units track word boundaries and quotes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createModel, fromStateDict, parseModelText } from '../engine';
import { BUILTIN_CORPORA, createCharLmTask } from '../engine/tasks/charlm';
import { featureUnits, pearson, textFeatures } from './features';
import { neuronFeatures } from './neurons';
import { CHARS, plantedLstm } from './planted.fixture';

const chars = (s: string) => Array.from(s);
const on = (v: Float64Array) => Array.from(v, (x, k) => (x ? k : -1)).filter((k) => k >= 0);

describe('text features', () => {
  it('marks quotes (not apostrophes), brackets, word starts and ends, and counts positions', () => {
    const s = 'Al\'s "hi" (x) \'no\' 2B\nab';
    const f = textFeatures(chars(s));
    expect(on(f.quote)).toEqual([5, 6, 7, 8, 14, 15, 16, 17]);
    expect(on(f.bracket)).toEqual([10, 11, 12]);
    expect(on(f.wordStart)).toEqual([0, 3, 6, 11, 15, 19, 22]);
    expect(on(f.wordEnd)).toEqual([1, 3, 7, 11, 16, 20, 23]);
    expect(on(f.capital)).toEqual([0, 20]);
    expect(on(f.digit)).toEqual([19]);
    expect(on(f.vowel)).toEqual([0, 7, 16, 22]);
    expect(f.linePos[21]).toBe(21);
    expect(f.linePos[22]).toBe(0);
    expect(Array.from(f.wordPos.slice(0, 5))).toEqual([1, 2, 0, 1, 0]);
    expect(on(f.afterSpace)).toEqual([5, 10, 14, 19, 22]); // a line break is white space too
  });

  it('Pearson’s r: ±1 for lines, 0 for a constant', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [3, 2, 1])).toBe(0);
    expect(pearson([1, 0, 0, 1], [1, 1, 0, 0])).toBeCloseTo(0, 12);
  });

  it('featureUnits picks each feature’s best unit by |r|, best first', () => {
    const f = textFeatures(chars('ab "cd" ef'));
    const T = 10;
    const H = 3;
    const v = new Float64Array(T * H);
    for (let t = 0; t < T; t++) {
      v[t * H] = Math.sin(t); // noise
      v[t * H + 1] = -f.quote[t]!; // exactly (minus) the quote feature
      v[t * H + 2] = f.space[t]! + 0.1 * Math.cos(3 * t);
    }
    const m = featureUnits(v, T, H, f);
    expect(m[0]).toEqual({ feature: 'quote', unit: 1, r: expect.closeTo(-1, 12) as number });
    expect(m.find((x) => x.feature === 'space')!.unit).toBe(2);
    expect(m.some((x) => x.feature === 'digit')).toBe(false); // never varies here
  });

  it('each r is pearson\'s of the feature and the unit\'s column, the same number', () => {
    const text = chars('Alice said "(so) it was", and 2 cats ran off.\nThen: quiet');
    const f = textFeatures(text);
    const T = text.length;
    const H = 5;
    const v = Float64Array.from({ length: T * H }, (_, k) => Math.sin(0.7 * k) + 0.3 * Math.cos(1.3 * k * k));
    const m = featureUnits(v, T, H, f);
    expect(m.length).toBeGreaterThan(8);
    for (const { feature, unit, r } of m) {
      const col = Array.from({ length: T }, (_, t) => v[t * H + unit]!);
      expect(r).toBe(pearson(f[feature], col));
      for (let j = 0; j < H; j++) {
        expect(Math.abs(pearson(f[feature], Array.from({ length: T }, (_, t) => v[t * H + j]!)))).toBeLessThanOrEqual(Math.abs(r));
      }
    }
  });
});

describe('on the planted model', () => {
  it('the quote unit is the quote feature’s best match (r ≈ 1), the a-unit the vowel’s', () => {
    const a = neuronFeatures(plantedLstm(), CHARS, 'ab "ba a" b ab "aab b" ba "" a bb "a" b', { id: 1, layer: 0, quantity: 'h' });
    if (!a.ok) throw new Error(a.code);
    const quote = a.matches.find((m) => m.feature === 'quote')!;
    expect(quote.unit).toBe(1);
    expect(quote.r).toBeGreaterThan(0.999);
    expect(a.matches.find((m) => m.feature === 'vowel')!.unit).toBe(2); // the a-unit: 'a' is the only vowel here
    expect(neuronFeatures(plantedLstm(), { vocab: ['x'], tokenKind: 'word' }, 'x x', { id: 2, layer: 0, quantity: 'h' }))
      .toEqual({ id: 2, ok: false, code: 'neurons.features.charOnly' });
  });
});

describe('on the bundled character LSTM', () => {
  // measured on the first 2 000 characters (units counted from 1; scripts/pretrain.ts, 128 units trained
  // on 100-character pieces): the cell input g of unit 40 rises at a word's first letter (r = 0.90), its
  // forget gate f falls there (−0.83); in h unit 121 follows word starts (0.50), unit 89 spaces (0.50);
  // the memory c carries the context: unit 105 the position in the line (0.48), unit 39 inside quotes
  // (0.34), unit 74 inside brackets (0.33)
  const file = parseModelText(readFileSync(new URL('../../public/checkpoints/charlm-lstm.json', import.meta.url), 'utf8'));
  const task = createCharLmTask({ lag: 8, corpus: 'en' });
  const model = fromStateDict(file.config, file.stateDict);
  const found = (quantity: string) => {
    const a = neuronFeatures(model, task, BUILTIN_CORPORA.en, { id: 1, layer: 0, quantity });
    if (!a.ok) throw new Error(a.code);
    expect(a.chars).toBe(2000);
    return (feature: string) => a.matches.find((m) => m.feature === feature) ?? { unit: -1, r: 0 };
  };

  it('finds units that track word boundaries (and reports them)', () => {
    expect(file.vocab ?? task.vocab).toEqual(task.vocab);
    expect(file.config).toMatchObject({ cell: 'lstm', hiddenSize: 128 });
    const g = found('g');
    expect(g('wordStart').unit).toBe(39);
    expect(g('wordStart').r).toBeGreaterThan(0.85);
    expect(Math.abs(found('f')('wordStart').r)).toBeGreaterThan(0.75);
    const h = found('h');
    expect(Math.abs(h('wordStart').r)).toBeGreaterThan(0.45);
    expect(Math.abs(h('space').r)).toBeGreaterThan(0.45);
    // an untrained model of the same size tracks them far less
    const fresh = createModel({ ...file.config, seed: 5 });
    const b = neuronFeatures(fresh, task, BUILTIN_CORPORA.en, { id: 1, layer: 0, quantity: 'g' });
    if (!b.ok) throw new Error(b.code);
    expect(Math.abs(b.matches.find((m) => m.feature === 'wordStart')!.r)).toBeLessThan(0.5);
  });

  it('keeps the context in its memory c: the position in the line, quotes and brackets', () => {
    const c = found('c');
    expect(Math.abs(c('linePos').r)).toBeGreaterThan(0.4);
    expect(Math.abs(c('quote').r)).toBeGreaterThan(0.3);
    expect(Math.abs(c('bracket').r)).toBeGreaterThan(0.28);
    // h, read through the output gate, shows far less of them
    expect(Math.abs(found('h')('quote').r)).toBeLessThan(Math.abs(c('quote').r) / 2);
  });
});
