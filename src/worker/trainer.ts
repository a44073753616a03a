/**
 * The trainer: plain TypeScript, no Worker needed (the worker entry drives it; tests call it in Node).
 * A run is a pure function of its config: the weights start from config.seed, and the training data
 * come from one generator seeded from config.seed, so the same config gives the same run bit for bit,
 * and step(30) then step(70) equals step(100). Snapshots re-run the inspection sequence through the
 * current weights and never touch the training state.
 *
 * Compare mode trains rnn, lstm and gru side by side: each optimizer step draws ONE mini-batch and
 * feeds it to all three models.
 *
 * Step-through: every snapshot carries the whole inspection trace (forward and backward); how far
 * the panels draw of it is view state, kept in the page's store, so stepping through costs the
 * worker nothing and is exact at every t.
 *
 * Divergence stops training and puts back the last good weights with a fresh optimizer; it stays in
 * force (step() does nothing) until restore() or reset(), so the user can first lower the learning
 * rate or turn on clipping (setConfig keeps the weights for those).
 */
import { addBatchItemPieces, newBatchSum, type BatchSum, type CellType, type GradCheckResult, type Pieces } from '../engine';
import type { Example } from '../engine/tasks/types';
import { createRng, type Rng } from '../engine/rng';
import { createTask } from '../engine/tasks';
import type { Task } from '../engine/tasks/types';
import { clampConfig, diffConfig, type ConfigChange } from './config';
import { createFlowClock, type FlowClock, type FlowPolicy } from './flow-clock';
import { finish, inspectionExample, inspectLaneSteps, laneStale, type Steps } from './inspect';
import { createLane, laneLoss, markGood, rollBack, trainLane, type Lane } from './lane';
import { makeOptimizer, sampleBatch, trainOptions } from './optimize';
import type { Divergence, InspectSource, Snapshot, TrainConfig, WeightsView } from './protocol';
import { setLaneWeight, weightsView } from './weights';
import { gradCheckLane, rescaleLanes, sampleText, type SampleResult } from './tools';
import { adoptModel, exportLane, type ModelFileInput } from './modelFile';

/** What a call to {@link Trainer.step} did. */
export interface StepReport {
  /** Optimizer steps actually taken (fewer than asked when training stopped). */
  steps: number;
  /** Set when a model diverged during this call (training stops). */
  diverged: (Divergence & { model: number }) | null;
  /** Set when a stop condition was reached. */
  stopped: 'max-steps' | 'target-loss' | null;
}

