/**
 * Retrains the pretrained checkpoints in public/checkpoints/ reproducibly (fixed seeds, fixed step
 * counts, deterministic early stop). Each recipe names its own size (loading a checkpoint sets the
 * page's cell and sizes to the file's):
 *   charlm (built-in English text) and recall (lag RECALL_DEFAULT_LAG), each for lstm, gru, rnn.
 * The character LSTM is the neuron explorer's model: 128 units trained on 100-character pieces, large
 * and long enough that single units track word boundaries, quotes and the like.
 * Weights are rounded to `digits` significant digits in the JSON (the files stay small; the loss
 * changes by far less than its last printed digit).
 *
 *   node --import ./scripts/register-ts.mjs scripts/pretrain.ts [task-cell …]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createModel, createOptimizer, forward, oneHotRows, paramCount, trainBatch, type CellType, type Model,
} from '../src/engine';
import { serializeModel } from '../src/engine/pytorch';
import { createRng } from '../src/engine/rng';
import { createTask, RECALL_DEFAULT_LAG } from '../src/engine/tasks';
import type { Task } from '../src/engine/tasks/types';
import { DEFAULT_CONFIG } from '../src/store/defaults';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'checkpoints');
/** The character model's lag setting (unused by its task, kept in the file's task record). */
const CHARLM_LAG = 8;

interface Recipe {
  task: 'charlm' | 'recall';
  cell: CellType;
  /** Hidden units (one layer). */
  hidden: number;
  /** Characters per training piece (charlm). */
  seqLength: number;
  /** Significant digits of the weights in the file. */
  digits: number;
  /** Most optimizer steps; training stops earlier once the check set is solved (recall). */
  steps: number;
  batch: number;
  lr: number;
  clip: number;
  /** LSTM: the forget-gate biases start at this value (createModel's forgetBias) instead of PyTorch's U(−k, k). */
  forgetBias?: number;
  /** Recall: shorter lags trained first, {lag, steps} each, before the checkpoint's own lag. */
  curriculum?: { lag: number; steps: number }[];
}

const RECIPES: Recipe[] = [
  { task: 'charlm', cell: 'lstm', hidden: 128, seqLength: 100, digits: 6, steps: 4000, batch: 4, lr: 0.005, clip: 5, forgetBias: 1 },
  { task: 'charlm', cell: 'gru', hidden: 64, seqLength: 25, digits: 7, steps: 4000, batch: 4, lr: 0.005, clip: 5 },
  { task: 'charlm', cell: 'rnn', hidden: 64, seqLength: 25, digits: 7, steps: 6000, batch: 4, lr: 0.002, clip: 5 },
  {
    task: 'recall', cell: 'lstm', hidden: 64, seqLength: 25, digits: 7, steps: 2000, batch: 8, lr: 0.01, clip: 1, forgetBias: 1,
    curriculum: [{ lag: 10, steps: 500 }, { lag: 20, steps: 500 }, { lag: 30, steps: 500 }],
  },
  { task: 'recall', cell: 'gru', hidden: 64, seqLength: 25, digits: 7, steps: 4000, batch: 8, lr: 0.01, clip: 1 },
  { task: 'recall', cell: 'rnn', hidden: 64, seqLength: 25, digits: 7, steps: 3000, batch: 8, lr: 0.005, clip: 1 },
];

const SEED = DEFAULT_CONFIG.seed;
const CHECK_EVERY = 250;

function taskOf(r: Recipe, lag = RECALL_DEFAULT_LAG): Task {
  return r.task === 'charlm'
    ? createTask('charlm', { lag: CHARLM_LAG, corpus: 'en', seqLength: r.seqLength })
    : createTask('recall', { lag });
}

