/**
 * The forward and backward passes of one sequence as work that stops between pieces of about a
 * given number of multiply-adds and goes on when asked (a generator: each `next()` runs one piece),
 * so a caller with a deadline (the worker answering a click) can stop inside a long sequence.
 * The pieces are chunks of time steps of one layer (the input projection, the recurrence, the
 * backward sweep, the gradient sent to the layer below) and chunks of gate rows of the weight
 * gradients; they call the very kernels runForward / runBackward call, in the same order, so the
 * numbers are bit-identical to the passes in one piece whatever the split.
 * The workspace and the weights must not change between two pieces.
 */
import { sweepLayer } from './kernels-backward';
import { inputProjection, readoutStep, recurrence } from './kernels-forward';
import { beginBackward, closeSpan, layerWeightGrads, openSpan, type BackwardWants } from './kernels-grad';
import { accumWeightedRows } from './products';
import { windowBuffers, type Workspace } from './workspace';

/** Multiply-adds of one piece: about 1–2 ms of one core (the engine does ~1–2 per ns). */
export const PIECE_MACS = 2e6;

/** Work that yields between its pieces and returns a T at the end. */
export type Pieces<T> = Generator<void, T, void>;

/** The work done since the last stop, against the size of a piece. */
interface Meter { unit: number; spent: number }

/** Counts `macs` done; true when a piece is full (the caller then yields). Mutates m. */
function full(m: Meter, macs: number): boolean {
  m.spent += macs;
  if (m.spent < m.unit) return false;
  m.spent = 0;
  return true;
}

/** How many items of `cost` multiply-adds each fill what is left of the current piece (at least 1). */
function per(m: Meter, cost: number): number {
  return Math.max(1, Math.ceil((m.unit - m.spent) / Math.max(1, cost)));
}

/** runForward in pieces: every layer (projection, then recurrence, by chunks of steps), then the readout. */
function* forwardPieces(P: Float64Array, ws: Workspace, lossOnly: boolean, m: Meter): Pieces<void> {
  const { T, cfg } = ws;
  const H = cfg.hiddenSize;
  const GH = ws.G * H;
  for (let l = 0; l < cfg.numLayers; l++) {
    // layer 0 gathers a column or two of W_ih per step (one-hot rows); dense rows cost GH·inK
    const proj = GH * (l === 0 ? Math.min(ws.layers[0].o.inK, 4) : H);
    for (let t0 = 0, t1: number; t0 < T; t0 = t1) {
      t1 = Math.min(T, t0 + per(m, proj));
      inputProjection(P, ws, l, t0, t1);
      if (full(m, (t1 - t0) * proj)) yield;
    }
    const step = GH * (H + 8);
    for (let t0 = 0, t1: number; t0 < T; t0 = t1) {
      t1 = Math.min(T, t0 + per(m, step));
      recurrence(P, ws, l, t0, t1);
      if (full(m, (t1 - t0) * step)) yield;
    }
  }
  const V = cfg.outputSize;
  for (let t0 = 0, t1: number; t0 < T; t0 = t1) {
    t1 = Math.min(T, t0 + per(m, V * H));
    for (let t = t0; t < t1; t++) if (!lossOnly || ws.targets[t] >= 0) readoutStep(P, ws, t);
    if (full(m, (t1 - t0) * V * H)) yield;
  }
}

/** sweepLayer over hi..lo by chunks of steps, the carries passed on from one chunk to the next. */
function* sweepPieces(ws: Workspace, l: number, lo: number, hi: number, ext: Float64Array, dX: Float64Array,
  dH: Float64Array, edge: boolean, m: Meter): Pieces<void> {
  const GH = ws.G * ws.cfg.hiddenSize;
  const cost = GH * (ws.cfg.hiddenSize + 8);
  for (let top = hi, bottom: number, fresh = true; top >= lo; top = bottom - 1, fresh = false) {
    bottom = Math.max(lo, top - per(m, cost) + 1);
    // a chunk above lo always hands its carry down; the last one does as the whole sweep would
    sweepLayer(ws, l, bottom, top, ext, dX, dH, bottom > lo || edge, fresh);
    if (full(m, (top - bottom + 1) * cost)) yield;
  }
}

/** accumWeightedRows over steps lo..hi by chunks of steps (each step's row is its own sum). */
function* weightedRowsPieces(P: Float64Array, w: number, GH: number, n: number, dX: Float64Array, out: Float64Array,
  lo: number, hi: number, m: Meter): Pieces<void> {
  for (let t0 = lo, t1: number; t0 <= hi; t0 = t1 + 1) {
    t1 = Math.min(hi, t0 + per(m, GH * n) - 1);
    accumWeightedRows(P, w, GH, n, dX, out, t0, t1);
    if (full(m, (t1 - t0 + 1) * GH * n)) yield;
  }
}

