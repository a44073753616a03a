/**
 * What one model computes over an inspection sequence, as the worker sends it to the page and the
 * renderers draw it: forward values, the top layer's total gradients, and the recurrent weights.
 */
import type { CellType } from './types';

/** Tokens per step a snapshot carries, most probable first (the predictions panel shows up to this many). */
export const TOP_K = 10;

/** The most numbers T·V for which a snapshot carries the whole softmax [T][V] (512 KB): every char and word task here, not a 50 000-token model. */
export const FULL_PROBS_MAX = 65_536;

/**
 * The k most probable entries of p[offset .. offset+V) into ids/out at `at` (most probable first; ties:
 * lower id first; NaN counts as 0). O(V·k). Mutates ids and out.
 */
export function topTokens(p: ArrayLike<number>, offset: number, V: number, k: number, ids: Int32Array, out: Float64Array, at: number): void {
  let n = 0;
  for (let v = 0; v < V; v++) {
    const x = p[offset + v] ?? 0;
    const q = Number.isFinite(x) ? x : 0;
    if (n === k && !(q > out[at + k - 1]!)) continue;
    // insert after every entry at least as probable (earlier ids win ties)
    let i = n < k ? n++ : k - 1;
    while (i > 0 && out[at + i - 1]! < q) {
      out[at + i] = out[at + i - 1]!;
      ids[at + i] = ids[at + i - 1]!;
      i--;
    }
    out[at + i] = q;
    ids[at + i] = v;
  }
}

/** One model's values over the inspection sequence. Arrays are row-major. */
export interface ModelTrace {
  cell: CellType;
  layers: number;
  hidden: number;
  /** Vocabulary size V. */
  vocabSize: number;
  /** Sequence length T. */
  T: number;
  /** Input token ids [T]. */
  inputs: number[];
  /** Target token ids [T]; −1 where step t carries no loss. */
  targets: number[];
  /** Hidden states [L][T][H]. */
  h: Float64Array;
  /** LSTM cell states [L][T][H]; null for other cells. */
  c: Float64Array | null;
  /** Gates after activation, each [L][T][H]: lstm i,f,g,o; gru r,z,n; rnn a (pre-activation). */
  gates: Record<string, Float64Array>;
  /** Softmax outputs [T][V] when T·V is at most FULL_PROBS_MAX (small vocabularies), else null: a snapshot never carries a [T][V] copy of a large vocabulary. */
  probs: Float64Array | null;
  /** How many tokens each step of topIds/topProbs holds: min(V, TOP_K). */
  topK: number;
  /** Each step's most probable token ids, most probable first (ties: lower id first) [T][topK]. */
  topIds: Int32Array;
  /** Their probabilities [T][topK]. */
  topProbs: Float64Array;
  /** p(target) at each step [T]; NaN where step t carries no loss. */
  targetProb: Float64Array;
  /** −log p(target) [T]; NaN where no loss. */
  stepLoss: Float64Array;
  /** Total dL/dh_t of the top layer [T][H]. */
  dh: Float64Array;
  /** LSTM: total dL/dc_t of the top layer [T][H]; null otherwise. */
  dc: Float64Array | null;
  /** Per-step contribution norm to the recurrent weight gradient [T]. */
  dWhhStep: Float64Array;
  /**
   * Each step's share of ∂L/∂W_hh along the whole [T]: ⟨C_t, G⟩/‖G‖ for step t's term C_t of G = ∂L/∂W_hh.
   * The shares add up to dWhhTotal exactly (a negative share pulls against the sum).
   */
  dWhhShare: Float64Array;
  /** ‖∂L/∂W_hh‖ (Frobenius) of the shown layer, for this example. */
  dWhhTotal: number;
  /** Recurrent weights of the shown layer [G·H][H]. */
  Whh: Float64Array;
}
