/**
 * The neuron explorer's side in the worker: a passage read into tokens of the task's vocabulary, run
 * through a model's current weights, one quantity of one layer read out after every token, and the
 * units ranked by how well they separate marked positions from the rest. Pure functions of their
 * arguments (the one-entry cache only saves re-running an unchanged passage). The passage runs through
 * the engine's hiddenStates (the recurrence up to the chosen layer, nothing else): 2 000 characters at
 * H = 128 cost tens of milliseconds (`npm run bench:neurons`).
 */
import { drain, hiddenStatesSteps, stateQuantities, type Model, type Pieces } from '../engine';
import type { Task } from '../engine/tasks/types';
import { featureUnits, textFeatures } from './features';
import { NEURON_MAX_CHARS, type NeuronAnswer, type NeuronFeatureAnswer, type NeuronFeatureRequest, type NeuronMarks, type NeuronRank, type NeuronRequest } from './protocol';

/** How many units the ranking lists at most. */
export const RANK_SIZE = 10;

/** A passage as token ids with their display strings, or an i18n key (neurons.error.*) and its params. */
export type PassageResult = { ids: number[]; tokens: string[]; sep: string } | { error: string; params: Record<string, string | number> };

/**
 * Reads `text` as tokens of the task's vocabulary: characters (every one must be in it), or — for word
 * and symbol tasks — whitespace-separated pieces, each a token or a run of tokens by longest match
 * (words are lower-cased). Empty, too long (more than NEURON_MAX_CHARS characters) or unknown → an error.
 */
export function passageTokens(task: Pick<Task, 'vocab' | 'tokenKind'>, text: string): PassageResult {
  const chars = Array.from(text);
  if (chars.length > NEURON_MAX_CHARS) return { error: 'neurons.error.tooLong', params: { max: NEURON_MAX_CHARS, length: chars.length } };
  if (text.trim() === '') return { error: 'neurons.error.empty', params: {} };
  const index = new Map(task.vocab.map((v, i) => [v, i] as const));
  const maxLen = Math.max(1, ...task.vocab.map((v) => Array.from(v).length));
  const word = task.tokenKind === 'word';
  const pieces = task.tokenKind === 'char' ? [chars] : (word ? text.toLowerCase() : text).split(/\s+/u).filter(Boolean).map((p) => Array.from(p));
  const ids: number[] = [];
  const unknown: string[] = [];
  for (const piece of pieces) {
    let i = 0;
    while (i < piece.length) {
      let taken = 0;
      if (maxLen === 1) {
        // a vocabulary of single characters: one lookup per character
        const id = index.get(piece[i]!);
        if (id !== undefined) {
          ids.push(id);
          i++;
          continue;
        }
      }
      for (let len = Math.min(maxLen, piece.length - i); len >= 1; len--) {
        const id = index.get(piece.slice(i, i + len).join(''));
        if (id !== undefined) {
          ids.push(id);
          taken = len;
          break;
        }
      }
      if (taken === 0) {
        const bad = task.tokenKind === 'char' ? piece[i]! : piece.join('');
        if (!unknown.includes(bad)) unknown.push(bad);
        taken = task.tokenKind === 'char' ? 1 : piece.length - i;
      }
      i += taken;
    }
  }
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).map((u) => `“${u === '\n' ? '↵' : u}”`).join(' ');
    return { error: 'neurons.error.unknown', params: { tokens: shown, count: unknown.length } };
  }
  return { ids, tokens: ids.map((id) => task.vocab[id]!), sep: word ? ' ' : '' };
}

/** Where each token starts and ends in the display text (tokens joined by `sep`), in UTF-16 units. */
export function tokenSpans(tokens: readonly string[], sep: string): { text: string; start: number[]; end: number[] } {
  const start: number[] = [];
  const end: number[] = [];
  let at = 0;
  tokens.forEach((tok, k) => {
    if (k > 0) at += sep.length;
    start.push(at);
    at += tok.length;
    end.push(at);
  });
  return { text: tokens.join(sep), start, end };
}

