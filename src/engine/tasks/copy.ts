/**
 * Copy (many-to-many, delayed): a pattern of k symbols at steps 0…k−1, then `lag` blank steps, then
 * k output steps whose input is the cue "?" and whose targets are the pattern, in order. Only the
 * output steps carry a loss. Symbol i of the pattern is needed k + lag steps after it was read.
 */
import type { Rng } from '../rng';
import { createRng } from '../rng';
import { accuracyOf, clampLag, EXAMPLES_SEED, idOf, MAX_ENCODE_STEPS, noLoss, symbolsOf, TASK_ERRORS } from './common';
import { RECALL_DEFAULT_LAG } from './recall';
import type { Example, Task, TaskParams } from './types';

export const COPY_SYMBOLS = ['A', 'B', 'C', 'D'] as const;
export const COPY_BLANK = '_';
export const COPY_CUE = '?';
/** Pattern length k. */
export const COPY_PATTERN_LENGTH = 3;
export const COPY_DEFAULT_LAG = RECALL_DEFAULT_LAG;
export const COPY_VOCAB: readonly string[] = [...COPY_SYMBOLS, COPY_BLANK, COPY_CUE];

export function createCopyTask(params: TaskParams): Task {
  const lag = clampLag(params.lag, COPY_DEFAULT_LAG);
  const vocab = [...COPY_VOCAB];
  const blank = idOf(vocab, COPY_BLANK);
  const cue = idOf(vocab, COPY_CUE);

  const build = (pattern: number[]): Example => {
    const k = pattern.length;
    const inputs = [...pattern, ...new Array<number>(lag).fill(blank), ...new Array<number>(k).fill(cue)];
    const targets = noLoss(inputs.length);
    for (let i = 0; i < k; i++) targets[k + lag + i] = pattern[i]!;
    const word = pattern.map((s) => vocab[s]).join('');
    return { inputs, targets, label: `${word} … → ${word}` };
  };
  const randomPattern = (rng: Rng): number[] => {
    const p: number[] = [];
    for (let i = 0; i < COPY_PATTERN_LENGTH; i++) p.push(rng.int(COPY_SYMBOLS.length));
    return p;
  };

  const exRng = createRng(EXAMPLES_SEED);
  const examples = [0, 1, 2, 3].map(() => build(randomPattern(exRng)));

  return {
    id: 'copy',
    answers: COPY_SYMBOLS.length,
    shape: 'many-to-many',
    vocab,
    tokenKind: 'symbol',
    lag,
    sample: (rng) => build(randomPattern(rng)),
    examples,
    /** The pattern to copy, e.g. "ABCA" (any length ≥ 1; letters of the task's alphabet only). */
    encode: (text) => {
      const syms = symbolsOf(text);
      if (syms.length === 0) return { error: TASK_ERRORS.empty };
      const ids = syms.slice(0, MAX_ENCODE_STEPS).map((c) => vocab.indexOf(c.toUpperCase()));
      if (ids.some((i) => i < 0 || i >= COPY_SYMBOLS.length)) return { error: TASK_ERRORS.badSymbol };
      const { inputs, targets } = build(ids);
      return { inputs, targets };
    },
    accuracy: accuracyOf,
  };
}
