/**
 * Helpers shared by the built-in tasks: lag clamping, accuracy, error keys and the fixed seed of the
 * inspection examples. Pure functions; no DOM, randomness only from the seeded generator.
 */
import type { Example } from './types';

/** The lag range every task accepts; values outside are clamped, non-numbers give the default. */
export const LAG_MIN = 0;
export const LAG_MAX = 200;

/** Seed of the generator that draws each task's fixed inspection examples. */
export const EXAMPLES_SEED = 20240611;

/** Longest user sentence encode() keeps (tokens or characters); the rest is dropped. */
export const MAX_ENCODE_STEPS = 400;

/** The i18n keys encode() may return as `{ error }`. */
export const TASK_ERRORS = {
  /** The text is empty or only whitespace. */
  empty: 'task.error.empty',
  /** No token of the text is in the task's vocabulary. */
  noKnownToken: 'task.error.noKnownToken',
  /** Too short to make a sequence (the char LM needs at least two characters). */
  tooShort: 'task.error.tooShort',
  /** "spell": the word is not one of the task's words. */
  unknownWord: 'task.error.unknownWord',
  /** Memory tasks: a character that is not one of the task's symbols. */
  badSymbol: 'task.error.badSymbol',
} as const;

export type TaskError = { error: (typeof TASK_ERRORS)[keyof typeof TASK_ERRORS] };

/** `lag` as an integer in [LAG_MIN, LAG_MAX]; `fallback` when it is not a finite number. */
export function clampLag(lag: unknown, fallback: number): number {
  if (typeof lag !== 'number' || !Number.isFinite(lag)) return fallback;
  return Math.min(LAG_MAX, Math.max(LAG_MIN, Math.round(lag)));
}

/** Fraction of loss-carrying steps (target ≥ 0) where predicted[t] = targets[t]; NaN when none carries a loss. */
export function accuracyOf(example: Example, predicted: number[]): number {
  let n = 0;
  let hit = 0;
  const { targets } = example;
  for (let t = 0; t < targets.length; t++) {
    const y = targets[t]!;
    if (y < 0) continue;
    n++;
    if (predicted[t] === y) hit++;
  }
  return n === 0 ? NaN : hit / n;
}

/** A new array of length n filled with -1 (no loss). */
export function noLoss(n: number): number[] {
  return new Array<number>(n).fill(-1);
}

/** Index of `token` in `vocab`; throws when absent (a programming error in a task table). */
export function idOf(vocab: readonly string[], token: string): number {
  const i = vocab.indexOf(token);
  if (i < 0) throw new Error(`token ${JSON.stringify(token)} is not in the vocabulary`);
  return i;
}

/** The text's symbols: code points, ignoring whitespace and commas. */
export function symbolsOf(text: string): string[] {
  return Array.from(text).filter((c) => !/[\s,，、]/u.test(c));
}

/** Characters drawn twice as wide as a Latin letter: CJK ideographs, kana, hangul, full-width forms. */
const WIDE_CHAR = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/**
 * The start of `text` that fits in `width` units (a Latin letter is 1, a Chinese character 2), with
 * "…" when it was cut: an example's label short enough to read whole in a picker, in any script.
 */
export function labelStart(text: string, width: number): string {
  let used = 0;
  const out: string[] = [];
  for (const ch of Array.from(text)) {
    used += WIDE_CHAR.test(ch) ? 2 : 1;
    if (used > width) return `${out.join('').trimEnd()}…`;
    out.push(ch);
  }
  return text;
}