/**
 * The token positions a pattern marks: every token overlapping a (non-empty) match of the regular
 * expression in the display text. Plain text is a pattern that matches itself. An invalid expression →
 * the i18n key neurons.error.pattern.
 */
export function patternMarks(tokens: readonly string[], sep: string, pattern: string): { marked: number[] } | { error: string } {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'gu');
  } catch {
    return { error: 'neurons.error.pattern' };
  }
  const { text, start, end } = tokenSpans(tokens, sep);
  const T = tokens.length;
  const on = new Uint8Array(T);
  // matches come in increasing order and tokens are in text order: one forward walk over the tokens
  let first = 0;
  for (const m of text.matchAll(re)) {
    const a = m.index;
    const b = a + m[0].length;
    if (b === a) continue;
    while (first < T && end[first]! <= a) first++;
    for (let k = first; k < T && start[k]! < b; k++) on[k] = 1;
  }
  const marked: number[] = [];
  on.forEach((v, k) => { if (v) marked.push(k); });
  return { marked };
}

/**
 * Ranks the H units of `values` [T][H] by how they separate the marked positions from the others: the
 * difference of the two means over their pooled standard deviation (Cohen's d; a floor of 1e-6 on the
 * deviation keeps it finite). Best (largest |d|) first, ties by unit; empty when either side is empty.
 */
export function rankUnits(values: Float64Array, T: number, H: number, marked: readonly number[], limit = RANK_SIZE): NeuronRank[] {
  const on = new Uint8Array(T);
  for (const k of marked) if (k >= 0 && k < T) on[k] = 1;
  let n1 = 0;
  for (let t = 0; t < T; t++) n1 += on[t]!;
  const n0 = T - n1;
  if (n1 === 0 || n0 === 0) return [];
  // row by row (the values' own order), every unit's sums at once: [H] each
  const s1 = new Float64Array(H);
  const s0 = new Float64Array(H);
  for (let t = 0; t < T; t++) {
    const s = on[t] ? s1 : s0;
    const r = t * H;
    for (let j = 0; j < H; j++) s[j] += values[r + j]!;
  }
  const m1 = new Float64Array(H);
  const m0 = new Float64Array(H);
  for (let j = 0; j < H; j++) { m1[j] = s1[j]! / n1; m0[j] = s0[j]! / n0; }
  const q1 = s1.fill(0);
  const q0 = s0.fill(0);
  for (let t = 0; t < T; t++) {
    const inside = on[t] === 1;
    const q = inside ? q1 : q0;
    const m = inside ? m1 : m0;
    const r = t * H;
    for (let j = 0; j < H; j++) q[j] += (values[r + j]! - m[j]!) ** 2;
  }
  const out: NeuronRank[] = [];
  for (let j = 0; j < H; j++) {
    const pooled = Math.sqrt((q1[j]! + q0[j]!) / Math.max(1, T - 2));
    const score = (m1[j]! - m0[j]!) / Math.max(pooled, 1e-6);
    out.push({ unit: j, score: Number.isFinite(score) ? score : 0 });
  }
  out.sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || a.unit - b.unit);
  return out.slice(0, limit);
}

/** The quantities a model offers: h, then c (lstm), then its gates (rnn: the pre-activation a). */
export function quantitiesOf(model: Model): string[] {
  return stateQuantities(model);
}

/** The last pass kept by a host: the same passage, layer and quantity through the same weights is not run again. */
export interface NeuronCache { model: Model | null; version: number; key: string; values: Float64Array | null }

export function createNeuronCache(): NeuronCache {
  return { model: null, version: -1, key: '', values: null };
}

/**
 * Answers a neuron request on `model` (weights version `version`, for the cache) and `task`; `inspected`
 * are the token ids of the inspection sequence (used when request.text is null). Mutates `cache` only.
 */
export function neuronPass(model: Model, version: number, task: Pick<Task, 'vocab' | 'tokenKind'>, inspected: readonly number[],
  req: NeuronRequest, cache: NeuronCache = createNeuronCache()): NeuronAnswer {
  return drain(neuronPassSteps(model, version, task, inspected, req, cache));
}

