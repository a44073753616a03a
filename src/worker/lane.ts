/**
 * One model in training (three of them side by side in compare mode): its weights, optimizer,
 * step count, smoothed loss, divergence watch, the copy of its last good weights, and the history
 * points not yet sent.
 */
import { cloneModel, createModel, type BatchSum, type CellType, type Model, type Optimizer } from '../engine';
import type { Example } from '../engine/tasks/types';
import { createHistoryBuffer, type HistoryBuffer } from './history';
import { allFinite, initialMonitor, LOSS_DECAY, observeStep, smoothedLoss, type MonitorState } from './monitor';
import { makeOptimizer, optimizerStep } from './optimize';
import { clearRecent, createRecentAccuracy, pushBatch, type RecentAccuracy } from './recentAccuracy';
import type { Divergence, DivergenceCause, TrainConfig } from './protocol';

/** The cached gradient-flow matrix of a lane. */
export interface FlowCache {
  /** [T][T] */
  data: Float64Array;
  T: number;
  /** The lane's weights version it was computed from. */
  version: number;
  /** The optimizer step it was computed at. */
  step: number;
}

/** The training state of one model. Mutated by {@link trainLane}, {@link rollBack}, {@link replaceWeights}. */
export interface Lane {
  cell: CellType;
  model: Model;
  optimizer: Optimizer;
  /** Optimizer steps taken. */
  step: number;
  monitor: MonitorState;
  /** The weights, step and monitor of the last good step (finite, at or below 3 · ln V). */
  good: { params: Float64Array; step: number; monitor: MonitorState };
  /** Scratch copy of the weights before the current step [P]. */
  before?: Float64Array;
  history: HistoryBuffer;
  /** Hits over the last training batches (judged before each update); cleared when the weights are replaced. */
  recent: RecentAccuracy;
  diverged: Divergence | null;
  /** Increases whenever the weights change (a step, a rescale, a roll-back). */
  version: number;
  flow: FlowCache | null;
  /** Singular values of W_hh (whole, and per gate block) cached per weights version and layer. */
  sigma: { version: number; layer: number; values: Float64Array; blocks: Record<string, Float64Array> } | null;
}

/** A new lane: a fresh model of `cell` initialised from config.seed, and a fresh optimizer. */
export function createLane(cell: CellType, c: TrainConfig, vocabSize: number): Lane {
  const model = createModel({
    cell, inputSize: vocabSize, hiddenSize: c.hidden, outputSize: vocabSize, numLayers: c.layers,
    nonlinearity: c.nonlinearity, seed: c.seed, forgetBias: c.forgetBias,
  });
  const monitor = initialMonitor();
  return {
    cell, model, optimizer: makeOptimizer(c), step: 0, monitor,
    good: { params: new Float64Array(model.params), step: 0, monitor: { ...monitor } },
    history: createHistoryBuffer(), recent: createRecentAccuracy(), diverged: null, version: 0, flow: null, sigma: null,
  };
}

/** The lane's smoothed per-token loss (NaN before the first step). */
export function laneLoss(lane: Lane): number {
  return smoothedLoss(lane.monitor);
}

/**
 * Trains the lane one optimizer step on `batch` (its gradients summed already when `summed` is given) and judges it. On divergence the lane goes back to
 * its last good weights with a fresh optimizer and records the cause; returns the cause or null.
 * Mutates the lane.
 */
