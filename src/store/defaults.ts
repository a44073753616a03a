import type { InspectSource, TrainConfig } from '../worker/protocol';
import type { Lang } from './types';

/**
 * The default run (no URL parameters): the article's first example, a small vanilla RNN (16 units)
 * completing "let's meet for ___" with the clue three words back. A first-timer can read every row
 * of its panels, it learns in seconds, and it is where the tour's first chapter starts.
 */
export const DEFAULT_CONFIG: TrainConfig = {
  task: 'meet',
  lag: 3,
  corpus: 'en',
  text: '',
  seqLength: 25,
  cell: 'rnn',
  hidden: 16,
  layers: 1,
  nonlinearity: 'tanh',
  // Open forget gates at the start let the LSTM learn the memory tasks' long lags (40 steps).
  forgetBias: 3,
  optimizer: 'adam',
  lr: 0.01,
  momentum: 0.9,
  weightDecay: 0,
  batch: 8,
  clip: 1,
  clipMode: 'norm',
  truncate: 0,
  seed: 1,
  maxSteps: 0,
  targetLoss: 0,
  speed: 0,
  compare: false,
};

export const DEFAULT_INSPECT: InspectSource = { kind: 'example', index: 0 };

/**
 * The built-in text of a language (the character model's text and the words of "let's meet for
 * ___"): Tang poems for 简体中文, *Alice* for English. The text follows the page's language until a
 * link, the Settings or a chapter picks one.
 */
export function builtInTextFor(lang: Lang): TrainConfig['corpus'] {
  return lang === 'zh-CN' ? 'zh' : 'en';
}
