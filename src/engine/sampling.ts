/**
 * Sampling from the readout: temperature, top-k and autoregressive generation.
 */
import { forward } from './forward';
import { runForward } from './kernels-forward';
import { argmax, oneHotRows } from './tokens';
import { createWorkspace, loadTokens } from './workspace';
import type { Rng } from './rng';
import type { InitState, Model } from './types';

/** softmax(logits / temperature) [V]. temperature 0 gives a one-hot at the argmax. Throws on temperature < 0. */
export function softmaxWithTemperature(logits: ArrayLike<number>, temperature: number): number[] {
  if (typeof temperature !== 'number' || !(temperature >= 0) || !Number.isFinite(temperature)) {
    throw new Error(`temperature must be a non-negative number, got ${String(temperature)}`);
  }
  const V = logits.length;
  const out = new Array<number>(V).fill(0);
  if (V === 0) return out;
  if (temperature === 0) { out[argmax(logits)] = 1; return out; }
  let m = -Infinity;
  for (let i = 0; i < V; i++) if (logits[i] > m) m = logits[i];
  let s = 0;
  for (let i = 0; i < V; i++) { out[i] = Math.exp((logits[i] - m) / temperature); s += out[i]; }
  for (let i = 0; i < V; i++) out[i] /= s;
  return out;
}

/** Sampling settings. */
export interface SampleOptions {
  /** Default 1; 0 = greedy (argmax). */
  temperature?: number;
  /** Keep only the k most likely tokens (ties by lower id); default all. */
  topK?: number;
  /** Whether the values given are logits (default) or probabilities. */
  input?: 'logits' | 'probs';
}

/**
 * A token id drawn from softmax(logits / temperature) restricted to the top-k entries (or from
 * probabilities, with `input: 'probs'`, read as logits log p). Uses exactly one rng.next() unless
 * greedy; deterministic given the generator's state. Mutates `rng`.
 */
export function sampleToken(probsOrLogits: ArrayLike<number>, rng: Rng, options?: SampleOptions): number {
  const V = probsOrLogits.length;
  if (V === 0) throw new Error('cannot sample from an empty distribution');
  const temperature = options?.temperature ?? 1;
  const logits = Array.from(probsOrLogits, (x) => (options?.input === 'probs' ? Math.log(x) : x));
  const topK = options?.topK;
  if (topK !== undefined && (!Number.isInteger(topK) || topK < 1)) throw new Error(`topK must be a positive integer, got ${String(topK)}`);
  if (topK !== undefined && topK < V) {
    const order = logits.map((_, i) => i).sort((a, b) => logits[b] - logits[a] || a - b);
    for (let r = topK; r < V; r++) logits[order[r]] = -Infinity;
  }
  const p = softmaxWithTemperature(logits, temperature);
  if (temperature === 0) return argmax(p);
  const u = rng.next();
  let acc = 0;
  let last = 0;
  for (let i = 0; i < V; i++) {
    if (p[i] <= 0) continue;
    acc += p[i];
    last = i;
    if (u < acc) return i;
  }
  return last; // rounding left u above the total
}

/**
 * Generates `length` token ids: runs the model over startTokens (ids < inputSize, at least one),
 * then repeatedly samples the next token from the last logits and feeds its one-hot row.
 * Requires outputSize ≤ inputSize. Mutates `rng` only.
 */
export function generate(model: Model, startTokens: number[], length: number, rng: Rng,
  options?: SampleOptions & { init?: InitState }): number[] {
  const { inputSize: I, outputSize: V, hiddenSize: H } = model.config;
  if (V > I) throw new Error(`generate feeds sampled tokens back: outputSize ${V} must not exceed inputSize ${I}`);
  if (!Array.isArray(startTokens) || startTokens.length < 1) throw new Error('startTokens must hold at least one token id');
  if (!Number.isInteger(length) || length < 0) throw new Error(`length must be a non-negative integer, got ${String(length)}`);
  const trace = forward(model, oneHotRows(startTokens, I), options?.init);
  const last = trace.steps[trace.steps.length - 1];
  const ws = createWorkspace(model, 1);
  ws.layers.forEach((Lw, l) => {
    Lw.h.set(last.layers[l].h, H); // row 1 holds the state to carry into row 0
    if (Lw.c !== null) Lw.c.set(last.layers[l].c as Float64Array, H);
  });
  let logits: ArrayLike<number> = last.logits;
  const out: number[] = [];
  for (let n = 0; n < length; n++) {
    const tok = sampleToken(logits, rng, options);
    out.push(tok);
    if (n === length - 1) break;
    for (const Lw of ws.layers) {
      Lw.h.copyWithin(0, H, 2 * H);
      if (Lw.c !== null) Lw.c.copyWithin(0, H, 2 * H);
    }
    loadTokens(ws, [tok]);
    runForward(model.params, ws, false);
    logits = ws.logits;
  }
  return out;
}
