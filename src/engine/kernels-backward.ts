/**
 * The backward kernels on a workspace: one cell step back in time, the sweep of a layer over a
 * span of steps, and the readout gradient. kernels-grad.ts turns the per-step gate gradients
 * into parameter gradients afterwards.
 */
import { accumOuter, accumWeightedRows, matVec } from './products';
import type { Workspace } from './workspace';

/**
 * Refreshes W_hhᵀ [H][GH] of every layer from the parameters (rows stream in the carry product).
 * Four rows of W_hh at a time, so each row of W_hhᵀ receives four consecutive entries per visit.
 */
export function refreshTransposes(P: Float64Array, ws: Workspace): void {
  const H = ws.cfg.hiddenSize;
  const GH = ws.G * H;
  for (const Lw of ws.layers) {
    const T = Lw.WhhT;
    const W = Lw.o.Whh;
    let j = 0;
    for (; j + 3 < GH; j += 4) {
      const r0 = W + j * H, r1 = r0 + H, r2 = r1 + H, r3 = r2 + H;
      for (let i = 0; i < H; i++) {
        const o = i * GH + j;
        T[o] = P[r0 + i];
        T[o + 1] = P[r1 + i];
        T[o + 2] = P[r2 + i];
        T[o + 3] = P[r3 + i];
      }
    }
    for (; j < GH; j++) {
      const r = W + j * H;
      for (let i = 0; i < H; i++) T[i * GH + j] = P[r + i];
    }
  }
}

/**
 * One cell of layer l at step t, backwards. Reads ws.dhCur (total dL/dh_t, [H]) and ws.dcN
 * (lstm: dL/dc_t from step t+1); writes the pre-activation gradients into dX[t] and dH[t] ([GH]
 * rows; the same buffer except for gru), leaves dL/dc_t (lstm, total) in dcTotRow when given, sets
 * ws.dcN to the part of dL/dc_{t-1} through c and ws.dhz to gru's direct z⊙dh term. Mutates ws.
 */
export function cellBack(ws: Workspace, l: number, t: number, dX: Float64Array, dH: Float64Array,
  dcTot: Float64Array | null): void {
  const Lw = ws.layers[l];
  const H = ws.cfg.hiddenSize;
  const GH = ws.G * H;
  const G = Lw.gates;
  const dh = ws.dhCur;
  const r0 = t * GH;
  const cell = ws.cfg.cell;
  if (cell === 'rnn') {
    const relu = ws.cfg.nonlinearity === 'relu';
    const hrow = (t + 1) * H;
    for (let u = 0; u < H; u++) {
      // tanh' = 1 − h², relu' = [a > 0]
      const hv = Lw.h[hrow + u];
      dX[r0 + u] = relu ? (G[t * H + u] > 0 ? dh[u] : 0) : dh[u] * (1 - hv * hv);
    }
  } else if (cell === 'lstm') {
    const C = Lw.c as Float64Array;
    const TC = Lw.tc as Float64Array;
    const dcN = ws.dcN;
    for (let u = 0; u < H; u++) {
      const gi = G[r0 + u], gf = G[r0 + H + u], gg = G[r0 + 2 * H + u], go = G[r0 + 3 * H + u];
      const tc = TC[t * H + u];
      const cp = C[t * H + u]; // c_{t-1}
      const dc = dcN[u] + dh[u] * go * (1 - tc * tc); // total dL/dc_t
      if (dcTot !== null) dcTot[t * H + u] += dc;
      dX[r0 + u] = dc * gg * gi * (1 - gi);
      dX[r0 + H + u] = dc * cp * gf * (1 - gf);
      dX[r0 + 2 * H + u] = dc * gi * (1 - gg * gg);
      dX[r0 + 3 * H + u] = dh[u] * tc * go * (1 - go);
      dcN[u] = dc * gf; // through c_t = f⊙c_{t-1} + …
    }
  } else {
    const HP = Lw.hp as Float64Array;
    const hprev = t * H;
    for (let u = 0; u < H; u++) {
      const r = G[r0 + u], z = G[r0 + H + u], n = G[r0 + 2 * H + u];
      const hn = HP[r0 + 2 * H + u]; // W_hn h + b_hn
      const dan = dh[u] * (1 - z) * (1 - n * n);
      const dz = dh[u] * (Lw.h[hprev + u] - n);
      dX[r0 + u] = dan * hn * r * (1 - r);
      dX[r0 + H + u] = dz * z * (1 - z);
      dX[r0 + 2 * H + u] = dan;
      dH[r0 + u] = dX[r0 + u];
      dH[r0 + H + u] = dX[r0 + H + u];
      dH[r0 + 2 * H + u] = dan * r; // the recurrent n-part is gated by r
      ws.dhz[u] = dh[u] * z;
    }
  }
}

