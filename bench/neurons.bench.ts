/**
 * `npm run bench:neurons` — the neuron explorer's work in the worker, at H = 128 on the character
 * model's vocabulary: a 2 000-character passage through the weights with the ranking of a pattern
 * (a fresh pass), the ranking alone (the passage's pass kept), and the feature search over 2 000
 * characters of the training text. Each figure is the median of several runs.
 */
import * as engine from '../src/engine/index';
import { BUILTIN_CORPORA, createCharLmTask } from '../src/engine/tasks/charlm';
import { createNeuronCache, neuronFeatures, neuronPass } from '../src/worker/neurons';

const H = 128;
const RUNS = process.argv.includes('--quick') ? 3 : 7;
const task = createCharLmTask({ lag: 8, corpus: 'en' });
const V = task.vocab.length;
const passage = Array.from(BUILTIN_CORPORA.en).slice(2000, 4000).join('');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};
const time = (fn: () => void): number => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};

console.log(`neuron explorer, H = ${H}, V = ${V}, passage ${Array.from(passage).length} characters, median of ${RUNS} runs`);
console.log('cell  pass+rank (ms)  rank only (ms)  features (ms)');
for (const cell of ['rnn', 'lstm', 'gru'] as const) {
  const model = engine.createModel({ cell, inputSize: V, hiddenSize: H, outputSize: V, seed: 1 });
  const req = { id: 1, text: passage, layer: 0, quantity: 'h', marks: { kind: 'pattern' as const, pattern: '[aeiou]' } };
  const full: number[] = [];
  const rank: number[] = [];
  const feat: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const cache = createNeuronCache();
    full.push(time(() => neuronPass(model, 0, task, [], req, cache)));
    rank.push(time(() => neuronPass(model, 0, task, [], { ...req, marks: { kind: 'pattern', pattern: ' ' } }, cache)));
    feat.push(time(() => neuronFeatures(model, task, BUILTIN_CORPORA.en, { id: 1, layer: 0, quantity: 'h' })));
  }
  console.log(`${cell.padEnd(5)} ${median(full).toFixed(1).padStart(14)} ${median(rank).toFixed(1).padStart(15)} ${median(feat).toFixed(1).padStart(14)}`);
}
