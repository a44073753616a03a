/**
 * Task-agnostic token helpers: one-hot rows, vocabularies, encoding and decoding.
 */

/** A one-hot vector [size] with a 1 at `index`. Throws when index is not in 0..size−1. */
export function oneHot(index: number, size: number): number[] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`size must be a positive integer, got ${String(size)}`);
  if (!Number.isInteger(index) || index < 0 || index >= size) throw new Error(`index must be an integer in 0..${size - 1}, got ${String(index)}`);
  const v = new Array<number>(size).fill(0);
  v[index] = 1;
  return v;
}

/** One-hot rows [T][size] for token ids [T]. */
export function oneHotRows(tokens: ArrayLike<number>, size: number): number[][] {
  return Array.from(tokens, (id) => oneHot(id, size));
}

/** Index of the largest entry (the first one on ties); −1 for an empty array. */
export function argmax(values: ArrayLike<number>): number {
  let best = -1;
  let bv = -Infinity;
  for (let i = 0; i < values.length; i++) if (best < 0 || values[i] > bv) { best = i; bv = values[i]; }
  return best;
}

/** A vocabulary: `tokens[id]` is the token string, `ids` maps a string back to its id. */
export interface Vocab { tokens: string[]; ids: Map<string, number> }

/**
 * A vocabulary of the distinct items, sorted by code point (so the ids do not depend on the order
 * of the text). A string is split into characters (code points); an array is taken as tokens.
 */
export function buildVocab(items: string | Iterable<string>): Vocab {
  const list = typeof items === 'string' ? Array.from(items) : Array.from(items);
  const tokens = [...new Set(list)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { tokens, ids: new Map(tokens.map((t, i) => [t, i])) };
}

/**
 * Token ids of `items` (a string is split into characters). Unknown items map to `unknown` when
 * given, else throw an Error naming the item.
 */
export function encode(vocab: Vocab, items: string | Iterable<string>, unknown?: number): number[] {
  const list = typeof items === 'string' ? Array.from(items) : Array.from(items);
  return list.map((s) => {
    const id = vocab.ids.get(s);
    if (id !== undefined) return id;
    if (unknown !== undefined) return unknown;
    throw new Error(`"${s}" is not in the vocabulary`);
  });
}

/** The tokens of ids joined by `separator` (default ''). Throws on an id outside the vocabulary. */
export function decode(vocab: Vocab, ids: ArrayLike<number>, separator = ''): string {
  return Array.from(ids, (id) => {
    const s = vocab.tokens[id];
    if (s === undefined) throw new Error(`token id ${id} is outside the vocabulary of ${vocab.tokens.length}`);
    return s;
  }).join(separator);
}
