/**
 * Preallocated flat buffers for one sequence length T: everything the forward and backward kernels
 * read and write. A warm training step allocates nothing because its workspace is cached on the
 * model (keyed by T).
 */
import { cellDescriptor, type CellDescriptor } from './cells';
import { offsets, type LayerOffsets } from './layout';
import type { Model, NormalizedConfig } from './types';

/** Buffers of one layer. G·H = GH rows of gates. */
export interface LayerWs {
  /** Offsets of this layer's tensors in the flat parameter vector. */
  o: LayerOffsets;
  /** [T][GH] input projection W_ih x_t + b_ih (+ b_hh for rnn/lstm). */
  xp: Float64Array;
  /** gru (a cell with a direct path): [T][GH] recurrent projection W_hh h_{t-1} + b_hh (kept for the n gate). */
  hp: Float64Array | null;
  /** [T][GH] the stored gates: lstm/gru after activation; rnn (G = 1) the pre-activation a_t. */
  gates: Float64Array;
  /** [T+1][H] hidden states; row 0 is the initial state, row t+1 is h_t. */
  h: Float64Array;
  /** lstm: [T+1][H] cell states; row 0 is the initial state, row t+1 is c_t. */
  c: Float64Array | null;
  /** lstm: [T][H] tanh(c_t). */
  tc: Float64Array | null;
  /** [T][GH] dL/d(input-side pre-activation). */
  dXp: Float64Array;
  /** [T][GH] dL/d(recurrent-side pre-activation); the same buffer as dXp except for gru. */
  dHp: Float64Array;
  /** [T][H] gradient arriving at h_t from outside the recurrence (readout or the layer above). */
  dExt: Float64Array;
  /** [H][GH] W_hhᵀ, refreshed at the start of every backward pass. */
  WhhT: Float64Array;
  /** Window-local copies for truncated BPTT, allocated on first use: dXp, dHp, dExt. */
  win: { dXp: Float64Array; dHp: Float64Array; dExt: Float64Array } | null;
}

/** All buffers for sequences of length T. */
export interface Workspace {
  T: number;
  cfg: NormalizedConfig;
  /** The cell's descriptor: its gate names and its step forward / backward. */
  cell: CellDescriptor;
  /** Number of gate blocks, cell.blocks. */
  G: number;
  layers: LayerWs[];
  Wfc: number;
  bfc: number;
  /** [T][inputSize] inputs of layer 0. */
  x0: Float64Array;
  /** [T][inputSize] indices of the non-zero entries of each input row. */
  nzIdx: Int32Array;
  /** [T] count of non-zeros per row, or −1 when the row is treated as dense. */
  nzCnt: Int32Array;
  /** [GH] scratch: combined bias, recurrent product. */
  bias: Float64Array;
  rec: Float64Array;
  /** [T][V] logits and softmax, [T] log-sum-exp of each logits row. */
  logits: Float64Array;
  probs: Float64Array;
  lse: Float64Array;
  /** [T] target ids (−1 = no loss) and [T][V] dL/dlogits. */
  targets: Int32Array;
  dY: Float64Array;
  /** [H] scratch carries: dL/dh_{t-1}, dL/dc_{t-1}, the current total dh_t, gru's z⊙dh. */
  dhN: Float64Array;
  dcN: Float64Array;
  dhCur: Float64Array;
  dhz: Float64Array;
  /** [T][H] total dL/dh_t and (lstm) dL/dc_t of the top layer. */
  dhTot: Float64Array;
  dcTot: Float64Array | null;
  /** [T][inputSize] dL/dx_t. */
  dInputs: Float64Array;
  /** [L][H] dL/dh_{-1}, dL/dc_{-1} per layer. */
  dH0: Float64Array;
  dC0: Float64Array;
  /** [P] flat gradients, state_dict order. */
  grads: Float64Array;
  /**
   * How many times {@link cachedWorkspace} handed this workspace out: work spread over several calls
   * (addBatchItemPieces) sees from it whether someone else used the buffers in between.
   */
  claims: number;
}

/** Allocates a workspace for `model`'s shapes and length T. */
export function createWorkspace(model: Model, T: number): Workspace {
  const cfg = model.config;
  const H = cfg.hiddenSize;
  const V = cfg.outputSize;
  const cell = cellDescriptor(cfg.cell);
  const G = cell.blocks;
  const GH = G * H;
  const off = offsets(cfg);
  const f = (n: number): Float64Array => new Float64Array(n);
  const layers: LayerWs[] = off.layers.map((o) => {
    const dXp = f(T * GH);
    return {
      o,
      xp: f(T * GH),
      hp: cell.directPath ? f(T * GH) : null,
      gates: f(T * GH),
      h: f((T + 1) * H),
      c: cell.cellState ? f((T + 1) * H) : null,
      tc: cell.cellState ? f(T * H) : null,
      dXp,
      dHp: cell.directPath ? f(T * GH) : dXp,
      dExt: f(T * H),
      WhhT: f(H * GH),
      win: null,
    };
  });
  const I = cfg.inputSize;
  const L = cfg.numLayers;
  return {
    T, cfg, cell, G, layers, Wfc: off.Wfc, bfc: off.bfc,
    x0: f(T * I), nzIdx: new Int32Array(T * I), nzCnt: new Int32Array(T),
    bias: f(GH), rec: f(GH),
    logits: f(T * V), probs: f(T * V), lse: f(T),
    targets: new Int32Array(T), dY: f(T * V),
    dhN: f(H), dcN: f(H), dhCur: f(H), dhz: f(H),
    dhTot: f(T * H), dcTot: cell.cellState ? f(T * H) : null,
    dInputs: f(T * I), dH0: f(L * H), dC0: f(L * H),
    grads: f(model.params.length),
    claims: 0,
  };
}