/** The trainer's public face. Every method mutates the trainer unless it says otherwise. */
export interface Trainer {
  /** The config in force (after bounds). Read-only. */
  readonly config: TrainConfig;
  /** The task of the run. Read-only. */
  readonly task: Task;
  /** The models: one, or rnn/lstm/gru in compare mode. Read-only views of the live models. */
  readonly lanes: readonly Lane[];
  /** Runs up to n optimizer steps (stops early on divergence or a stop condition). */
  step(n: number): StepReport;
  /**
   * Trains until `deadline` (ms, the trainer's clock), at most maxSteps steps, pausing inside a step
   * when time runs out — between two sequences, or inside one between pieces of ~PIECE_MACS
   * multiply-adds (a chunk of steps of one layer): the step goes on at the next call, with the same
   * mini-batch and the same numbers as in one piece. Stops early like step().
   */
  advance(deadline: number, maxSteps?: number): StepReport;
  /** The current picture for the panels; drains the history. `extra` fills the worker's fields. */
  snapshot(extra?: { running?: boolean; stepsPerSecond?: number }): Snapshot;
  /**
   * The same picture as work that yields between its parts (see inspect.ts), so the worker can answer
   * commands meanwhile. Nothing may train or change the weights, the run or the inspection settings
   * until it ends (the worker drops it instead).
   */
  snapshotSteps(extra?: { running?: boolean; stepsPerSecond?: number }): Steps<Snapshot>;
  /** Applies new settings; rebuilds the model(s) only when needed (see config.ts). */
  setConfig(config: TrainConfig): ConfigChange;
  setInspect(inspect: InspectSource): void;
  /** Which layer the per-layer views (W_hh, singular values) show. */
  setLayer(layer: number): void;
  /** Back to step 0 with the same config (same seed ⇒ the same run again). */
  reset(): void;
  /** Leaves the diverged state: the last good weights, a fresh optimizer, training may continue. */
  restore(): void;
  /** Generates text from the (first) model. Uses its own generator, never the training data's. */
  sample(length: number, temperature: number, topK: number, prime: string): SampleResult;
  /** Rescales W_hh (or one gate block) of `layer` so its largest singular value is sigmaMax. */
  rescaleRecurrent(layer: number, sigmaMax: number, block: string, model?: number): void;
  /** Backprop gradient against finite differences for one weight, on the inspection example. */
  gradCheck(key: string, row: number, col: number, model?: number): GradCheckResult;
  /** Whether training is stopped by divergence. Read-only. */
  readonly diverged: Divergence | null;
  /** Replaces the model by a file's weights (see modelFile.ts); returns the new config. Throws a ModelFileError, changing nothing. */
  loadModel(file: ModelFileInput): TrainConfig;
  /** The weights of model `model` (default 0) as a model file. Changes nothing. */
  exportModel(model?: number): ReturnType<typeof exportLane>;
  /** The parameters of model `model` (default 0) with its last step's gradient and update. Changes nothing. */
  weights(model?: number): WeightsView;
  /** Sets one weight of model `model` (default 0) by hand; returns the value it had. Throws on a bad entry, changing nothing. */
  setWeight(key: string, row: number, col: number, value: number, model?: number): number;
  /** Which run this is (changes when the run starts over). Read-only. */
  readonly run: number;
}

/** Options for tests and the worker: a clock and the flow-matrix refresh policy. */
export interface TrainerOptions extends Partial<FlowPolicy> {
  /** Milliseconds, monotonic; default performance.now. */
  now?: () => number;
}

const COMPARE_CELLS: readonly CellType[] = ['rnn', 'lstm', 'gru'];

/** Seed of the training-data generator, derived from the run's seed (kept apart from the weights' stream). */
export function dataSeed(seed: number): number {
  return (seed ^ 0x6a09e667) >>> 0;
}

/** Builds the task for a config. */
export function taskFor(c: TrainConfig): Task {
  return createTask(c.task, {
    lag: c.lag, text: c.text === '' ? undefined : c.text, corpus: c.corpus, lang: c.corpus, seqLength: c.seqLength,
  });
}

