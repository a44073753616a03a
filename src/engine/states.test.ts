// hiddenStates against forward(): the same numbers bit for bit, for every cell, layer and quantity.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createModel, forward, fromStateDict, hiddenStates, oneHotRows, parseModelText, stateQuantities, type Model, type Trace } from './index';
import { createRng } from './rng';

/** What forward() holds for `quantity` of `layer` after every step, [T][H]. */
function fromTrace(trace: Trace, layer: number, quantity: string, H: number): Float64Array {
  const out = new Float64Array(trace.steps.length * H);
  trace.steps.forEach((s, t) => {
    const ls = s.layers[layer]!;
    const row = quantity === 'h' ? ls.h : quantity === 'c' ? ls.c! : (ls.gates as unknown as Record<string, Float64Array>)[quantity]!;
    out.set(row, t * H);
  });
  return out;
}

const tokensOf = (T: number, V: number, seed: number): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: T }, () => rng.int(V));
};

/** Larger-than-init weights, so that gates saturate and states grow: the comparison sees real values. */
function scaled(model: Model, k: number): Model {
  for (let i = 0; i < model.params.length; i++) model.params[i]! *= k;
  return model;
}

describe('hiddenStates', () => {
  const cases = [
    { cell: 'rnn', layers: 1, H: 12 }, { cell: 'rnn', layers: 3, H: 9 },
    { cell: 'lstm', layers: 1, H: 16 }, { cell: 'lstm', layers: 2, H: 7 },
    { cell: 'gru', layers: 1, H: 16 }, { cell: 'gru', layers: 3, H: 5 },
  ] as const;
  for (const { cell, layers, H } of cases) {
    it(`${cell}, ${layers} layer(s), H ${H}: every quantity of every layer equals forward()'s bit for bit`, () => {
      const V = 11;
      const model = scaled(createModel({ cell, inputSize: V, hiddenSize: H, outputSize: V, numLayers: layers, seed: 3 }), 2.5);
      const tokens = tokensOf(40, V, 9);
      const trace = forward(model, oneHotRows(tokens, V));
      const qs = stateQuantities(model);
      expect(qs).toEqual(cell === 'lstm' ? ['h', 'c', 'i', 'f', 'g', 'o'] : cell === 'gru' ? ['h', 'r', 'z', 'n'] : ['h', 'a']);
      for (let l = 0; l < layers; l++) {
        for (const q of qs) {
          const want = fromTrace(trace, l, q, H);
          const got = hiddenStates(model, tokens, l, q);
          expect(got.length).toBe(40 * H);
          expect(Array.from(got)).toEqual(Array.from(want));
        }
      }
      // the values vary: a comparison of constants would prove little
      const h = hiddenStates(model, tokens, layers - 1, 'h');
      expect(Math.max(...h) - Math.min(...h)).toBeGreaterThan(0.5);
    });
  }

  it('relu rnn, a vocabulary of 3 (dense one-hot rows in forward) and an unknown id as a zero input', () => {
    const model = scaled(createModel({ cell: 'rnn', inputSize: 3, hiddenSize: 6, outputSize: 3, nonlinearity: 'relu', seed: 4 }), 1.5);
    const tokens = [0, 2, 1, 1, 2, 0, 2];
    const rows = oneHotRows(tokens, 3);
    const unknown = [...tokens, -1];
    const trace = forward(model, [...rows, [0, 0, 0]]);
    for (const q of ['h', 'a']) expect(Array.from(hiddenStates(model, unknown, 0, q))).toEqual(Array.from(fromTrace(trace, 0, q, 6)));
  });

  it('a model too large for the packed weights (more than 2¹⁸ numbers) takes the plain product: the same numbers', () => {
    // gru, H 300: W_hh packs to 896·300 > 2¹⁸ numbers; a two-layer lstm of 128 fits, three layers do not
    for (const c of [{ cell: 'gru', H: 300, layers: 1 }, { cell: 'lstm', H: 128, layers: 3 }] as const) {
      const V = 7;
      const model = scaled(createModel({ cell: c.cell, inputSize: V, hiddenSize: c.H, outputSize: V, numLayers: c.layers, seed: 2 }), 2);
      const tokens = tokensOf(6, V, 3);
      const trace = forward(model, oneHotRows(tokens, V));
      for (let l = 0; l < c.layers; l++) {
        expect(Array.from(hiddenStates(model, tokens, l, 'h'))).toEqual(Array.from(fromTrace(trace, l, 'h', c.H)));
      }
    }
  });

  it('writes into a given buffer and rejects a wrong layer, quantity or buffer', () => {
    const model = createModel({ cell: 'lstm', inputSize: 5, hiddenSize: 4, outputSize: 5, numLayers: 2, seed: 1 });
    const buf = new Float64Array(3 * 4 + 2).fill(7);
    expect(hiddenStates(model, [1, 2, 3], 1, 'c', buf)).toBe(buf);
    expect(buf[12]).toBe(7);
    expect(Array.from(buf.subarray(0, 12))).toEqual(Array.from(hiddenStates(model, [1, 2, 3], 1, 'c')));
    expect(() => hiddenStates(model, [1], 2, 'h')).toThrow(/layer/);
    expect(() => hiddenStates(model, [1], 0, 'z')).toThrow(/quantity/);
    expect(() => hiddenStates(model, [1, 2], 0, 'h', new Float64Array(7))).toThrow(/out/);
  });
});

describe('hiddenStates on a PyTorch file', () => {
  // scripts/neuron-fixtures.py: a two-layer character LSTM with an nn.Embedding and a vocabulary of its
  // own, built and run in torch float64
  const fx = JSON.parse(readFileSync(new URL('./states-torch.fixture.json', import.meta.url), 'utf8')) as {
    passage: string; file: { vocab: string[] }; expected: Record<string, number[][]>[];
  };

  it('equals torch\'s h, c and gates after every character to 1e-9 relative', () => {
    const parsed = parseModelText(JSON.stringify(fx.file));
    expect(parsed.vocab).toEqual(fx.file.vocab);
    expect(parsed.config).toMatchObject({ cell: 'lstm', hiddenSize: 10, numLayers: 2, inputSize: 30, outputSize: 30 });
    const model = fromStateDict(parsed.config, parsed.stateDict);
    const ids = Array.from(fx.passage, (ch) => parsed.vocab!.indexOf(ch));
    expect(ids.every((i) => i >= 0)).toBe(true);
    let worst = 0;
    let count = 0;
    fx.expected.forEach((layer, l) => {
      for (const [q, rows] of Object.entries(layer)) {
        const got = hiddenStates(model, ids, l, q);
        rows.forEach((row, t) => row.forEach((want, u) => {
          const err = Math.abs(got[t * 10 + u]! - want) / Math.max(Math.abs(want), 1e-12);
          worst = Math.max(worst, err);
          count++;
        }));
      }
    });
    expect(count).toBe(52 * 10 * (2 + 6));
    expect(worst).toBeLessThan(1e-9);
  });
});
