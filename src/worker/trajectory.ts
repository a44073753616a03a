/**
 * The hidden-state space in the worker: a fixed, seeded set of the task's sequences run through a
 * model's current weights; the top layer's h_t after every step of every sequence is one point of a
 * cloud [N][H]; its first two principal components (engine pca) give the axes, on which the points
 * and the shown sequence's path are projected. The sequences stay the same between answers (same
 * seed, same task), so the pictures of one run can be compared as training goes on. The points are
 * every step, or only the steps that answer (carry a loss): in a many-to-one task the input word
 * dominates the spread of every step, and the memory of the clue shows best where it is used.
 */
import { classSeparation, drain, gateCount, hiddenStatesSteps, pcaSteps, project, type Model, type Pca, type Pieces } from '../engine';
import type { Example, Task } from '../engine/tasks/types';
import { createRng } from '../engine/rng';
import type { TrajectoryAnswer, TrajectoryRequest } from './protocol';

/** The seed of the fixed sequences (any constant: the same points at every answer). */
export const TRAJECTORY_SEED = 20_251;
/** At most this many sequences and this many points. */
export const MAX_SEQUENCES = 200;
export const MAX_POINTS = 4000;
/** At least this many sequences, however large the model. */
export const MIN_SEQUENCES = 8;
/** Forward-pass work (multiply–adds) one answer may spend: wide models get fewer points. */
export const FORWARD_BUDGET = 4e7;

/** Multiply–adds of one step of the forward pass (every layer and the output layer). */
export function costPerStep(model: Model): number {
  const { cell, hiddenSize: H, inputSize: I, numLayers: L, outputSize: V } = model.config;
  const G = gateCount(cell);
  return G * H * (H + I) + (L - 1) * G * H * 2 * H + H * V;
}

/**
 * For each step of `ex`: the target it leads to — its own where it carries a loss, else the next
 * loss-carrying target of the sequence, else −1 (after the last one). [T]
 */
export function leadingTargets(ex: Pick<Example, 'targets'>): Int32Array {
  const T = ex.targets.length;
  const out = new Int32Array(T).fill(-1);
  let next = -1;
  for (let t = T - 1; t >= 0; t--) {
    if (ex.targets[t]! >= 0) next = ex.targets[t]!;
    out[t] = next;
  }
  return out;
}

/** The fixed sequences for `task`: up to MAX_SEQUENCES from TRAJECTORY_SEED, their steps summing to at most `maxPoints` (at least MIN_SEQUENCES). */
export function fixedSequences(task: Pick<Task, 'sample'>, maxPoints: number): Example[] {
  const rng = createRng(TRAJECTORY_SEED);
  const out: Example[] = [];
  let points = 0;
  while (out.length < MAX_SEQUENCES) {
    const ex = task.sample(rng);
    if (out.length >= MIN_SEQUENCES && points + ex.inputs.length > maxPoints) break;
    out.push(ex);
    points += ex.inputs.length;
  }
  return out;
}

/** What a host keeps between answers: the sequences of the current task, and each model's last axes (for their signs). */
export interface TrajectoryCache {
  task: unknown;
  budget: number;
  sequences: Example[];
  /** Last axes [2][H] by model (for sign continuity). */
  axes: WeakMap<Model, Float64Array>;
}

export function createTrajectoryCache(): TrajectoryCache {
  return { task: null, budget: 0, sequences: [], axes: new WeakMap() };
}

/**
 * Answers a trajectory request on `model` (its optimizer step `step`) and `task`; `shown` is the
 * sequence the panels show (its inputs and targets). Mutates `cache` only. `now` measures the time taken.
 */
export function trajectoryPass(model: Model, step: number, task: Task, shown: Example, req: TrajectoryRequest,
  cache: TrajectoryCache = createTrajectoryCache(), now: () => number = () => performance.now()): TrajectoryAnswer {
  return drain(trajectorySteps(model, step, task, shown, req, cache, now));
}

/**
 * {@link trajectoryPass} as work that stops between chunks of the sequences' forward passes (the
 * weights must not change until it ends); `ms` is then the time of its parts, not of the waits between them.
 */
