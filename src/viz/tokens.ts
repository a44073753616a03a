/** How tokens are shown on the diagrams: always as text, with invisible characters made visible. */

const VISIBLE: Record<string, string> = { ' ': '␣', '\n': '⏎', '\t': '⇥', '\r': '␍' };

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
