/** Which commands leave the host's work under way in place: a snapshot being built, the steps a `step` command asked for. */
import type { Command } from './protocol';

/** Commands that leave a snapshot under way valid (they change neither the weights, the run nor what it shows). */
export const KEEP_SNAPSHOT: ReadonlySet<Command['type']> = new Set([
  'ping', 'ack', 'pause', 'play', 'weights', 'export-model', 'sample', 'neurons', 'neuron-features', 'neuron-match',
]);

/** Commands that end the steps a `step` command still has to take. */
export const STOP_STEPS: ReadonlySet<Command['type']> = new Set(['init', 'play', 'pause', 'reset', 'set-config', 'load-model', 'load-model-params', 'restore']);
