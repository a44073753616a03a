/**
 * The commands of the panels that ask the worker for their own answers — the neuron explorer (a
 * passage, the features of the training text, spans like a marked one) and the hidden-state space —
 * read the current weights and change nothing. Kept apart from the training host's loop.
 */
import { BUILTIN_CORPORA } from '../engine/tasks/charlm';
import type { Post } from './host';
import { inspectionExample } from './inspect';
import { createMatchCache, neuronMatch } from './match';
import { createNeuronCache, neuronFeatures, neuronPass } from './neurons';
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

/** A handler with its own caches (the last passage and the last text read, kept while the weights stay). */
export function createExplorerCommands(post: Post, now: () => number, fail: (e: unknown) => void) {
  const neuronCache = createNeuronCache();
  const matchCache = createMatchCache();
  return (cmd: ExplorerCommand, t: Trainer, inspectSource: InspectSource): void => {
    const lane = laneOf(t, cmd.request.model);
    switch (cmd.type) {
      case 'neurons': {
        const inspected = inspectionExample(t.task, inspectSource).example.inputs;
        const answer = neuronPass(lane.model, lane.version, t.task, inspected, cmd.request, neuronCache);
        post({ type: 'neurons', answer }, answer.ok ? [answer.values.buffer] : []);
        return;
      }
      case 'neuron-features':
        post({ type: 'neuron-features', answer: neuronFeatures(lane.model, t.task, trainingText(t), cmd.request) }, []);
        return;
      case 'neuron-match':
        post({ type: 'neuron-match', answer: neuronMatch(lane.model, lane.version, t.task, trainingText(t), cmd.request, matchCache) }, []);
        return;
      case 'trajectory':
        void answerTrajectory(lane, t.task, inspectionExample(t.task, inspectSource).example, cmd.request, post, now, fail);
    }
  };
}