/** The span-local buffers of a layer for truncated BPTT (allocated once). */
export function windowBuffers(ws: Workspace, l: number): NonNullable<LayerWs['win']> {
  const Lw = ws.layers[l];
  if (Lw.win === null) {
    const dXp = new Float64Array(Lw.dXp.length);
    Lw.win = { dXp, dHp: ws.cell.directPath ? new Float64Array(Lw.dXp.length) : dXp, dExt: new Float64Array(Lw.dExt.length) };
  }
  return Lw.win;
}

const MAX_CACHED = 4;

/** The model's cached workspace for length T (created on first use; a few lengths are kept). */
export function cachedWorkspace(model: Model, T: number): Workspace {
  const hit = model.cache.get(T) as Workspace | undefined;
  if (hit !== undefined) {
    hit.claims++;
    return hit;
  }
  if (model.cache.size >= MAX_CACHED) model.cache.delete(model.cache.keys().next().value as number);
  const ws = createWorkspace(model, T);
  model.cache.set(T, ws);
  return ws;
}

/**
 * Copies dense input rows [T][inputSize] into ws.x0 and records the non-zeros of sparse rows.
 * Throws on a wrong row width or a non-finite number. Mutates ws.
 */
export function loadInputs(ws: Workspace, inputs: ArrayLike<ArrayLike<number>>): void {
  const I = ws.cfg.inputSize;
  const { x0, nzIdx, nzCnt } = ws;
  // a row with at most I/4 non-zeros is gathered by columns instead of multiplied densely
  const sparseMax = I >> 2;
  for (let t = 0; t < ws.T; t++) {
    const row = inputs[t];
    if (row === null || row === undefined || typeof row.length !== 'number' || row.length !== I) {
      throw new Error(`inputs[${t}] must have ${I} numbers (inputSize), got ${row === null || row === undefined ? String(row) : row.length}`);
    }
    const base = t * I;
    let cnt = 0;
    for (let i = 0; i < I; i++) {
      const x = row[i];
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`inputs[${t}][${i}] is not a finite number (${String(x)})`);
      x0[base + i] = x;
      if (x !== 0) nzIdx[base + cnt++] = i;
    }
    nzCnt[t] = cnt <= sparseMax ? cnt : -1;
  }
}

/** Loads one-hot rows for token ids [T] (each in 0..inputSize−1). Throws on a bad id. Mutates ws. */
export function loadTokens(ws: Workspace, tokens: ArrayLike<number>): void {
  const I = ws.cfg.inputSize;
  ws.x0.fill(0);
  for (let t = 0; t < ws.T; t++) {
    const id = tokens[t];
    if (!Number.isInteger(id) || id < 0 || id >= I) throw new Error(`token ${t} must be an integer in 0..${I - 1}, got ${String(id)}`);
    ws.x0[t * I + id] = 1;
    ws.nzIdx[t * I] = id;
    ws.nzCnt[t] = I >= 4 ? 1 : -1;
  }
}

/** Sets every layer's initial state (row 0 of h and c) from `init`, zeros where absent. Throws on bad shapes. */
export function loadInit(ws: Workspace, init?: { h?: ArrayLike<ArrayLike<number>>; c?: ArrayLike<ArrayLike<number>> }): void {
  const H = ws.cfg.hiddenSize;
  const L = ws.cfg.numLayers;
  const put = (name: 'h' | 'c', src: ArrayLike<ArrayLike<number>> | undefined, dst: (l: number) => Float64Array | null): void => {
    if (dst(0) === null) return; // c is read by lstm only
    if (src !== undefined && src !== null && src.length !== L) throw new Error(`init.${name} must have ${L} rows (numLayers), got ${src.length}`);
    for (let l = 0; l < L; l++) {
      const d = dst(l);
      if (d === null) continue;
      const row = src?.[l];
      if (row === undefined || row === null) { d.fill(0, 0, H); continue; }
      if (row.length !== H) throw new Error(`init.${name}[${l}] must have ${H} numbers (hiddenSize), got ${row.length}`);
      for (let u = 0; u < H; u++) {
        const x = row[u];
        if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`init.${name}[${l}][${u}] is not a finite number`);
        d[u] = x;
      }
    }
  };
  put('h', init?.h, (l) => ws.layers[l].h);
  put('c', init?.c, (l) => ws.layers[l].c);
}

/** Loads targets [T] (integers in −∞..V−1; negative = no loss at that step). Throws otherwise. */
export function loadTargets(ws: Workspace, targets: ArrayLike<number>): void {
  const V = ws.cfg.outputSize;
  if (targets === null || targets === undefined || targets.length !== ws.T) {
    throw new Error(`targets must have length T = ${ws.T}, got ${targets === null || targets === undefined ? String(targets) : targets.length}`);
  }
  for (let t = 0; t < ws.T; t++) {
    const y = targets[t];
    if (typeof y !== 'number' || !Number.isInteger(y) || y >= V) {
      throw new Error(`targets[${t}] must be an integer below outputSize ${V} (negative = no loss), got ${String(y)}`);
    }
    ws.targets[t] = y < 0 ? -1 : y;
  }
}
