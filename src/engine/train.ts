/**
 * The training fast path: forward, backward, clipping and the optimizer step on the model's cached
 * workspace, with the very kernels forward() and backward() run, so the result is bit-identical to
 * forward → backward → clipGradValue → clipGradNorm → optimizer.step (each clipping when asked).
 * A warm step allocates nothing but its result.
 */
import { runForward } from './kernels-forward';
import { passPieces, PIECE_MACS, type Pieces } from './pieces';
import { runBackward } from './kernels-grad';
import { truncation } from './backward';
import { unflatten } from './model';
import { clipCoef, clipGradValueFlat, isFlatOptimizer, sumSquaresFlat, type Optimizer } from './optim';
import { cachedWorkspace, loadInit, loadInputs, loadTargets, loadTokens, type Workspace } from './workspace';
import type { Model } from './types';

/** Options of a training step. */
export interface TrainOptions {
  /** Clip the total gradient norm to this value (torch's clip_grad_norm_); none when absent. */
  clipNorm?: number;
  /**
   * Clamp every gradient entry to [−clipValue, clipValue] (torch's clip_grad_value_), before the
   * norm clipping when both are given; none when absent.
   */
  clipValue?: number;
  /** Truncated BPTT span (see backward); default: full BPTT. */
  truncate?: number;
}

/** The outcome of a training step. */
export interface TrainResult {
  /** The loss before the update. */
  loss: number;
  /** Total L2 norm of the gradient before any clipping. */
  gradNorm: number;
  /** How many entries the value clipping changed (0 without clipValue). */
  clipped: number;
  /**
   * L2 norm of the gradient the optimizer received: gradNorm when nothing was clipped, the norm of
   * the clamped entries after value clipping, that norm times the clip coefficient after norm clipping.
   */
  clippedNorm: number;
  /** Loss-carrying steps whose most likely output (before the update) was the target, over the batch. */
  hits: number;
  /** Loss-carrying steps over the batch (hits / counted is the step's accuracy). */
  counted: number;
}

/** [hits, counted]: of the steps in ws with a target, how many have the target as their largest logit. */
function countHits(ws: Workspace): [number, number] {
  const V = ws.cfg.outputSize;
  let hits = 0;
  let counted = 0;
  for (let t = 0; t < ws.T; t++) {
    const y = ws.targets[t]!;
    if (y < 0) continue;
    counted++;
    const o = t * V;
    let best = 0;
    for (let v = 1; v < V; v++) if (ws.logits[o + v]! > ws.logits[o + best]!) best = v;
    if (best === y) hits++;
  }
  return [hits, counted];
}

function checkClip(options: TrainOptions | undefined): void {
  const clipNorm = options?.clipNorm;
  if (clipNorm !== undefined && !(clipNorm > 0)) throw new Error(`clipNorm must be a positive number, got ${String(clipNorm)}`);
  const clipValue = options?.clipValue;
  if (clipValue !== undefined && !(clipValue >= 0)) throw new Error(`clipValue must be a non-negative number, got ${String(clipValue)}`);
}

/** Training needs the parameter gradients only (no dInputs, no dH0). */
const WEIGHTS_ONLY = { weights: true, inputs: false, init: false } as const;

/** Forward + backward of one loaded sequence on ws; leaves the gradients in ws.grads. Returns the loss. */
function lossAndGrads(model: Model, ws: Workspace, truncate: number | undefined): number {
  const k = truncation(truncate, ws.T);
  runForward(model.params, ws, true);
  return runBackward(model.params, ws, k, WEIGHTS_ONLY);
}

/**
 * Clips flat gradients g [P] (by value, then by norm, as asked) and applies the optimizer: the same
 * numbers as clipGradValue → clipGradNorm → optimizer.step on the StateDict. Returns the result
 * without the loss. Mutates model and g.
 */
