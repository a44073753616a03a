/**
 * Configs for the worker's tests: the page's default run (mirrored here because src/worker does not
 * import the store) and a small, fast variant.
 */
import type { TrainConfig } from './protocol';

/** The default run: char LM on the built-in English text, LSTM, H 64, T 25, Adam. */
export const BASE: TrainConfig = {
  task: 'charlm', lag: 8, corpus: 'en', text: '', seqLength: 25, cell: 'lstm', hidden: 64, layers: 1,
  nonlinearity: 'tanh', forgetBias: 3, optimizer: 'adam', lr: 0.005, momentum: 0.9, weightDecay: 0, batch: 1, clip: 25, clipMode: 'norm',
  truncate: 0, seed: 1, maxSteps: 0, targetLoss: 0, speed: 0, compare: false,
};

/** A small char-LM run for quick tests. */
export const SMALL: TrainConfig = { ...BASE, hidden: 12, seqLength: 10 };
