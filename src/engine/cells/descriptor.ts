/**
 * What the driver (kernels-forward.ts, kernels-backward.ts) needs to know about a cell: the names
 * and activations of its gate blocks, and its step forward and step backward. The driver sweeps
 * over time, layers and truncation spans; a cell only ever sees one layer at one step.
 */
import type { CellType } from '../types';
import type { Workspace } from '../workspace';

/** A gate block's name: lstm i, f, g, o; gru r, z, n; rnn a (its one block, the pre-activation). */
export type GateName = 'i' | 'f' | 'g' | 'o' | 'r' | 'z' | 'n' | 'a';

/** What is stored for a gate: σ(·) on 0..1, tanh(·) on −1..1, or the pre-activation itself (rnn's a). */
export type GateActivation = 'sigmoid' | 'tanh' | 'identity';

/**
 * One cell type. `gates[b]` names rows b·H … (b+1)·H − 1 of W_ih, W_hh, b_ih and b_hh (PyTorch's
 * order) and the block b of every [T][G·H] gate buffer; `activations[b]` is what those stored values
 * went through.
 */
export interface CellDescriptor {
  readonly name: CellType;
  /** Gate block names in PyTorch row order, [G]. */
  readonly gates: readonly GateName[];
  /** The activation of each stored gate, [G]. */
  readonly activations: readonly GateActivation[];
  /** Number of gate blocks G stacked in W_ih / W_hh. */
  readonly blocks: number;
  /** lstm: a cell state c_t beside h_t. */
  readonly cellState: boolean;
  /**
   * rnn, lstm: b_hh simply adds to b_ih, so the driver folds it into the input projection. gru:
   * b_hn sits inside r⊙(W_hn h + b_hn), so the step adds b_hh itself.
   */
  readonly foldRecurrentBias: boolean;
  /**
   * gru: h_{t−1} reaches h_t directly (the z⊙h term) besides through W_hh, and the recurrent side
   * of the n block is gated by r, so the recurrent pre-activation gradient (dH) differs from the
   * input-side one (dX) and the step leaves the direct term z⊙dh in ws.dhz.
   */
  readonly directPath: boolean;
  /**
   * One step forward of layer l at step t. Reads xp[t] (W_ih x_t + biases, [GH]), ws.rec
   * (W_hh h_{t−1}, [GH]), h row t (h_{t−1}) and, for lstm, c row t; writes the gates row t, h row
   * t + 1 and c row t + 1. Mutates ws.
   */
  stepForward(P: Float64Array, ws: Workspace, l: number, t: number): void;
  /**
   * One step backward of layer l at step t. Reads ws.dhCur (total dL/dh_t, [H]) and ws.dcN (lstm:
   * dL/dc_t from step t + 1); writes the pre-activation gradients into dX row t and dH row t ([GH];
   * one buffer unless `directPath`), adds dL/dc_t into dcTot (lstm, when given), sets ws.dcN to the
   * part of dL/dc_{t−1} through c and ws.dhz to gru's z⊙dh. Mutates ws.
   */
  stepBackward(ws: Workspace, l: number, t: number, dX: Float64Array, dH: Float64Array, dcTot: Float64Array | null): void;
}

/** σ(x) = 1 / (1 + e^(−x)). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
