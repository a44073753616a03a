/**
 * Delayed recall (many-to-one): a symbol from a small alphabet at step 0, then `lag` distractor
 * steps, then the cue "?" at step lag + 1, whose target is the symbol from step 0. Only the cue step
 * carries a loss, so the network must keep the first symbol in its hidden state across the lag:
 * easy for an LSTM or a GRU, hard for a vanilla RNN once the lag is long (its gradient vanishes).
 *
 * Distractors are drawn from their own symbols ("x", "y", "z", never a recall symbol) so that the
 * hidden state is disturbed at every step, as in real text.
 */
import type { Rng } from '../rng';
import { accuracyOf, clampLag, EXAMPLES_SEED, idOf, MAX_ENCODE_STEPS, noLoss, symbolsOf, TASK_ERRORS } from './common';
import { createRng } from '../rng';
import type { Example, Task, TaskParams } from './types';

/** The symbols to remember. */
export const RECALL_SYMBOLS = ['A', 'B', 'C', 'D'] as const;
/** The distractors shown during the lag. */
export const RECALL_DISTRACTORS = ['x', 'y', 'z'] as const;
export const RECALL_CUE = '?';
/** Default lag of the memory tasks (see recall.test.ts for the RNN/LSTM/GRU figures at it). */
export const RECALL_DEFAULT_LAG = 40;

export const RECALL_VOCAB: readonly string[] = [...RECALL_SYMBOLS, ...RECALL_DISTRACTORS, RECALL_CUE];

export function createRecallTask(params: TaskParams): Task {
  const lag = clampLag(params.lag, RECALL_DEFAULT_LAG);
  const vocab = [...RECALL_VOCAB];
  const cue = idOf(vocab, RECALL_CUE);
  const firstDistractor = idOf(vocab, RECALL_DISTRACTORS[0]);

  const build = (symbol: number, distractors: number[]): Example => {
    const inputs = [symbol, ...distractors, cue];
    const targets = noLoss(inputs.length);
    targets[inputs.length - 1] = symbol;
    return { inputs, targets, label: `${vocab[symbol]} … ${RECALL_CUE} → ${vocab[symbol]}` };
  };
  const randomDistractors = (rng: Rng): number[] => {
    const d: number[] = [];
    for (let i = 0; i < lag; i++) d.push(firstDistractor + rng.int(RECALL_DISTRACTORS.length));
    return d;
  };

  const exRng = createRng(EXAMPLES_SEED);
  const examples = RECALL_SYMBOLS.map((_, s) => build(s, randomDistractors(exRng)));

  return {
    id: 'recall',
    answers: RECALL_SYMBOLS.length,
    shape: 'many-to-one',
    vocab,
    tokenKind: 'symbol',
    lag,
    sample: (rng) => {
      const symbol = rng.int(RECALL_SYMBOLS.length);
      return build(symbol, randomDistractors(rng));
    },
    examples,
    /**
     * "B" → B, `lag` distractors (fixed), "?"; a full sequence such as "B x y z ?" is taken as
     * typed (its target is its first symbol).
     */
    encode: (text) => {
      const syms = symbolsOf(text);
      if (syms.length === 0) return { error: TASK_ERRORS.empty };
      const ids = syms.slice(0, MAX_ENCODE_STEPS).map((c) => {
        const upper = vocab.indexOf(c.toUpperCase());
        return upper >= 0 && upper < RECALL_SYMBOLS.length ? upper : vocab.indexOf(c.toLowerCase());
      });
      if (ids.some((i) => i < 0)) return { error: TASK_ERRORS.badSymbol };
      if (ids[0]! >= RECALL_SYMBOLS.length) return { error: TASK_ERRORS.noKnownToken };
      if (ids.length === 1) return build(ids[0]!, examples[ids[0]!]!.inputs.slice(1, -1));
      const inputs = ids[ids.length - 1] === cue ? ids : [...ids, cue];
      const targets = noLoss(inputs.length);
      targets[inputs.length - 1] = ids[0]!;
      return { inputs, targets };
    },
    accuracy: accuracyOf,
  };
}
