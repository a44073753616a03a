/**
 * The forward driver on a workspace: input projections for all T at once, the recurrence (the
 * cell's step, see cells/, after W_hh h_{t−1}), the readout and the softmax. Every caller (forward,
 * trainStep, generate) runs these same loops; nothing here depends on the cell type.
 */
import { matVec } from './products';
import type { Workspace } from './workspace';

/**
 * xp[t] = W_ih · X[t] + bias for all t (bias = b_ih, plus b_hh when the cell's recurrent bias
 * simply adds: rnn, lstm). X rows start at xBase with stride `in`; layer 0 gathers the columns of
 * W_ih at the non-zeros of sparse rows (exact: skipped terms are x·0).
 */
function inputProjection(P: Float64Array, ws: Workspace, l: number, X: Float64Array, xBase: number, sparse: boolean): void {
  const Lw = ws.layers[l];
  const { Wih, bih, bhh, inK } = Lw.o;
  const GH = ws.G * ws.cfg.hiddenSize;
  const bias = ws.bias;
  const addHh = ws.cell.foldRecurrentBias;
  for (let j = 0; j < GH; j++) bias[j] = addHh ? P[bih + j] + P[bhh + j] : P[bih + j];
  const xp = Lw.xp;
  for (let t = 0; t < ws.T; t++) {
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

/** Runs the recurrence of layer l over all T steps (xp must be filled, h/c row 0 = init). */
function recurrence(P: Float64Array, ws: Workspace, l: number): void {
  const H = ws.cfg.hiddenSize;
  const GH = ws.G * H;
  const Whh = ws.layers[l].o.Whh;
  const h = ws.layers[l].h;
  const rec = ws.rec;
  const step = ws.cell.stepForward;
  for (let t = 0; t < ws.T; t++) {
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
  const H = ws.cfg.hiddenSize;
  for (let l = 0; l < ws.cfg.numLayers; l++) {
    if (l === 0) inputProjection(P, ws, 0, ws.x0, 0, true);
    else inputProjection(P, ws, l, ws.layers[l - 1].h, H, false);
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
