/**
 * The whole backward pass on a workspace: readout, the BPTT sweeps (full, or one span per loss
 * step when truncated) and the parameter gradients as matrix-matrix products after the sweeps.
 */
import { readoutBack, refreshTransposes, sweepLayer } from './kernels-backward';
import { accumOuter, accumWeightedRows } from './products';
import { windowBuffers, type Workspace } from './workspace';

/**
 * Parameter gradients of layer l from its accumulated dXp / dHp (all T steps), for the gate rows
 * j0..j1−1 of W_ih, W_hh and the biases (default all GH). Every entry belongs to one row and is
 * summed over t in the same order whatever the rows asked, so any split of the rows gives the same numbers.
 */
export function layerWeightGrads(ws: Workspace, l: number, j0 = 0, j1 = ws.G * ws.cfg.hiddenSize): void {
  const Lw = ws.layers[l];
  const H = ws.cfg.hiddenSize;
  const GH = ws.G * H;
  const T = ws.T;
  const g = ws.grads;
  const { Wih, Whh, bih, bhh, inK } = Lw.o;
  // dW_hh = Σ_t dHp[t] ⊗ h_{t-1}   (h row t is h_{t-1})
  accumOuter(g, Whh, Lw.dHp, GH, Lw.h, 0, H, T, j0, j1);
  // dW_ih = Σ_t dXp[t] ⊗ x_t
  if (l > 0) {
    accumOuter(g, Wih, Lw.dXp, GH, ws.layers[l - 1].h, H, H, T, j0, j1);
  } else {
    let allSparse = true;
    for (let t = 0; t < T; t++) if (ws.nzCnt[t] < 0) allSparse = false;
    if (!allSparse) {
      accumOuter(g, Wih, Lw.dXp, GH, ws.x0, 0, inK, T, j0, j1);
    } else {
      // one-hot-like rows: only the columns at the non-zeros of x_t receive gradient
      for (let t = 0; t < T; t++) {
        const cnt = ws.nzCnt[t];
        for (let q = 0; q < cnt; q++) {
          const i = ws.nzIdx[t * inK + q];
          const x = ws.x0[t * inK + i];
          const d = t * GH;
          for (let j = j0; j < j1; j++) g[Wih + j * inK + i] += Lw.dXp[d + j] * x;
        }
      }
    }
  }
  const dX = Lw.dXp;
  for (let t = 0; t < T; t++) {
    const d = t * GH;
    for (let j = j0; j < j1; j++) g[bih + j] += dX[d + j];
  }
  if (Lw.dHp === dX) {
    // rnn / lstm (no direct path): both biases see the same pre-activation gradient, summed in the same order
    for (let j = j0; j < j1; j++) g[bhh + j] += g[bih + j];
  } else {
    const dH = Lw.dHp;
    for (let t = 0; t < T; t++) {
      const d = t * GH;
      for (let j = j0; j < j1; j++) g[bhh + j] += dH[d + j];
    }
  }
}

/** What a backward pass should produce besides the gradients dh / dc of the top layer. */
export interface BackwardWants {
  /** The parameter gradients into ws.grads (when false ws.grads is left as it was). */
  weights: boolean;
  /** dL/dx_t into ws.dInputs. */
  inputs: boolean;
  /** dL/dh_{-1}, dL/dc_{-1} into ws.dH0 / ws.dC0. */
  init: boolean;
}

/**
 * Backward pass over a workspace whose forward (with targets loaded) has run. Fills ws.dhTot /
 * ws.dcTot, every layer's dXp / dHp, and, as asked, ws.grads [P], ws.dInputs, ws.dH0 / ws.dC0.
 * `truncate` ≥ T is full BPTT; otherwise the loss at step t back-propagates through the cells of
 * steps t … t−truncate+1 only (see backward's documentation). Returns the loss.
 */
export function runBackward(P: Float64Array, ws: Workspace, truncate: number, want: BackwardWants): number {
  const { T, cfg } = ws;
  const H = cfg.hiddenSize;
  const GH = ws.G * H;
  const L = cfg.numLayers;
  const loss = beginBackward(P, ws, want);
  const isLstm = ws.cell.cellState;
  if (truncate >= T) {
    for (let l = L - 1; l >= 0; l--) {
      const Lw = ws.layers[l];
      sweepLayer(ws, l, 0, T - 1, Lw.dExt, Lw.dXp, Lw.dHp, want.init);
      if (want.init) {
        ws.dH0.set(ws.dhN, l * H);
        if (isLstm) ws.dC0.set(ws.dcN, l * H);
      }
      if (l > 0) {
        const below = ws.layers[l - 1].dExt;
        below.fill(0);
        accumWeightedRows(P, Lw.o.Wih, GH, H, Lw.dXp, below, 0, T - 1);
      } else if (want.inputs) {
        accumWeightedRows(P, Lw.o.Wih, GH, cfg.inputSize, Lw.dXp, ws.dInputs, 0, T - 1);
      }
    }
  } else {
    truncatedSweeps(P, ws, truncate, want);
  }
  if (want.weights) for (let l = 0; l < L; l++) layerWeightGrads(ws, l);
  return loss;
}

