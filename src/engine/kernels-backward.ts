/**
 * The backward driver on a workspace: the sweep of a layer back over a span of steps (the cell's
 * own step backward is in cells/), the carry through W_hh, and the readout gradient.
 * kernels-grad.ts turns the per-step gate gradients into parameter gradients afterwards.
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

/** ws.dhN = W_hhᵀ · dH[t] (+ z⊙dh for a cell with a direct path, gru): dL/dh_{t-1} through the recurrence. */
export function carryBack(ws: Workspace, l: number, t: number, dH: Float64Array): void {
  const H = ws.cfg.hiddenSize;
  const GH = ws.G * H;
  const WT = ws.layers[l].WhhT;
  const out = ws.dhN;
  const r0 = t * GH;
  matVec(WT, 0, H, GH, dH, r0, out, 0);
  if (ws.cell.directPath) for (let i = 0; i < H; i++) out[i] += ws.dhz[i];
}

/**
 * Sweeps layer l backwards over steps hi..lo with external gradients ext[t] ([T][H], rows lo..hi
 * read) and zero carries at hi. Writes dX/dH rows lo..hi. On the top layer it adds the total
 * dL/dh_t (and dL/dc_t) into ws.dhTot / ws.dcTot. When `edge` is true the carry out of step lo
 * (dL/dh_{lo-1}, dL/dc_{lo-1}) is left in ws.dhN / ws.dcN. Mutates ws.
 * With `fresh` false the sweep starts from the carries in ws.dhN / ws.dcN instead of zeros: a sweep
 * over m..hi (edge true) then lo..m−1 (fresh false) is the same as one over lo..hi.
 */
export function sweepLayer(ws: Workspace, l: number, lo: number, hi: number, ext: Float64Array,
  dX: Float64Array, dH: Float64Array, edge: boolean, fresh = true): void {
  const H = ws.cfg.hiddenSize;
  const top = l === ws.cfg.numLayers - 1;
  const { dhN, dcN, dhCur, dhTot } = ws;
  const back = ws.cell.stepBackward;
  if (fresh) {
    dhN.fill(0);
    dcN.fill(0);
  }
  for (let t = hi; t >= lo; t--) {
    const e = t * H;
    for (let u = 0; u < H; u++) dhCur[u] = ext[e + u] + dhN[u];
    if (top) for (let u = 0; u < H; u++) dhTot[e + u] += dhCur[u];
    back(ws, l, t, dX, dH, top ? ws.dcTot : null);
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
