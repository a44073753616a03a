/**
 * Creating, loading, saving and copying models. Parameters live in one flat Float64Array in
 * state_dict order (see layout.ts).
 */
import { createRng } from './rng';
import { layoutSize, normalizeConfig, paramLayout } from './layout';
import type { Model, ModelConfig, NormalizedConfig, ParamEntry, StateDict, StateDictInput } from './types';

function makeModel(config: NormalizedConfig, params: Float64Array): Model {
  return { config, params, layout: paramLayout(config), cache: new Map() };
}

/**
 * A new model with PyTorch's default initialisation: every parameter (fc included, whose
 * in_features is H) drawn from U(−1/√H, 1/√H) by `createRng(seed)`, in state_dict order, row-major.
 * Throws an Error naming the bad field when the config is invalid.
 */
export function createModel(config: ModelConfig): Model {
  const c = normalizeConfig(config);
  const P = layoutSize(paramLayout(c));
  const params = new Float64Array(P);
  const rng = createRng(c.seed);
  const bound = 1 / Math.sqrt(c.hiddenSize);
  for (let i = 0; i < P; i++) params[i] = rng.uniform(-bound, bound);
  if (c.forgetBias !== undefined) setForgetBias(c, params, c.forgetBias);
  return makeModel(c, params);
}

/** Sets the forget-gate rows (H..2H) of every layer's bias_ih to `value` and of bias_hh to 0. Mutates `params`. */
function setForgetBias(c: NormalizedConfig, params: Float64Array, value: number): void {
  const H = c.hiddenSize;
  for (const e of paramLayout(c)) {
    const isIh = /^rnn\.bias_ih_l\d+$/.test(e.key);
    if (!isIh && !/^rnn\.bias_hh_l\d+$/.test(e.key)) continue;
    params.fill(isIh ? value : 0, e.offset + H, e.offset + 2 * H);
  }
}

function shapeOf(v: unknown): string {
  if (!isArrayLike(v)) return typeof v;
  const n = v.length;
  if (n > 0 && isArrayLike(v[0])) return `[${n}][${(v[0] as ArrayLike<unknown>).length}]`;
  return `[${n}]`;
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || ArrayBuffer.isView(v);
}

function expected(e: ParamEntry): string {
  return e.shape.length === 2 ? `[${e.shape[0]}][${e.shape[1]}]` : `[${e.shape[0]}]`;
}

/**
 * Copies one StateDict tensor into `out` at e.offset, checking its shape and that every number is
 * finite. Throws an Error naming the key, the expected and the actual shape. Mutates `out`.
 */
export function readTensor(e: ParamEntry, v: unknown, out: Float64Array, allowNonFinite = false): void {
  const bad = (why: string): Error =>
    new Error(`state dict "${e.key}": ${why} (expected shape ${expected(e)}, got ${shapeOf(v)})`);
  if (!isArrayLike(v)) throw bad('not an array');
  const [rows, cols] = e.shape;
  if (v.length !== rows) throw bad('wrong number of rows');
  for (let r = 0; r < rows; r++) {
    const row = v[r];
    if (cols === undefined) {
      if (typeof row !== 'number') throw bad(`entry ${r} is not a number`);
      if (!allowNonFinite && !Number.isFinite(row)) throw bad(`entry ${r} is not finite (${row})`);
      out[e.offset + r] = row;
      continue;
    }
    if (!isArrayLike(row) || row.length !== cols) {
      throw bad(`row ${r} has ${isArrayLike(row) ? row.length : 'no'} columns`);
    }
    const base = e.offset + r * cols;
    for (let j = 0; j < cols; j++) {
      const x = row[j];
      if (typeof x !== 'number') throw bad(`entry [${r}][${j}] is not a number`);
      if (!allowNonFinite && !Number.isFinite(x)) throw bad(`entry [${r}][${j}] is not finite (${x})`);
      out[base + j] = x;
    }
  }
}

/**
 * Reads a whole StateDict into a flat vector in layout order. Throws on a missing key, an unknown
 * key, a wrong shape or (unless allowed) a non-finite number.
 */
export function flattenStateDict(layout: readonly ParamEntry[], sd: StateDictInput, out?: Float64Array,
  allowNonFinite = false): Float64Array {
  if (sd === null || typeof sd !== 'object') throw new Error('state dict must be an object');
  const flat = out ?? new Float64Array(layoutSize(layout));
  const known = new Set(layout.map((e) => e.key));
  for (const k of Object.keys(sd)) {
    if (!known.has(k)) throw new Error(`state dict has an unknown key "${k}" (expected keys: ${[...known].join(', ')})`);
  }
  for (const e of layout) {
    if (!(e.key in sd)) throw new Error(`state dict is missing key "${e.key}" (expected shape ${expected(e)})`);
    readTensor(e, sd[e.key], flat, allowNonFinite);
  }
  return flat;
}

/** Writes a flat vector [P] as a StateDict of plain nested arrays (keys in state_dict order). */
export function unflatten(layout: readonly ParamEntry[], flat: Float64Array): StateDict {
  const sd: StateDict = {};
  for (const e of layout) {
    if (e.shape.length === 2) {
      const [rows, cols] = e.shape;
      const m: number[][] = new Array(rows);
      for (let r = 0; r < rows; r++) m[r] = Array.from(flat.subarray(e.offset + r * cols, e.offset + (r + 1) * cols));
      sd[e.key] = m;
    } else {
      sd[e.key] = Array.from(flat.subarray(e.offset, e.offset + e.size));
    }
  }
  return sd;
}

/**
 * A model from a config and PyTorch-layout weights (keys "rnn.weight_ih_l0", …, "fc.bias").
 * Throws an Error on a missing or unknown key, a wrong shape or a non-finite number, naming the
 * key, the expected and the actual shape. Rows may be number[] or Float64Array.
 */
export function fromStateDict(config: ModelConfig, sd: StateDict | StateDictInput): Model {
  const c = normalizeConfig(config);
  const layout = paramLayout(c);
  return makeModel(c, flattenStateDict(layout, sd as StateDictInput));
}

/** The model's weights as plain nested arrays, PyTorch's keys and shapes, JSON-ready. */
export function toStateDict(model: Model): StateDict {
  return unflatten(model.layout, model.params);
}

/** An independent copy (same config, copied parameters, no shared caches). */
export function cloneModel(model: Model): Model {
  return makeModel({ ...model.config }, new Float64Array(model.params));
}

/** The model's config with every default filled in. */
export function modelConfig(model: Model): NormalizedConfig {
  return { ...model.config };
}

/** Number of scalar parameters (the sum of all state-dict tensor sizes). */
export function paramCount(model: Model): number {
  return model.params.length;
}