/** runBackward in pieces (same arguments, same result). */
function* backwardPieces(P: Float64Array, ws: Workspace, truncate: number, want: BackwardWants, m: Meter): Pieces<number> {
  const { T, cfg } = ws;
  const H = cfg.hiddenSize;
  const GH = ws.G * H;
  const L = cfg.numLayers;
  const loss = beginBackward(P, ws, want);
  if (full(m, 2 * T * cfg.outputSize * H + L * GH * H)) yield;
  const isLstm = ws.cell.cellState;
  if (truncate >= T) {
    for (let l = L - 1; l >= 0; l--) {
      const Lw = ws.layers[l];
      yield* sweepPieces(ws, l, 0, T - 1, Lw.dExt, Lw.dXp, Lw.dHp, want.init, m);
      if (want.init) {
        ws.dH0.set(ws.dhN, l * H);
        if (isLstm) ws.dC0.set(ws.dcN, l * H);
      }
      if (l > 0) {
        const below = ws.layers[l - 1].dExt;
        below.fill(0);
        yield* weightedRowsPieces(P, Lw.o.Wih, GH, H, Lw.dXp, below, 0, T - 1, m);
      } else if (want.inputs) {
        yield* weightedRowsPieces(P, Lw.o.Wih, GH, cfg.inputSize, Lw.dXp, ws.dInputs, 0, T - 1, m);
      }
    }
  } else {
    yield* truncatedPieces(P, ws, truncate, want, m);
  }
  if (want.weights) {
    for (let l = 0; l < L; l++) {
      const row = T * (H + (l === 0 ? 4 : H));
      for (let j0 = 0, j1: number; j0 < GH; j0 = j1) {
        j1 = Math.min(GH, j0 + per(m, row));
        layerWeightGrads(ws, l, j0, j1);
        if (full(m, (j1 - j0) * row)) yield;
      }
    }
  }
  return loss;
}

/** truncatedSweeps (kernels-grad.ts) in pieces: the same spans in the same order. */
function* truncatedPieces(P: Float64Array, ws: Workspace, k: number, want: BackwardWants, m: Meter): Pieces<void> {
  const { T, cfg } = ws;
  const H = cfg.hiddenSize;
  const GH = ws.G * H;
  const L = cfg.numLayers;
  const splitDH = ws.cell.directPath;
  for (const Lw of ws.layers) { Lw.dXp.fill(0); if (splitDH) Lw.dHp.fill(0); }
  for (let t = 0; t < T; t++) {
    if (ws.targets[t] < 0) continue;
    const lo = Math.max(0, t - k + 1);
    for (let l = L - 1; l >= 0; l--) {
      const Lw = ws.layers[l];
      const win = openSpan(ws, l, lo, t);
      const edge = lo === 0 ? want.init : l === L - 1;
      yield* sweepPieces(ws, l, lo, t, win.dExt, win.dXp, win.dHp, edge, m);
      closeSpan(ws, l, lo, t, win, want.init);
      if (l > 0) {
        const below = windowBuffers(ws, l - 1).dExt;
        below.fill(0, lo * H, (t + 1) * H);
        yield* weightedRowsPieces(P, Lw.o.Wih, GH, H, win.dXp, below, lo, t, m);
      } else if (want.inputs) {
        yield* weightedRowsPieces(P, Lw.o.Wih, GH, cfg.inputSize, win.dXp, ws.dInputs, lo, t, m);
      }
    }
  }
}

/**
 * runForward then runBackward on ws (inputs, init and targets loaded) in pieces of about `unit`
 * multiply-adds: the forward over every step (the readout at loss steps only when `lossOnly`), then
 * the backward with BPTT span `truncate` (≥ T: full) producing what `want` asks. Returns the loss.
 * Mutates ws. The weights P and ws must not change between two pieces.
 */
export function* passPieces(P: Float64Array, ws: Workspace, lossOnly: boolean, truncate: number, want: BackwardWants,
  unit = PIECE_MACS): Pieces<number> {
  const m: Meter = { unit, spent: 0 };
  yield* forwardPieces(P, ws, lossOnly, m);
  return yield* backwardPieces(P, ws, truncate, want, m);
}

/** runForward alone in pieces of about `unit` multiply-adds (see {@link passPieces}). Mutates ws. */
export function forwardInPieces(P: Float64Array, ws: Workspace, lossOnly: boolean, unit = PIECE_MACS): Pieces<void> {
  return forwardPieces(P, ws, lossOnly, { unit, spent: 0 });
}

/** runBackward alone in pieces of about `unit` multiply-adds (see {@link passPieces}); returns the loss. Mutates ws. */
export function backwardInPieces(P: Float64Array, ws: Workspace, truncate: number, want: BackwardWants,
  unit = PIECE_MACS): Pieces<number> {
  return backwardPieces(P, ws, truncate, want, { unit, spent: 0 });
}

/** Runs work in pieces to its end and returns its result. */
export function drain<T>(work: Pieces<T>): T {
  for (;;) {
    const r = work.next();
    if (r.done) return r.value;
  }
}