function clipAndStep(model: Model, optimizer: Optimizer, g: Float64Array, options: TrainOptions | undefined,
  loss: number, [hits, counted]: [number, number]): TrainResult {
  const gradNorm = Math.sqrt(sumSquaresFlat(g));
  let norm = gradNorm;
  let clipped = 0;
  const clipValue = options?.clipValue;
  if (clipValue !== undefined) {
    clipped = clipGradValueFlat(g, clipValue);
    if (clipped > 0) norm = Math.sqrt(sumSquaresFlat(g));
  }
  const clipNorm = options?.clipNorm;
  if (clipNorm !== undefined) {
    const coef = clipCoef(norm, clipNorm);
    if (coef !== 1) {
      for (let i = 0; i < g.length; i++) g[i] *= coef;
      norm = norm * coef;
    }
  }
  if (isFlatOptimizer(optimizer)) optimizer.stepFlat(model, g);
  else optimizer.step(model, unflatten(model.layout, g));
  return { loss, gradNorm, clipped, clippedNorm: norm, hits, counted };
}

/** The rest of a one-sequence step once its inputs are in ws: targets, zero state, BPTT, clip, update. */
function stepLoaded(model: Model, optimizer: Optimizer, ws: Workspace, targets: number[],
  options: TrainOptions | undefined): TrainResult {
  loadTargets(ws, targets);
  loadInit(ws);
  const loss = lossAndGrads(model, ws, options?.truncate);
  return clipAndStep(model, optimizer, ws.grads, options, loss, countHits(ws));
}

function sequenceWorkspace(model: Model, T: number): Workspace {
  if (!Number.isInteger(T) || T < 1) throw new Error('inputs must have at least one step (T ≥ 1), got an empty sequence');
  return cachedWorkspace(model, T);
}

/**
 * One training step on one sequence from a zero initial state: inputs [T][inputSize] (one-hot rows
 * are gathered, not multiplied), targets [T] (negative = no loss). Mutates model.params and the
 * optimizer's state. Returns the summed loss, the gradient norm before clipping, and what the
 * clipping did (see {@link TrainResult}). Throws before
 * changing anything when an argument is invalid.
 */
export function trainStep(model: Model, optimizer: Optimizer, inputs: number[][], targets: number[],
  options?: TrainOptions): { loss: number; gradNorm: number } {
  checkClip(options);
  const ws = sequenceWorkspace(model, inputs?.length);
  loadInputs(ws, inputs);
  const { loss, gradNorm } = stepLoaded(model, optimizer, ws, targets, options);
  return { loss, gradNorm };
}

/**
 * {@link trainStep} with the inputs given as token ids [T] (each fed as a one-hot row of
 * inputSize). Same result as trainStep(model, optimizer, oneHotRows(tokens, inputSize), …).
 */
export function trainStepTokens(model: Model, optimizer: Optimizer, tokens: number[], targets: number[],
  options?: TrainOptions): TrainResult {
  checkClip(options);
  const ws = sequenceWorkspace(model, tokens?.length);
  loadTokens(ws, tokens);
  return stepLoaded(model, optimizer, ws, targets, options);
}

/** One sequence of a mini-batch: dense rows `inputs` [T][inputSize] or token ids `tokens` [T]. */
export interface BatchItem { inputs?: number[][]; tokens?: number[]; targets: number[] }

const batchSums = new WeakMap<Model, Float64Array>();

/**
 * One step on a mini-batch of B sequences (lengths may differ): the gradients are averaged over the
 * B sequences, then clipped and applied once. Returns the mean (over sequences) of the summed
 * losses and the norm of the averaged gradient before clipping. Mutates model.params and the
 * optimizer's state; throws before changing anything on an invalid item.
 */
export function trainBatch(model: Model, optimizer: Optimizer, batch: BatchItem[], options?: TrainOptions): TrainResult {
  checkClip(options);
  if (!Array.isArray(batch) || batch.length === 0) throw new Error('batch must hold at least one sequence');
  let sum = batchSums.get(model);
  if (sum === undefined) { sum = new Float64Array(model.params.length); batchSums.set(model, sum); }
  sum.fill(0);
  let loss = 0;
  const hits: [number, number] = [0, 0];
  for (let b = 0; b < batch.length; b++) loss += addItem(model, sum, batch[b]!, options?.truncate, hits);
  return averageAndStep(model, optimizer, sum, batch.length, loss, hits, options);
}