/** {@link neuronPass} as work that stops between chunks of the passage (the weights must not change until it ends). */
export function* neuronPassSteps(model: Model, version: number, task: Pick<Task, 'vocab' | 'tokenKind'>, inspected: readonly number[],
  req: NeuronRequest, cache: NeuronCache = createNeuronCache()): Pieces<NeuronAnswer> {
  const { id } = req;
  let p: PassageResult;
  if (req.text === null) {
    p = { ids: inspected.slice(), tokens: inspected.map((t) => task.vocab[t] ?? '?'), sep: task.tokenKind === 'word' ? ' ' : '' };
  } else p = passageTokens(task, req.text);
  if ('error' in p) return { id, ok: false, code: p.error, params: p.params };
  const H = model.config.hiddenSize;
  const L = model.config.numLayers;
  const layer = Math.min(L - 1, Math.max(0, Math.floor(req.layer) || 0));
  const quantities = quantitiesOf(model);
  const quantity = quantities.includes(req.quantity) ? req.quantity : 'h';
  const key = `${layer} ${quantity} ${p.ids.join(',')}`;
  if (cache.model !== model || cache.version !== version || cache.key !== key || !cache.values) {
    cache.values = yield* hiddenStatesSteps(model, p.ids, layer, quantity);
    cache.model = model;
    cache.version = version;
    cache.key = key;
  }
  const T = p.ids.length;
  // a copy: the answer's buffer is transferred to the page, the cache keeps its own
  const values = cache.values.slice();
  let marked: number[] = [];
  let findError: string | null = null;
  const marks: NeuronMarks = req.marks;
  if (marks?.kind === 'pattern' && marks.pattern !== '') {
    const r = patternMarks(p.tokens, p.sep, marks.pattern);
    if ('error' in r) findError = r.error;
    else marked = r.marked;
  } else if (marks?.kind === 'positions') {
    marked = [...new Set(marks.positions.filter((k) => Number.isInteger(k) && k >= 0 && k < T))].sort((a, b) => a - b);
  }
  return {
    id, ok: true, tokens: p.tokens, sep: p.sep, inspected: req.text === null,
    cell: model.config.cell, layers: L, hidden: H, layer, quantity, quantities, values, marked,
    ranking: rankUnits(values, T, H, marked), findError,
  };
}

/** How many characters of the training text the feature search reads. */
export const FEATURE_CHARS = 2000;

/**
 * Which units track simple features of `text` (the training text; its first FEATURE_CHARS characters,
 * unknown ones read as the vocabulary's last token, as the character model does): each feature's best
 * unit by Pearson's r over the positions. Only for character tasks (else the i18n key neurons.features.charOnly).
 */
export function neuronFeatures(model: Model, task: Pick<Task, 'vocab' | 'tokenKind'>, text: string, req: NeuronFeatureRequest): NeuronFeatureAnswer {
  return drain(neuronFeaturesSteps(model, task, text, req));
}

/** {@link neuronFeatures} as work that stops between chunks of the text (the weights must not change until it ends). */
export function* neuronFeaturesSteps(model: Model, task: Pick<Task, 'vocab' | 'tokenKind'>, text: string,
  req: NeuronFeatureRequest): Pieces<NeuronFeatureAnswer> {
  const { id } = req;
  if (task.tokenKind !== 'char') return { id, ok: false, code: 'neurons.features.charOnly' };
  const chars = Array.from(text).slice(0, FEATURE_CHARS);
  if (chars.length < 2) return { id, ok: false, code: 'neurons.error.empty' };
  const index = new Map(task.vocab.map((v, i) => [v, i] as const));
  const ids = chars.map((c) => index.get(c) ?? task.vocab.length - 1);
  const H = model.config.hiddenSize;
  const layer = Math.min(model.config.numLayers - 1, Math.max(0, Math.floor(req.layer) || 0));
  const quantity = quantitiesOf(model).includes(req.quantity) ? req.quantity : 'h';
  const values = yield* hiddenStatesSteps(model, ids, layer, quantity);
  const matches = featureUnits(values, chars.length, H, textFeatures(chars));
  return { id, ok: true, layer, quantity, chars: chars.length, matches };
}
