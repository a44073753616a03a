/**
 * What the panels ask of a model besides training: generated text, the W_hh rescale of the spectral
 * lens, and the gradient check of one weight.
 */
import {
  generate, gradCheck, oneHotRows, recurrentBlocks, rescaleRecurrent, type GateBlock, type GradCheckResult, type Model,
} from '../engine';
import type { Rng } from '../engine/rng';
import type { Example, Task } from '../engine/tasks/types';
import { replaceWeights, type Lane } from './lane';
import { joinTokens } from './tokens';

/** Generated text: the continuation after the prime, as display text and token ids. */
export interface SampleResult { text: string; tokens: number[] }

/** Longest generated continuation. */
export const MAX_SAMPLE = 2000;

/** The prime's tokens that are in the vocabulary (characters, or whitespace-separated words). */
export function primeTokens(task: Task, prime: string): number[] {
  const parts = task.tokenKind === 'word' ? prime.split(/\s+/u).filter(Boolean) : Array.from(prime);
  const out: number[] = [];
  for (const p of parts) {
    const id = task.vocab.indexOf(p);
    if (id >= 0) out.push(id);
  }
  return out;
}

/**
 * Runs the prime through the model, then feeds each drawn token back in, `length` times.
 * Mutates `rng` only.
 */
export function sampleText(model: Model, task: Task, rng: Rng,
  o: { length: number; temperature: number; topK: number; prime: string }): SampleResult {
  const n = Math.max(0, Math.min(MAX_SAMPLE, Math.floor(o.length) || 0));
  let feed = primeTokens(task, o.prime);
  if (feed.length === 0) feed = [task.examples[0]!.inputs[0]!];
  // the engine's generate: one workspace for the whole continuation, the state carried in place
  const tokens = generate(model, feed, n, rng, {
    temperature: o.temperature > 0 ? o.temperature : 0,
    topK: o.topK > 0 ? Math.floor(o.topK) : undefined,
  });
  return { text: joinTokens(task.vocab, tokens, task.tokenKind), tokens };
}

/**
 * Rescales W_hh of `layer` in each lane so its largest singular value is sigmaMax: the whole matrix
 * ('all') or one gate block (lstm i,f,g,o; gru r,z,n). Lanes whose cell has no such block are left
 * as they are; throws when no lane has it. Mutates the lanes (new weights, caches cleared).
 */
export function rescaleLanes(lanes: readonly Lane[], layer: number, sigmaMax: number, block: string): void {
  let done = 0;
  for (const lane of lanes) {
    const names = recurrentBlocks(lane.model, layer).map((b) => b.name as string);
    if (block !== 'all' && !names.includes(block)) continue;
    const next = rescaleRecurrent(lane.model, { layer, sigmaMax, block: block as GateBlock });
    replaceWeights(lane, next.params);
    done++;
  }
  if (done === 0) throw new Error(`no model has the recurrent block ${block}`);
}

/** {@link gradCheck} of one weight on the example (full BPTT: a truncated gradient is not the loss's derivative). */
export function gradCheckLane(model: Model, example: Example, key: string, row: number, col: number): GradCheckResult {
  const V = model.config.inputSize;
  const isMatrix = model.layout.find((e) => e.key === key)?.shape.length === 2;
  return gradCheck(model, oneHotRows(example.inputs, V), example.targets, key, row, isMatrix ? col : undefined);
}
