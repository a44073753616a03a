/**
 * One optimizer step on a mini-batch: the gradient averaged over B sequences, clipped by norm or by
 * value, then the optimizer's update (all in the engine's trainBatch). Also the seeded mini-batch
 * sampler, so that the data order of a run depends on its seed alone.
 */
import { createOptimizer, finishBatch, trainBatch, type BatchSum, type Model, type Optimizer, type TrainOptions } from '../engine';
import type { Rng } from '../engine/rng';
import type { Example, Task } from '../engine/tasks/types';
import type { TrainConfig } from './protocol';
import { recordingOptimizer } from './trail';

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
  /** Loss steps over the batch whose most likely output (before the update) was the target. */
  hits: number;
  /** Loss steps over the batch. */
  counted: number;
}

/** The engine's options for a step of this config (clipping, truncation). */
export function trainOptions(c: TrainConfig): TrainOptions {
  const clip = c.clip > 0 ? c.clip : 0;
  const byValue = clip > 0 && c.clipMode === 'value';
  return { clipNorm: clip > 0 && !byValue ? clip : undefined, clipValue: byValue ? clip : undefined, truncate: c.truncate > 0 ? c.truncate : undefined };
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

/** A fresh optimizer of the config's type, learning rate and weight decay (recording each step for the weights panel). */
export function makeOptimizer(c: TrainConfig): Optimizer {
  return recordingOptimizer(configOptimizer(c));
}

function configOptimizer(c: TrainConfig): Optimizer {
  const weightDecay = c.weightDecay > 0 ? c.weightDecay : 0;
  if (c.optimizer === 'sgd') return createOptimizer({ type: 'sgd', lr: c.lr, momentum: c.momentum, weightDecay });
  if (c.optimizer === 'adagrad') return createOptimizer({ type: 'adagrad', lr: c.lr, weightDecay });
  if (c.optimizer === 'adamw') return createOptimizer({ type: 'adamw', lr: c.lr, weightDecay });
  return createOptimizer({ type: 'adam', lr: c.lr, weightDecay });
}

/**
 * One optimizer step of `model` on `batch` (mutates the model's weights and the optimizer's state).
 * Clipping: config.clip > 0 clips the averaged gradient by its norm (clipMode 'norm') or each entry
 * (clipMode 'value'); truncated BPTT with config.truncate > 0.
 */
export function optimizerStep(model: Model, optimizer: Optimizer, batch: Example[], c: TrainConfig, summed?: BatchSum): StepResult {
  let tokens = 0;
  for (const e of batch) tokens += lossSteps(e);
  tokens /= batch.length;
  const options = trainOptions(c);
  const r = summed && summed.items === batch.length
    ? finishBatch(model, optimizer, summed, options)
    : trainBatch(model, optimizer, batch.map((e) => ({ tokens: e.inputs, targets: e.targets })), options);
  return { loss: r.loss, tokens, gradNorm: r.gradNorm, clippedNorm: r.clippedNorm, hits: r.hits, counted: r.counted };
}
