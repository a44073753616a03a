/**
 * The inspection sequence run through a model's current weights: forward and backward, packed into
 * flat Float64Arrays for the panels ({@link ModelSnapshot}). Nothing here changes the weights.
 *
 * The work comes as generators that yield between its parts (pieces of the forward and backward
 * passes and of each singular-value decomposition, about PIECE_MACS multiply-adds each; rows of the
 * flow matrix worth about FLOW_CHUNK_MACS), so the
 * worker can answer a command between two parts of a large snapshot; {@link finish} runs one to its end.
 */
import { forwardSteps, gateCount, gateNames, gradientFlow, inspectionGradientsSteps, oneHotRows, type Model, type Trace } from '../engine';
import { FULL_PROBS_MAX, TOP_K, topTokens } from '../engine/inspection';
import type { Example, Task } from '../engine/tasks/types';
import type { FlowCache, Lane } from './lane';
import { laneLoss } from './lane';
import type { ModelSnapshot } from './protocol';
import { recentAccuracy } from './recentAccuracy';
import { spectrumSteps } from './spectrum';

/** The inspection example: a task example by index (clamped) or the user's sentence, with the encode error if any. */
export function inspectionExample(task: Task, source: { kind: 'example'; index: number } | { kind: 'text'; text: string }):
{ example: Example; error: string | null } {
  if (source.kind === 'text') {
    const r = task.encode(source.text);
    if ('error' in r) return { example: task.examples[0]!, error: r.error };
    return { example: r, error: null };
  }
  const n = task.examples.length;
  const i = Number.isInteger(source.index) ? Math.min(n - 1, Math.max(0, source.index)) : 0;
  return { example: task.examples[i]!, error: null };
}

/** Work that yields between its parts and returns a T at the end. */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to its end (no yielding) and returns its result. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Multiply-adds of one part of the flow matrix (about 30 ms of one core). */
export const FLOW_CHUNK_MACS = 3e7;

/** The recurrent weight matrix of layer `layer` [G·H][H] as a flat copy. */
export function recurrentMatrix(model: Model, layer: number): { data: Float64Array; rows: number; cols: number } {
  const entry = model.layout.find((e) => e.key === `rnn.weight_hh_l${layer}`);
  if (!entry || entry.shape.length !== 2) throw new Error(`no recurrent matrix for layer ${layer}`);
  const [rows, cols] = entry.shape;
  return { data: model.params.slice(entry.offset, entry.offset + entry.size), rows, cols };
}

/**
 * Singular values of the selected layer's W_hh, whole and per gate block (lstm i,f,g,o; gru r,z,n;
 * none for rnn), descending. Mutates lane.sigma (the cache).
 */
export function laneSigma(lane: Lane, layer: number): { values: Float64Array; blocks: Record<string, Float64Array> } {
  return finish(laneSigmaSteps(lane, layer));
}

/** {@link laneSigma} yielding after each decomposition. */
export function* laneSigmaSteps(lane: Lane, layer: number): Steps<NonNullable<Lane['sigma']>> {
  const version = lane.version;
  const W = recurrentMatrix(lane.model, layer);
  const H = W.cols;
  const values = yield* spectrumSteps(W.data, 0, W.rows, H);
  const blocks: Record<string, Float64Array> = {};
  const names = gateNames(lane.model.config.cell);
  if (names.length > 1) { // a single block (the rnn's a) is the whole matrix, already in `values`
    for (const [b, g] of names.entries()) {
      yield;
      blocks[g] = yield* spectrumSteps(W.data, b * H, H, H);
    }
  }
  lane.sigma = { version, layer, values, blocks };
  return lane.sigma;
}

/** Whether the lane's flow matrix or spectrum must be computed now whatever the refresh clock says. */
export function laneStale(lane: Lane, T: number, layer: number): boolean {
  return !lane.flow || lane.flow.T !== T || !lane.sigma || lane.sigma.layer !== layer;
}

/** The flow matrix ‖∂L_t/∂h_k‖ [T][T] of a trace, computed now. */
export function computeFlow(model: Model, trace: Trace, targets: number[], truncate: number): Float64Array {
  return finish(flowSteps(model, trace, targets, truncate));
}

/**
 * {@link computeFlow} a few rows at a time, yielding between them: the engine computes the rows whose
 * targets are kept and leaves the others at 0 (each row is its own sweep back through time), so the
 * rows of each part are asked for with every other target masked (−1).
 */
export function* flowSteps(model: Model, trace: Trace, targets: number[], truncate: number): Steps<Float64Array> {
  const T = targets.length;
  const { hiddenSize: H, outputSize: V, cell } = model.config;
  const perStep = 2 * gateCount(cell) * H * H;
  const reach = truncate > 0 ? truncate : T;
  const out = new Float64Array(T * T);
  for (let from = 0; from < T;) {
    let to = from;
    let cost = 0;
    while (to < T && (to === from || cost < FLOW_CHUNK_MACS)) {
      if (targets[to]! >= 0) cost += V * H + Math.min(to, reach) * perStep;
      to++;
    }
    const part = targets.map((y, t) => (t >= from && t < to ? y : -1));
    const m = gradientFlow(model, trace, part, { truncate: truncate > 0 ? truncate : undefined });
    for (let t = from; t < to; t++) {
      const row = m[t]!;
      for (let k = 0; k < T; k++) out[t * T + k] = row[k] ?? 0;
    }
    from = to;
    if (from < T) yield;
  }
  return out;
}