/**
 * The start of a backward pass: the sums it accumulates into set to 0 (those wanted), the readout's
 * backward (the loss and ∂L/∂h of the top layer), the recurrent weights' transposes refreshed.
 * Returns the loss. Mutates ws.
 */
export function beginBackward(P: Float64Array, ws: Workspace, want: BackwardWants): number {
  if (want.weights) ws.grads.fill(0);
  ws.dhTot.fill(0);
  if (ws.dcTot !== null) ws.dcTot.fill(0);
  if (want.inputs) ws.dInputs.fill(0);
  if (want.init) { ws.dH0.fill(0); ws.dC0.fill(0); }
  const loss = readoutBack(P, ws, want.weights);
  refreshTransposes(P, ws);
  return loss;
}

/**
 * Opens layer l's span lo … t of a truncated backward pass: its span buffers (windowBuffers), and on
 * the top layer the loss step's gradient as the only outside gradient of the span. Mutates those buffers.
 */
export function openSpan(ws: Workspace, l: number, lo: number, t: number): NonNullable<Workspace['layers'][number]['win']> {
  const H = ws.cfg.hiddenSize;
  const win = windowBuffers(ws, l);
  if (l === ws.cfg.numLayers - 1) {
    win.dExt.fill(0, lo * H, (t + 1) * H);
    win.dExt.set(ws.layers[l].dExt.subarray(t * H, (t + 1) * H), t * H);
  }
  return win;
}

/**
 * Closes layer l's span lo … t after its sweep: the gradient that reached the initial state (when
 * wanted) or, on the top layer, the state h_{lo−1} (which receives the span's gradient but passes
 * nothing further back); the span's gate gradients join the layer's. Mutates ws.
 */
export function closeSpan(ws: Workspace, l: number, lo: number, t: number, win: NonNullable<Workspace['layers'][number]['win']>,
  init: boolean): void {
  const H = ws.cfg.hiddenSize;
  const GH = ws.G * H;
  const isLstm = ws.cell.cellState;
  const Lw = ws.layers[l];
  if (lo === 0 && init) {
    for (let u = 0; u < H; u++) ws.dH0[l * H + u] += ws.dhN[u];
    if (isLstm) for (let u = 0; u < H; u++) ws.dC0[l * H + u] += ws.dcN[u];
  } else if (lo > 0 && l === ws.cfg.numLayers - 1) {
    const r = (lo - 1) * H;
    for (let u = 0; u < H; u++) ws.dhTot[r + u] += ws.dhN[u];
    if (isLstm) for (let u = 0; u < H; u++) (ws.dcTot as Float64Array)[r + u] += ws.dcN[u];
  }
  for (let i = lo * GH; i < (t + 1) * GH; i++) Lw.dXp[i] += win.dXp[i];
  if (ws.cell.directPath) for (let i = lo * GH; i < (t + 1) * GH; i++) Lw.dHp[i] += win.dHp[i];
}

/** One backward span per loss step t: cells max(0, t−k+1) … t, every layer. Cost O(T·k) steps. */
function truncatedSweeps(P: Float64Array, ws: Workspace, k: number, want: BackwardWants): void {
  const { T, cfg } = ws;
  const H = cfg.hiddenSize;
  const GH = ws.G * H;
  const L = cfg.numLayers;
  const splitDH = ws.cell.directPath; // gru: dHp is its own buffer
  for (const Lw of ws.layers) { Lw.dXp.fill(0); if (splitDH) Lw.dHp.fill(0); }
  for (let t = 0; t < T; t++) {
    if (ws.targets[t] < 0) continue;
    const lo = Math.max(0, t - k + 1);
    for (let l = L - 1; l >= 0; l--) {
      const Lw = ws.layers[l];
      const win = openSpan(ws, l, lo, t);
      const edge = lo === 0 ? want.init : l === L - 1;
      sweepLayer(ws, l, lo, t, win.dExt, win.dXp, win.dHp, edge);
      closeSpan(ws, l, lo, t, win, want.init);
      if (l > 0) {
        const below = windowBuffers(ws, l - 1).dExt;
        below.fill(0, lo * H, (t + 1) * H);
        accumWeightedRows(P, Lw.o.Wih, GH, H, win.dXp, below, lo, t);
      } else if (want.inputs) {
        accumWeightedRows(P, Lw.o.Wih, GH, cfg.inputSize, win.dXp, ws.dInputs, lo, t);
      }
    }
  }
}
