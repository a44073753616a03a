/** Token helpers of the trainer (one-hot rows come from the engine's oneHotRows). */

/** Token strings joined for display: words with spaces, characters and symbols as they are. */
export function joinTokens(vocab: readonly string[], tokens: readonly number[], kind: 'word' | 'char' | 'symbol'): string {
  return tokens.map((id) => vocab[id] ?? '').join(kind === 'word' ? ' ' : '');
}
