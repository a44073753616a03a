/** How tokens are shown on the diagrams: always as text, with invisible characters made visible. */

/** Whitespace as visible symbols; the character model's "rare character" token (U+FFFD) as '?'. */
const VISIBLE: Record<string, string> = { ' ': '␣', '\n': '⏎', '\t': '⇥', '\r': '␍', '\uFFFD': '?' };

/**
 * A token made readable and short: whitespace becomes a visible symbol, long words are cut with an
 * ellipsis after `max` characters (counted by code point, so emoji stay whole). Unknown ids give '?'.
 */
export function displayToken(vocab: readonly string[], id: number, max = 8): string {
  const raw = id >= 0 && id < vocab.length ? vocab[id]! : '?';
  const chars = Array.from(raw).map((ch) => VISIBLE[ch] ?? ch);
  if (chars.length === 0) return '∅';
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/** Width of one monospace character in em (the token labels are set in the monospace font). */
export const MONO_CHAR_EM = 0.6;

/** Length in shown characters of the longest token of `vocab`, at most `cap` (1 for an empty vocab). */
export function longestToken(vocab: readonly string[], cap = 12): number {
  let n = 1;
  for (let id = 0; id < vocab.length; id++) n = Math.max(n, Array.from(displayToken(vocab, id, cap + 1)).length);
  return Math.min(cap, n);
}

/** How many monospace characters of `fontPx` fit in `px` (at least 1). */
export function charsThatFit(px: number, fontPx: number): number {
  return Math.max(1, Math.floor(px / (fontPx * MONO_CHAR_EM)));
}
