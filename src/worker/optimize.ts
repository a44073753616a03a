/**
 * One optimizer step on a mini-batch: the gradient averaged over B sequences, clipped by norm or by
 * value, then the optimizer's update. Also the seeded mini-batch sampler, so that the data order of a
 * run depends on its seed alone.
 */
import {
  backward, clipGradValue, createOptimizer, forward, trainBatch, type Model, type Optimizer, type StateDict,
} from '../engine';
import type { Rng } from '../engine/rng';
import type { Example, Task } from '../engine/tasks/types';
import { oneHot } from './tokens';
import type { TrainConfig } from './protocol';

/** What one optimizer step did. */
export interface StepResult {
  /** Mean over the batch of the summed sequence loss (nats). */
  loss: number;
  /** Mean over the batch of the number of loss-carrying steps. */
  tokens: number;
  /** Total L2 norm of the averaged gradient before clipping. */
  gradNorm: number;
  /** Its norm after clipping (equal to gradNorm when nothing was clipped). */
  clippedNorm: number;
}

/** Draws B training examples from the task. Mutates `rng` (through task.sample). */
export function sampleBatch(task: Task, rng: Rng, B: number): Example[] {
  const out: Example[] = [];
  for (let b = 0; b < B; b++) out.push(task.sample(rng));
  return out;
}

/** Number of loss-carrying steps (targets ≥ 0) of an example. */
export function lossSteps(e: Example): number {
  let n = 0;
  for (const y of e.targets) if (y >= 0) n++;
  return n;
}

/** A fresh optimizer of the config's type and learning rate. */
export function makeOptimizer(c: TrainConfig): Optimizer {
  if (c.optimizer === 'sgd') return createOptimizer({ type: 'sgd', lr: c.lr, momentum: c.momentum });
  if (c.optimizer === 'adagrad') return createOptimizer({ type: 'adagrad', lr: c.lr });
  return createOptimizer({ type: 'adam', lr: c.lr });
}

/** Mean of B gradients (StateDicts of equal shape), one flat vector [P] in state_dict order. */
function meanFlat(model: Model, all: StateDict[]): Float64Array {
  const out = new Float64Array(model.params.length);
  for (const g of all) {
    for (const e of model.layout) {
      const v = g[e.key]!;
      let i = e.offset;
      if (e.shape.length === 2) for (const row of v as number[][]) for (const x of row) out[i++] += x;
      else for (const x of v as number[]) out[i++] += x;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] /= all.length;
  return out;
}

/** The value-clipping path: forward and backward per sequence, mean, clip each entry, step. */
function valueClipStep(model: Model, optimizer: Optimizer, batch: Example[], clip: number, truncate: number | undefined):
{ loss: number; gradNorm: number; clippedNorm: number } {
  const V = model.config.inputSize;
  let loss = 0;
  const grads: StateDict[] = [];
  for (const e of batch) {
    const bw = backward(model, forward(model, oneHot(e.inputs, V)), e.targets, { truncate });
    loss += bw.loss;
    grads.push(bw.grads);
  }
  const g = meanFlat(model, grads);
  const sd = unflatten(model, g);
  const gradNorm = Math.sqrt(sumSquares(g));
  clipGradValue(sd, clip);
  let after = 0;
  for (const v of Object.values(sd)) for (const row of v) {
    if (typeof row === 'number') after += row * row;
    else for (const x of row) after += x * x;
  }
  optimizer.step(model, sd);
  return { loss: loss / batch.length, gradNorm, clippedNorm: Math.sqrt(after) };
}

function sumSquares(g: Float64Array): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) s += g[i]! * g[i]!;
  return s;
}

/** A flat gradient [P] as a StateDict of plain arrays. */
function unflatten(model: Model, g: Float64Array): StateDict {
  const out: StateDict = {};
  for (const e of model.layout) {
    if (e.shape.length === 2) {
      const [rows, cols] = e.shape;
      const m: number[][] = [];
      for (let r = 0; r < rows; r++) m.push(Array.from(g.subarray(e.offset + r * cols, e.offset + (r + 1) * cols)));
      out[e.key] = m;
    } else out[e.key] = Array.from(g.subarray(e.offset, e.offset + e.size));
  }
  return out;
}

/**
 * One optimizer step of `model` on `batch` (mutates the model's weights and the optimizer's state).
 * Clipping: config.clip > 0 clips the averaged gradient by its norm (clipMode 'norm') or each entry
 * (clipMode 'value'); truncated BPTT with config.truncate > 0.
 */
export function optimizerStep(model: Model, optimizer: Optimizer, batch: Example[], c: TrainConfig): StepResult {
  const clip = c.clip > 0 ? c.clip : 0;
  const truncate = c.truncate > 0 ? c.truncate : undefined;
  let tokens = 0;
  for (const e of batch) tokens += lossSteps(e);
  tokens /= batch.length;
  if (clip > 0 && c.clipMode === 'value') return { ...valueClipStep(model, optimizer, batch, clip, truncate), tokens };
  const r = trainBatch(model, optimizer, batch.map((e) => ({ tokens: e.inputs, targets: e.targets })), {
    clipNorm: clip > 0 ? clip : undefined, truncate,
  });
  const gradNorm = r.gradNorm;
  const clippedNorm = clip > 0 && gradNorm > clip ? gradNorm * (clip / (gradNorm + 1e-6)) : gradNorm;
  return { loss: r.loss, tokens, gradNorm, clippedNorm };
}
