/**
 * The forward driver on a workspace: input projections for all T at once, the recurrence (the
 * cell's step, see cells/, after W_hh h_{t−1}), the readout and the softmax. Every caller (forward,
 * trainStep, generate) runs these same loops; nothing here depends on the cell type.
 */
import { matVec } from './products';
import type { Workspace } from './workspace';

/**
 * xp[t] = W_ih · X[t] + bias for t in t0..t1−1 (bias = b_ih, plus b_hh when the cell's recurrent bias
 * simply adds: rnn, lstm). Layer 0 reads ws.x0 and gathers the columns of W_ih at the non-zeros of
 * sparse rows (exact: skipped terms are x·0); a layer above reads the hidden states of the one below.
 * Each step's row is computed alone, so any split of 0..T gives the same numbers.
 */
export function inputProjection(P: Float64Array, ws: Workspace, l: number, t0 = 0, t1 = ws.T): void {
  const sparse = l === 0;
  const X = l === 0 ? ws.x0 : ws.layers[l - 1].h;
  const xBase = l === 0 ? 0 : ws.cfg.hiddenSize;
  const Lw = ws.layers[l];
  const { Wih, bih, bhh, inK } = Lw.o;
  const GH = ws.G * ws.cfg.hiddenSize;
  const bias = ws.bias;
  const addHh = ws.cell.foldRecurrentBias;
  for (let j = 0; j < GH; j++) bias[j] = addHh ? P[bih + j] + P[bhh + j] : P[bih + j];
  const xp = Lw.xp;
  for (let t = t0; t < t1; t++) {
    const xo = xBase + t * inK;
    const row = t * GH;
    const cnt = sparse ? ws.nzCnt[t] : -1;
    if (cnt >= 0) {
      const nzo = t * inK;
      for (let j = 0; j < GH; j++) {
        let s = bias[j];
        const w = Wih + j * inK;
        for (let q = 0; q < cnt; q++) {
          const i = ws.nzIdx[nzo + q];
          s += P[w + i] * X[xo + i];
        }
        xp[row + j] = s;
      }
    } else {
      matVec(P, Wih, GH, inK, X, xo, xp, row);
      for (let j = 0; j < GH; j++) xp[row + j] = bias[j] + xp[row + j];
    }
  }
}

/**
 * Runs the recurrence of layer l over steps t0..t1−1 (xp filled for them, h/c row t0 = the state
 * before t0: the init when t0 = 0). Running 0..m then m..T is the same as 0..T.
 */
export function recurrence(P: Float64Array, ws: Workspace, l: number, t0 = 0, t1 = ws.T): void {
  const H = ws.cfg.hiddenSize;
  const GH = ws.G * H;
  const Whh = ws.layers[l].o.Whh;
  const h = ws.layers[l].h;
  const rec = ws.rec;
  const step = ws.cell.stepForward;
  for (let t = t0; t < t1; t++) {
    // rec = W_hh h_{t-1}, [GH]; then the cell's own arithmetic
    matVec(P, Whh, GH, H, h, t * H, rec, 0);
    step(P, ws, l, t);
  }
}

/**
 * The readout and softmax at step t: logits = fc.weight·h_t(top) + fc.bias, probs, lse.
 */
export function readoutStep(P: Float64Array, ws: Workspace, t: number): void {
  const H = ws.cfg.hiddenSize;
  const V = ws.cfg.outputSize;
  const top = ws.layers[ws.cfg.numLayers - 1].h;
  const ho = (t + 1) * H;
  const y = ws.logits;
  const p = ws.probs;
  const yo = t * V;
  // y = fc.weight·h (eight rows per pass), then + fc.bias
  matVec(P, ws.Wfc, V, H, top, ho, y, yo);
  const bfc = ws.bfc;
  let m = -Infinity;
  for (let v = 0; v < V; v++) {
    const s = P[bfc + v] + y[yo + v];
    y[yo + v] = s;
    if (s > m) m = s;
  }
  let sum = 0;
  for (let v = 0; v < V; v++) {
    const e = Math.exp(y[yo + v] - m);
    p[yo + v] = e;
    sum += e;
  }
  const inv = 1 / sum;
  for (let v = 0; v < V; v++) p[yo + v] *= inv;
  ws.lse[t] = m + Math.log(sum); // log Σ exp(y)
}

/**
 * The whole forward pass on ws (x0 or tokens, init and, when `lossOnly`, targets loaded):
 * every layer, then the readout at every step, or only at steps with a target when `lossOnly`.
 */
export function runForward(P: Float64Array, ws: Workspace, lossOnly: boolean): void {
  for (let l = 0; l < ws.cfg.numLayers; l++) {
    inputProjection(P, ws, l);
    recurrence(P, ws, l);
  }
  for (let t = 0; t < ws.T; t++) if (!lossOnly || ws.targets[t] >= 0) readoutStep(P, ws, t);
}

/** Σ_t (lse_t − y_t[target_t]) over steps with a target: the summed cross-entropy. */
export function lossOf(ws: Workspace): number {
  const V = ws.cfg.outputSize;
  let loss = 0;
  for (let t = 0; t < ws.T; t++) {
    const y = ws.targets[t];
    if (y >= 0) loss += ws.lse[t] - ws.logits[t * V + y];
  }
  return loss;
}