/** What {@link inspectLane} needs to know besides the lane. */
export interface InspectOptions {
  task: Task;
  example: Example;
  layer: number;
  truncate: number;
  /** Recompute the flow matrix and the spectrum if the weights changed (else the caches are sent). */
  refresh: boolean;
}

/**
 * The lane's {@link ModelSnapshot} on the inspection example: forward, backward, per-step loss and
 * gradient norms, W_hh of the selected layer and its singular values, and the flow matrix (the
 * flow and the spectrum are recomputed when stale, or when `refresh` and the weights changed). Every array is a fresh copy (safe to transfer).
 * Mutates lane.flow and lane.sigma (caches only).
 */
export function inspectLane(lane: Lane, o: InspectOptions): ModelSnapshot {
  return finish(inspectLaneSteps(lane, o));
}

/** {@link inspectLane} yielding between its parts (the lane's weights must not change until it ends). */
export function* inspectLaneSteps(lane: Lane, o: InspectOptions): Steps<ModelSnapshot> {
  const { model } = lane;
  const { example } = o;
  const V = model.config.outputSize;
  const H = model.config.hiddenSize;
  const L = model.config.numLayers;
  const layer = Math.min(L - 1, Math.max(0, o.layer));
  const T = example.inputs.length;
  const targets = example.targets;
  // both passes stop between pieces of about PIECE_MACS multiply-adds (a chunk of steps of a layer)
  const trace = yield* forwardSteps(model, oneHotRows(example.inputs, V));
  yield;
  // one backward pass: the top layer's total dh (and dc) and each step's term of ∂L/∂W_hh
  const grad = yield* inspectionGradientsSteps(model, trace, targets, { truncate: o.truncate > 0 ? o.truncate : undefined, layer });

  const h = new Float64Array(L * T * H);
  const c = model.config.cell === 'lstm' ? new Float64Array(L * T * H) : null;
  const gateKeys = Object.keys(trace.steps[0]!.layers[0]!.gates);
  const gates: Record<string, Float64Array> = {};
  for (const g of gateKeys) gates[g] = new Float64Array(L * T * H);
  // the whole softmax only when small; always each step's top k and p(target)
  const probs = T * V <= FULL_PROBS_MAX ? new Float64Array(T * V) : null;
  const topK = Math.min(V, TOP_K);
  const topIds = new Int32Array(T * topK);
  const topProbs = new Float64Array(T * topK);
  const targetProb = new Float64Array(T);
  const stepLoss = new Float64Array(T);
  const predicted: number[] = [];
  for (let t = 0; t < T; t++) {
    const st = trace.steps[t]!;
    for (let l = 0; l < L; l++) {
      const ls = st.layers[l]!;
      const at = (l * T + t) * H;
      h.set(ls.h, at);
      if (c && ls.c) c.set(ls.c, at);
      const gs = ls.gates as unknown as Record<string, Float64Array>;
      for (const g of gateKeys) gates[g]!.set(gs[g]!, at);
    }
    probs?.set(st.probs, t * V);
    let best = 0;
    for (let v = 1; v < V; v++) if (st.probs[v]! > st.probs[best]!) best = v;
    predicted.push(best);
    topTokens(st.probs, 0, V, topK, topIds, topProbs, t * topK);
    const y = targets[t]!;
    targetProb[t] = y >= 0 ? st.probs[y]! : NaN;
    stepLoss[t] = y >= 0 ? -Math.log(st.probs[y]!) : NaN;
  }
  yield;
  const dh = grad.dhTotal;
  const dc = grad.dcTotal;
  const dWhhStep = Float64Array.from(grad.dWhh);
  const dWhhShare = Float64Array.from(grad.dWhhShare);
  const dWhhTotal = grad.dWhhTotal;

  let flow: FlowCache | null = lane.flow && lane.flow.T === T ? lane.flow : null;
  if (!flow || (o.refresh && flow.version !== lane.version)) {
    const { version, step } = lane;
    flow = { data: yield* flowSteps(model, trace, targets, o.truncate), T, version, step };
    lane.flow = flow;
    yield;
  }
  const W = recurrentMatrix(model, layer);
  const fresh = lane.sigma && lane.sigma.layer === layer && (!o.refresh || lane.sigma.version === lane.version);
  const sigma = fresh ? lane.sigma! : yield* laneSigmaSteps(lane, layer);
  const blockSigma: Record<string, Float64Array> = {};
  for (const [g, v] of Object.entries(sigma.blocks)) blockSigma[g] = v.slice();
  const accuracy = o.task.accuracy ? o.task.accuracy(example, predicted) : null;
  const trainAccuracy = o.task.accuracy ? recentAccuracy(lane.recent) : null;
  return {
    cell: model.config.cell, layers: L, hidden: H, vocabSize: V, step: lane.step, loss: laneLoss(lane),
    accuracy, trainAccuracy, T, inputs: example.inputs.slice(), targets: targets.slice(),
    h, c, gates, probs, topK, topIds, topProbs, targetProb, stepLoss, dh, dc, dWhhStep, dWhhShare, dWhhTotal,
    flow: flow ? flow.data.slice() : null, flowStep: flow ? flow.step : null,
    Whh: W.data, sigma: sigma.values.slice(), blockSigma, layer,
  };
}
