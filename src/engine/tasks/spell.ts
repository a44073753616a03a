/**
 * Spell (one-to-many): a single start token — a whole word such as "lunch" — at step 0, then blank
 * inputs; the targets spell the word letter by letter and finish with the end token. Every step
 * carries a loss; only step 0 reads an input. The network must unfold one input into a sequence,
 * as an image-captioning RNN unfolds one image into a sentence.
 */
import { accuracyOf, idOf, TASK_ERRORS } from './common';
import type { Example, Task, TaskParams } from './types';

export const SPELL_WORDS = ['breakfast', 'lunch', 'dinner', 'coffee', 'tea', 'cake'] as const;
export const SPELL_BLANK = '_';
export const SPELL_END = '<end>';

const letters = [...new Set(SPELL_WORDS.join(''))].sort();
/** Blank, end, the words, then the letters (sorted). */
export const SPELL_VOCAB: readonly string[] = [SPELL_BLANK, SPELL_END, ...SPELL_WORDS, ...letters];

export function createSpellTask(_params: TaskParams): Task {
  const vocab = [...SPELL_VOCAB];
  const blank = idOf(vocab, SPELL_BLANK);
  const end = idOf(vocab, SPELL_END);

  const build = (w: number): Example => {
    const word = SPELL_WORDS[w]!;
    const chars = Array.from(word);
    const inputs = [idOf(vocab, word), ...new Array<number>(chars.length).fill(blank)];
    const targets = [...chars.map((c) => idOf(vocab, c)), end];
    return { inputs, targets, label: `${word} → ${chars.join(' ')}` };
  };
  const examples = SPELL_WORDS.map((_, w) => build(w));

  return {
    id: 'spell',
    shape: 'one-to-many',
    vocab,
    tokenKind: 'symbol',
    sample: (rng) => build(rng.int(SPELL_WORDS.length)),
    examples,
    /** One of the task's words (case and surrounding spaces ignored). */
    encode: (text) => {
      const word = text.trim().toLowerCase();
      if (word === '') return { error: TASK_ERRORS.empty };
      const w = SPELL_WORDS.indexOf(word as (typeof SPELL_WORDS)[number]);
      if (w < 0) return { error: TASK_ERRORS.unknownWord };
      const { inputs, targets } = build(w);
      return { inputs, targets };
    },
    accuracy: accuracyOf,
  };
}
