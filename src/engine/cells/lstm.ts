/**
 * The LSTM cell, as PyTorch's nn.LSTM (gate blocks in row order i, f, g, o):
 *   i_t = σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi)      input gate
 *   f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf)      forget gate
 *   g_t = tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)   candidate
 *   o_t = σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho)      output gate
 *   c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
 *   h_t = o_t ⊙ tanh(c_t)
 * Buffers (see workspace.ts): xp [T][4H] = W_ih x_t + b_ih + b_hh (the driver folds both biases in),
 * ws.rec [4H] = W_hh h_{t−1}, gates [T][4H] after activation, h and c [T+1][H] with row 0 the
 * initial state, tc [T][H] = tanh(c_t) (kept for the backward step).
 */
import { sigmoid, type CellDescriptor } from './descriptor';
import type { Workspace } from '../workspace';

/** The gates, c_t and h_t of step t. Mutates ws (gates row t, c and h row t + 1, tc row t). */
function stepForward(_P: Float64Array, ws: Workspace, l: number, t: number): void {
  const Lw = ws.layers[l];
  const H = ws.cfg.hiddenSize;
  const { xp, gates, h } = Lw;
  const c = Lw.c as Float64Array;
  const tc = Lw.tc as Float64Array;
  const rec = ws.rec;
  const xr = t * 4 * H; // row t of xp and gates ([T][4H])
  const hp = t * H; // row t of h and c: h_{t−1}, c_{t−1}
  const hn = hp + H; // row t + 1: h_t, c_t
  for (let u = 0; u < H; u++) {
    const i = sigmoid(xp[xr + u] + rec[u]);
    const f = sigmoid(xp[xr + H + u] + rec[H + u]);
    const g = Math.tanh(xp[xr + 2 * H + u] + rec[2 * H + u]);
    const o = sigmoid(xp[xr + 3 * H + u] + rec[3 * H + u]);
    gates[xr + u] = i;
    gates[xr + H + u] = f;
    gates[xr + 2 * H + u] = g;
    gates[xr + 3 * H + u] = o;
    const ct = f * c[hp + u] + i * g; // c_t = f⊙c_{t−1} + i⊙g
    c[hn + u] = ct;
    const th = Math.tanh(ct);
    tc[t * H + u] = th;
    h[hn + u] = o * th; // h_t = o⊙tanh(c_t)
  }
}

/**
 * Step t backwards. With dh = dL/dh_t and dc = dL/dc_t (the part from step t + 1 plus the part
 * through h_t), the pre-activation gradients are dc·g·σ'(i), dc·c_{t−1}·σ'(f), dc·i·tanh'(g),
 * dh·tanh(c_t)·σ'(o), with σ'(s) = s(1 − s) and tanh'(s) = 1 − s² on the stored values. One
 * pre-activation feeds W_ih and W_hh, so dX and dH are the same buffer. Mutates dX row t, dcTot
 * row t, ws.dcN.
 */
function stepBackward(ws: Workspace, l: number, t: number, dX: Float64Array, _dH: Float64Array,
  dcTot: Float64Array | null): void {
  const Lw = ws.layers[l];
  const H = ws.cfg.hiddenSize;
  const G = Lw.gates;
  const C = Lw.c as Float64Array;
  const TC = Lw.tc as Float64Array;
  const dh = ws.dhCur;
  const dcN = ws.dcN;
  const r0 = t * 4 * H;
  for (let u = 0; u < H; u++) {
    const gi = G[r0 + u], gf = G[r0 + H + u], gg = G[r0 + 2 * H + u], go = G[r0 + 3 * H + u];
    const tc = TC[t * H + u];
    const cp = C[t * H + u]; // c_{t−1}
    const dc = dcN[u] + dh[u] * go * (1 - tc * tc); // total dL/dc_t
    if (dcTot !== null) dcTot[t * H + u] += dc;
    dX[r0 + u] = dc * gg * gi * (1 - gi); // ∂c_t/∂i = g
    dX[r0 + H + u] = dc * cp * gf * (1 - gf); // ∂c_t/∂f = c_{t−1}
    dX[r0 + 2 * H + u] = dc * gi * (1 - gg * gg); // ∂c_t/∂g = i
    dX[r0 + 3 * H + u] = dh[u] * tc * go * (1 - go); // ∂h_t/∂o = tanh(c_t)
    dcN[u] = dc * gf; // through c_t = f⊙c_{t−1} + …
  }
}

/** The LSTM: blocks i, f, g, o and a cell state. */
export const LSTM: CellDescriptor = {
  name: 'lstm',
  gates: ['i', 'f', 'g', 'o'],
  activations: ['sigmoid', 'sigmoid', 'tanh', 'sigmoid'],
  blocks: 4,
  cellState: true,
  foldRecurrentBias: true,
  directPath: false,
  stepForward,
  stepBackward,
};
