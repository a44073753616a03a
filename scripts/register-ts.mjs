// Lets plain `node` run the TypeScript sources (benchmarks, scripts) without a build:
//   node --import ./scripts/register-ts.mjs bench/engine.bench.ts
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
