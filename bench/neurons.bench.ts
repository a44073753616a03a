/**
 * `npm run bench:neurons` (and the end of `npm run bench`) — the neuron explorer's work in the
 * worker, at H = 128 on the character model's vocabulary (V = 65), random weights:
 *   pass+rank  a 2 000-character passage through the weights (engine hiddenStates) and the ranking of
 *              a pattern's positions, from a cold cache — what one "apply" costs. Goal: < 50 ms.
 *   rank only  a new pattern over the kept pass.
 *   features   the feature search over 2 000 characters of the training text.
 *   forward()  for comparison: the full forward pass the explorer used before (readout, softmax and
 *              every cache kept), then the same ranking.
 * Each figure is the median of several runs (wall clock); "min" is the fastest run, and "cpu" the
 * median CPU time of this process over the pass — on a shared, loaded machine the nearest figures
 * to an unloaded one (the wall clock also counts the time spent waiting for a core). The verdict
 * reads the wall-clock median. Flags: --quick (fewer runs).
 */
import { pathToFileURL } from 'node:url';
import * as engine from '../src/engine/index';
import { BUILTIN_CORPORA, createCharLmTask } from '../src/engine/tasks/charlm';
import { createNeuronCache, neuronFeatures, neuronPass, passageTokens, patternMarks, rankUnits } from '../src/worker/neurons';

/** The goal for one pass+rank of 2 000 characters at H = 128, in milliseconds. */
export const NEURON_GOAL_MS = 50;

const H = 128;

export interface NeuronBenchRow {
  cell: engine.CellType; passRank: number; passRankMin: number; passRankCpu: number; rankOnly: number; features: number; forwardRank: number; forwardRankCpu: number; met: boolean;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};
const time = (fn: () => void): number => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
/** Wall-clock and CPU milliseconds of fn. */
const timeBoth = (fn: () => void): [number, number] => {
  const c0 = process.cpuUsage();
  const wall = time(fn);
  const c = process.cpuUsage(c0);
  return [wall, (c.user + c.system) / 1000];
};

/** Runs the neuron explorer's figures `runs` times per cell; prints a table and the goal's verdict. */
export function runNeuronBench(runs: number): NeuronBenchRow[] {
  const task = createCharLmTask({ lag: 8, corpus: 'en' });
  const V = task.vocab.length;
  const passage = Array.from(BUILTIN_CORPORA.en).slice(2000, 4000).join('');
  console.log(`\nneuron explorer, H = ${H}, V = ${V}, passage ${Array.from(passage).length} characters, median of ${runs} runs (min in brackets)`);
  console.log('cell  pass+rank ms (min)  cpu   rank only  features  forward()+rank (before), cpu');
  const rows: NeuronBenchRow[] = [];
  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    const model = engine.createModel({ cell, inputSize: V, hiddenSize: H, outputSize: V, seed: 1 });
    const req = { id: 1, text: passage, layer: 0, quantity: 'h', marks: { kind: 'pattern' as const, pattern: '[aeiou]' } };
    const full: number[] = [];
    const cpu: number[] = [];
    const rank: number[] = [];
    const feat: number[] = [];
    const old: number[] = [];
    const oldCpu: number[] = [];
    for (let r = 0; r < runs; r++) {
      const cache = createNeuronCache();
      const [wall, used] = timeBoth(() => neuronPass(model, 0, task, [], req, cache));
      full.push(wall);
      cpu.push(used);
      rank.push(time(() => neuronPass(model, 0, task, [], { ...req, marks: { kind: 'pattern', pattern: ' ' } }, cache)));
      feat.push(time(() => neuronFeatures(model, task, BUILTIN_CORPORA.en, { id: 1, layer: 0, quantity: 'h' })));
      const [oldWall, oldUsed] = timeBoth(() => {
        // the previous path: forward() over one-hot rows, the layer's h read out of the trace, ranked
        const p = passageTokens(task, passage);
        if ('error' in p) throw new Error(p.error);
        const trace = engine.forward(model, engine.oneHotRows(p.ids, V));
        const values = new Float64Array(p.ids.length * H);
        trace.steps.forEach((s, t) => values.set(s.layers[0]!.h, t * H));
        const m = patternMarks(p.tokens, p.sep, '[aeiou]');
        if ('marked' in m) rankUnits(values, p.ids.length, H, m.marked);
      });
      old.push(oldWall);
      oldCpu.push(oldUsed);
    }
    const row: NeuronBenchRow = {
      cell, passRank: median(full), passRankMin: Math.min(...full), passRankCpu: median(cpu), rankOnly: median(rank), features: median(feat),
      forwardRank: median(old), forwardRankCpu: median(oldCpu), met: median(full) < NEURON_GOAL_MS,
    };
    rows.push(row);
    console.log(`${cell.padEnd(5)} ${row.passRank.toFixed(1).padStart(8)} (${row.passRankMin.toFixed(1).padStart(5)}) ${row.passRankCpu.toFixed(1).padStart(6)} ${row.rankOnly.toFixed(1).padStart(9)} ` +
      `${row.features.toFixed(1).padStart(9)} ${row.forwardRank.toFixed(1).padStart(12)} ${row.forwardRankCpu.toFixed(1).padStart(12)}`);
  }
  console.log(`\nGoal: pass+rank of 2 000 characters at H = ${H} under ${NEURON_GOAL_MS} ms (median of this run):`);
  for (const r of rows) {
    console.log(`  ${r.met ? 'MET    ' : 'NOT MET'}  ${r.cell}: ${r.passRank.toFixed(1)} ms (fastest run ${r.passRankMin.toFixed(1)} ms, CPU ${r.passRankCpu.toFixed(1)} ms)`);
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runNeuronBench(process.argv.includes('--quick') ? 3 : 9);
