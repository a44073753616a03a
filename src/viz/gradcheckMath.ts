/**
 * Pure helpers for the gradient check: the parameters one may pick (state-dict keys and shapes of
 * the current model), a picked entry kept inside its tensor, and how a relative error reads.
 */
import type { CellType } from '../engine/types';
import { normalizeConfig, paramLayout } from '../engine/layout';

/** One parameter tensor: its state-dict key and [rows, cols] (cols = 1 for a bias vector). */
export interface ParamChoice {
  key: string;
  rows: number;
  cols: number;
}

/**
 * The parameters of a model with this shape, in state-dict order: rnn.weight_ih_l{k} [G·H][in_k],
 * rnn.weight_hh_l{k} [G·H][H], rnn.bias_ih_l{k} [G·H], rnn.bias_hh_l{k} [G·H], fc.weight [V][H],
 * fc.bias [V]. `vocab` is the input and output size V. Empty if the shape is invalid.
 */
export function paramChoices(cell: CellType, layers: number, hidden: number, vocab: number): ParamChoice[] {
  try {
    const c = normalizeConfig({ cell, inputSize: vocab, hiddenSize: hidden, outputSize: vocab, numLayers: layers });
    return paramLayout(c).map((p) => ({ key: p.key, rows: p.shape[0], cols: p.shape.length === 2 ? p.shape[1] : 1 }));
  } catch {
    return [];
  }
}

/** An index typed by the user, made a whole number inside 0 … size − 1 (NaN → 0). */
export function clampIndex(v: number, size: number): number {
  if (!Number.isFinite(v) || size <= 0) return 0;
  return Math.min(size - 1, Math.max(0, Math.trunc(v)));
}

/** |a − b| / max(|a|, |b|), 0 when both are 0 (the measure the check reports). */
export function relativeError(a: number, b: number): number {
  const d = Math.abs(a - b);
  const m = Math.max(Math.abs(a), Math.abs(b));
  if (m === 0) return 0;
  return d / m;
}

/** How a relative error reads: 'pass' below 1e-6 (the chain rule, computed right), 'close' below 1e-3, else 'fail'. */
export function verdictOf(relError: number): 'pass' | 'close' | 'fail' {
  if (relError < 1e-6) return 'pass';
  if (relError < 1e-3) return 'close';
  return 'fail';
}

/** A gradient value for the table: 8 significant digits, exponent form when small or large, never "NaN". */
export function formatGrad(v: number): string {
  if (Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  return (a < 1e-4 || a >= 1e5 ? v.toExponential(7) : v.toPrecision(8)).replace('-', '−');
}

/** A relative error for display: 2 significant digits in exponent form ("3.1e-9"), '0' when exact. */
export function formatRelError(v: number): string {
  if (Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return '∞';
  if (v === 0) return '0';
  return v.toExponential(1);
}
