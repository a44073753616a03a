/** A hand-set character LSTM for the neuron explorer's tests (see plantedLstm). */
import { createModel, fromStateDict, toStateDict, type Model } from '../engine';

export const CHARS = { vocab: ['a', 'b', ' ', '"'], tokenKind: 'char' as const };
const QUOTE = 3;
const A = 0;
const K = 20;

/**
 * A character LSTM (H = 4) with hand-set weights: unit 1 toggles on each double quote (its memory
 * flips sign, read from its own h_{t−1}); unit 2 is on from an opening quote up to and including the
 * closing one (it reads unit 1's h_{t−1} and the quote); unit 3 is on after an 'a'; unit 4 keeps the
 * seeded random weights. Units are counted from 1 here; indices from 0 in the code.
 */
export function plantedLstm(): Model {
  const H = 4;
  const V = CHARS.vocab.length;
  const base = createModel({ cell: 'lstm', inputSize: V, hiddenSize: H, outputSize: V, seed: 3 });
  const sd = toStateDict(base);
  const wih = sd['rnn.weight_ih_l0'] as number[][];
  const whh = sd['rnn.weight_hh_l0'] as number[][];
  const bih = sd['rnn.bias_ih_l0'] as number[];
  const bhh = sd['rnn.bias_hh_l0'] as number[];
  const row = (gate: number, unit: number) => gate * H + unit;
  for (let u = 0; u < 3; u++) {
    for (let g = 0; g < 4; g++) {
      const r = row(g, u);
      wih[r]!.fill(0);
      whh[r]!.fill(0);
      bih[r] = 0;
      bhh[r] = 0;
    }
  }
  for (let r = 0; r < 4 * H; r++) for (let u = 0; u < 3; u++) if (r % H === 3) whh[r]![u] = 0;
  const [I, F, G, O] = [0, 1, 2, 3];
  // unit 0: writes only on a quote (i open, f shut), then g = tanh(K(0.38 − h0)) flips the memory's sign
  bih[row(I, 0)] = -K; wih[row(I, 0)]![QUOTE] = 2 * K;
  bih[row(F, 0)] = K; wih[row(F, 0)]![QUOTE] = -2 * K;
  bih[row(G, 0)] = 0.38 * K; whh[row(G, 0)]![0] = -K;
  bih[row(O, 0)] = K;
  // unit 1: rewritten every step, g = tanh(K(h0 + 2·quote − 0.38)): + inside and on both quotes, − elsewhere
  bih[row(I, 1)] = K; bih[row(F, 1)] = -K;
  bih[row(G, 1)] = -0.38 * K; whh[row(G, 1)]![0] = K; wih[row(G, 1)]![QUOTE] = 2 * K;
  bih[row(O, 1)] = K;
  // unit 2: + after an 'a', − otherwise
  bih[row(I, 2)] = K; bih[row(F, 2)] = -K;
  bih[row(G, 2)] = -K; wih[row(G, 2)]![A] = 2 * K;
  bih[row(O, 2)] = K;
  return fromStateDict(base.config, sd);
}
