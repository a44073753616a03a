/**
 * The Elman RNN cell, as PyTorch's nn.RNN:
 *   a_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh      (one gate block, [H])
 *   h_t = tanh(a_t)   (or relu(a_t) with nonlinearity 'relu')
 * The trace keeps a_t (the pre-activation) as the cell's one "gate", named a.
 * Buffers (see workspace.ts): xp [T][H] = W_ih x_t + b_ih + b_hh (the driver folds both biases in),
 * ws.rec [H] = W_hh h_{t−1}, gates [T][H] = a_t, h [T+1][H] with row 0 = h_{−1}.
 */
import type { CellDescriptor } from './descriptor';
import type { Workspace } from '../workspace';

/** h_t from a_t = xp[t] + W_hh h_{t−1}. Mutates ws (gates row t, h row t + 1). */
function stepForward(_P: Float64Array, ws: Workspace, l: number, t: number): void {
  const Lw = ws.layers[l];
  const H = ws.cfg.hiddenSize;
  const { xp, gates, h } = Lw;
  const rec = ws.rec;
  const relu = ws.cfg.nonlinearity === 'relu';
  const r0 = t * H; // row t of xp and gates ([T][H])
  const hn = r0 + H; // h row t + 1 = h_t
  for (let u = 0; u < H; u++) {
    const a = xp[r0 + u] + rec[u]; // a = W_ih x + b_ih + b_hh + W_hh h_{t−1}
    gates[r0 + u] = a;
    h[hn + u] = relu ? (a > 0 ? a : 0) : Math.tanh(a); // h_t = tanh(a) | relu(a)
  }
}

/**
 * dL/da_t from dL/dh_t: tanh' = 1 − h_t², relu' = [a_t > 0]. The one pre-activation feeds both
 * W_ih and W_hh, so dX and dH are the same buffer. Mutates dX row t.
 */
function stepBackward(ws: Workspace, l: number, t: number, dX: Float64Array): void {
  const Lw = ws.layers[l];
  const H = ws.cfg.hiddenSize;
  const G = Lw.gates;
  const dh = ws.dhCur;
  const relu = ws.cfg.nonlinearity === 'relu';
  const r0 = t * H;
  const hrow = r0 + H; // h_t
  for (let u = 0; u < H; u++) {
    const hv = Lw.h[hrow + u];
    dX[r0 + u] = relu ? (G[r0 + u] > 0 ? dh[u] : 0) : dh[u] * (1 - hv * hv); // da = dh ⊙ f'(a)
  }
}

/** The vanilla RNN: one block a. */
export const RNN: CellDescriptor = {
  name: 'rnn',
  gates: ['a'],
  activations: ['identity'],
  blocks: 1,
  cellState: false,
  foldRecurrentBias: true,
  directPath: false,
  stepForward,
  stepBackward,
};
