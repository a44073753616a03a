/**
 * Speed of the engine's singularValues on recurrent-matrix shapes (4H × H, H × H) and one large
 * case, in CPU milliseconds (median of repeated runs).
 *   node --import ./scripts/register-ts.mjs bench/svd.bench.ts
 */
import { createRng, singularValuesFlat } from '../src/engine/index';

/** Milliseconds of this process's CPU time (user + system). */
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const CASES: readonly [rows: number, cols: number, reps: number][] = [
  [256, 64, 21], [128, 128, 21], [512, 128, 15], [2048, 512, 3],
];

const rng = createRng(1);
for (const [m, n, reps] of CASES) {
  const W = new Float64Array(m * n).map(() => rng.uniform(-1, 1) / Math.sqrt(n));
  singularValuesFlat(W, m, n);
  const xs: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = cpuNow();
    singularValuesFlat(W, m, n);
    xs.push(cpuNow() - t0);
  }
  console.log(`singularValues ${m}×${n}: ${median(xs).toFixed(2)} ms (CPU, median of ${reps})`);
}