/** ws.dhN = W_hhᵀ · dH[t] (+ gru's z⊙dh): dL/dh_{t-1} through the recurrence. */
export function carryBack(ws: Workspace, l: number, t: number, dH: Float64Array): void {
  const H = ws.cfg.hiddenSize;
  const GH = ws.G * H;
  const WT = ws.layers[l].WhhT;
  const out = ws.dhN;
  const r0 = t * GH;
  matVec(WT, 0, H, GH, dH, r0, out, 0);
  if (ws.cfg.cell === 'gru') for (let i = 0; i < H; i++) out[i] += ws.dhz[i];
}

/**
 * Sweeps layer l backwards over steps hi..lo with external gradients ext[t] ([T][H], rows lo..hi
 * read) and zero carries at hi. Writes dX/dH rows lo..hi. On the top layer it adds the total
 * dL/dh_t (and dL/dc_t) into ws.dhTot / ws.dcTot. When `edge` is true the carry out of step lo
 * (dL/dh_{lo-1}, dL/dc_{lo-1}) is left in ws.dhN / ws.dcN. Mutates ws.
 */
export function sweepLayer(ws: Workspace, l: number, lo: number, hi: number, ext: Float64Array,
  dX: Float64Array, dH: Float64Array, edge: boolean): void {
  const H = ws.cfg.hiddenSize;
  const top = l === ws.cfg.numLayers - 1;
  const { dhN, dcN, dhCur, dhTot } = ws;
  dhN.fill(0);
  dcN.fill(0);
  for (let t = hi; t >= lo; t--) {
    const e = t * H;
    for (let u = 0; u < H; u++) dhCur[u] = ext[e + u] + dhN[u];
    if (top) for (let u = 0; u < H; u++) dhTot[e + u] += dhCur[u];
    cellBack(ws, l, t, dX, dH, top ? ws.dcTot : null);
    if (t > lo || edge) carryBack(ws, l, t, dH);
  }
}

/**
 * The readout backwards: dY[t] = probs[t] − onehot(target) at steps with a target (0 elsewhere),
 * the top layer's dExt[t] = fc.weightᵀ·dY[t], and, when `weights`, fc's gradients (into ws.grads).
 * Returns the loss.
 */
export function readoutBack(P: Float64Array, ws: Workspace, weights: boolean): number {
  const H = ws.cfg.hiddenSize;
  const V = ws.cfg.outputSize;
  const top = ws.layers[ws.cfg.numLayers - 1];
  const { dY, probs, targets, grads } = ws;
  const ext = top.dExt;
  ext.fill(0);
  let loss = 0;
  for (let t = 0; t < ws.T; t++) {
    const y = targets[t];
    const o = t * V;
    if (y < 0) { dY.fill(0, o, o + V); continue; }
    loss += ws.lse[t] - ws.logits[o + y];
    for (let v = 0; v < V; v++) dY[o + v] = probs[o + v];
    dY[o + y] -= 1;
    if (weights) for (let v = 0; v < V; v++) grads[ws.bfc + v] += dY[o + v];
  }
  // dExt_top[t] = fc.weightᵀ·dY[t];  dW_fc = Σ_t dY[t] ⊗ h_t
  accumWeightedRows(P, ws.Wfc, V, H, dY, ext, 0, ws.T - 1);
  if (weights) accumOuter(grads, ws.Wfc, dY, V, top.h, H, H, ws.T);
  return loss;
}
