/**
 * Reading tensors out of an untrusted model file: the named error the page translates, and the
 * checks of one tensor (a plain number, a vector [n] or a matrix [rows][cols] of finite numbers).
 */

import { PARAMS_MAX, SIZE_LIMITS, VOCAB_MAX } from './limits';

/** Most numbers a model file may hold (all tensors together, an embedding's fold included). */
export const MODEL_FILE_MAX_NUMBERS = 4 * PARAMS_MAX;

/** Parameters of a {@link ModelFileError}: filled into the translated message. */
export type ModelFileErrorParams = Record<string, string | number>;

/**
 * A rejected model file. `code` is an i18n key ("import.error.shape", …), `params` fill its
 * placeholders ({key, expected, actual}, …); `message` says the same in English for the console.
 */
export class ModelFileError extends Error {
  readonly code: string;
  readonly params: ModelFileErrorParams;
  constructor(code: string, params: ModelFileErrorParams = {}) {
    const detail = Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(', ');
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'ModelFileError';
    this.code = code;
    this.params = params;
  }
}

/** A tensor read from a file: a vector [n] (cols = null) or a row-major matrix [rows][cols]. */
export interface FileTensor {
  key: string;
  rows: number;
  cols: number | null;
  data: Float64Array;
}

/** The shape as text: "[3]" or "[3][4]". */
export function shapeText(rows: number, cols: number | null): string {
  return cols === null ? `[${rows}]` : `[${rows}][${cols}]`;
}

/** A short description of what a value is, for error messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `array(${v.length})`;
  if (typeof v === 'number') return String(v);
  return typeof v;
}

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Whether `o` is a plain object (not an array, not null). */
export function isRecord(o: unknown): o is Record<string, unknown> {
  return typeof o === 'object' && o !== null && !Array.isArray(o) && !ArrayBuffer.isView(o);
}

/** `o[k]` when `o` holds `k` as its own property, else undefined. */
export function ownValue(o: Record<string, unknown>, k: string): unknown {
  return own(o, k) ? o[k] : undefined;
}

function isRow(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** Counts numbers read so far against {@link MODEL_FILE_MAX_NUMBERS}; throws import.error.tooLarge. */
export interface Budget { used: number }

/** Adds n to the budget; throws when the cap is passed. Mutates `budget`. */
export function spend(budget: Budget, n: number): void {
  budget.used += n;
  if (budget.used > MODEL_FILE_MAX_NUMBERS) {
    throw new ModelFileError('import.error.tooLarge', { max: MODEL_FILE_MAX_NUMBERS });
  }
}

function finite(key: string, x: unknown, index: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new ModelFileError('import.error.value', { key, index, value: describe(x) });
  }
  return x;
}

/**
 * Reads one state-dict entry. Returns null for a plain number (a 0-d tensor such as a counter).
 * Throws import.error.value (not a number, not finite), import.error.ragged (rows of different
 * lengths) or import.error.shape (deeper than a matrix, or empty). Mutates `budget`.
 */
export function readFileTensor(key: string, v: unknown, budget: Budget): FileTensor | null {
  if (typeof v === 'number') {
    finite(key, v, '');
    return null;
  }
  if (!isRow(v)) throw new ModelFileError('import.error.value', { key, index: '', value: describe(v) });
  const rows = v.length;
  if (rows === 0) throw new ModelFileError('import.error.shape', { key, expected: '[n] (n ≥ 1)', actual: '[0]' });
  const first = v[0];
  if (!isRow(first)) {
    spend(budget, rows);
    const data = new Float64Array(rows);
    for (let i = 0; i < rows; i++) data[i] = finite(key, v[i], `[${i}]`);
    return { key, rows, cols: null, data };
  }
  const cols = first.length;
  if (cols === 0) throw new ModelFileError('import.error.shape', { key, expected: '[rows][cols ≥ 1]', actual: `[${rows}][0]` });
  spend(budget, rows * cols);
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = v[r];
    if (!isRow(row)) throw new ModelFileError('import.error.value', { key, index: `[${r}]`, value: describe(row) });
    if (row.length !== cols) throw new ModelFileError('import.error.ragged', { key, row: r, expected: cols, actual: row.length });
    for (let j = 0; j < cols; j++) {
      const x = row[j];
      if (isRow(x)) throw new ModelFileError('import.error.shape', { key, expected: '[rows][cols]', actual: `[${rows}][${cols}][${x.length}]` });
      data[r * cols + j] = finite(key, x, `[${r}][${j}]`);
    }
  }
  return { key, rows, cols, data };
}

/** Longest side any tensor of an acceptable model has: its vocabulary, or 4·H gate rows. */
const MAX_SIDE = Math.max(VOCAB_MAX, 4 * SIZE_LIMITS.hidden.max);

/**
 * Checks the sizes of a state dict before any number is read, from the lengths of its lists only
 * (the first row gives a matrix's width): the numbers in all, a recurrent layer's units and the
 * vocabulary. Throws import.error.tooLarge, import.error.limit {field: 'hidden'} or
 * import.error.vocabLimit, so a file past the page's limits is turned away at once, whatever its size.
 */
export function precheckSizes(stateDict: Record<string, unknown>, vocab: unknown): void {
  let total = 0;
  let side = 0;
  let hidden = 0;
  for (const key of Object.keys(stateDict)) {
    const v = ownValue(stateDict, key);
    if (!isRow(v)) continue;
    const rows = v.length;
    const first = rows > 0 ? v[0] : undefined;
    const cols = isRow(first) ? first.length : 1;
    total += rows * cols;
    side = Math.max(side, rows, cols);
    if (/(^|\.)weight_hh_l\d+$/.test(key)) hidden = Math.max(hidden, cols);
  }
  if (hidden > SIZE_LIMITS.hidden.max) throw new ModelFileError('import.error.limit', { field: 'hidden', max: SIZE_LIMITS.hidden.max, actual: hidden });
  if (total > MODEL_FILE_MAX_NUMBERS) throw new ModelFileError('import.error.tooLarge', { max: MODEL_FILE_MAX_NUMBERS });
  const tokens = Array.isArray(vocab) ? vocab.length : isRecord(vocab) ? Object.keys(vocab).length : 0;
  if (tokens > VOCAB_MAX || side > MAX_SIDE) {
    throw new ModelFileError('import.error.vocabLimit', { max: VOCAB_MAX, actual: Math.max(tokens, side) });
  }
}

/** Throws import.error.shape unless `t` has the shape [rows] (cols null) or [rows][cols]. */
export function expectShape(t: FileTensor, rows: number, cols: number | null): void {
  if (t.rows !== rows || t.cols !== cols) {
    throw new ModelFileError('import.error.shape', { key: t.key, expected: shapeText(rows, cols), actual: shapeText(t.rows, t.cols) });
  }
}

/** A tensor as plain nested arrays (JSON-ready). */
export function toNested(t: FileTensor): number[] | number[][] {
  if (t.cols === null) return Array.from(t.data);
  const out: number[][] = new Array(t.rows);
  for (let r = 0; r < t.rows; r++) out[r] = Array.from(t.data.subarray(r * t.cols, (r + 1) * t.cols));
  return out;
}
