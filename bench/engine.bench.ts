/**
 * `npm run bench` — training speed of the engine against TensorFlow.js (cpu and wasm backends),
 * measured in the same run, interleaved round-robin (ours, tfjs-cpu, tfjs-wasm, ours, ...).
 *   W1: vocabulary 65 (one-hot), H = 128, T = 25, batch 1; one step = forward + loss at every step
 *       + full BPTT + Adam update.   W2: the same with H = 512.
 * Each sample times a few consecutive steps; a figure is the median of the samples.
 * Flags: --quick (fewer, shorter samples), --only=W1 | --only=W2.
 * At the end, the neuron explorer's figures (bench/neurons.bench.ts: a 2 000-character pass at
 * H = 128, goal < 50 ms); they are written to results/engine.json too.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as engine from '../src/engine/index';
import { runNeuronBench } from './neurons.bench';
import { createTfModel, type BenchCell } from './tfjs-rnn';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);

const V = 65;
const T = 25;
const CELLS: BenchCell[] = ['rnn', 'lstm', 'gru'];
const WORKLOADS = [
  { name: 'W1', hidden: 128, rounds: quick ? 3 : 9, sampleMs: quick ? 150 : 300 },
  { name: 'W2', hidden: 512, rounds: quick ? 2 : 4, sampleMs: quick ? 300 : 600 },
].filter((w) => !only || w.name === only);
const IMPLS = ['ours', 'tfjs-cpu', 'tfjs-wasm'] as const;
type Impl = (typeof IMPLS)[number];

const G = (cell: BenchCell): number => (cell === 'rnn' ? 1 : cell === 'lstm' ? 4 : 3);
/** Nominal FLOPs of one training step: 3 × T × (2·G·H·(V+H) + 2·V·H). */
const trainFlops = (cell: BenchCell, H: number): number => 3 * T * (2 * G(cell) * H * (V + H) + 2 * V * H);

function idsFor(seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: T + 1 }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % V;
  });
}

/** A full collection when node runs with --expose-gc (npm run bench does); else nothing. */
const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Runner { step(): number; activate(): Promise<void>; dispose(): void }

