// Match elsewhere: the windows closest to a marked span's values, never overlapping; on the planted
// model a quoted span is matched by spans inside quotes.
import { describe, expect, it } from 'vitest';
import { textFeatures } from './features';
import { closestSpans, createMatchCache, neuronMatch } from './match';
import { neuronPass } from './neurons';
import { CHARS, plantedLstm } from './planted.fixture';

describe('closestSpans', () => {
  it('finds the exact window first, then the next best that does not overlap it', () => {
    // T = 8, H = 2; unit 1 carries the signal 0 0 1 2 0 1 2 1
    const sig = [0, 0, 1, 2, 0, 1, 2, 1];
    const v = new Float64Array(16);
    sig.forEach((x, t) => { v[t * 2 + 1] = x; v[t * 2] = 5; });
    const r = closestSpans(v, 8, 2, [1], [1, 2], 2);
    expect(r.map((x) => x.start)).toEqual([2, 5, 0]); // [1,2] at 2 and at 5; then [0,0] at 0 (overlaps neither; 6 overlaps 5)
    expect(r[0]!.distance).toBe(0);
    expect(r[2]!.distance).toBeCloseTo((1 + 4) / 2, 12);
    expect(closestSpans(v, 8, 2, [1], [1], 9)).toEqual([]);
  });
});

describe('neuronMatch on the planted model', () => {
  it('a span inside quotes is matched by spans inside quotes of the training text, with their context', () => {
    const model = plantedLstm();
    const passage = 'ab "ab ba" b';
    const p = neuronPass(model, 0, CHARS, [], { id: 1, text: passage, layer: 0, quantity: 'h', marks: null });
    if (!p.ok) throw new Error(p.code);
    const [a, n] = [4, 4]; // 'ab b' inside the quotes
    const units = [1];
    const pattern = Array.from({ length: n }, (_, i) => p.values[(a + i) * 4 + 1]!);
    const training = 'b a "bb a ab" ab b "a b aa" ba ab "b" a '.repeat(3);
    const m = neuronMatch(model, 0, CHARS, training, { id: 2, layer: 0, quantity: 'h', units, pattern, length: n }, createMatchCache());
    if (!m.ok) throw new Error(m.code);
    expect(m.matches.length).toBeGreaterThan(3);
    const quote = textFeatures(Array.from(training)).quote;
    for (const s of m.matches.slice(0, 4)) {
      for (let t = s.start; t < s.end; t++) expect(quote[t], `${s.before}[${s.text}]${s.after}`).toBe(1);
      expect(s.before + s.text + s.after).toBe(training.slice(Math.max(0, s.start - 24), s.end + 24));
    }
    expect(neuronMatch(model, 0, CHARS, training, { id: 3, layer: 0, quantity: 'h', units: [9], pattern: [0], length: 1 }))
      .toEqual({ id: 3, ok: false, code: 'neurons.match.none' });
  });
});
