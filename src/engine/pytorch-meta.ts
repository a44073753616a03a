/**
 * The non-tensor parts of a model file: where the state dict sits, the optional config object, the
 * cell and nonlinearity fields, and the vocabulary (a list of strings, or a {token: index} map).
 */
import type { CellType } from './types';
import { describe, isRecord, ModelFileError, ownValue } from './pytorch-check';

/** Most layers a file may hold (the engine's limit). */
export const MODEL_FILE_MAX_LAYERS = 4;

/** What the file says about itself besides the tensors (every field optional). */
export interface FileMeta {
  stateDict: Record<string, unknown>;
  config: Record<string, unknown> | null;
  cell: CellType | null;
  nonlinearity: 'tanh' | 'relu' | null;
  vocab: unknown;
}

const CELLS: readonly string[] = ['rnn', 'lstm', 'gru'];
/** PyTorch class names that may stand for a cell. */
const CELL_ALIASES: Record<string, CellType> = {
  rnn: 'rnn', lstm: 'lstm', gru: 'gru', RNN: 'rnn', LSTM: 'lstm', GRU: 'gru',
};

function cellField(v: unknown, field: string): CellType | null {
  if (v === undefined || v === null) return null;
  const c = typeof v === 'string' ? CELL_ALIASES[v] : undefined;
  if (!c) throw new ModelFileError('import.error.config', { field, expected: CELLS.join(' | '), actual: describe(v) });
  return c;
}

function nonlinearityField(v: unknown, field: string): 'tanh' | 'relu' | null {
  if (v === undefined || v === null) return null;
  if (v === 'tanh' || v === 'relu') return v;
  throw new ModelFileError('import.error.config', { field, expected: 'tanh | relu', actual: describe(v) });
}

/** Whether an object looks like a bare state dict (some key names a recurrent weight). */
function looksLikeStateDict(o: Record<string, unknown>): boolean {
  return Object.keys(o).some((k) => /(^|\.)weight_ih_l\d+$/.test(k));
}

/**
 * Splits a parsed file into its parts. Accepts {"config", "state_dict", "vocab", "cell"?,
 * "nonlinearity"?} or a bare state dict. Throws import.error.format / import.error.config.
 */
export function readMeta(json: unknown): FileMeta {
  if (!isRecord(json)) throw new ModelFileError('import.error.format', { actual: describe(json) });
  let stateDict = ownValue(json, 'state_dict');
  if (stateDict === undefined && looksLikeStateDict(json)) stateDict = json;
  if (!isRecord(stateDict)) throw new ModelFileError('import.error.format', { actual: describe(stateDict) });
  const rawConfig = ownValue(json, 'config');
  if (rawConfig !== undefined && rawConfig !== null && !isRecord(rawConfig)) {
    throw new ModelFileError('import.error.config', { field: 'config', expected: 'object', actual: describe(rawConfig) });
  }
  const config = isRecord(rawConfig) ? rawConfig : null;
  const cell = cellField(config ? ownValue(config, 'cell') : undefined, 'config.cell')
    ?? cellField(stateDict === json ? undefined : ownValue(json, 'cell'), 'cell');
  const nonlinearity = nonlinearityField(config ? ownValue(config, 'nonlinearity') : undefined, 'config.nonlinearity')
    ?? nonlinearityField(stateDict === json ? undefined : ownValue(json, 'nonlinearity'), 'nonlinearity');
  return { stateDict, config, cell, nonlinearity, vocab: stateDict === json ? undefined : ownValue(json, 'vocab') };
}

/**
 * Checks an optional config field against what the weights say (`actual` from the tensors).
 * Throws import.error.config {field, expected: the weights' value, actual: the config's}.
 */
export function checkConfigField(config: Record<string, unknown> | null, field: string, fromWeights: number): void {
  if (!config) return;
  const v = ownValue(config, field);
  if (v === undefined || v === null) return;
  if (v !== fromWeights) throw new ModelFileError('import.error.config', { field: `config.${field}`, expected: fromWeights, actual: describe(v) });
}

/**
 * The vocabulary as a list of V distinct strings, or null when the file has none. A {token: index}
 * map is accepted when its indices are exactly 0..V−1. Throws import.error.vocab (wrong length or
 * type) or import.error.vocabEntry {index} (not a string, or a duplicate).
 */
export function readVocab(v: unknown, V: number): string[] | null {
  if (v === undefined || v === null) return null;
  let list: unknown[];
  if (Array.isArray(v)) list = v;
  else if (isRecord(v)) {
    const entries = Object.entries(v);
    list = new Array<unknown>(entries.length).fill(undefined);
    for (const [token, index] of entries) {
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= entries.length || list[index] !== undefined) {
        throw new ModelFileError('import.error.vocabEntry', { index: token });
      }
      list[index] = token;
    }
  } else throw new ModelFileError('import.error.vocab', { expected: V, actual: describe(v) });
  if (list.length !== V) throw new ModelFileError('import.error.vocab', { expected: V, actual: list.length });
  const seen = new Set<string>();
  list.forEach((s, i) => {
    if (typeof s !== 'string' || s.length === 0 || seen.has(s)) throw new ModelFileError('import.error.vocabEntry', { index: i });
    seen.add(s);
  });
  return list as string[];
}