/** Mean per-token loss and accuracy over n fresh examples drawn with a fixed seed. */
function evaluate(model: Model, task: Task, n: number, seed: number): { loss: number; accuracy: number } {
  const V = task.vocab.length;
  const rng = createRng(seed);
  let loss = 0;
  let tokens = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const ex = task.sample(rng);
    const trace = forward(model, oneHotRows(ex.inputs, V));
    ex.targets.forEach((y, t) => {
      if (y < 0) return;
      const p = trace.steps[t]!.probs;
      loss -= Math.log(Math.max(p[y]!, 1e-300));
      let best = 0;
      for (let v = 1; v < V; v++) if (p[v]! > p[best]!) best = v;
      if (best === y) correct++;
      tokens++;
    });
  }
  return { loss: loss / tokens, accuracy: correct / tokens };
}

function train(r: Recipe): void {
  const task = taskOf(r);
  const V = task.vocab.length;
  const H = r.hidden;
  const model = createModel({
    cell: r.cell, inputSize: V, hiddenSize: H, outputSize: V, numLayers: 1,
    nonlinearity: DEFAULT_CONFIG.nonlinearity, seed: SEED,
    ...(r.cell === 'lstm' && r.forgetBias !== undefined ? { forgetBias: r.forgetBias } : {}),
  });
  const optimizer = createOptimizer({ type: 'adam', lr: r.lr });
  const data = createRng(SEED + 1);
  const t0 = Date.now();
  let ema = 0;
  let step = 0;
  for (const stage of r.curriculum ?? []) {
    const easier = taskOf(r, stage.lag);
    for (let i = 0; i < stage.steps; i++, step++) {
      const batch = [];
      for (let b = 0; b < r.batch; b++) {
        const ex = easier.sample(data);
        batch.push({ tokens: ex.inputs, targets: ex.targets });
      }
      trainBatch(model, optimizer, batch, { clipNorm: r.clip });
    }
    const check = evaluate(model, easier, 100, 7);
    console.log(`  ${r.task}-${r.cell} lag ${stage.lag} after step ${step}: check loss ${check.loss.toFixed(3)}, acc ${check.accuracy.toFixed(3)}`);
  }
  const total = step + r.steps;
  while (step < total) {
    const batch = [];
    for (let b = 0; b < r.batch; b++) {
      const ex = task.sample(data);
      batch.push({ tokens: ex.inputs, targets: ex.targets });
    }
    const { loss } = trainBatch(model, optimizer, batch, { clipNorm: r.clip });
    const perToken = loss / Math.max(1, batch[0]!.targets.filter((y) => y >= 0).length);
    ema = step === 0 ? perToken : 0.99 * ema + 0.01 * perToken;
    step++;
    if (step % CHECK_EVERY === 0) {
      const check = evaluate(model, task, 100, 7);
      console.log(`  ${r.task}-${r.cell} step ${step}: train ${ema.toFixed(3)}, check loss ${check.loss.toFixed(3)}, acc ${check.accuracy.toFixed(3)}, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      if (r.task === 'recall' && check.accuracy === 1 && check.loss < 0.05) break;
    }
  }
  const final = evaluate(model, task, 200, 999);
  const json = serializeModel(model, task.vocab, {
    task: { id: r.task, lag: r.task === 'recall' ? RECALL_DEFAULT_LAG : CHARLM_LAG, corpus: 'en', seqLength: r.seqLength },
    step,
    metrics: { loss: Number(final.loss.toPrecision(4)), accuracy: Number(final.accuracy.toPrecision(4)), chance: Number(Math.log(V).toPrecision(4)) },
  }, { digits: r.digits });
  const text = JSON.stringify(json);
  const file = join(OUT, `${r.task}-${r.cell}.json`);
  writeFileSync(file, text);
  console.log(`${r.task}-${r.cell}: ${step} steps, ${paramCount(model)} weights, loss ${final.loss.toFixed(3)} (chance ${Math.log(V).toFixed(3)}), ` +
    `accuracy ${(100 * final.accuracy).toFixed(1)} %, ${(text.length / 1024).toFixed(0)} KB, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

mkdirSync(OUT, { recursive: true });
const only = process.argv.slice(2);
for (const r of RECIPES) if (only.length === 0 || only.includes(`${r.task}-${r.cell}`)) train(r);
