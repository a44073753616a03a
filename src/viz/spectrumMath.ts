/**
 * Pure helpers for the spectral lens: the gate blocks of a recurrent matrix, their singular values
 * as a snapshot carries them, and the largest singular value the rescale slider controls.
 */
import type { CellType } from '../engine/types';
import { gateCount, gateNames } from '../engine/cells';

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
 * A cell with one gate block (the vanilla rnn) has only its whole matrix.
 */
export function blockIds(cell: CellType): string[] {
  return gateCount(cell) === 1 ? [BLOCK_ALL] : [BLOCK_ALL, ...gateNames(cell)];
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

/** The smallest and largest target s the lens accepts (typed or dragged). */
export const SIGMA_MIN = 0.1;
export const SIGMA_MAX = 1000;
/** The slider reaches at least this far, so 1 sits in its middle (it runs on a log scale from SIGMA_MIN). */
export const SIGMA_SLIDER_TOP = 10;

/** `s` clamped into [SIGMA_MIN, SIGMA_MAX] (NaN → 1, ±∞ → the nearer end). */
export function clampSigma(s: number): number {
  if (Number.isNaN(s)) return 1;
  return Math.min(SIGMA_MAX, Math.max(SIGMA_MIN, s));
}

/**
 * The right end of the slider for a largest singular value: SIGMA_SLIDER_TOP, or further (the next
 * 1, 2 or 5 × 10^k above 1.25 σ) so the slider can always show the value the read-out gives.
 */
export function sliderTop(sigma: number): number {
  if (Number.isNaN(sigma)) return SIGMA_SLIDER_TOP;
  const want = 1.25 * Math.min(SIGMA_MAX, sigma);
  if (want <= SIGMA_SLIDER_TOP) return SIGMA_SLIDER_TOP;
  const decade = 10 ** Math.floor(Math.log10(want));
  const nice = [1, 2, 5, 10].map((m) => m * decade).find((v) => v >= want) ?? 10 * decade;
  return Math.min(SIGMA_MAX, nice);
}

/** The slider's position (log10 s) for a target s. */
export function sliderPosition(s: number): number {
  return Math.log10(clampSigma(s));
}

/** The target s at a slider position, to 3 significant digits (position 0 → 1, 0.5 → 3.16). */
export function sigmaAt(position: number): number {
  return clampSigma(Number((10 ** position).toPrecision(3)));
}
