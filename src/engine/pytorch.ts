/**
 * Model files: weights written by PyTorch (or by {@link serializeModel}) read into the engine's
 * layout, and the engine's model written back in a form PyTorch loads.
 *
 * Accepted: {"config": {...}?, "state_dict": {...}, "vocab": [...]?} or a bare state dict, with
 * tensors as nested lists. Module names are free: the recurrent module is found by its keys
 * "<p>.weight_ih_l{k}" / "<p>.weight_hh_l{k}", the readout by a "<q>.weight" [V][H] (+ "<q>.bias" [V])
 * whose H matches. The cell comes from the gate multiple G = rows(W_hh) / H (1 rnn, 3 gru, 4 lstm).
 * Missing biases (bias=False) become zeros. An nn.Embedding "<e>.weight" [V][E] in front of a
 * recurrent layer with input size E is folded into layer 0: W_ih' = W_ih · Embᵀ [G·H][V], so that
 * the one-hot input v gives W_ih' e_v = W_ih · Emb[v], exactly the embedded input.
 */
import { gateCount } from './cells';
import { fromStateDict } from './model';
import {
  expectShape, ModelFileError, precheckSizes, readFileTensor, spend, toNested, type Budget, type FileTensor,
} from './pytorch-check';
import { checkConfigField, MODEL_FILE_MAX_LAYERS, readMeta, readVocab } from './pytorch-meta';
import type { CellType, Model, ModelConfig, StateDict } from './types';

export { MODEL_FILE_MAX_NUMBERS, ModelFileError, type ModelFileErrorParams } from './pytorch-check';

/** The `format` field of files written by {@link serializeModel}. */
export const MODEL_FILE_FORMAT = 'unrolled-model';
/** Largest embedding fold (multiply-adds G·H·E·V) before the file counts as too large. */
const MAX_FOLD_OPS = 5e8;

/** A model file read into the engine's layout. `notes` are i18n keys ("import.note.*"). */
export interface ParsedModelFile {
  config: ModelConfig;
  /** Keys "rnn.weight_ih_l{k}", …, "fc.weight", "fc.bias" as {@link toStateDict} writes them. */
  stateDict: StateDict;
  /** V token strings (index = token id), or null when the file has none. */
  vocab: string[] | null;
  notes: string[];
  /** The training steps the weights were reached at (a file this page wrote, a checkpoint), else 0. */
  step: number;
}

const RECURRENT_KEY = /^(?:(.*)\.)?(weight|bias)_(ih|hh|hr)_l(\d+)(.*)$/;
const CELL_OF_G: Record<number, CellType> = { 1: 'rnn', 3: 'gru', 4: 'lstm' };

/** Finds the recurrent module: its key prefix and the number of layers. */
function findRecurrent(tensors: Map<string, FileTensor>): { key: (name: string) => string; layers: number } {
  const prefixes = new Set<string>();
  for (const k of tensors.keys()) {
    const m = RECURRENT_KEY.exec(k);
    if (!m) continue;
    if (m[5] !== '' || m[3] === 'hr') throw new ModelFileError('import.error.unsupported', { key: k });
    if (m[2] === 'weight' && m[3] === 'ih') prefixes.add(m[1] ?? '');
  }
  if (prefixes.size === 0) throw new ModelFileError('import.error.noRecurrent');
  if (prefixes.size > 1) throw new ModelFileError('import.error.ambiguous', { keys: [...prefixes].join(', ') });
  const p = [...prefixes][0]!;
  const key = (name: string): string => (p === '' ? name : `${p}.${name}`);
  let layers = 0;
  while (tensors.has(key(`weight_ih_l${layers}`))) layers++;
  for (const k of tensors.keys()) {
    const m = RECURRENT_KEY.exec(k);
    if (m && (m[1] ?? '') === p && Number(m[4]) >= layers) throw new ModelFileError('import.error.missing', { key: key(`weight_ih_l${layers}`) });
  }
  if (layers === 0) throw new ModelFileError('import.error.missing', { key: key('weight_ih_l0') });
  if (layers > MODEL_FILE_MAX_LAYERS) throw new ModelFileError('import.error.layers', { max: MODEL_FILE_MAX_LAYERS, actual: layers });
  return { key, layers };
}

function need(tensors: Map<string, FileTensor>, key: string): FileTensor {
  const t = tensors.get(key);
  if (!t) throw new ModelFileError('import.error.missing', { key });
  return t;
}

/** Module prefix of a "<q>.weight" key, or null. */
const weightPrefix = (k: string): string | null => (k.endsWith('.weight') ? k.slice(0, -'.weight'.length) : null);

