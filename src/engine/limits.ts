/**
 * What the page accepts: one table of bounds for every user-settable size, and a cost budget for
 * their combinations. The address, the controls, the model-file reader and the worker all read
 * this table, so a number the page lets through is a number the worker can afford.
 *
 * Costs are counted in multiply-adds (MACs). One optimizer step runs B sequences of T steps forward
 * and backward (about three times the forward work) through every model (three in compare mode);
 * a snapshot runs the inspection sequence forward and backward and computes the gradient-flow
 * matrix, whose cost grows with T². Sizes whose step or snapshot would cost more than the budget
 * are lowered (batch first, then the sequence length, layers, units, lag) with a notice.
 */
import { gateCount } from './cells';
import type { CellType } from './types';

/** Inclusive bounds of one integer setting. */
export interface Bound { min: number; max: number }

/** Bounds of the size settings (the address counts them the same way). */
export const SIZE_LIMITS = {
  hidden: { min: 1, max: 256 },
  layers: { min: 1, max: 3 },
  seqLength: { min: 2, max: 200 },
  lag: { min: 1, max: 100 },
  batch: { min: 1, max: 64 },
  truncate: { min: 0, max: 200 },
} as const satisfies Record<string, Bound>;

/** Largest vocabulary (output size) a model may have. */
export const VOCAB_MAX = 50_000;
/** Largest number of weights of one model (each costs 8 bytes several times over: weights, gradient, optimizer moments, the last good copy). */
export const PARAMS_MAX = 2_000_000;
/** Largest cost of one optimizer step, all models together (multiply-adds; about a second of one core). */
export const STEP_COST_MAX = 1e9;
/** Largest cost of one snapshot's inspection (forward, backward and flow matrix), all models together. */
export const INSPECT_COST_MAX = 1e9;
/** Most numbers one snapshot may carry per model (T×V probabilities, T×H states and gates, the flow matrix…). */
export const SNAPSHOT_NUMBERS_MAX = 2_000_000;
/** Longest training text (code points). */
export const TEXT_CHARS_MAX = 200_000;
/** Longest shareable address: a classroom link longer than this (percent-encoded) is not offered. */
export const LINK_MAX = 2000;
/** Largest model file read (bytes). */
export const MODEL_FILE_MAX_BYTES = 64 * 1024 * 1024;
/** Rough speed of one core on these kernels, for the step-time estimate shown before the first step. */
export const MACS_PER_MS = 1e6;

/** The settings a run's cost depends on. `vocab`: the output size when known (a loaded model's), else the task's largest. */
export interface CostInput {
  task: string;
  cell: CellType;
  compare: boolean;
  hidden: number;
  layers: number;
  seqLength: number;
  lag: number;
  batch: number;
  vocab?: number;
}

/** What a run costs. */
export interface RunCost {
  /** Sequence length and vocabulary assumed. */
  T: number;
  V: number;
  /** Multiply-adds of one optimizer step, all models. */
  step: number;
  /** Multiply-adds of one snapshot's inspection, all models. */
  inspect: number;
  /** Weights of the largest model. */
  params: number;
  /** Numbers of one snapshot, per model. */
  snapshotNumbers: number;
}

/** Largest vocabulary of each task (the character model: 256 characters and the unknown token). */
const TASK_VOCAB: Readonly<Record<string, number>> = { charlm: 257, meet: 60, recall: 8, copy: 6, parity: 3, spell: 24 };

/** Length of a task's sequences for these settings (an upper bound). */
export function sequenceLength(task: string, seqLength: number, lag: number): number {
  switch (task) {
    case 'charlm': return seqLength;
    case 'meet': return lag + 6;
    case 'copy': return lag + 6;
    case 'spell': return 12;
    default: return lag + 2;
  }
}

const COMPARE_CELLS: readonly CellType[] = ['rnn', 'lstm', 'gru'];

/** Weights of one model: per layer G·H·(in + H) + 2·G·H, and the readout V·H + V. */
export function paramCount(cell: CellType, V: number, H: number, layers: number): number {
  const G = gateCount(cell);
  let n = V * H + V;
  for (let l = 0; l < layers; l++) n += G * H * ((l === 0 ? V : H) + H) + 2 * G * H;
  return n;
}

