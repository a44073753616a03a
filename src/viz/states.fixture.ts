/**
 * A plausible snapshot and loss histories for the state panels, built without the worker: the
 * traces of `fixtureTrace` (a seeded forward pass with consistent gates and states) plus the fields
 * a snapshot adds. Shapes match the worker's Snapshot and the store's History.
 */
import type { CellType } from '../engine/types';
import { fixtureContext, fixtureTrace } from './fixtures';

export interface StatesFixtureOptions {
  cell?: CellType;
  /** Three models (rnn, lstm, gru), as in compare mode. */
  compare?: boolean;
  T?: number;
  hidden?: number;
  layers?: number;
  /** Optimizer steps so far (also the history length); changes the values, like training does. */
  step?: number;
}

/** A loss curve that falls from ln V towards `floor` with seeded noise: [steps]. */
function lossCurve(steps: number, V: number, floor: number, seed: number): number[] {
  let s = seed * 9301 + 49297;
  const noise = () => ((s = (s * 9301 + 49297) % 233280) / 233280 - 0.5);
  return Array.from({ length: steps }, (_, k) => floor + (Math.log(V) - floor) * Math.exp(-k / 300) + 0.25 * noise());
}

/** A snapshot (structurally the worker's Snapshot) and one history per model. */
export function statesFixture({ cell = 'lstm', compare = false, T = 12, hidden = 16, layers = 1, step = 600 }: StatesFixtureOptions = {}) {
  const cells: CellType[] = compare ? ['rnn', 'lstm', 'gru'] : [cell];
  const ctx = fixtureContext('many-to-many');
  const models = cells.map((c, m) => {
    const trace = fixtureTrace({ cell: c, T, hidden, layers, seed: 1 + step + 17 * m });
    const loss = lossCurve(step, trace.vocabSize, [1.6, 0.9, 1.0][m] ?? 1, m + 1);
    return {
      ...trace, step, loss: loss[loss.length - 1] ?? Math.log(trace.vocabSize), accuracy: null as number | null,
      flow: null as Float64Array | null, sigma: Float64Array.from([1.2, 0.9, 0.5]),
    };
  });
  const histories = models.map((_, m) => {
    const loss = lossCurve(step, models[0].vocabSize, [1.6, 0.9, 1.0][m] ?? 1, m + 1);
    return { step: loss.map((_, k) => k + 1), loss, gradNorm: loss.map((l) => l * 2), clippedNorm: loss.map((l) => Math.min(5, l * 2)) };
  });
  const snapshot = {
    models, history: [], shape: ctx.shape, vocab: ctx.vocab, tokenKind: 'char' as const, examples: [], running: true, stepsPerSecond: 30,
  };
  return { snapshot, histories };
}
