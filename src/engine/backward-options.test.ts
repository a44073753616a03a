// backward(…, { grads: false }): everything but the parameter gradients, bit for bit the same.
import { describe, expect, it } from 'vitest';
import { backward, createModel, createRng, forward, oneHotRows, type CellType } from './index';

describe('backward without parameter gradients', () => {
  for (const cell of ['rnn', 'lstm', 'gru'] as CellType[]) {
    for (const truncate of [undefined, 2]) {
      it(`${cell}, truncate ${truncate ?? 'off'}: same loss, dInputs, dH0/dC0, dh/dc; no grads`, () => {
        const model = createModel({ cell, inputSize: 5, hiddenSize: 4, outputSize: 5, numLayers: 2, seed: 6 });
        const rng = createRng(3);
        const tokens = Array.from({ length: 7 }, () => rng.int(5));
        const targets = tokens.map((_, t) => (t === 2 ? -1 : rng.int(5)));
        const trace = forward(model, oneHotRows(tokens, 5));
        const full = backward(model, trace, targets, { truncate });
        const lean = backward(model, trace, targets, { truncate, grads: false });
        expect('grads' in lean).toBe(false);
        const { grads, ...rest } = full;
        expect(Object.keys(grads).length).toBeGreaterThan(0);
        expect(lean).toEqual(rest);
        expect(Object.is(lean.loss, full.loss)).toBe(true);
        // and a later full pass on the same trace is unaffected
        expect(backward(model, trace, targets, { truncate })).toEqual(full);
      });
    }
  }
});