async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (tf.getBackend() !== name && !(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} unavailable`);
}

async function runners(cell: BenchCell, H: number): Promise<Record<Impl, Runner>> {
  const ids = idsFor(17);
  const inputs = ids.slice(0, T).map((id) => Array.from({ length: V }, (_, j) => (j === id ? 1 : 0)));
  const targets = ids.slice(1);
  const model = engine.createModel({ cell, inputSize: V, hiddenSize: H, outputSize: V, seed: 1 });
  const opt = engine.createOptimizer({ type: 'adam', lr: 1e-3 });
  const ours: Runner = {
    step: () => engine.trainStep(model, opt, inputs, targets).loss,
    activate: async () => {},
    dispose: () => {},
  };
  const tfRunner = async (backend: 'cpu' | 'wasm'): Promise<Runner> => {
    await useBackend(backend);
    const m = createTfModel({ cell, vocab: V, hidden: H, ids }, 1);
    return { step: () => m.step(), activate: () => useBackend(backend), dispose: () => m.dispose() };
  };
  return { ours, 'tfjs-cpu': await tfRunner('cpu'), 'tfjs-wasm': await tfRunner('wasm') };
}

interface Row {
  workload: string; cell: BenchCell; hidden: number; flopsPerStep: number;
  msPerStep: Record<Impl, number>; bestMs: Record<Impl, number>; samples: Record<Impl, number[]>; stepsPerSample: Record<Impl, number>;
  firstLoss: Record<Impl, number>; gflops: Record<Impl, number>;
  speedup: { vsCpu: number; vsWasm: number };
}

async function measure(workload: (typeof WORKLOADS)[number], cell: BenchCell): Promise<Row> {
  const H = workload.hidden;
  const r = await runners(cell, H);
  const steps = {} as Record<Impl, number>;
  const firstLoss = {} as Record<Impl, number>;
  for (const impl of IMPLS) {
    await r[impl].activate();
    firstLoss[impl] = r[impl].step();
    const t0 = performance.now();
    r[impl].step();
    const est = performance.now() - t0;
    steps[impl] = Math.max(1, Math.min(200, Math.round(workload.sampleMs / Math.max(est, 1e-3))));
  }
  const samples: Record<Impl, number[]> = { ours: [], 'tfjs-cpu': [], 'tfjs-wasm': [] };
  for (let round = 0; round < workload.rounds; round++) {
    for (const impl of IMPLS) {
      await r[impl].activate();
      collectGarbage(); // each sample starts from a clean heap, so no contender pays for another's garbage
      const t0 = performance.now();
      for (let i = 0; i < steps[impl]; i++) r[impl].step();
      samples[impl].push((performance.now() - t0) / steps[impl]);
    }
  }
  for (const impl of IMPLS) r[impl].dispose();
  const flops = trainFlops(cell, H);
  const ms = Object.fromEntries(IMPLS.map((i) => [i, median(samples[i])])) as Record<Impl, number>;
  const gflops = Object.fromEntries(IMPLS.map((i) => [i, flops / (ms[i] * 1e6)])) as Record<Impl, number>;
  return {
    workload: workload.name, cell, hidden: H, flopsPerStep: flops, msPerStep: ms,
    bestMs: Object.fromEntries(IMPLS.map((i) => [i, Math.min(...samples[i])])) as Record<Impl, number>, samples,
    stepsPerSample: steps, firstLoss, gflops,
    speedup: { vsCpu: ms['tfjs-cpu'] / ms.ours, vsWasm: ms['tfjs-wasm'] / ms.ours },
  };
}

const pad = (s: string, n: number): string => s.padStart(n);
const f = (x: number, d = 2): string => x.toFixed(d);

async function main(): Promise<void> {
  // tfjs-core's gradients ship as ES modules only; load and register them into the same registry
  register('./tfjs-esm-hooks.mjs', import.meta.url);
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  const require = createRequire(import.meta.url);
  const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
  setWasmPaths(wasmDir);
  await useBackend('wasm');
  await useBackend('cpu');
  console.log(`Unrolled engine bench — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ` +
    `tfjs ${tf.version_core}${quick ? ', quick' : ''}`);
  console.log(`Nominal FLOPs per training step: 3 × T × (2·G·H·(V+H) + 2·V·H), T = ${T}, V = ${V} ` +
    '(the per-time-step forward count, ×3 for training, × T steps). Ratios = tfjs ms / our ms.');
  const rows: Row[] = [];
  const header = `${'work'.padEnd(5)}${'cell'.padEnd(5)}${pad('ours ms', 9)}${pad('cpu ms', 9)}${pad('wasm ms', 9)}` +
    `${pad('ours GF/s', 10)}${pad('cpu GF/s', 9)}${pad('wasm GF/s', 10)}${pad('×cpu', 7)}${pad('×wasm', 7)}`;
  console.log(header);
  for (const w of WORKLOADS) {
    for (const cell of CELLS) {
      const row = await measure(w, cell);
      rows.push(row);
      const m = row.msPerStep;
      console.log(`${w.name.padEnd(5)}${cell.padEnd(5)}${pad(f(m.ours), 9)}${pad(f(m['tfjs-cpu'], 1), 9)}` +
        `${pad(f(m['tfjs-wasm'], 1), 9)}${pad(f(row.gflops.ours), 10)}${pad(f(row.gflops['tfjs-cpu']), 9)}` +
        `${pad(f(row.gflops['tfjs-wasm']), 10)}${pad(f(row.speedup.vsCpu, 1), 7)}${pad(f(row.speedup.vsWasm, 1), 7)}`);
    }
  }
  const find = (wl: string) => rows.find((x) => x.workload === wl && x.cell === 'lstm');
  const targets: { name: string; value: number; goal: number; met: boolean }[] = [];
  const w1 = find('W1');
  if (w1) {
    targets.push({ name: 'W1 LSTM: tfjs-cpu / ours ≥ 15', value: w1.speedup.vsCpu, goal: 15, met: w1.speedup.vsCpu >= 15 });
    targets.push({ name: 'W1 LSTM: tfjs-wasm / ours ≥ 3', value: w1.speedup.vsWasm, goal: 3, met: w1.speedup.vsWasm >= 3 });
  }
  const w2 = find('W2');
  if (w2) targets.push({ name: 'W2 LSTM: tfjs-wasm / ours ≥ 1', value: w2.speedup.vsWasm, goal: 1, met: w2.speedup.vsWasm >= 1 });
  console.log('\nTargets (ratios of medians, interleaved in this run):');
  for (const t of targets) console.log(`  ${t.met ? 'MET    ' : 'NOT MET'}  ${t.name}: ${f(t.value)}`);
  const neurons = runNeuronBench(quick ? 3 : 9);
  const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, 'engine.json');
  writeFileSync(out, JSON.stringify({
    date: new Date().toISOString(), quick, node: process.version, tfjs: tf.version_core,
    cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, T, V,
    flops: '3 * T * (2*G*H*(V+H) + 2*V*H) per training step', rows, targets, neurons,
  }, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
}

await main();
