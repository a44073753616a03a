/**
 * The smoothed training loss and the divergence rules, kept apart from the numerics so they can be
 * tested on made-up loss sequences.
 *
 * Smoothed loss: an exponential moving average of the per-token loss with decay 0.99 and bias
 * correction (as Adam's moments), so the first readings are not pulled towards zero.
 *
 * Divergence: a non-finite loss, gradient norm or weight stops training at once; a smoothed loss above
 * 3 · ln V (three times chance) for {@link ABOVE_CHANCE_STEPS} consecutive steps stops it too.
 */
import type { DivergenceCause } from './protocol';

/** EMA decay of the smoothed per-token loss. */
export const LOSS_DECAY = 0.99;
/** Consecutive steps above 3 · ln V that count as divergence. */
export const ABOVE_CHANCE_STEPS = 50;
/** The multiple of chance (ln V) above which the smoothed loss counts as diverging. */
export const CHANCE_FACTOR = 3;

/** The state of the monitor, plain numbers (copied to remember the last good moment). */
export interface MonitorState {
  /** Biased EMA accumulator. */
  ema: number;
  /** Number of readings folded in. */
  n: number;
  /** Consecutive steps with the smoothed loss above the threshold. */
  above: number;
}

/** A fresh monitor state. */
export function initialMonitor(): MonitorState {
  return { ema: 0, n: 0, above: 0 };
}

/** The bias-corrected smoothed loss of a state; NaN before the first reading. */
export function smoothedLoss(s: MonitorState): number {
  if (s.n === 0) return NaN;
  return s.ema / (1 - Math.pow(LOSS_DECAY, s.n));
}

/** The verdict on one step. */
export interface StepVerdict {
  /** The cause when this step diverged, else null. */
  cause: DivergenceCause | null;
  /** Whether the smoothed loss is at or below the threshold after this step (a "good" step). */
  belowThreshold: boolean;
}

/**
 * Folds one optimizer step into the monitor (mutates `s`) and judges it.
 * @param perTokenLoss the step's mean per-token loss
 * @param gradNorm the gradient norm before clipping
 * @param weightsFinite whether every weight is finite after the update
 * @param vocabSize V, for the chance level ln V
 */
export function observeStep(
  s: MonitorState, perTokenLoss: number, gradNorm: number, weightsFinite: boolean, vocabSize: number,
): StepVerdict {
  if (!Number.isFinite(perTokenLoss)) return { cause: 'non-finite-loss', belowThreshold: false };
  if (!Number.isFinite(gradNorm)) return { cause: 'non-finite-gradient', belowThreshold: false };
  if (!weightsFinite) return { cause: 'non-finite-weight', belowThreshold: false };
  s.ema = LOSS_DECAY * s.ema + (1 - LOSS_DECAY) * perTokenLoss;
  s.n++;
  const threshold = CHANCE_FACTOR * Math.log(Math.max(2, vocabSize));
  const smoothed = smoothedLoss(s);
  if (!Number.isFinite(smoothed)) return { cause: 'non-finite-loss', belowThreshold: false };
  if (smoothed > threshold) {
    s.above++;
    if (s.above >= ABOVE_CHANCE_STEPS) return { cause: 'loss-above-chance', belowThreshold: false };
    return { cause: null, belowThreshold: false };
  }
  s.above = 0;
  return { cause: null, belowThreshold: true };
}

/** Whether every entry of `a` is finite. */
export function allFinite(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) {
    // x − x is 0 for finite x and NaN for ±Infinity / NaN
    if (a[i]! - a[i]! !== 0) return false;
  }
  return true;
}