/** The readout ("<q>.weight" [V][H] with its bias, or weight alone) and the embedding in front, if any. */
function findModules(tensors: Map<string, FileTensor>, used: Set<string>, H: number, E: number) {
  const matrices = [...tensors.values()].filter((t) => !used.has(t.key) && t.cols !== null && weightPrefix(t.key) !== null);
  const biasOf = (t: FileTensor): FileTensor | undefined => tensors.get(`${weightPrefix(t.key)!}.bias`);
  const pairs = matrices.filter((t) => t.cols === H && biasOf(t)?.cols === null);
  const bare = matrices.filter((t) => !biasOf(t));
  const readout = pairs[pairs.length - 1] ?? bare.filter((t) => t.cols === H).pop();
  if (!readout) throw new ModelFileError('import.error.noReadout', { hidden: H });
  const embedding = bare.find((t) => t.cols === E && t !== readout) ?? null;
  return { readout, readoutBias: biasOf(readout) ?? null, embedding };
}

/** W_ih' [GH][V] = W_ih [GH][E] · Embᵀ, Emb [V][E]. */
function fold(Wih: FileTensor, emb: FileTensor, budget: Budget): FileTensor {
  const GH = Wih.rows;
  const E = Wih.cols!;
  const V = emb.rows;
  if (GH * E * V > MAX_FOLD_OPS) throw new ModelFileError('import.error.tooLarge', { max: MAX_FOLD_OPS });
  spend(budget, GH * V);
  const out = new Float64Array(GH * V);
  for (let r = 0; r < GH; r++) {
    const w = Wih.data.subarray(r * E, (r + 1) * E);
    for (let v = 0; v < V; v++) {
      const e = emb.data.subarray(v * E, (v + 1) * E);
      let s = 0;
      for (let j = 0; j < E; j++) s += w[j]! * e[j]!;
      out[r * V + v] = s;
    }
  }
  return { key: Wih.key, rows: GH, cols: V, data: out };
}

const zeros = (key: string, n: number): FileTensor => ({ key, rows: n, cols: null, data: new Float64Array(n) });

/**
 * Reads a parsed JSON model file (see the module comment). Throws a {@link ModelFileError} naming
 * the first wrong key, shape or value; never returns a half-checked model.
 */
export function parseModelFile(json: unknown): ParsedModelFile {
  const meta = readMeta(json);
  precheckSizes(meta.stateDict, meta.vocab);
  const budget: Budget = { used: 0 };
  const tensors = new Map<string, FileTensor>();
  for (const key of Object.keys(meta.stateDict)) {
    const t = readFileTensor(key, meta.stateDict[key], budget);
    if (t) tensors.set(key, t);
  }
  const notes: string[] = [];
  const { key, layers } = findRecurrent(tensors);
  const used = new Set<string>();
  const take = (k: string): FileTensor => {
    used.add(k);
    return need(tensors, k);
  };
  const Whh0 = take(key('weight_hh_l0'));
  if (Whh0.cols === null) throw new ModelFileError('import.error.shape', { key: Whh0.key, expected: '[G·H][H]', actual: `[${Whh0.rows}]` });
  const H = Whh0.cols;
  // W_hh fixes H: when the config states another hidden size, or the stated cell's gate multiple
  // does not fit W_hh's rows, W_hh is the tensor to blame (not the W_ih checked against it later)
  const statedH = meta.config?.hiddenSize;
  const fromWhh = CELL_OF_G[Whh0.rows / H];
  const Wih0 = tensors.get(key('weight_ih_l0'));
  const G0 = meta.cell ? gateCount(meta.cell) : fromWhh ? gateCount(fromWhh) : 1;
  if (typeof statedH === 'number' && statedH !== H && Wih0 !== undefined && Wih0.rows === G0 * statedH) {
    const G = G0;
    throw new ModelFileError('import.error.shape', { key: Whh0.key, expected: `[${G * statedH}][${statedH}]`, actual: `[${Whh0.rows}][${H}]` });
  }
  if (meta.cell && !fromWhh) {
    throw new ModelFileError('import.error.shape', { key: Whh0.key, expected: `[${gateCount(meta.cell) * H}][${H}]`, actual: `[${Whh0.rows}][${H}]` });
  }
  if (meta.cell && fromWhh && meta.cell !== fromWhh) throw new ModelFileError('import.error.config', { field: 'cell', expected: fromWhh, actual: meta.cell });
  const cell = fromWhh ?? meta.cell ?? CELL_OF_G[need(tensors, key('weight_ih_l0')).rows / H];
  if (!cell) throw new ModelFileError('import.error.cell', { key: Whh0.key, rows: Whh0.rows, hidden: H });
  const GH = gateCount(cell) * H;
  const hasBias = tensors.has(key('bias_ih_l0')) || tensors.has(key('bias_hh_l0'));
  if (!hasBias) notes.push('import.note.noBias');
  const rec: FileTensor[][] = [];
  for (let k = 0; k < layers; k++) {
    const Wih = take(key(`weight_ih_l${k}`));
    if (Wih.cols === null) throw new ModelFileError('import.error.shape', { key: Wih.key, expected: `[${GH}][in]`, actual: `[${Wih.rows}]` });
    expectShape(Wih, GH, k === 0 ? Wih.cols : H);
    const Whh = take(key(`weight_hh_l${k}`));
    expectShape(Whh, GH, H);
    const bias = (name: string): FileTensor => {
      if (!hasBias) return zeros(key(name), GH);
      const b = take(key(name));
      expectShape(b, GH, null);
      return b;
    };
    rec.push([Wih, Whh, bias(`bias_ih_l${k}`), bias(`bias_hh_l${k}`)]);
  }
  const E = rec[0]![0]!.cols!;
  const { readout, readoutBias, embedding } = findModules(tensors, used, H, E);
  used.add(readout.key);
  const V = readout.rows;
  let fcBias: FileTensor;
  if (readoutBias) {
    used.add(readoutBias.key);
    expectShape(readoutBias, V, null);
    fcBias = readoutBias;
  } else {
    fcBias = zeros(`${weightPrefix(readout.key)!}.bias`, V);
    if (hasBias) notes.push('import.note.noBias');
  }
  let inputSize = E;
  if (embedding) {
    used.add(embedding.key);
    rec[0]![0] = fold(rec[0]![0]!, embedding, budget);
    inputSize = embedding.rows;
    notes.push('import.note.embedding');
  } else checkConfigField(meta.config, 'inputSize', inputSize);
  checkConfigField(meta.config, 'hiddenSize', H);
  checkConfigField(meta.config, 'outputSize', V);
  checkConfigField(meta.config, 'numLayers', layers);
  if (!meta.config) notes.push('import.note.inferred');
  if ([...tensors.keys()].some((k) => !used.has(k))) notes.push('import.note.ignoredKeys');
  const vocab = readVocab(meta.vocab, V);
  const config: ModelConfig = {
    cell, inputSize, hiddenSize: H, outputSize: V, numLayers: layers,
    ...(cell === 'rnn' ? { nonlinearity: meta.nonlinearity ?? 'tanh' } : {}),
  };
  const stateDict: StateDict = {};
  rec.forEach((ts, k) => {
    (['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'] as const).forEach((name, i) => {
      stateDict[`rnn.${name}_l${k}`] = toNested(ts[i]!);
    });
  });
  stateDict['fc.weight'] = toNested(readout);
  stateDict['fc.bias'] = toNested(fcBias);
  try {
    fromStateDict(config, stateDict);
  } catch (e) {
    throw new ModelFileError('import.error.format', { actual: e instanceof Error ? e.message : String(e) });
  }
  const written = (json as { step?: unknown }).step;
  const step = typeof written === 'number' && Number.isInteger(written) && written > 0 ? written : 0;
  return { config, stateDict, vocab, notes: [...new Set(notes)], step };
}

