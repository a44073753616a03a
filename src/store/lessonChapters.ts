/**
 * The guided tour: eleven chapters in the order of the article's story. Each chapter has a stable id
 * (the `lesson=<id>` of a link), a preset (settings over LESSON_BASE, an optional selection, the panels
 * to point at) and a "try this" action with one or more turns (a button that cycles through them).
 * Text lives in the i18n tables under `lesson.<id>.*`.
 */
import type { TrainConfig } from '../worker/protocol';
import { play, rescaleRecurrent, reset, select, setConfig, stepOnce, stepThrough } from './actions';
import { useStore } from './store';

/** One turn of a chapter's "try this" button: its label (an i18n key) and what it does. */
export interface TryTurn {
  label: string;
  run: () => void;
}

export interface Chapter {
  /** Stable id, used in links (`lesson=<id>`). */
  id: string;
  /** Settings applied over LESSON_BASE when the chapter opens. */
  config: Partial<TrainConfig>;
  /** Time step (and unit) selected when the chapter opens. */
  select?: { step: number; unit: number | null };
  /** data-testids of the panels the chapter talks about, most important first. */
  focus: string[];
  /** The "try this" turns; the button performs them in order, then starts again. */
  tries: TryTurn[];
}

/**
 * What every chapter starts from (fields a chapter leaves out take these values), so a chapter looks
 * the same whichever chapter came before it. `text` and `speed` are the user's own and are kept.
 * Memory-task figures: at lag 40 with these sizes the GRU learns recall and the plain RNN does not.
 */
export const LESSON_BASE: Omit<TrainConfig, 'text' | 'speed' | 'corpus'> = {
  task: 'meet',
  lag: 3,
  seqLength: 25,
  cell: 'rnn',
  hidden: 16,
  layers: 1,
  nonlinearity: 'tanh',
  forgetBias: 3,
  optimizer: 'adam',
  lr: 0.01,
  momentum: 0.9,
  batch: 8,
  clip: 1,
  clipMode: 'norm',
  truncate: 0,
  seed: 1,
  maxSteps: 0,
  targetLoss: 0,
  compare: false,
};

/** The tasks the "shapes" chapter cycles through after its preset (one-to-many): many-to-one, many-to-many, back. */
const SHAPE_TURNS: { task: TrainConfig['task']; label: string }[] = [
  { task: 'meet', label: 'lesson.shapes.try.manyToOne' },
  { task: 'charlm', label: 'lesson.shapes.try.manyToMany' },
  { task: 'spell', label: 'lesson.shapes.try.oneToMany' },
];

/** The largest singular values the "vanishing" chapter sets, in turn. */
export const SPECTRAL_TURNS = [0.5, 1.5] as const;

/** Moves the forward pass of the inspection sequence one step on (after the last step: the whole trace again). */
function nextTimeStep(): void {
  const { snapshot, selectedStep, selectedUnit } = useStore.getState();
  const T = snapshot?.models[0]?.T ?? 0;
  const next = snapshot?.sweep === null || snapshot?.sweep === undefined ? 0 : snapshot.sweep + 1;
  if (T > 0 && next >= T) {
    stepThrough(-1);
    select(null, null);
    return;
  }
  stepThrough(next);
  select(next, selectedStep === null ? null : selectedUnit);
}

function rescale(sigma: number): void {
  rescaleRecurrent(useStore.getState().layer, sigma);
}

const trainIt: TryTurn = { label: 'lesson.try.play', run: play };

/** The chapters, in the order of the article. */
export const CHAPTERS: readonly Chapter[] = [
  {
    id: 'why',
    config: { task: 'meet', lag: 3, cell: 'rnn' },
    focus: ['panel-predictions', 'panel-unrolled'],
    tries: [trainIt],
  },
  {
    id: 'shapes',
    config: { task: 'spell', cell: 'rnn' },
    focus: ['panel-unrolled', 'panel-predictions'],
    tries: SHAPE_TURNS.map(({ task, label }) => ({ label, run: () => { setConfig({ task }); } })),
  },
  {
    id: 'recurrence',
    config: { task: 'meet', lag: 3, cell: 'rnn', hidden: 8 },
    focus: ['panel-equations', 'panel-unrolled', 'panel-hidden'],
    tries: [{ label: 'lesson.recurrence.try', run: nextTimeStep }],
  },
  {
    id: 'loss',
    config: { task: 'charlm', cell: 'rnn', hidden: 32, seqLength: 16, batch: 4 },
    focus: ['panel-loss', 'panel-predictions'],
    tries: [trainIt],
  },
  {
    id: 'bptt',
    config: { task: 'charlm', cell: 'rnn', hidden: 32, seqLength: 8, batch: 4 },
    select: { step: 3, unit: null },
    focus: ['panel-gradients', 'panel-unrolled'],
    tries: [{ label: 'lesson.bptt.try', run: () => stepOnce() }],
  },
  {
    id: 'vanishing',
    config: { task: 'recall', lag: 20, cell: 'rnn' },
    focus: ['panel-spectrum', 'panel-gradients'],
    tries: [
      { label: 'lesson.vanishing.try.shrink', run: () => rescale(SPECTRAL_TURNS[0]) },
      { label: 'lesson.vanishing.try.grow', run: () => rescale(SPECTRAL_TURNS[1]) },
    ],
  },
  {
    id: 'clipping',
    config: { task: 'charlm', cell: 'rnn', hidden: 32, seqLength: 25, batch: 1, optimizer: 'sgd', lr: 0.5, clip: 1 },
    focus: ['panel-clipping', 'panel-loss'],
    tries: [
      { label: 'lesson.clipping.try.off', run: () => { setConfig({ clip: 0 }); play(); } },
      { label: 'lesson.clipping.try.on', run: () => { setConfig({ clip: 1 }); play(); } },
    ],
  },
  {
    id: 'lstm',
    config: { task: 'meet', lag: 8, cell: 'lstm' },
    focus: ['panel-gates', 'panel-cell-state', 'panel-predictions'],
    tries: [trainIt],
  },
  {
    id: 'highway',
    config: { task: 'recall', lag: 40, cell: 'lstm', compare: true },
    focus: ['panel-gradients', 'panel-cell-state'],
    tries: [trainIt],
  },
  {
    id: 'gru',
    config: { task: 'recall', lag: 40, cell: 'gru' },
    focus: ['panel-gates', 'panel-hidden'],
    tries: [trainIt],
  },
  {
    id: 'race',
    config: { task: 'recall', lag: 40, cell: 'rnn', compare: true, seed: 1 },
    focus: ['panel-loss', 'panel-predictions'],
    tries: [{ label: 'lesson.race.try', run: () => { reset(); play(); } }],
  },
];

/** The i18n keys a chapter shows: title, text, what to watch, and its try labels. */
export function chapterKeys(c: Chapter): string[] {
  return [`lesson.${c.id}.title`, `lesson.${c.id}.text`, `lesson.${c.id}.watch`, ...c.tries.map((x) => x.label)];
}
