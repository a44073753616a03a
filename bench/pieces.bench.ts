/**
 * `npm run bench:pieces` — the longest piece of work the worker cannot interrupt at the largest sizes
 * (`?task=charlm&hidden=256&layers=3&seqlen=200&batch=64`, lowered by the cost budget like the page
 * does), for each kind of work: a training slice (SLICE_MS asked), each part of a snapshot with the
 * flow matrix and the spectrum recomputed, the commands a click sends (pause, a learning rate,
 * reset), and the answers of the panels that ask for their own (neurons, features, spans, the
 * hidden-state space). A command waits at most for the piece under way, so the longest piece bounds
 * how late a command takes effect. Wall-clock milliseconds (the worker's clock), so run it on a quiet
 * machine; flags: --cell=rnn|lstm|gru (default rnn, the page's), --seconds=N of training (default 6).
 */
import { fitBudget } from '../src/engine/limits';
import { createTask } from '../src/engine/tasks';
import { SLICE_MS } from '../src/worker/host';
import { createNeuronCache, neuronFeaturesSteps, neuronPassSteps } from '../src/worker/neurons';
import { NEURON_MAX_CHARS, type TrainConfig } from '../src/worker/protocol';
import { createMatchCache, neuronMatchSteps } from '../src/worker/match';
import { BASE } from '../src/worker/test-config';
import { createTrainer } from '../src/worker/trainer';
import { createTrajectoryCache, trajectorySteps } from '../src/worker/trajectory';
import { BUILTIN_CORPORA } from '../src/engine/tasks/charlm';

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const cell = (arg('cell') ?? 'rnn') as TrainConfig['cell'];
const seconds = Number(arg('seconds') ?? 6);

const asked = { ...BASE, cell, hidden: 256, layers: 3, seqLength: 200, batch: 64 };
// the page counts the vocabulary of the built-in text, as here
const vocab = createTask('charlm', { lag: 8, lang: 'en', corpus: 'en', seqLength: 25 }).vocab.length;
const { config } = fitBudget({ ...asked, vocab });
const now = (): number => performance.now();
/**
 * CPU milliseconds of this process (user + system): on a machine shared with other work it tracks
 * the cost of the code better than the wall clock (the worker's own clock still drives the slices).
 */
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const time = <T>(fn: () => T): [T, number] => {
  const t0 = cpu();
  const r = fn();
  return [r, cpu() - t0];
};
const rows: [string, number][] = [];
const row = (what: string, ms: number): void => { rows.push([what, ms]); };

console.log(`largest sizes: ${cell}, H ${config.hidden}, ${config.layers} layers, T ${config.seqLength}, batch ${asked.batch} → ${config.batch}`);
const trainer = createTrainer(config, { kind: 'example', index: 0 });
trainer.step(1); // warm

// training slices as the worker runs them: each advance() asked to stop after SLICE_MS
{
  let longest = 0;
  let slices = 0;
  const end = now() + seconds * 1000;
  while (now() < end) {
    const [, ms] = time(() => trainer.advance(now() + SLICE_MS));
    longest = Math.max(longest, ms);
    slices++;
  }
  row(`training slice (longest of ${slices}, ${trainer.lanes[0]!.step} steps)`, longest);
}

// a snapshot with the flow matrix and the spectrum recomputed, a part at a time
{
  trainer.setInspect({ kind: 'example', index: 0 }); // drops the flow cache: recomputed below
  const job = trainer.snapshotSteps({ running: false });
  let longest = 0;
  let parts = 0;
  let which = 0;
  const all: number[] = [];
  for (;;) {
    const t0 = cpu();
    const r = job.next();
    const ms = cpu() - t0;
    all.push(ms);
    parts++;
    if (ms > longest) { longest = ms; which = parts; }
    if (r.done) break;
  }
  row(`snapshot part (longest of ${parts}: part ${which})`, longest);
  if (process.argv.includes('--parts')) console.log(`snapshot parts (ms): ${all.map((x) => x.toFixed(0)).join(' ')}`);
}

// the commands of a click
row('command: learning rate', time(() => trainer.setConfig({ ...trainer.config, lr: trainer.config.lr / 2 }))[1]);
row('command: reset', time(() => trainer.reset())[1]);
trainer.step(1);

// the panels that ask for their own answers: each the longest of its parts
{
  const lane = trainer.lanes[0]!;
  const task = createTask(config.task, { lag: config.lag, lang: 'en', corpus: 'en', seqLength: config.seqLength });
  const inspected = task.examples[0]!.inputs;
  const text = BUILTIN_CORPORA.en;
  const marks = { kind: 'pattern', pattern: 'e' } as const;
  const parts = (what: string, work: Generator<void, unknown, void>): void => {
    let longest = 0;
    let n = 0;
    for (let done = false; !done; n++) {
      const [r, ms] = time(() => work.next());
      longest = Math.max(longest, ms);
      done = r.done === true;
    }
    row(`${what} (longest of ${n} parts)`, longest);
  };
  parts('neurons, the inspected sequence', neuronPassSteps(lane.model, lane.version, task, inspected,
    { id: 1, text: null, layer: 2, quantity: 'h', marks }, createNeuronCache()));
  parts(`neurons, a passage of ${NEURON_MAX_CHARS} characters`, neuronPassSteps(lane.model, lane.version, task, inspected,
    { id: 1, text: text.slice(0, NEURON_MAX_CHARS), layer: 2, quantity: 'h', marks }, createNeuronCache()));
  parts('neuron features', neuronFeaturesSteps(lane.model, task, text, { id: 1, layer: 2, quantity: 'h' }));
  parts('neuron match', neuronMatchSteps(lane.model, lane.version, task, text,
    { id: 1, layer: 2, quantity: 'h', units: [0, 1], pattern: [0, 0, 1, 1], length: 2 }, createMatchCache()));
  parts('hidden-state space', trajectorySteps(lane.model, lane.step, task, task.examples[0]!, { id: 1, points: 'all' }, createTrajectoryCache(), now));
}

for (const [what, ms] of rows) console.log(`${what.padEnd(62)}${ms.toFixed(1).padStart(8)} ms`);
console.log(`longest piece: ${Math.max(...rows.map((r) => r[1])).toFixed(1)} ms`);
