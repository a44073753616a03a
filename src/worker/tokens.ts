/** Token helpers of the trainer. */

/** One-hot rows [T][V] of token ids (ids outside 0..V−1 give a zero row). */
export function oneHot(tokens: readonly number[], V: number): number[][] {
  return tokens.map((id) => {
    const row = new Array<number>(V).fill(0);
    if (id >= 0 && id < V) row[id] = 1;
    return row;
  });
}

/** Token strings joined for display: words with spaces, characters and symbols as they are. */
export function joinTokens(vocab: readonly string[], tokens: readonly number[], kind: 'word' | 'char' | 'symbol'): string {
  return tokens.map((id) => vocab[id] ?? '').join(kind === 'word' ? ' ' : '');
}
