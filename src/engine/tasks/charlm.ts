/**
 * Character language model (many-to-many): the input at step t is character t of a span of the
 * text, the target is character t + 1. Characters are Unicode code points (Array.from), so emoji
 * and CJK are single tokens. The vocabulary is the distinct characters of the training text, the
 * CHARLM_MAX_CHARS most frequent of them when there are more, sorted by code point, plus a final
 * "unknown" token (U+FFFD) for every other character (rare ones in the text, unseen ones in the
 * user's sentence).
 *
 * The training text is `params.text` when it holds at least two characters (capped at
 * CHARLM_MAX_TEXT characters: `truncated` is then set), else the built-in corpus `params.corpus`
 * ('en' by default; `emptyTextFallback` is set when the user's text was unusable).
 */
import { createRng } from '../rng';
import { accuracyOf, EXAMPLES_SEED, labelStart, MAX_ENCODE_STEPS, TASK_ERRORS } from './common';
import { CORPUS_EN } from './corpus-en';
import { CORPUS_ZH } from './corpus-zh';
import type { Example, Task, TaskParams } from './types';

/** Most characters the user's text may hold (code points); the rest is dropped. */
export const CHARLM_MAX_TEXT = 200_000;
/** Most distinct characters in the vocabulary (besides the unknown token). */
export const CHARLM_MAX_CHARS = 256;
export const CHARLM_UNK = '\uFFFD';
export const CHARLM_DEFAULT_SEQ_LENGTH = 25;
export const CHARLM_MAX_SEQ_LENGTH = 400;
/** Number of fixed inspection windows. */
const EXAMPLE_COUNT = 4;
/** An example's label shows the start of its text, this many Latin letters wide (Chinese characters count 2). */
const EXAMPLE_LABEL_WIDTH = 18;

/** Whether the character model can train on this text (two characters at least, not only blanks); else it uses the built-in text. */
export function charTextUsable(text: string): boolean {
  return text.trim() !== '' && takeCodePoints(text, 2).chars.length >= 2;
}

export const BUILTIN_CORPORA: Readonly<Record<'en' | 'zh', string>> = { en: CORPUS_EN, zh: CORPUS_ZH };

/** The first `max` code points of `text`, and whether anything was dropped; never splits a surrogate pair. */
export function takeCodePoints(text: string, max: number): { chars: string[]; truncated: boolean } {
  // A code point takes at most two UTF-16 units, so 2·max units always hold max whole code points.
  const head = text.length > 2 * max ? text.slice(0, 2 * max) : text;
  const chars = Array.from(head);
  if (chars.length > max) return { chars: chars.slice(0, max), truncated: true };
  return { chars, truncated: head.length < text.length };
}

const byCodePoint = (a: string, b: string): number => a.codePointAt(0)! - b.codePointAt(0)!;

/** Vocabulary of a character sequence: the `max` most frequent characters (ties by code point), sorted by code point, then the unknown token. */
export function charVocab(chars: readonly string[], max = CHARLM_MAX_CHARS): string[] {
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  counts.delete(CHARLM_UNK);
  let kept = [...counts.keys()];
  if (kept.length > max) {
    kept.sort((a, b) => counts.get(b)! - counts.get(a)! || byCodePoint(a, b));
    kept = kept.slice(0, max);
  }
  kept.sort(byCodePoint);
  return [...kept, CHARLM_UNK];
}

export function createCharLmTask(params: TaskParams): Task {
  const userText = params.text ?? '';
  let truncated = false;
  let emptyTextFallback = false;
  let chars: string[];
  const user = takeCodePoints(userText, CHARLM_MAX_TEXT);
  if (charTextUsable(userText)) {
    chars = user.chars;
    truncated = user.truncated;
  } else {
    emptyTextFallback = userText !== '';
    chars = Array.from(BUILTIN_CORPORA[params.corpus === 'zh' ? 'zh' : 'en']);
  }
  const vocab = charVocab(chars);
  const unk = vocab.length - 1;
  const index = new Map(vocab.map((c, i) => [c, i] as const));
  const toId = (c: string): number => index.get(c) ?? unk;
  const ids = chars.map(toId);
  const N = ids.length;

  const wanted = params.seqLength !== undefined && Number.isFinite(params.seqLength)
    ? Math.round(params.seqLength) : CHARLM_DEFAULT_SEQ_LENGTH;
  const T = Math.max(1, Math.min(CHARLM_MAX_SEQ_LENGTH, wanted, N - 1));

  const windowAt = (start: number): Example => ({
    inputs: ids.slice(start, start + T),
    targets: ids.slice(start + 1, start + T + 1),
  });

  // Inspection windows: the start of the text, then the starts of the next sentences or lines that
  // are at least T characters apart; when there are too few, evenly spaced windows (fixed seed).
  const starts: number[] = [0];
  for (let i = 1; i + T < N && starts.length < EXAMPLE_COUNT; i++) {
    const prev = chars[i - 1]!;
    const boundary = prev === '\n' || ((/[.!?]/.test(chars[i - 2] ?? '') && prev === ' ')) || /[。！？]/.test(prev);
    if (boundary && !/\s/u.test(chars[i]!) && i - starts[starts.length - 1]! >= T) starts.push(i);
  }
  const exRng = createRng(EXAMPLES_SEED);
  while (starts.length < EXAMPLE_COUNT && N - T > starts.length) {
    const s = exRng.int(N - T);
    if (!starts.includes(s)) starts.push(s);
  }
  const examples = starts.map((s) => {
    const ex = windowAt(s);
    const text = chars.slice(s, s + T).join('').replace(/\s+/gu, ' ').trim();
    return { ...ex, label: `“${labelStart(text, EXAMPLE_LABEL_WIDTH)}”` };
  });

  return {
    id: 'charlm',
    shape: 'many-to-many',
    vocab,
    tokenKind: 'char',
    truncated,
    emptyTextFallback,
    sample: (rng) => windowAt(rng.int(N - T)),
    examples,
    /** The user's sentence: inputs are its characters but the last, targets the next character. */
    encode: (text) => {
      if (text === '') return { error: TASK_ERRORS.empty };
      const cs = takeCodePoints(text, MAX_ENCODE_STEPS + 1).chars;
      if (cs.length < 2) return { error: TASK_ERRORS.tooShort };
      const s = cs.map(toId);
      if (s.every((t) => t === unk)) return { error: TASK_ERRORS.noKnownToken };
      return { inputs: s.slice(0, -1), targets: s.slice(1) };
    },
    accuracy: accuracyOf,
  };
}
