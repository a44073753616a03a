/**
 * What a change of settings means for a running trainer, and the bounds the trainer holds a config
 * to (the page validates first; these bounds only keep a bad message from crashing the worker).
 */
import { fitBudget, SIZE_LIMITS } from '../engine/limits';
import type { TrainConfig } from './protocol';

/** What a config change requires. */
export interface ConfigChange {
  /** A new model, new data order and step 0 (task, sizes, cell, seed, compare…). */
  rebuild: boolean;
  /** A new optimizer (its moments start again); the weights are kept. */
  newOptimizer: boolean;
  /** The learning rate changed: set on the optimizer in place (moments kept) unless a new one is built. */
  lrChanged: boolean;
  /** The truncation window changed: the flow matrix must be recomputed. */
  truncateChanged: boolean;
}

/**
 * Fields whose change builds a new model (and restarts the run from step 0). `corpus` counts only
 * where the task reads it ({@link readsCorpus}).
 */
export const REBUILD_KEYS: readonly (keyof TrainConfig)[] = [
  'task', 'lag', 'corpus', 'text', 'seqLength', 'cell', 'hidden', 'layers', 'nonlinearity', 'forgetBias', 'seed', 'compare',
];

/**
 * Whether the config's task reads the built-in text: the words of "let's meet for ___", and the
 * character model without a text of the user's. Elsewhere a new built-in text (the page's language
 * changed) leaves the run alone.
 */
export function readsCorpus(c: TrainConfig): boolean {
  return c.task === 'meet' || (c.task === 'charlm' && c.text === '');
}
/** Fields whose change builds a new optimizer but keeps the weights (lr alone keeps the optimizer too). */
export const OPTIMIZER_KEYS: readonly (keyof TrainConfig)[] = ['optimizer', 'momentum', 'weightDecay'];

/** Compares two configs. Fields not listed (batch, clip, clipMode, truncate, speed, stop conditions) keep everything. */
export function diffConfig(prev: TrainConfig, next: TrainConfig): ConfigChange {
  const rebuild = REBUILD_KEYS.some((k) => prev[k] !== next[k] && (k !== 'corpus' || readsCorpus(next)));
  const newOptimizer = rebuild || OPTIMIZER_KEYS.some((k) => prev[k] !== next[k]);
  return { rebuild, newOptimizer, lrChanged: prev.lr !== next.lr, truncateChanged: prev.truncate !== next.truncate };
}

const int = (v: unknown, lo: number, hi: number, dflt: number): number => {
  const x = typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : dflt;
  return Math.min(hi, Math.max(lo, x));
};
const num = (v: unknown, lo: number, hi: number, dflt: number): number => {
  const x = typeof v === 'number' && Number.isFinite(v) ? v : dflt;
  return Math.min(hi, Math.max(lo, x));
};

/** Largest sizes the trainer accepts (the page's table, engine/limits). */
export const LIMITS = {
  hidden: SIZE_LIMITS.hidden.max, layers: SIZE_LIMITS.layers.max, batch: SIZE_LIMITS.batch.max,
  seqLength: SIZE_LIMITS.seqLength.max, lag: SIZE_LIMITS.lag.max,
} as const;

/**
 * A copy of `c` with every number held inside the trainer's bounds and its sizes inside the cost
 * budget (a valid config is returned unchanged in value: the page applies the same budget first).
 * `vocab`: the output size of the models in place (a loaded model's), else the task's largest.
 */
export function clampConfig(c: TrainConfig, vocab?: number): TrainConfig {
  const held = holdNumbers(c);
  const f = fitBudget(vocab === undefined ? held : { ...held, vocab }).config;
  // only the sizes come from the budget; a lag of 0 is a valid task (the budget's table starts at 1)
  return { ...held, hidden: f.hidden, layers: f.layers, seqLength: f.seqLength, batch: f.batch, lag: held.lag === 0 ? 0 : f.lag };
}

function holdNumbers(c: TrainConfig): TrainConfig {
  return {
    ...c,
    lag: int(c.lag, 0, LIMITS.lag, 8),
    seqLength: int(c.seqLength, 2, LIMITS.seqLength, 25),
    hidden: int(c.hidden, 1, LIMITS.hidden, 64),
    layers: int(c.layers, 1, LIMITS.layers, 1),
    forgetBias: num(c.forgetBias, -10, 10, 3),
    lr: num(c.lr, 0, 1e6, 0.005),
    momentum: num(c.momentum, 0, 0.999999, 0.9),
    weightDecay: num(c.weightDecay, 0, 1e6, 0),
    batch: int(c.batch, 1, LIMITS.batch, 1),
    clip: num(c.clip, 0, 1e12, 0),
    truncate: int(c.truncate, 0, 1e6, 0),
    seed: int(c.seed, -2147483648, 4294967295, 1),
    maxSteps: int(c.maxSteps, 0, Number.MAX_SAFE_INTEGER, 0),
    targetLoss: num(c.targetLoss, 0, 1e6, 0),
    speed: num(c.speed, 0, 1e6, 0),
    text: typeof c.text === 'string' ? c.text : '',
    compare: c.compare === true,
  };
}
