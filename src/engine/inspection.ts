/**
 * What one model computes over an inspection sequence, as the worker sends it to the page and the
 * renderers draw it: forward values, the top layer's total gradients, and the recurrent weights.
 */
import type { CellType } from './types';

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
  /** Softmax outputs [T][V]. */
  probs: Float64Array;
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