/** The cost of a run with these settings. */
export function runCost(c: CostInput): RunCost {
  const T = Math.max(1, sequenceLength(c.task, c.seqLength, c.lag));
  const V = Math.max(1, c.vocab ?? TASK_VOCAB[c.task] ?? 257);
  const H = c.hidden;
  const cells = c.compare ? COMPARE_CELLS : [c.cell];
  let step = 0;
  let inspect = 0;
  let params = 0;
  let snapshotNumbers = 0;
  for (const cell of cells) {
    const G = gateCount(cell);
    // one time step forward: the input (one-hot: a column, but the backward pass reads all of W_ih), the recurrence, the readout
    let perT = V * H;
    for (let l = 0; l < c.layers; l++) perT += G * H * ((l === 0 ? V : H) + H);
    step += 3 * c.batch * T * perT;
    // the flow matrix: for each of T loss steps, back through up to T steps of the top layer (2·G·H² each)
    inspect += 3 * T * perT + T * T * G * H * H;
    params = Math.max(params, paramCount(cell, V, H, c.layers));
    snapshotNumbers = Math.max(snapshotNumbers, T * V + T * H * (4 + 2 * G) + T * T + G * H * H);
  }
  return { T, V, step, inspect, params, snapshotNumbers };
}

/** Which budget a cost breaks first, or null when it fits. */
export function overBudget(cost: RunCost): 'step' | 'inspect' | 'params' | 'snapshot' | 'vocab' | null {
  if (cost.V > VOCAB_MAX) return 'vocab';
  if (cost.params > PARAMS_MAX) return 'params';
  if (cost.snapshotNumbers > SNAPSHOT_NUMBERS_MAX) return 'snapshot';
  if (cost.step > STEP_COST_MAX) return 'step';
  if (cost.inspect > INSPECT_COST_MAX) return 'inspect';
  return null;
}

/** The sizes {@link fitBudget} may lower, in the order it lowers them. */
export const FIT_ORDER = ['batch', 'seqLength', 'layers', 'hidden', 'lag'] as const;
export type FitField = (typeof FIT_ORDER)[number];

/**
 * The settings lowered until their cost fits the budget, each only as far as needed: first for the
 * budgets a batch does not touch (the snapshot's inspection, the weights), the sequence length, then layers,
 * units and a memory task's lag; then for the step's cost, batch first, then the same order.
 * Returns the settings (a copy; unchanged when they fit) and the fields it lowered. Sizes are
 * held inside {@link SIZE_LIMITS} first. When even the smallest sizes do not fit (a vocabulary
 * past the budget), `fits` is false.
 */
export function fitBudget<C extends CostInput>(c: C): { config: C; lowered: FitField[]; fits: boolean } {
  const out = { ...c };
  for (const k of ['hidden', 'layers', 'seqLength', 'lag', 'batch'] as const) {
    const { min, max } = SIZE_LIMITS[k];
    const v = Number.isFinite(out[k]) ? Math.round(out[k]) : min;
    out[k] = Math.min(max, Math.max(min, v));
  }
  const lowered = new Set<FitField>();
  // what batch cannot help (the snapshot, the weights) first, then the step's cost, batch first
  const withoutStep = (): boolean => overBudget({ ...runCost(out), step: 0 }) === null;
  const fits = (): boolean => overBudget(runCost(out)) === null;
  for (const [test, order] of [[withoutStep, FIT_ORDER.slice(1)], [fits, FIT_ORDER]] as const) {
    for (const field of order) {
      if (test()) break;
      if (field === 'seqLength' && out.task !== 'charlm') continue;
      if (field === 'lag' && out.task === 'charlm') continue;
      const { min } = SIZE_LIMITS[field];
      if (out[field] <= min) continue;
      // the largest value that passes, by bisection (every cost grows with every size)
      let lo: number = min;
      let hi = out[field];
      out[field] = lo;
      lowered.add(field);
      if (!test()) continue;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        out[field] = mid;
        if (test()) lo = mid; else hi = mid;
      }
      out[field] = lo;
    }
  }
  return { config: out, lowered: FIT_ORDER.filter((f) => lowered.has(f)), fits: fits() };
}

/** The estimated time of one optimizer step (ms) before any was measured. */
export function estimateStepMs(cost: RunCost): number {
  return cost.step / MACS_PER_MS;
}
