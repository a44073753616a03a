/**
 * The GRU cell, as PyTorch's nn.GRU (gate blocks in row order r, z, n):
 *   r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)          reset gate
 *   z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)          update gate
 *   n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))   candidate
 *   h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
 * Buffers (see workspace.ts): xp [T][3H] = W_ih x_t + b_ih (b_hh is not folded in: b_hn sits inside
 * r⊙(…)), ws.rec [3H] = W_hh h_{t−1}, hp [T][3H] = W_hh h_{t−1} + b_hh (kept: the backward step
 * needs W_hn h + b_hn), gates [T][3H] after activation, h [T+1][H] with row 0 = h_{−1}.
 */
import { sigmoid, type CellDescriptor } from './descriptor';
import type { Workspace } from '../workspace';

/** The gates and h_t of step t. Mutates ws (hp and gates row t, h row t + 1). */
function stepForward(P: Float64Array, ws: Workspace, l: number, t: number): void {
  const Lw = ws.layers[l];
  const H = ws.cfg.hiddenSize;
  const GH = 3 * H;
  const { xp, gates, h } = Lw;
  const hpj = Lw.hp as Float64Array;
  const bhh = Lw.o.bhh;
  const rec = ws.rec;
  const xr = t * GH; // row t of xp, hp and gates ([T][3H])
  const hp = t * H; // h row t = h_{t−1}
  const hn = hp + H; // h row t + 1 = h_t
  for (let j = 0; j < GH; j++) hpj[xr + j] = rec[j] + P[bhh + j]; // W_hh h + b_hh
  for (let u = 0; u < H; u++) {
    const r = sigmoid(xp[xr + u] + hpj[xr + u]);
    const z = sigmoid(xp[xr + H + u] + hpj[xr + H + u]);
    const n = Math.tanh(xp[xr + 2 * H + u] + r * hpj[xr + 2 * H + u]); // n = tanh(W_in x + b_in + r⊙(W_hn h + b_hn))
    gates[xr + u] = r;
    gates[xr + H + u] = z;
    gates[xr + 2 * H + u] = n;
    h[hn + u] = (1 - z) * n + z * h[hp + u]; // h' = (1−z)⊙n + z⊙h
  }
}

/**
 * Step t backwards. With dh = dL/dh_t: dn = dh(1 − z) tanh'(n), dz = dh(h_{t−1} − n) σ'(z),
 * dr = dn (W_hn h + b_hn) σ'(r). The input side of n sees dn, the recurrent side r⊙dn, so dH row t
 * differs from dX row t in its n block; h_{t−1} also receives z⊙dh directly (left in ws.dhz for the
 * driver). Mutates dX row t, dH row t, ws.dhz.
 */
function stepBackward(ws: Workspace, l: number, t: number, dX: Float64Array, dH: Float64Array): void {
  const Lw = ws.layers[l];
  const H = ws.cfg.hiddenSize;
  const G = Lw.gates;
  const HP = Lw.hp as Float64Array;
  const dh = ws.dhCur;
  const r0 = t * 3 * H;
  const hprev = t * H; // h_{t−1}
  for (let u = 0; u < H; u++) {
    const r = G[r0 + u], z = G[r0 + H + u], n = G[r0 + 2 * H + u];
    const hn = HP[r0 + 2 * H + u]; // W_hn h + b_hn
    const dan = dh[u] * (1 - z) * (1 - n * n); // dL/d(pre-activation of n)
    const dz = dh[u] * (Lw.h[hprev + u] - n); // ∂h_t/∂z = h_{t−1} − n
    dX[r0 + u] = dan * hn * r * (1 - r);
    dX[r0 + H + u] = dz * z * (1 - z);
    dX[r0 + 2 * H + u] = dan;
    dH[r0 + u] = dX[r0 + u];
    dH[r0 + H + u] = dX[r0 + H + u];
    dH[r0 + 2 * H + u] = dan * r; // the recurrent n-part is gated by r
    ws.dhz[u] = dh[u] * z; // h_t = … + z⊙h_{t−1}
  }
}

/** The GRU: blocks r, z, n; h_{t−1} also reaches h_t directly. */
export const GRU: CellDescriptor = {
  name: 'gru',
  gates: ['r', 'z', 'n'],
  activations: ['sigmoid', 'sigmoid', 'tanh'],
  blocks: 3,
  cellState: false,
  foldRecurrentBias: false,
  directPath: true,
  stepForward,
  stepBackward,
};
