/**
 * The public backward pass (BPTT) over a trace from forward().
 */
import { runBackward } from './kernels-grad';
import { backwardInPieces, PIECE_MACS, type Pieces } from './pieces';
import { traceWorkspace } from './forward';
import { unflatten } from './model';
import { loadTargets, type Workspace } from './workspace';
import type { BackwardResult, Model, Trace } from './types';

/** Rows [n][w] of a flat buffer as plain arrays. */
export function rows(buf: Float64Array, n: number, w: number): number[][] {
  const out: number[][] = new Array(n);
  for (let r = 0; r < n; r++) out[r] = Array.from(buf.subarray(r * w, (r + 1) * w));
  return out;
}

/** Checks `truncate` and returns the span length (T when absent). */
export function truncation(truncate: number | undefined, T: number): number {
  if (truncate === undefined) return T;
  if (typeof truncate !== 'number' || !(truncate >= 1) || !(Number.isInteger(truncate) || truncate === Infinity)) {
    throw new Error(`truncate must be a positive integer, got ${String(truncate)}`);
  }
  return Math.min(truncate, T);
}

/** Runs the backward kernels on the trace's workspace (targets checked and loaded). */
export function backwardOnTrace(model: Model, trace: Trace, targets: number[], truncate: number | undefined,
  inputs: boolean, weights = true): { ws: Workspace; loss: number } {
  const ws = traceWorkspace(model, trace);
  loadTargets(ws, targets);
  const k = truncation(truncate, ws.T);
  const loss = runBackward(model.params, ws, k, { weights, inputs, init: true });
  return { ws, loss };
}

/**
 * {@link backwardOnTrace} in pieces of about `unit` multiply-adds (see pieces.ts): the same numbers.
 * The weights and the trace must not change until it ends. Throws on bad targets at the first `next()`.
 */
export function* backwardOnTraceSteps(model: Model, trace: Trace, targets: number[], truncate: number | undefined,
  inputs: boolean, weights = true, unit = PIECE_MACS): Pieces<{ ws: Workspace; loss: number }> {
  const ws = traceWorkspace(model, trace);
  loadTargets(ws, targets);
  const k = truncation(truncate, ws.T);
  const loss = yield* backwardInPieces(model.params, ws, k, { weights, inputs, init: true }, unit);
  return { ws, loss };
}

/** Options of {@link backward}. */
export interface BackwardOptions {
  /** Truncated BPTT span; default: full BPTT. */
  truncate?: number;
  /** false: skip the parameter gradients (no `grads` in the result); default true. */
  grads?: boolean;
}

/**
 * Back-propagation through time for the loss Σ_t CE(softmax(logits_t), targets[t]) over steps with
 * targets[t] ≥ 0 (targets: [T] integers < outputSize; negative = no loss at that step). The model
 * must hold the parameters the trace was computed with.
 *
 * `truncate: k` (default: all) — truncated BPTT: the loss at step t back-propagates through the
 * cells of steps t, t−1, …, t−k+1 only (every layer of those steps, their weights and inputs).
 * The state h_{t−k} (and c_{t−k}) read by the earliest of those cells receives its gradient from
 * that span but passes nothing further back. So k ≥ T is full BPTT (the initial state is reached
 * by every loss) and k = 1 lets no gradient through h_{t−1} into step t−1. With k < T the windows
 * are swept one per loss step: cost O(T·k) cell steps instead of O(T).
 *
 * Returns the loss, the parameter gradients (state-dict layout), dInputs [T][inputSize], dH0/dC0
 * [L][H] (w.r.t. init) and the top layer's total dh [T][H] and (lstm) dc [T][H]. With
 * `grads: false` the parameter gradients are neither computed nor returned (everything else is the
 * same, bit for bit). Throws when targets has the wrong length, or an entry is not an integer or
 * is ≥ outputSize.
 */
export function backward(model: Model, trace: Trace, targets: number[],
  options: BackwardOptions & { grads: false }): Omit<BackwardResult, 'grads'>;
export function backward(model: Model, trace: Trace, targets: number[],
  options?: BackwardOptions & { grads?: true }): BackwardResult;
export function backward(model: Model, trace: Trace, targets: number[],
  options?: BackwardOptions): BackwardResult | Omit<BackwardResult, 'grads'> {
  const weights = options?.grads !== false;
  const { ws, loss } = backwardOnTrace(model, trace, targets, options?.truncate, true, weights);
  const { T, cfg } = ws;
  const H = cfg.hiddenSize;
  const L = cfg.numLayers;
  const res: Omit<BackwardResult, 'grads'> & { grads?: BackwardResult['grads'] } = {
    loss,
    ...(weights ? { grads: unflatten(model.layout, ws.grads) } : {}),
    dInputs: rows(ws.dInputs, T, cfg.inputSize),
    dH0: rows(ws.dH0, L, H),
    dh: rows(ws.dhTot, T, H),
  };
  if (ws.cell.cellState) {
    res.dC0 = rows(ws.dC0, L, H);
    res.dc = rows(ws.dcTot as Float64Array, T, H);
  }
  return res;
}
