/**
 * A model file in the trainer: checking that weights read by the engine's parseModelFile fit the
 * run's task, building the lane that holds them, and writing the current weights as a file.
 *
 * Vocabulary: a file without one must have the task's vocabulary size. A file whose vocabulary
 * differs from the task's is accepted on the character model (outside compare mode): the task then
 * reads the same text with THE FILE'S token order (a character the file does not know becomes its
 * unknown token U+FFFD, or token 0 when it has none). Any other task with a different vocabulary
 * is rejected (import.error.vocabMismatch), as is a size that does not fit the run or the page's
 * cost budget (engine/limits; a batch too large for the model's vocabulary is lowered instead).
 */
import {
  createRng, forward, fromStateDict, ModelFileError, oneHotRows, serializeModel, type Model, type ModelConfig, type StateDict,
  type StateDictInput,
} from '../engine';
import { CHARLM_UNK, TASK_ERRORS } from '../engine/tasks';
import type { Example, Task } from '../engine/tasks/types';
import { fitBudget, MACS_PER_MS, overBudget, PARAMS_MAX, runCost, VOCAB_MAX } from '../engine/limits';
import { LIMITS } from './config';
import { createLane, type Lane } from './lane';
import { LOSS_DECAY } from './monitor';
import type { TrainConfig, WorkerEvent } from './protocol';

/** What a load-model command carries. */
export interface ModelFileInput { config: ModelConfig; stateDict: StateDict | StateDictInput; vocab: string[] | null; step?: number }

/** The cells side by side in compare mode, in lane order. */
const COMPARE_ORDER = ['rnn', 'lstm', 'gru'] as const;
/** A file whose weights score worse than this many times chance (ln V) is refused: training from it could only diverge. */
const WORSE_THAN_CHANCE = 10;
/** Examples the loaded weights are scored on, so the page shows their loss at once. */
const SCORE_EXAMPLES = 16;

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The char-LM task reading its text with `vocab`'s token order (see the module comment). */
export function withVocab(task: Task, vocab: readonly string[]): Task {
  const index = new Map(vocab.map((t, i) => [t, i] as const));
  const unk = index.get(CHARLM_UNK) ?? 0;
  const map = task.vocab.map((t) => index.get(t) ?? unk);
  const mapEx = (e: Example): Example => ({ ...e, inputs: e.inputs.map((i) => map[i]!), targets: e.targets.map((y) => (y < 0 ? y : map[y]!)) });
  return {
    ...task,
    vocab: [...vocab],
    sample: (rng) => mapEx(task.sample(rng)),
    examples: task.examples.map(mapEx),
    encode: (text) => {
      const r = task.encode(text);
      if ('error' in r) return r;
      const ids = Array.from(text).slice(0, r.inputs.length + 1).map((c) => index.get(c) ?? unk);
      if (ids.every((i) => i === unk)) return { error: TASK_ERRORS.noKnownToken };
      return { inputs: ids.slice(0, -1), targets: ids.slice(1) };
    },
  };
}

/** Mean per-token loss of `model` on a few task examples drawn with a fixed seed. */
function score(model: Model, task: Task): number {
  const rng = createRng(0x5eed);
  const V = task.vocab.length;
  let loss = 0;
  let n = 0;
  for (let i = 0; i < SCORE_EXAMPLES; i++) {
    const ex = task.sample(rng);
    const trace = forward(model, oneHotRows(ex.inputs, V));
    ex.targets.forEach((y, t) => {
      if (y < 0) return;
      loss -= Math.log(Math.max(trace.steps[t]!.probs[y]!, 1e-300));
      n++;
    });
  }
  return n > 0 ? loss / n : NaN;
}

/** The trainer's state that a loaded model replaces. */
export interface Adoption {
  cfg: TrainConfig;
  task: Task;
  /** The new lane, and where it goes: index in compare mode, null = it replaces every lane. */
  lane: Lane;
  index: number | null;
}

/**
 * Checks a file's model against the run and builds its lane (weights in place, optimizer fresh,
 * step 0, smoothed loss = the weights' loss on a few examples). Throws a ModelFileError naming the
 * misfit; changes nothing.
 */
