/**
 * The forward kernels on a workspace: input projections for all T at once, the recurrence, the
 * readout and the softmax. Every caller (forward, trainStep, generate) runs these same loops.
 */
import { matVec } from './products';
import type { Workspace } from './workspace';

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * xp[t] = W_ih · X[t] + bias for all t (bias = b_ih, plus b_hh for rnn/lstm whose recurrent bias
 * simply adds). X rows start at xBase with stride `in`; layer 0 gathers the columns of W_ih at the
 * non-zeros of sparse rows (exact: skipped terms are x·0).
 */
function inputProjection(P: Float64Array, ws: Workspace, l: number, X: Float64Array, xBase: number, sparse: boolean): void {
  const Lw = ws.layers[l];
  const { Wih, bih, bhh, inK } = Lw.o;
  const GH = ws.G * ws.cfg.hiddenSize;
  const bias = ws.bias;
  const addHh = ws.cfg.cell !== 'gru';
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
  const Lw = ws.layers[l];
  const H = ws.cfg.hiddenSize;
  const GH = ws.G * H;
  const { Whh, bhh } = Lw.o;
  const xp = Lw.xp;
  const gates = Lw.gates;
  const h = Lw.h;
  const rec = ws.rec;
  const cell = ws.cfg.cell;
  const relu = ws.cfg.nonlinearity === 'relu';
  for (let t = 0; t < ws.T; t++) {
    const hp = t * H; // h_{t-1}
    const hn = hp + H; // h_t
    // rec = W_hh h_{t-1}, [GH]
    matVec(P, Whh, GH, H, h, hp, rec, 0);
    const xr = t * GH;
    if (cell === 'rnn') {
      for (let u = 0; u < H; u++) {
        const a = xp[xr + u] + rec[u];
        gates[t * H + u] = a;
        h[hn + u] = relu ? (a > 0 ? a : 0) : Math.tanh(a);
      }
    } else if (cell === 'lstm') {
      const c = Lw.c as Float64Array;
      const tc = Lw.tc as Float64Array;
      for (let u = 0; u < H; u++) {
        const i = sigmoid(xp[xr + u] + rec[u]);
        const f = sigmoid(xp[xr + H + u] + rec[H + u]);
        const g = Math.tanh(xp[xr + 2 * H + u] + rec[2 * H + u]);
        const o = sigmoid(xp[xr + 3 * H + u] + rec[3 * H + u]);
        gates[xr + u] = i;
        gates[xr + H + u] = f;
        gates[xr + 2 * H + u] = g;
        gates[xr + 3 * H + u] = o;
        const ct = f * c[hp + u] + i * g; // c_t = f⊙c_{t-1} + i⊙g
        c[hn + u] = ct;
        const th = Math.tanh(ct);
        tc[t * H + u] = th;
        h[hn + u] = o * th; // h_t = o⊙tanh(c_t)
      }
    } else {
      const hpj = Lw.hp as Float64Array;
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
