/**
 * Parity (many-to-one): bits b_0 … b_lag at steps 0…lag, then the cue "?" at step lag + 1, whose
 * target is the parity (XOR) of all the bits: "1" when the number of ones is odd. Only the cue step
 * carries a loss (the running parity at every step would be a local, much easier task). The first
 * bit matters lag + 1 steps later, and every bit matters, so this is the hardest of the memory
 * tasks: try it with a short lag (2–8).
 */
import type { Rng } from '../rng';
import { createRng } from '../rng';
import {
  accuracyOf, clampLag, EXAMPLES_SEED, idOf, labelStart, MAX_ENCODE_STEPS, noLoss, symbolsOf, TASK_ERRORS,
} from './common';
import type { Example, Task, TaskParams } from './types';

export const PARITY_CUE = '?';
export const PARITY_VOCAB: readonly string[] = ['0', '1', PARITY_CUE];
export const PARITY_DEFAULT_LAG = 4;

export function createParityTask(params: TaskParams): Task {
  const lag = clampLag(params.lag, PARITY_DEFAULT_LAG);
  const vocab = [...PARITY_VOCAB];
  const cue = idOf(vocab, PARITY_CUE);

  const build = (bits: number[]): Example => {
    const inputs = [...bits, cue];
    const targets = noLoss(inputs.length);
    const parity = bits.reduce((a, b) => a ^ b, 0);
    targets[inputs.length - 1] = parity;
    // a long run of bits shows its start only, so the label reads whole in the picker
    return { inputs, targets, label: `${labelStart(bits.join(''), 16)} ? → ${parity}` };
  };
  const randomBits = (rng: Rng): number[] => {
    const b: number[] = [];
    for (let i = 0; i <= lag; i++) b.push(rng.int(2));
    return b;
  };

  const exRng = createRng(EXAMPLES_SEED);
  const examples = [0, 1, 2, 3].map(() => build(randomBits(exRng)));

  return {
    id: 'parity',
    answers: 2,
    shape: 'many-to-one',
    vocab,
    tokenKind: 'symbol',
    lag,
    sample: (rng) => build(randomBits(rng)),
    examples,
    /** A string of bits such as "1011" (any length ≥ 1); the cue is appended. */
    encode: (text) => {
      const syms = symbolsOf(text).filter((c) => c !== PARITY_CUE);
      if (symbolsOf(text).length === 0) return { error: TASK_ERRORS.empty };
      if (syms.length === 0) return { error: TASK_ERRORS.noKnownToken };
      if (syms.some((c) => c !== '0' && c !== '1')) return { error: TASK_ERRORS.badSymbol };
      const { inputs, targets } = build(syms.slice(0, MAX_ENCODE_STEPS).map(Number));
      return { inputs, targets };
    },
    accuracy: accuracyOf,
  };
}