export function* trajectorySteps(model: Model, step: number, task: Task, shown: Example, req: TrajectoryRequest,
  cache: TrajectoryCache = createTrajectoryCache(), now: () => number = () => performance.now()): Pieces<TrajectoryAnswer> {
  let spent = 0;
  let t0 = now();
  const { id } = req;
  const H = model.config.hiddenSize;
  const budget = Math.max(1, Math.min(MAX_POINTS, Math.floor(FORWARD_BUDGET / costPerStep(model))));
  if (cache.task !== task || cache.budget !== budget) {
    cache.task = task;
    cache.budget = budget;
    cache.sequences = fixedSequences(task, budget);
  }
  const seqs = cache.sequences;
  const answersOnly = req.points === 'answer';
  let N = 0;
  for (const ex of seqs) N += ex.inputs.length;
  const data = new Float64Array(N * H);
  const token = new Int32Array(N);
  const target = new Int32Array(N);
  const position = new Int32Array(N);
  let n = 0;
  // the top layer's states of every sequence, [T][H] each (as topLayerStates), a chunk at a time
  const all: Float64Array[] = [];
  for (const ids of [...seqs.map((ex) => ex.inputs), shown.inputs]) {
    const states = hiddenStatesSteps(model, ids, model.config.numLayers - 1, 'h');
    for (let r = states.next(); ; r = states.next()) {
      if (r.done) { all.push(r.value); break; }
      spent += now() - t0;
      yield;
      t0 = now();
    }
  }
  const finite = (a: Float64Array, from: number, to: number): boolean => {
    for (let i = from; i < to; i++) if (!Number.isFinite(a[i]!)) return false;
    return true;
  };
  seqs.forEach((ex, s) => {
    const states = all[s]!;
    const lead = leadingTargets(ex);
    for (let t = 0; t < ex.inputs.length; t++) {
      if (answersOnly && ex.targets[t]! < 0) continue;
      if (!finite(states, t * H, (t + 1) * H)) continue; // a diverged state is left out
      data.set(states.subarray(t * H, (t + 1) * H), n * H);
      token[n] = ex.inputs[t]!;
      target[n] = lead[t]!;
      position[n] = t;
      n++;
    }
  });
  const flat = all[seqs.length]!;
  if (n < 2 || !finite(flat, 0, flat.length)) return { id, ok: false, code: 'trajectory.error.nonFinite', params: {} };
  const prev = cache.axes.get(model);
  spent += now() - t0;
  yield;
  t0 = now();
  const pcaWork = pcaSteps(data, n, H, 2, { start: prev });
  let p: Pca;
  for (let r = pcaWork.next(); ; r = pcaWork.next()) {
    if (r.done) { p = r.value; break; }
    spent += now() - t0;
    yield;
    t0 = now();
  }
  // keep each axis pointing the way it did last time, so the picture does not flip while training
  if (prev && prev.length === p.components.length) {
    for (let c = 0; c < p.k; c++) {
      let d = 0;
      for (let j = 0; j < H; j++) d += prev[c * H + j]! * p.components[c * H + j]!;
      if (d < 0) for (let j = 0; j < H; j++) p.components[c * H + j] = -p.components[c * H + j]!;
    }
  }
  cache.axes.set(model, p.components.slice());
  const xy = project(p, data, n);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = xy[i * p.k]!;
    y[i] = p.k > 1 ? xy[i * p.k + 1]! : 0;
  }
  const T = shown.inputs.length;
  const pxy = project(p, flat, T);
  const path = {
    x: Float32Array.from({ length: T }, (_, t) => pxy[t * p.k]!),
    y: Float32Array.from({ length: T }, (_, t) => (p.k > 1 ? pxy[t * p.k + 1]! : 0)),
    token: Int32Array.from(shown.inputs),
    target: leadingTargets(shown),
  };
  const tok = token.subarray(0, n);
  const tgt = target.subarray(0, n);
  return {
    id, ok: true, step, cell: model.config.cell, hidden: H, layers: model.config.numLayers, vocab: task.vocab,
    sequences: seqs.length, points: answersOnly ? 'answer' : 'all', x, y, token: tok.slice(), target: tgt.slice(), position: position.slice(0, n), path,
    explained: [p.ratio[0] ?? 0, p.ratio[1] ?? 0],
    separation: { token: classSeparation(x, y, tok), target: classSeparation(x, y, tgt) },
    ms: spent + now() - t0,
  };
}

/** The buffers of an answer, for the transfer list. */
export function trajectoryTransfer(a: TrajectoryAnswer): ArrayBuffer[] {
  if (!a.ok) return [];
  return [a.x, a.y, a.token, a.target, a.position, a.path.x, a.path.y, a.path.token, a.path.target].map((b) => b.buffer as ArrayBuffer);
}
