/**
 * Figures of the training runtime in Node: optimizer steps per second of the default run, and the
 * cost of one snapshot with and without the flow matrix at several sizes (CPU time).
 *   node --import ./scripts/register-ts.mjs src/worker/measure.bench.ts
 */
import os from 'node:os';
import { BASE } from './test-config';
import type { TrainConfig } from './protocol';
import { createTrainer } from './trainer';

const EXAMPLE = { kind: 'example', index: 0 } as const;

/**
 * Milliseconds of this process's CPU time (user + system): on a machine shared with other work
 * it tracks the cost of the code better than the wall clock does.
 */
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Steps per CPU-second of `cfg` over about `ms` milliseconds of CPU time (after a warm-up). */
export function stepsPerSecond(cfg: TrainConfig, ms = 3000): number {
  const t = createTrainer(cfg, EXAMPLE);
  t.step(20);
  const t0 = cpuNow();
  let n = 0;
  while (cpuNow() - t0 < ms) n += t.step(10).steps;
  return (n * 1000) / (cpuNow() - t0);
}

/** Median CPU ms of one snapshot with the flow matrix and spectrum recomputed, and without (the caches sent). */
export function snapshotCost(cfg: TrainConfig, reps = 9): { withFlow: number; withoutFlow: number } {
  // a paused trainer recomputes a stale flow at once; a running one with a huge interval never does
  const t = createTrainer(cfg, EXAMPLE, { flowEvery: 1e9, flowIntervalMs: 1e9 });
  t.step(2);
  t.snapshot();
  const withFlow: number[] = [];
  const withoutFlow: number[] = [];
  for (let i = 0; i < reps; i++) {
    t.step(1);
    let a = cpuNow();
    t.snapshot({ running: false });
    withFlow.push(cpuNow() - a);
    t.step(1);
    a = cpuNow();
    t.snapshot({ running: true });
    withoutFlow.push(cpuNow() - a);
  }
  return { withFlow: median(withFlow), withoutFlow: median(withoutFlow) };
}

function main(): void {
  const out: string[] = [];
  out.push(`default run (${BASE.task}, ${BASE.cell}, H ${BASE.hidden}, T ${BASE.seqLength}, ${BASE.optimizer}): ` +
    `${stepsPerSecond(BASE).toFixed(0)} steps/s`);
  for (const hidden of [64, 128]) {
    for (const seqLength of [25, 50, 100]) {
      const c = snapshotCost({ ...BASE, hidden, seqLength });
      out.push(`snapshot H ${hidden} T ${seqLength}: ${c.withFlow.toFixed(1)} ms with flow, ${c.withoutFlow.toFixed(1)} ms without`);
    }
  }
  const cmp = snapshotCost({ ...BASE, compare: true });
  out.push(`(CPU time; load average ${os.loadavg()[0]!.toFixed(1)})`);
  out.push(`compare mode H 64 T 25: ${cmp.withFlow.toFixed(1)} ms with flow, ${cmp.withoutFlow.toFixed(1)} ms without; ` +
    `${stepsPerSecond({ ...BASE, compare: true }, 2000).toFixed(0)} steps/s`);
  console.log(out.join('\n'));
}

if (typeof process !== 'undefined' && process.argv[1]?.endsWith('measure.bench.ts')) main();
