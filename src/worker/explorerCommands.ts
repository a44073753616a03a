/**
 * The commands of the panels that ask the worker for their own answers — the neuron explorer (a
 * passage, the features of the training text, spans like a marked one) and the hidden-state space —
 * read the current weights and change nothing. Kept apart from the training host's loop.
 */
import { BUILTIN_CORPORA } from '../engine/tasks/charlm';
import type { Post } from './host';
import { inspectionExample } from './inspect';
import { cloneModel, type Model, type Pieces } from '../engine';
import { createMatchCache, neuronMatchSteps } from './match';
import { createNeuronCache, neuronFeaturesSteps, neuronPassSteps } from './neurons';
import type { Command, InspectSource } from './protocol';
import type { Trainer } from './trainer';
import { answerTrajectory } from './trajectoryHost';

/** The commands handled here. */
export type ExplorerCommand = Extract<Command, { type: 'neurons' | 'neuron-features' | 'neuron-match' | 'trajectory' }>;

export function isExplorerCommand(cmd: Command): cmd is ExplorerCommand {
  return cmd.type === 'neurons' || cmd.type === 'neuron-features' || cmd.type === 'neuron-match' || cmd.type === 'trajectory';
}

/** The lane a request names (compare mode: 0 rnn, 1 lstm, 2 gru), clamped; the first by default. */
function laneOf(t: Trainer, model: number | undefined) {
  return t.lanes[Math.min(t.lanes.length - 1, Math.max(0, Math.floor(model ?? 0) || 0))]!;
}

/** The training text of a character run: the user's own, else the built-in corpus. */
function trainingText(t: Trainer): string {
  const own = t.config.text;
  return Array.from(own).length >= 2 && own.trim() !== '' ? own : BUILTIN_CORPORA[t.config.corpus === 'zh' ? 'zh' : 'en'];
}

/** The explorer's side of the worker: `handle` takes a command, `work` goes on with the answers that come in parts. */
export interface ExplorerCommands {
  handle(cmd: ExplorerCommand, t: Trainer, inspectSource: InspectSource): void;
  /** Works on the answers under way until `deadline` (the host's clock); true while some remain. */
  work(deadline: number): boolean;
}

/**
 * A handler with its own caches (the last passage and the last text read, kept while the weights stay).
 * Every answer runs as work in parts (a chunk of a passage or of the training text, of the
 * hidden-state space's sequences or components) between the host's other work, its first part at
 * once, on a copy of the weights taken when asked (training goes on meanwhile); a newer request of
 * the same kind replaces one under way (the page keeps only the answer to its latest).
 * `wake` asks the host for a turn when work arrives late (the hidden-state space's code is fetched first).
 */
export function createExplorerCommands(post: Post, now: () => number, fail: (e: unknown) => void, wake: () => void): ExplorerCommands {
  const neuronCache = createNeuronCache();
  const matchCache = createMatchCache();
  const jobs = new Map<string, Pieces<void>>();
  // per kind, one copy of each live model's weights (kept while the model lives, so the caches still match it)
  const copies = new Map<string, WeakMap<Model, Model>>();
  const frozen = (kind: string, model: Model): Model => {
    let of = copies.get(kind);
    if (!of) copies.set(kind, (of = new WeakMap()));
    let copy = of.get(model);
    if (!copy) of.set(model, (copy = cloneModel(model)));
    else copy.params.set(model.params);
    return copy;
  };
  /** Runs a job's first part at once (a short passage is answered there and then), the rest in turns. Throws what it throws. */
  const start = (kind: string, job: Pieces<void>): void => {
    if (!job.next().done) jobs.set(kind, job);
  };
  const handle = (cmd: ExplorerCommand, t: Trainer, inspectSource: InspectSource): void => {
    const lane = laneOf(t, cmd.request.model);
    switch (cmd.type) {
      case 'neurons': {
        jobs.delete(cmd.type);
        const inspected = inspectionExample(t.task, inspectSource).example.inputs;
        const work = neuronPassSteps(frozen(cmd.type, lane.model), lane.version, t.task, inspected, cmd.request, neuronCache);
        return start(cmd.type, (function* () {
          const answer = yield* work;
          post({ type: 'neurons', answer }, answer.ok ? [answer.values.buffer] : []);
        })());
      }
      case 'neuron-features': {
        jobs.delete(cmd.type);
        const work = neuronFeaturesSteps(frozen(cmd.type, lane.model), t.task, trainingText(t), cmd.request);
        return start(cmd.type, (function* () { post({ type: 'neuron-features', answer: yield* work }, []); })());
      }
      case 'neuron-match': {
        jobs.delete(cmd.type);
        const work = neuronMatchSteps(frozen(cmd.type, lane.model), lane.version, t.task, trainingText(t), cmd.request, matchCache);
        return start(cmd.type, (function* () { post({ type: 'neuron-match', answer: yield* work }, []); })());
      }
      case 'trajectory': {
        jobs.delete(cmd.type);
        const frozenLane = { model: frozen(cmd.type, lane.model), step: lane.step };
        const begin = (work: Pieces<void>): void => {
          start('trajectory', work);
          wake();
        };
        void answerTrajectory(frozenLane, t.task, inspectionExample(t.task, inspectSource).example, cmd.request, begin, post, now, fail);
      }
    }
  };
  const work = (deadline: number): boolean => {
    for (const [kind, job] of jobs) {
      try {
        for (;;) {
          if (job.next().done) { jobs.delete(kind); break; }
          if (now() >= deadline) return true;
        }
      } catch (e) {
        jobs.delete(kind);
        fail(e);
      }
    }
    return jobs.size > 0;
  };
  return { handle, work };
}
