/**
 * Pure helpers for the spectral lens: the gate blocks of a recurrent matrix, their singular values
 * as a snapshot carries them, and the largest singular value the rescale slider controls.
 */
import type { CellType } from '../engine/types';
import { gateNames } from '../engine/layout';

/** The block id that means the whole recurrent matrix [G·H][H]. */
export const BLOCK_ALL = 'all';

/** One matrix of the lens and its singular values (descending). */
export interface Spectrum {
  /** BLOCK_ALL or a gate name ('i', 'f', 'g', 'o' for lstm; 'r', 'z', 'n' for gru). */
  id: string;
  values: Float64Array;
}

/**
 * The block ids the slider may rescale: BLOCK_ALL, then (lstm / gru) one per gate in row order.
 * A vanilla rnn has only its whole matrix.
 */
export function blockIds(cell: CellType): string[] {
  return cell === 'rnn' ? [BLOCK_ALL] : [BLOCK_ALL, ...gateNames(cell)];
}

/**
 * The spectra the lens shows, from a snapshot: the whole matrix's singular values `sigma`, then
 * (lstm / gru) each gate block's from `blockSigma` (keyed by gate name), in gate order. A gate
 * missing from `blockSigma` is left out. Values are copied.
 */
export function snapshotSpectra(cell: CellType, sigma: ArrayLike<number>,
  blockSigma: Readonly<Record<string, ArrayLike<number>>> | undefined): Spectrum[] {
  const out: Spectrum[] = [{ id: BLOCK_ALL, values: Float64Array.from(sigma) }];
  for (const id of blockIds(cell).slice(1)) {
    const values = blockSigma?.[id];
    if (values) out.push({ id, values: Float64Array.from(values) });
  }
  return out;
}

/** The largest singular value of block `id` in `spectra` (NaN when absent or empty). */
export function sigmaMaxOf(spectra: readonly Spectrum[], id: string): number {
  const s = spectra.find((x) => x.id === id);
  if (!s || s.values.length === 0) return NaN;
  let m = -Infinity;
  for (const v of s.values) if (v > m || Number.isNaN(v)) m = v;
  return m;
}

/**
 * The read-out text of a largest singular value: 6 decimals (so a value set by the slider reads
 * back exactly), exponent form beyond 1e6, '∞' for overflow and '—' when unknown (never "NaN").
 */
export function formatSigma(v: number): string {
  if (Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return '∞';
  return Math.abs(v) >= 1e6 ? v.toExponential(3) : v.toFixed(6);
}

/** Where the rule of thumb puts a largest singular value: 'explode' (> 1), 'vanish' (< 1) or 'edge' (≈ 1). */
export function regimeOf(sigmaMax: number, tolerance = 0.02): 'explode' | 'vanish' | 'edge' | 'unknown' {
  if (Number.isNaN(sigmaMax)) return 'unknown';
  if (sigmaMax > 1 + tolerance) return 'explode';
  if (sigmaMax < 1 - tolerance) return 'vanish';
  return 'edge';
}

/** The slider's range for the target largest singular value s. */
export const SIGMA_MIN = 0.5;
export const SIGMA_MAX = 1.5;

/** `s` clamped into the slider's range and rounded to its 0.01 step (NaN → 1). */
export function clampSigma(s: number): number {
  if (!Number.isFinite(s)) return Number.isNaN(s) ? 1 : s > 0 ? SIGMA_MAX : SIGMA_MIN;
  return Math.round(Math.min(SIGMA_MAX, Math.max(SIGMA_MIN, s)) * 100) / 100;
}