export function adoptModel(cfg: TrainConfig, task: Task, file: ModelFileInput): Adoption {
  let model: Model;
  try {
    model = fromStateDict(file.config, file.stateDict);
  } catch (e) {
    throw new ModelFileError('import.error.format', { actual: e instanceof Error ? e.message : String(e) });
  }
  const c = model.config;
  if (c.inputSize !== c.outputSize) throw new ModelFileError('import.error.inputSize', { input: c.inputSize, output: c.outputSize });
  if (c.hiddenSize > LIMITS.hidden) throw new ModelFileError('import.error.limit', { field: 'hidden', max: LIMITS.hidden, actual: c.hiddenSize });
  if (c.numLayers > LIMITS.layers) throw new ModelFileError('import.error.limit', { field: 'layers', max: LIMITS.layers, actual: c.numLayers });
  let nextTask = task;
  if (file.vocab && !sameList(file.vocab, task.vocab)) {
    if (task.id !== 'charlm' || cfg.compare) throw new ModelFileError('import.error.vocabMismatch', { task: task.id });
    nextTask = withVocab(task, file.vocab);
  } else if (c.outputSize !== task.vocab.length) {
    throw new ModelFileError('import.error.taskVocab', { expected: task.vocab.length, actual: c.outputSize });
  }
  let next: TrainConfig;
  let index: number | null = null;
  if (cfg.compare) {
    index = COMPARE_ORDER.indexOf(c.cell);
    if (c.hiddenSize !== cfg.hidden || c.numLayers !== cfg.layers || (c.cell === 'rnn' && c.nonlinearity !== cfg.nonlinearity)) {
      throw new ModelFileError('import.error.compare', { hidden: cfg.hidden, layers: cfg.layers });
    }
    next = cfg;
  } else {
    next = { ...cfg, cell: c.cell, hidden: c.hiddenSize, layers: c.numLayers, nonlinearity: c.nonlinearity };
  }
  next = withinBudget(next, c.outputSize);
  const lane = createLane(c.cell, next, c.outputSize);
  lane.model = model;
  const loss = score(model, nextTask);
  // weights far worse than guessing (1e300 everywhere) would only diverge, and "restore" return to them
  const chance = Math.log(Math.max(2, nextTask.vocab.length));
  if (!(loss <= WORSE_THAN_CHANCE * chance)) {
    throw new ModelFileError('import.error.nonFinite', { loss: Number.isFinite(loss) ? Number(loss.toPrecision(3)) : String(loss), chance: Number(chance.toPrecision(3)) });
  }
  lane.monitor = { ema: loss * (1 - LOSS_DECAY), n: 1, above: 0 };
  const step = Number.isInteger(file.step) && file.step! > 0 ? file.step! : 0;
  lane.step = step;
  lane.good = { params: new Float64Array(model.params), step, monitor: { ...lane.monitor } };
  return { cfg: next, task: nextTask, lane, index };
}

/**
 * The run's settings for a model of vocabulary V: the batch lowered if a step would cost more than
 * the budget. Throws a ModelFileError naming the limit when the model itself does not fit (too many
 * tokens, weights, or a step too slow even one sequence at a time).
 */
export function withinBudget(cfg: TrainConfig, V: number): TrainConfig {
  const cost = runCost({ ...cfg, vocab: V });
  const over = overBudget(cost);
  if (over === null) return cfg;
  if (over === 'vocab') throw new ModelFileError('import.error.vocabLimit', { max: VOCAB_MAX, actual: V });
  if (over === 'params') throw new ModelFileError('import.error.paramLimit', { max: PARAMS_MAX, actual: cost.params });
  const fitted = fitBudget({ ...cfg, vocab: V });
  const onlyBatch = fitted.lowered.every((f) => f === 'batch');
  if (!fitted.fits || !onlyBatch) {
    const seconds = Math.round(Math.max(cost.step / cfg.batch, cost.inspect) / MACS_PER_MS / 100) / 10;
    throw new ModelFileError('import.error.costLimit', { seconds: Math.max(0.1, seconds) });
  }
  return { ...cfg, batch: fitted.config.batch };
}

/** The settings a loaded model changes, for the page's config (cell, sizes, nonlinearity). */
export function loadedSettings(c: TrainConfig): Pick<TrainConfig, 'cell' | 'hidden' | 'layers' | 'nonlinearity' | 'batch'> {
  return { cell: c.cell, hidden: c.hidden, layers: c.layers, nonlinearity: c.nonlinearity, batch: c.batch };
}

/** The answer to a load-model command: run `load` and report acceptance or the named rejection. */
export function loadModelEvent(load: () => TrainConfig): WorkerEvent {
  try {
    return { type: 'load-model', ok: true, code: 'import.loaded', params: {}, settings: loadedSettings(load()) };
  } catch (e) {
    if (e instanceof ModelFileError) return { type: 'load-model', ok: false, code: e.code, params: e.params };
    return { type: 'load-model', ok: false, code: 'import.error.format', params: { actual: e instanceof Error ? e.message : String(e) } };
  }
}

/** The run's optimizer as torch.optim names it (config.optimizer of a model file). */
export function optimizerConfig(cfg: TrainConfig): Record<string, string | number> {
  return {
    type: cfg.optimizer, lr: cfg.lr, weight_decay: cfg.weightDecay,
    ...(cfg.optimizer === 'sgd' ? { momentum: cfg.momentum } : {}),
  };
}

/** The lane's weights as a model file's text, with the run's task and step, and the optimizer in its config. */
export function exportLane(lane: Lane, task: Task, cfg: TrainConfig): Extract<WorkerEvent, { type: 'model' }> {
  const json = serializeModel(lane.model, task.vocab, {
    task: { id: task.id, lag: cfg.lag, corpus: cfg.corpus, seqLength: cfg.seqLength },
    step: lane.step,
  }, { config: { optimizer: optimizerConfig(cfg) } });
  return { type: 'model', json: JSON.stringify(json), cell: lane.cell, task: task.id, step: lane.step };
}

/**
 * An accepted load's event with `known`: the percentage of the task's tokens the new vocabulary
 * has, when the file brought its own (a file from another task reads most characters as one
 * unknown token, and the page says so).
 */
export function withKnownShare(event: WorkerEvent, before: readonly string[], after: () => readonly string[]): WorkerEvent {
  if (event.type !== 'load-model' || !event.ok) return event;
  const now = after();
  if (now === before) return event;
  const has = new Set(now);
  const known = Math.round((100 * before.filter((x) => has.has(x)).length) / Math.max(1, before.length));
  return { ...event, params: { ...event.params, known } };
}