/** {@link parseModelFile} of a file's text; throws import.error.json when it is not JSON. */
export function parseModelText(text: string): ParsedModelFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ModelFileError('import.error.json', { detail: e instanceof Error ? e.message : String(e) });
  }
  return parseModelFile(json);
}

/** Options of {@link serializeModel}. */
export interface SerializeOptions {
  /** Round every weight to this many significant digits (default: full float64 precision). */
  digits?: number;
  /** More fields of "config" (the optimizer's settings, …): added after the model's own, never replacing them. */
  config?: Record<string, unknown>;
}

/**
 * The model as a JSON-ready object: {"format": "unrolled-model", "version": 1, ...extra, "config",
 * "state_dict", "vocab"}. `extra` adds fields (task, step, …) but never replaces those five. The
 * state dict is PyTorch's, so `load_state_dict` of an nn.Module with `rnn` and `fc` reads it.
 * Throws when `vocab` is given and its length is not the output size.
 */
export function serializeModel(model: Model, vocab: readonly string[] | null,
  extra: Record<string, unknown> = {}, options: SerializeOptions = {}): Record<string, unknown> {
  const c = model.config;
  if (vocab && vocab.length !== c.outputSize) throw new Error(`vocab has ${vocab.length} tokens, the model outputs ${c.outputSize}`);
  const digits = options.digits;
  const round = digits === undefined ? (x: number) => x : (x: number) => Number(x.toPrecision(digits));
  const stateDict: StateDict = {};
  for (const e of model.layout) {
    const flat = model.params.subarray(e.offset, e.offset + e.size);
    if (e.shape.length === 1) stateDict[e.key] = Array.from(flat, round);
    else {
      const cols = e.shape[1];
      stateDict[e.key] = Array.from({ length: e.shape[0] }, (_, r) => Array.from(flat.subarray(r * cols, (r + 1) * cols), round));
    }
  }
  return {
    ...extra,
    format: MODEL_FILE_FORMAT,
    version: 1,
    config: {
      ...options.config,
      cell: c.cell, inputSize: c.inputSize, hiddenSize: c.hiddenSize, outputSize: c.outputSize,
      numLayers: c.numLayers, nonlinearity: c.nonlinearity,
    },
    state_dict: stateDict,
    vocab: vocab ? [...vocab] : null,
  };
}