/**
 * Adds one sequence's gradients to `sum` and, to `hits` [hits, counted], how many of its loss steps had
 * the target as their most likely output; returns its loss. Mutates `sum` and `hits`.
 */
function addItem(model: Model, sum: Float64Array, item: BatchItem, truncate: number | undefined,
  hits: [number, number]): number {
  const ws = loadItem(model, item);
  return addGrads(ws, sum, hits, lossAndGrads(model, ws, truncate));
}

/** The model's workspace for `item`, its inputs, targets and a zero initial state loaded. Throws on a bad item. */
function loadItem(model: Model, item: BatchItem): Workspace {
  const tokens = item?.tokens;
  const ws = sequenceWorkspace(model, tokens !== undefined ? tokens.length : item?.inputs?.length as number);
  if (tokens !== undefined) loadTokens(ws, tokens);
  else loadInputs(ws, item.inputs as number[][]);
  loadTargets(ws, item.targets);
  loadInit(ws);
  return ws;
}

/** Adds ws's gradients to `sum` and its hits to `hits` (see addItem); returns `loss`. Mutates sum and hits. */
function addGrads(ws: Workspace, sum: Float64Array, hits: [number, number], loss: number): number {
  const [h, n] = countHits(ws);
  hits[0] += h;
  hits[1] += n;
  const g = ws.grads;
  for (let i = 0; i < g.length; i++) sum[i] += g[i];
  return loss;
}

function averageAndStep(model: Model, optimizer: Optimizer, sum: Float64Array, B: number, loss: number,
  hits: [number, number], options: TrainOptions | undefined): TrainResult {
  for (let i = 0; i < sum.length; i++) sum[i] /= B;
  return clipAndStep(model, optimizer, sum, options, loss / B, [hits[0], hits[1]]);
}

/**
 * A mini-batch's gradients summed one sequence at a time, so that a long step can be spread over
 * several slices of work ({@link addBatchItem}, then {@link finishBatch}): the same numbers as
 * {@link trainBatch} on the same sequences in the same order.
 */
export interface BatchSum { sum: Float64Array; loss: number; items: number; hits: [number, number] }

/** An empty sum for `model`'s gradients. */
export function newBatchSum(model: Model): BatchSum {
  return { sum: new Float64Array(model.params.length), loss: 0, items: 0, hits: [0, 0] };
}

/** Adds one sequence's loss and gradients to `acc` (the weights are not changed). Mutates `acc`. */
export function addBatchItem(model: Model, acc: BatchSum, item: BatchItem, options?: TrainOptions): void {
  acc.loss += addItem(model, acc.sum, item, options?.truncate, acc.hits);
  acc.items++;
}

/**
 * {@link addBatchItem} as work that stops between pieces of about `unit` multiply-adds (each
 * `next()` runs one; see pieces.ts): the same numbers in `acc` once it is done, whatever the split.
 * The weights must not change until it ends. Should another training call on the model take the
 * same buffers in between, the sequence is started again (the same numbers, some time lost).
 * Throws on an invalid item at the first `next()`, changing nothing. Mutates `acc` at the end.
 */
export function* addBatchItemPieces(model: Model, acc: BatchSum, item: BatchItem, options?: TrainOptions,
  unit = PIECE_MACS): Pieces<void> {
  for (;;) {
    const ws = loadItem(model, item);
    const claims = ws.claims;
    const pass = passPieces(model.params, ws, true, truncation(options?.truncate, ws.T), WEIGHTS_ONLY, unit);
    let r = pass.next();
    while (!r.done && ws.claims === claims) {
      yield;
      if (ws.claims === claims) r = pass.next();
    }
    if (!r.done) continue;
    acc.loss += addGrads(ws, acc.sum, acc.hits, r.value);
    acc.items++;
    return;
  }
}

/** The step of a summed mini-batch: averaged, clipped, applied once. Mutates model.params, the optimizer and `acc`. */
export function finishBatch(model: Model, optimizer: Optimizer, acc: BatchSum, options?: TrainOptions): TrainResult {
  checkClip(options);
  if (acc.items === 0) throw new Error('batch must hold at least one sequence');
  return averageAndStep(model, optimizer, acc.sum, acc.items, acc.loss, acc.hits, options);
}
