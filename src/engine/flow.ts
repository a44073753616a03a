/**
 * How gradients travel through time: the gradient-flow matrix ‖∂L_t/∂h_k‖, its average by distance,
 * and per-step gradient norms.
 */
import { backwardOnTrace, backwardOnTraceSteps, truncation } from './backward';
import { drain, PIECE_MACS, type Pieces } from './pieces';
import { traceWorkspace } from './forward';
import { carryBack, refreshTransposes } from './kernels-backward';
import { loadTargets, windowBuffers, type Workspace } from './workspace';
import type { Model, Trace } from './types';

function norm(a: Float64Array, o = 0, n = a.length - o): number {
  let s = 0;
  for (let i = o; i < o + n; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/**
 * The gradient-flow matrix [T][T]: entry [t][k] = ‖∂L_t/∂h_k‖ for k ≤ t, where L_t is the loss at
 * step t alone and h_k the top layer's hidden state at step k (total derivative through the
 * readout and the top layer's recurrence — via c for lstm; lower layers do not depend on the top
 * h_k). Zero for k > t, for rows where targets[t] < 0, and (with `truncate: w`) for k < t − w,
 * following backward's truncation. One sweep of the top layer's state chain per loss step, no
 * weight gradients: O(T²/2) matrix-vector products. Throws on bad targets.
 */
export function gradientFlow(model: Model, trace: Trace, targets: number[], options?: { truncate?: number }): number[][] {
  const ws = traceWorkspace(model, trace);
  loadTargets(ws, targets);
  const { T, cfg } = ws;
  const H = cfg.hiddenSize;
  const V = cfg.outputSize;
  const k = truncation(options?.truncate, T);
  const top = cfg.numLayers - 1;
  const P = model.params;
  refreshTransposes(P, ws);
  const scratch = windowBuffers(ws, top);
  const flow: number[][] = [];
  for (let t = 0; t < T; t++) flow.push(new Array<number>(T).fill(0));
  for (let t = 0; t < T; t++) {
    const y = ws.targets[t];
    if (y < 0) continue;
    // dL_t/dh_t through the readout: fc.weightᵀ (probs_t − onehot(y))
    const dh = ws.dhCur;
    dh.fill(0);
    for (let v = 0; v < V; v++) {
      const a = ws.probs[t * V + v] - (v === y ? 1 : 0);
      const w = ws.Wfc + v * H;
      for (let i = 0; i < H; i++) dh[i] += a * P[w + i];
    }
    flow[t][t] = norm(dh);
    ws.dcN.fill(0);
    const lo = Math.max(0, t - k + 1);
    for (let s = t; s >= lo && s >= 1; s--) {
      ws.cell.stepBackward(ws, top, s, scratch.dXp, scratch.dHp, null);
      carryBack(ws, top, s, scratch.dHp);
      flow[t][s - 1] = norm(ws.dhN); // ∂L_t/∂h_{s-1}
      dh.set(ws.dhN);
    }
  }
  return flow;
}

/**
 * Gradient norm against distance: curve[d] = mean over loss rows t (t ≥ d) of flow[t][t−d], for
 * d = 0..T−1. A row counts as a loss row when `targets[t] ≥ 0` (if targets are given) or else when
 * any of its entries is non-zero. Distances no loss row reaches give 0.
 */
export function gradientDistanceCurve(flow: number[][], targets?: number[]): number[] {
  const T = flow.length;
  const sum = new Array<number>(T).fill(0);
  const cnt = new Array<number>(T).fill(0);
  for (let t = 0; t < T; t++) {
    const row = flow[t];
    const hasLoss = targets !== undefined ? targets[t] >= 0 : row.some((x) => x !== 0);
    if (!hasLoss) continue;
    for (let d = 0; d <= t; d++) { sum[d] += row[t - d]; cnt[d]++; }
  }
  return sum.map((s, d) => (cnt[d] > 0 ? s / cnt[d] : 0));
}

/** Per-step gradient norms, each [T]. */
export interface PerStepGradNorms {
  /** ‖dL/dh_t‖ of the top layer (total). */
  dh: number[];
  /** lstm: ‖dL/dc_t‖ of the top layer (total). */
  dc?: number[];
  /** ‖step t's contribution to dW_hh of `layer`‖ = ‖δ_t ⊗ h_{t−1}‖ (dW_hh is their sum over t). */
  dWhh: number[];
  /**
   * Step t's share of dW_hh along the whole: ⟨δ_t ⊗ h_{t−1}, G⟩ / ‖G‖ with G = dW_hh. The shares add up
   * to ‖G‖ exactly; a negative share is a step pulling against the sum.
   */
  dWhhShare: number[];
  /** ‖dW_hh‖ of `layer` (Frobenius), the sum of dWhhShare. */
  dWhhTotal: number;
  /** The layer whose W_hh contributions are given. */
  layer: number;
}

/**
 * Per-step gradient norms from a backward pass over `trace` (same targets and truncation rules as
 * backward): ‖dh_t‖, ‖dc_t‖ (lstm) of the top layer, and ‖δ_t ⊗ h_{t−1}‖, the Frobenius norm of
 * step t's term in dW_hh of `layer` (default: top), which is ‖δ_t‖·‖h_{t−1}‖.
 */
export function perStepGradNorms(model: Model, trace: Trace, targets: number[],
  options?: { truncate?: number; layer?: number }): PerStepGradNorms {
  const { ws, layer } = inspectionBackward(model, trace, targets, options);
  return perStepFromWorkspace(ws, layer);
}

/** What a snapshot needs of one backward pass: the per-step terms, and the flat totals dh and dc. */
export interface InspectionGradients extends PerStepGradNorms {
  /** The loss (Σ over the steps with a target). */
  loss: number;
  /** Total ∂L/∂h_t of the top layer, flat [T][H] (a copy). */
  dhTotal: Float64Array;
  /** LSTM: total ∂L/∂c_t of the top layer, flat [T][H] (a copy); null otherwise. */
  dcTotal: Float64Array | null;
}

/**
 * One backward pass over `trace` for the panels: the per-step terms of {@link perStepGradNorms} and
 * the top layer's total dh (and dc) as flat arrays, without the parameter gradients.
 */
export function inspectionGradients(model: Model, trace: Trace, targets: number[],
  options?: { truncate?: number; layer?: number }): InspectionGradients {
  return drain(inspectionGradientsSteps(model, trace, targets, options, Infinity));
}

/**
 * {@link inspectionGradients} as work that stops between pieces of about `unit` multiply-adds (the
 * backward pass's, see pieces.ts; then the per-step terms a few steps at a time): the same numbers. The weights and
 * the trace must not change until it ends.
 */
export function* inspectionGradientsSteps(model: Model, trace: Trace, targets: number[],
  options?: { truncate?: number; layer?: number }, unit = PIECE_MACS): Pieces<InspectionGradients> {
  const layer = checkLayer(model, options?.layer);
  const { ws, loss } = yield* backwardOnTraceSteps(model, trace, targets, options?.truncate, false, false, unit);
  return {
    ...(yield* perStepPieces(ws, layer, unit)), loss,
    dhTotal: ws.dhTot.slice(0, ws.T * ws.cfg.hiddenSize),
    dcTotal: ws.dcTot ? ws.dcTot.slice(0, ws.T * ws.cfg.hiddenSize) : null,
  };
}

/** The layer asked for (default: the top one); throws when it is not one of the model's. */
function checkLayer(model: Model, asked: number | undefined): number {
  const L = model.config.numLayers;
  const layer = asked ?? L - 1;
  if (!Number.isInteger(layer) || layer < 0 || layer >= L) throw new Error(`layer must be an integer in 0..${L - 1}, got ${String(layer)}`);
  return layer;
}

function inspectionBackward(model: Model, trace: Trace, targets: number[], options?: { truncate?: number; layer?: number }) {
  const layer = checkLayer(model, options?.layer);
  const { ws, loss } = backwardOnTrace(model, trace, targets, options?.truncate, false, false);
  return { ws, layer, loss };
}

function perStepFromWorkspace(ws: Workspace, layer: number): PerStepGradNorms {
  return drain(perStepPieces(ws, layer, Infinity));
}

/** The per-step terms of the workspace's backward pass, stopping every ~`unit` multiply-adds (between two steps). */
function* perStepPieces(ws: Workspace, layer: number, unit: number): Pieces<PerStepGradNorms> {
  const { T } = ws;
  const H = ws.cfg.hiddenSize;
  const GH = ws.G * H;
  const Lw = ws.layers[layer];
  const out: PerStepGradNorms = { dh: [], dWhh: [], dWhhShare: [], dWhhTotal: 0, layer };
  // G = Σ_t δ_t ⊗ h_{t−1}   [GH × H] (row t of Lw.h is h_{t−1})
  const G = new Float64Array(GH * H);
  let spent = 0;
  const full = (): boolean => {
    spent += GH * H;
    if (spent < unit) return false;
    spent = 0;
    return true;
  };
  for (let t = 0; t < T; t++) {
    if (full()) yield;
    out.dh.push(norm(ws.dhTot, t * H, H));
    out.dWhh.push(norm(Lw.dHp, t * GH, GH) * norm(Lw.h, t * H, H));
    for (let r = 0; r < GH; r++) {
      const d = Lw.dHp[t * GH + r]!;
      if (d === 0) continue;
      for (let j = 0; j < H; j++) G[r * H + j] += d * Lw.h[t * H + j]!;
    }
  }
  const total = norm(G, 0, GH * H);
  out.dWhhTotal = total;
  for (let t = 0; t < T; t++) {
    if (full()) yield;
    // ⟨δ_t ⊗ h_{t−1}, G⟩ = δ_tᵀ G h_{t−1}
    let dot = 0;
    for (let r = 0; r < GH; r++) {
      const d = Lw.dHp[t * GH + r]!;
      if (d === 0) continue;
      let gh = 0;
      for (let j = 0; j < H; j++) gh += G[r * H + j]! * Lw.h[t * H + j]!;
      dot += d * gh;
    }
    out.dWhhShare.push(total > 0 ? dot / total : 0);
  }
  if (ws.dcTot !== null) {
    const dc = ws.dcTot;
    out.dc = Array.from({ length: T }, (_, t) => norm(dc, t * H, H));
  }
  return out;
}
