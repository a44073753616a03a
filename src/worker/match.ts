/**
 * Match elsewhere (LSTMVis's match): the spans of a text where some units' values are closest to
 * those over a marked span. Pure functions.
 */
import { drain, hiddenStatesSteps, type Model, type Pieces } from '../engine';
import type { Task } from '../engine/tasks/types';
import { FEATURE_CHARS, quantitiesOf } from './neurons';
import type { NeuronMatchAnswer, NeuronMatchRequest } from './protocol';

/** How many spans are listed at most, and how many characters of context each side. */
export const MATCH_LIMIT = 6;
export const MATCH_CONTEXT = 24;

/**
 * The starts of the windows of `n` positions of `values` [T][H] whose values at `units` are closest to
 * `pattern` [n][units.length] (mean squared difference), best first, never overlapping one another.
 */
export function closestSpans(values: Float64Array, T: number, H: number, units: readonly number[], pattern: ArrayLike<number>,
  n: number, limit = MATCH_LIMIT): { start: number; distance: number }[] {
  const k = units.length;
  if (n < 1 || n > T || k === 0) return [];
  const all: { start: number; distance: number }[] = [];
  for (let s = 0; s + n <= T; s++) {
    let d = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) d += (values[(s + i) * H + units[j]!]! - pattern[i * k + j]!) ** 2;
    }
    all.push({ start: s, distance: d / (n * k) });
  }
  all.sort((a, b) => a.distance - b.distance || a.start - b.start);
  const out: { start: number; distance: number }[] = [];
  for (const c of all) {
    if (out.length >= limit) break;
    if (out.every((o) => c.start + n <= o.start || o.start + n <= c.start)) out.push(c);
  }
  return out;
}

/** One cached pass over a text: the same model, weights version, text, layer and quantity are not run again. */
export interface MatchCache { model: Model | null; version: number; key: string; values: Float64Array | null }

export function createMatchCache(): MatchCache {
  return { model: null, version: -1, key: '', values: null };
}

/**
 * Answers a match request over the first FEATURE_CHARS characters of `text` (the training text), for
 * character tasks (else neurons.features.charOnly). Mutates `cache` only.
 */
export function neuronMatch(model: Model, version: number, task: Pick<Task, 'vocab' | 'tokenKind'>, text: string,
  req: NeuronMatchRequest, cache: MatchCache = createMatchCache()): NeuronMatchAnswer {
  return drain(neuronMatchSteps(model, version, task, text, req, cache));
}

/** {@link neuronMatch} as work that stops between chunks of the text (the weights must not change until it ends). */
export function* neuronMatchSteps(model: Model, version: number, task: Pick<Task, 'vocab' | 'tokenKind'>, text: string,
  req: NeuronMatchRequest, cache: MatchCache = createMatchCache()): Pieces<NeuronMatchAnswer> {
  const { id } = req;
  if (task.tokenKind !== 'char') return { id, ok: false, code: 'neurons.features.charOnly' };
  const H = model.config.hiddenSize;
  const units = req.units.filter((u) => Number.isInteger(u) && u >= 0 && u < H);
  const n = Math.floor(req.length);
  if (units.length === 0 || !(n >= 1) || req.pattern.length !== n * req.units.length || units.length !== req.units.length) {
    return { id, ok: false, code: 'neurons.match.none' };
  }
  const chars = Array.from(text).slice(0, FEATURE_CHARS);
  const layer = Math.min(model.config.numLayers - 1, Math.max(0, Math.floor(req.layer) || 0));
  const quantity = quantitiesOf(model).includes(req.quantity) ? req.quantity : 'h';
  const key = `${layer} ${quantity} ${chars.join('')}`;
  if (cache.model !== model || cache.version !== version || cache.key !== key || !cache.values) {
    const index = new Map(task.vocab.map((v, i) => [v, i] as const));
    const ids = chars.map((c) => index.get(c) ?? task.vocab.length - 1);
    cache.values = yield* hiddenStatesSteps(model, ids, layer, quantity);
    cache.model = model;
    cache.version = version;
    cache.key = key;
  }
  const values = cache.values;
  const spans = closestSpans(values, chars.length, H, units, req.pattern, n);
  return {
    id, ok: true, chars: chars.length,
    matches: spans.map(({ start, distance }) => ({
      start, end: start + n, distance,
      before: chars.slice(Math.max(0, start - MATCH_CONTEXT), start).join(''),
      text: chars.slice(start, start + n).join(''),
      after: chars.slice(start + n, start + n + MATCH_CONTEXT).join(''),
    })),
  };
}