export function trainLane(lane: Lane, batch: Example[], c: TrainConfig, vocabSize: number, summed?: BatchSum | null): DivergenceCause | null {
  if (lane.diverged) return lane.diverged.cause;
  let cause: DivergenceCause | null;
  let perToken = NaN;
  let gradNorm = NaN;
  let clippedNorm = NaN;
  // The step's loss judges the weights it was computed with, i.e. those before the update: keep a
  // copy so that a good loss marks them (not the updated ones, which may already be wrecked) as good.
  const before = lane.before && lane.before.length === lane.model.params.length
    ? lane.before : (lane.before = new Float64Array(lane.model.params.length));
  before.set(lane.model.params);
  const monitorBefore = { ...lane.monitor };
  const stepBefore = lane.step;
  try {
    const r = optimizerStep(lane.model, lane.optimizer, batch, c, summed ?? undefined);
    perToken = r.tokens > 0 ? r.loss / r.tokens : 0;
    gradNorm = r.gradNorm;
    clippedNorm = r.clippedNorm;
    pushBatch(lane.recent, r.hits, r.counted);
    const v = observeStep(lane.monitor, perToken, gradNorm, allFinite(lane.model.params), vocabSize);
    cause = v.cause;
  } catch {
    // the engine refuses non-finite numbers in places; a throw during a step is a blow-up too
    cause = Number.isFinite(perToken) ? 'non-finite-gradient' : 'non-finite-loss';
  }
  lane.step++;
  lane.version++;
  lane.history.push(lane.step, perToken, gradNorm, clippedNorm);
  if (cause) {
    lane.diverged = { cause, step: lane.step, restoredStep: lane.good.step };
    rollBack(lane, c);
    return cause;
  }
  if (marksGood(perToken, monitorBefore, vocabSize)) {
    lane.good.params.set(before);
    lane.good.step = stepBefore;
    // the smoothed loss including this step's reading, which measured exactly these weights — unless
    // the readings before them were far worse (weights that recovered): then that reading alone, so
    // the loss shown after a roll-back is the loss of the weights it restores
    lane.good.monitor = restoredMonitor(lane.monitor, perToken);
  }
  return null;
}

/**
 * Whether the weights a step's loss measured count as good: the run had not yet turned bad (its
 * smoothed loss was under the divergence threshold) and their own reading is healthy. A single low
 * reading amid wrecked ones (one short example, batch 1) does not make wrecked weights good. Pure.
 */
export function marksGood(perToken: number, monitorBefore: MonitorState, vocabSize: number): boolean {
  return monitorBefore.above === 0 && isHealthyLoss(perToken, monitorBefore, vocabSize);
}

/**
 * Whether a step's per-token loss shows healthy weights: finite, and no spike — at most 1.5 × the
 * smoothed loss before it (never demanding better than chance, ln V, nor allowing worse than 1.5 × chance). Pure.
 */
export function isHealthyLoss(perToken: number, monitorBefore: MonitorState, vocabSize: number): boolean {
  if (!Number.isFinite(perToken)) return false;
  const chance = Math.log(Math.max(2, vocabSize));
  const smoothed = smoothedLoss(monitorBefore);
  // the spike limit follows the smoothed loss down as the model learns, but never rises above 1.5 × chance
  const limit = Number.isFinite(smoothed) ? Math.min(1.5 * chance, Math.max(1.5 * smoothed, chance)) : 1.5 * chance;
  return perToken <= limit;
}

/**
 * The monitor to keep with good weights whose own loss reading is `reading`: `monitor` as it is, or —
 * when its smoothed loss is more than 1.5 × the reading (the history was far worse than these
 * weights) — a monitor holding only that reading, not yet counting towards divergence. Pure.
 */
export function restoredMonitor(monitor: MonitorState, reading: number): MonitorState {
  if (!(smoothedLoss(monitor) > 1.5 * reading)) return { ...monitor };
  return { ema: (1 - LOSS_DECAY) * reading, n: 1, above: 0 };
}

/**
 * Puts the last good weights back (as a new model object, so no engine cache keeps the bad ones),
 * with a fresh optimizer, the step count and smoothed loss of that moment. Keeps `diverged`.
 */
export function rollBack(lane: Lane, c: TrainConfig): void {
  replaceWeights(lane, lane.good.params);
  lane.optimizer = makeOptimizer(c);
  lane.step = lane.good.step;
  lane.monitor = { ...lane.good.monitor };
}

/** Replaces the lane's weights by `params` [P] (copied) in a new model object; the optimizer is kept. */
export function replaceWeights(lane: Lane, params: Float64Array): void {
  const model = cloneModel(lane.model);
  model.params.set(params);
  lane.model = model;
  lane.version++;
  clearRecent(lane.recent);
  lane.flow = null;
  lane.sigma = null;
}

/** Takes the current weights as the good ones (after a deliberate change such as a rescale). */
export function markGood(lane: Lane): void {
  lane.good.params.set(lane.model.params);
  lane.good.step = lane.step;
  lane.good.monitor = { ...lane.monitor };
}