/** A trainer for `config`, showing `inspect` in its snapshots. */
export function createTrainer(config: TrainConfig, inspect: InspectSource, options: TrainerOptions = {}): Trainer {
  const now = options.now ?? (() => performance.now());
  let cfg = clampConfig(config);
  let source = inspect;
  let layer = 0;
  let task!: Task;
  let V = 0;
  let data!: Rng;
  let sampler!: Rng;
  let lanes: Lane[] = [];
  let flowClock!: FlowClock;
  let stopped: 'max-steps' | 'target-loss' | null = null;
  let run = 0;

  const build = (): void => {
    task = taskFor(cfg);
    V = task.vocab.length;
    data = createRng(dataSeed(cfg.seed));
    sampler = createRng((dataSeed(cfg.seed) + 0x3c6ef372) >>> 0);
    lanes = (cfg.compare ? COMPARE_CELLS : [cfg.cell]).map((cell) => createLane(cell, cfg, V));
    flowClock = createFlowClock(now, options);
    stopped = null;
    run++;
  };
  build();

  const divergedLane = (): Lane | undefined => lanes.find((l) => l.diverged);

  const stopReason = (): 'max-steps' | 'target-loss' | null => {
    if (cfg.maxSteps > 0 && lanes.every((l) => l.step >= cfg.maxSteps)) return 'max-steps';
    if (cfg.targetLoss > 0 && lanes.every((l) => laneLoss(l) <= cfg.targetLoss)) return 'target-loss';
    return null;
  };

  const example = () => inspectionExample(task, source);

  /**
   * The next step's mini-batch and its gradients summed so far, lane by lane, sequence by sequence.
   * It is drawn once (so the data order does not depend on how the work was sliced) and summed
   * again from the start when the weights, the truncation or the models changed in between.
   */
  let pending: { data: Rng; batch: Example[]; lanes: Lane[]; versions: string; truncate: number;
    sums: (BatchSum | null)[]; lane: number; item: number; job: Pieces<void> | null } | null = null;
  const versions = (): string => lanes.map((l) => l.version).join(',');
  // one gradient sum per lane, zeroed for each step (a new one per step would be garbage the size of the model)
  const sumOf = new WeakMap<Lane, BatchSum>();
  const emptySum = (lane: Lane): BatchSum => {
    let sum = sumOf.get(lane);
    if (!sum || sum.sum.length !== lane.model.params.length) sumOf.set(lane, (sum = newBatchSum(lane.model)));
    sum.sum.fill(0);
    sum.loss = 0;
    sum.items = 0;
    sum.hits = [0, 0];
    return sum;
  };

  /**
   * Sums the pending step's gradients until `deadline` (one piece of a sequence at least, see
   * engine/pieces.ts: a sequence stops between layers or chunks of steps and goes on at the next
   * call); true when every lane's sum is complete.
   */
  const sumUntil = (deadline: number): boolean => {
    if (!pending || pending.data !== data || pending.batch.length !== cfg.batch) {
      pending = { data, batch: sampleBatch(task, data, cfg.batch), lanes: [], versions: '', truncate: -1, sums: [], lane: 0, item: 0, job: null };
    }
    const p = pending;
    if (p.versions !== versions() || p.truncate !== cfg.truncate || p.lanes.length !== lanes.length || p.lanes.some((l, k) => l !== lanes[k])) {
      Object.assign(p, { lanes: [...lanes], versions: versions(), truncate: cfg.truncate, sums: lanes.map(() => null), lane: 0, item: 0, job: null });
    }
    const options = trainOptions(cfg);
    while (p.lane < lanes.length) {
      const model = lanes[p.lane]!.model;
      try {
        const sum = p.sums[p.lane] ?? (p.sums[p.lane] = emptySum(lanes[p.lane]!));
        const e = p.batch[p.item]!;
        p.job ??= addBatchItemPieces(model, sum, { tokens: e.inputs, targets: e.targets }, options);
        while (!p.job.next().done) if (now() >= deadline) return false;
        p.job = null;
        p.item++;
      } catch {
        // numbers the engine refuses: the lane's step is left to trainLane, which judges the blow-up
        p.job = null;
        p.sums[p.lane] = null;
        p.item = p.batch.length;
      }
      if (p.item >= p.batch.length) {
        p.lane++;
        p.item = 0;
      }
      if (p.lane < lanes.length && now() >= deadline) return false;
    }
    return true;
  };

  /** Up to n optimizer steps, stopping early at `deadline` (the step under way is kept for later). */
  const train = (n: number, deadline: number): StepReport => {
    const report: StepReport = { steps: 0, diverged: null, stopped: null };
    const t0 = now();
    for (let i = 0; i < n; i++) {
      if (divergedLane()) break;
      stopped = stopReason();
      if (stopped) break;
      if (!sumUntil(deadline)) break;
      const { batch, sums } = pending!;
      pending = null;
      let bad = -1;
      lanes.forEach((lane, k) => {
        if (trainLane(lane, batch, cfg, V, sums[k]) && bad < 0) bad = k;
      });
      report.steps++;
      if (bad >= 0) {
        const d = lanes[bad]!.diverged!;
        report.diverged = { ...d, model: bad };
        break;
      }
      stopped = stopReason();
      if (stopped) break;
      if (now() >= deadline) break;
    }
    flowClock.trained(now() - t0);
    report.stopped = stopped;
    return report;
  };

  const trainer: Trainer = {
    get config() { return cfg; },
    get task() { return task; },
    get lanes() { return lanes; },
    get diverged() { return divergedLane()?.diverged ?? null; },

    step(n) {
      return train(n, Infinity);
    },

    advance(deadline, maxSteps = Infinity) {
      return train(maxSteps, deadline);
    },

    snapshot(extra = {}) {
      return finish(trainer.snapshotSteps(extra));
    },

    *snapshotSteps(extra = {}) {
      const { example: ex, error } = example();
      const T = ex.inputs.length;
      const lay = Math.min(cfg.layers - 1, layer);
      const refresh = flowClock.decide(extra.running ?? false);
      const t0 = now();
      let heavy = false;
      const models = [];
      for (const lane of lanes) {
        heavy ||= laneStale(lane, T, lay) || (refresh && lane.flow!.version !== lane.version);
        models.push(yield* inspectLaneSteps(lane, { task, example: ex, layer: lay, truncate: cfg.truncate, refresh }));
      }
      if (heavy) flowClock.refreshed(now() - t0);
      const d = divergedLane()?.diverged ?? null;
      return {
        run,
        models,
        history: lanes.map((l) => l.history.drain()),
        shape: task.shape,
        vocab: task.vocab,
        answers: task.answers ?? task.vocab.length,
        tokenKind: task.tokenKind,
        examples: task.examples.map((e, i) => e.label ?? `#${i + 1}`),
        running: extra.running ?? false,
        stepsPerSecond: extra.stepsPerSecond ?? 0,
        diverged: d ? { ...d } : null,
        stopped,
        inspectError: error,
      };
    },

    setConfig(next) {
      let n = clampConfig(next);
      // kept models keep their vocabulary (a loaded model's may be larger than the task's)
      if (!diffConfig(cfg, n).rebuild) n = clampConfig(next, V);
      const change = diffConfig(cfg, n);
      cfg = n;
      if (change.rebuild) build();
      else if (change.newOptimizer) for (const lane of lanes) lane.optimizer = makeOptimizer(cfg);
      else if (change.lrChanged) for (const lane of lanes) lane.optimizer.setLr(cfg.lr);
      if (!change.rebuild) {
        if (change.truncateChanged) for (const lane of lanes) lane.flow = null;
        stopped = null;
      }
      return change;
    },

    setInspect(i) {
      source = i;
      for (const lane of lanes) lane.flow = null;
    },

    setLayer(l) {
      layer = Math.max(0, Math.round(l) || 0);
    },

    reset() {
      build();
    },

    restore() {
      for (const lane of lanes) {
        if (lane.diverged) rollBack(lane, cfg);
        lane.diverged = null;
      }
      stopped = null;
    },

    sample(length, temperature, topK, prime) {
      return sampleText(lanes[0]!.model, task, sampler, { length, temperature, topK, prime });
    },

    rescaleRecurrent(l, sigmaMax, block, model) {
      const chosen = model === undefined ? lanes : lanes.filter((_, k) => k === model);
      rescaleLanes(chosen, Math.min(cfg.layers - 1, Math.max(0, l)), sigmaMax, block);
      for (const lane of chosen) markGood(lane);
    },

    loadModel(file) {
      const a = adoptModel(cfg, task, file);
      cfg = a.cfg;
      task = a.task;
      V = task.vocab.length;
      if (a.index === null) {
        lanes = [a.lane];
        data = createRng(dataSeed(cfg.seed));
        flowClock = createFlowClock(now, options);
      } else lanes[a.index] = a.lane;
      run++;
      stopped = null;
      return cfg;
    },

    weights(model = 0) {
      const k = Math.min(lanes.length - 1, Math.max(0, model));
      return weightsView(lanes[k]!, k, run);
    },

    setWeight(key, row, col, value, model = 0) {
      return setLaneWeight(lanes[Math.min(lanes.length - 1, Math.max(0, model))]!, key, row, col, value);
    },

    get run() { return run; },

    exportModel(model = 0) {
      return exportLane(lanes[Math.min(lanes.length - 1, Math.max(0, model))]!, task, cfg);
    },

    gradCheck(key, row, col, model = 0) {
      const lane = lanes[Math.min(lanes.length - 1, Math.max(0, model))]!;
      return gradCheckLane(lane.model, example().example, key, row, col);
    },
  };
  return trainer;
}
