/**
 * `npm run bench:trajectory` — one answer of the hidden-state space in the worker (the fixed
 * sequences through the weights, the principal components, the projection), at the default run and
 * at larger sizes. Each figure is the median of several runs after a warm-up.
 */
import * as engine from '../src/engine/index';
import { createTask } from '../src/engine/tasks';
import type { TaskId } from '../src/engine/tasks/types';
import type { TrajectoryPoints } from '../src/worker/protocol';
import { createTrajectoryCache, trajectoryPass } from '../src/worker/trajectory';

const RUNS = process.argv.includes('--quick') ? 3 : 9;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const CASES: { name: string; task: TaskId; lag: number; cell: engine.CellType; hidden: number; layers?: number; points: TrajectoryPoints }[] = [
  { name: 'meet (the default run)', task: 'meet', lag: 3, cell: 'rnn', hidden: 16, points: 'answer' },
  { name: 'meet, every step', task: 'meet', lag: 3, cell: 'rnn', hidden: 16, points: 'all' },
  { name: 'recall lag 40', task: 'recall', lag: 40, cell: 'lstm', hidden: 16, points: 'all' },
  { name: 'charlm', task: 'charlm', lag: 8, cell: 'lstm', hidden: 64, points: 'all' },
  { name: 'charlm H 128, 2 layers', task: 'charlm', lag: 8, cell: 'gru', hidden: 128, layers: 2, points: 'all' },
  { name: 'charlm H 256', task: 'charlm', lag: 8, cell: 'lstm', hidden: 256, points: 'all' },
];

console.log(`hidden-state space, one answer, median of ${RUNS} runs`);
console.log('case                          cell  H    points  ms');
for (const c of CASES) {
  const task = createTask(c.task, { lag: c.lag, lang: 'en', corpus: 'en', seqLength: 25 });
  const V = task.vocab.length;
  const model = engine.createModel({ cell: c.cell, inputSize: V, hiddenSize: c.hidden, outputSize: V, numLayers: c.layers ?? 1, seed: 1 });
  const cache = createTrajectoryCache();
  const run = () => trajectoryPass(model, 0, task, task.examples[0]!, { id: 1, points: c.points }, cache);
  const first = run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const a = run();
    if (a.ok) times.push(a.ms);
  }
  const n = first.ok ? first.x.length : 0;
  console.log(`${c.name.padEnd(30)}${c.cell.padEnd(6)}${String(c.hidden).padEnd(5)}${String(n).padEnd(8)}${median(times).toFixed(1)}`);
}
