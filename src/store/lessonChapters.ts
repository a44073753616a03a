/**
 * The guided tour: the chapters in the order of the article's story. Each chapter is a scene: a stable
 * id (the `lesson=<id>` of a link), a preset (settings over LESSON_BASE, the pace included), the panels
 * it stages beside the lesson, an optional question to predict before trying, and its beats — the
 * turns of its "try this", run in order by the button or a presenter's clicker.
 * Text lives in the i18n tables under `lesson.<id>.*`.
 */
import type { TrainConfig } from '../worker/protocol';
import { pause, play, rescaleRecurrent, reset, select, setConfig, setFlowModel, setInspect, stepOnce, stepThrough } from './actions';
import { loadPretrained } from './modelFile';
import { applyNeuronText, setNeuronFind, setNeuronQuantity, setNeuronUnit, showBestFeatureUnit, showBestUnitFor } from './neurons';
import { useStore } from './store';
import { stepCursor } from './sweep';
import { setWeight } from './weights';

/** One beat of a chapter: its label (an i18n key, also shown as "next: …") and what it does. */
export interface Beat {
  label: string;
  run: () => void;
}

/** A question asked before the beats: options are i18n key suffixes (`lesson.<id>.predict.<option>`). */
export interface Prediction {
  options: readonly string[];
  /** The option that turns out true. */
  answer: string;
  /** The beat (0-based) whose run reveals the answer. */
  revealAt: number;
}

/**
 * How the staged panels share the stage: `pair` puts two side by side; `wide` too, the second twice as
 * wide (a sentence of whole words beside a narrow panel); `stack` puts the first across the width and
 * the second below it (for a wide panel such as the unrolled diagram).
 */
export type StageLayout = 'pair' | 'wide' | 'stack';

export interface Chapter {
  /** Stable id, used in links (`lesson=<id>`). */
  id: string;
  /** Settings applied over LESSON_BASE when the chapter opens; `speed` is the chapter's pace (steps/s). */
  config: Partial<TrainConfig> & { speed: number };
  /** Which of the task's inspection examples the panels show when the chapter opens (default the first). */
  example?: number;
  /** Time step (and unit) selected when the chapter opens (0-based). */
  select?: { step: number; unit: number | null };
  /** data-testids of the panels the chapter stages beside the lesson, in stage order. */
  focus: string[];
  stage: StageLayout;
  /** The beats of "try this", in order. */
  beats: Beat[];
  /**
   * After the last beat, "try this" runs that beat again on the same run instead of starting the
   * chapter afresh (a beat that moves on by itself, such as one more time step each press). `more`
   * says whether another press still shows something new: a presenter's clicker presses on while it
   * does, then moves to the next chapter. `back` undoes one press (a presenter's PageUp) and says
   * whether it could; when it cannot, PageUp goes back a beat as usual. `label`, when it gives a key,
   * names what the next press does instead of the beat's own label (e.g. the whole pass again).
   */
  repeatLastBeat?: { more: () => boolean; back: () => boolean; label?: () => string | null };
  predict?: Prediction;
  /** How the staged panels show this chapter: e.g. a fixed range for the gradient-versus-distance curve. */
  /**
   * flowDomain: the flow curve's fixed log range. curveOnStage: on the stage in presentation mode the
   * flow panel shows its curve and read-outs only (the chapter is about the curve; the matrix stays
   * in the panel elsewhere). fitSteps: the staged unrolled diagram starts with every step in view.
   */
  view?: { flowDomain?: readonly [number, number]; curveOnStage?: boolean; fitSteps?: boolean };
}

/**
 * What every chapter starts from (fields a chapter leaves out take these values), so a chapter looks
 * the same whichever chapter came before it. `text` is the user's own and is kept.
 */
export const LESSON_BASE: Omit<TrainConfig, 'text' | 'corpus'> = {
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

/** The largest singular values the "vanishing" chapter sets, in turn: vanishing, fading slowly, exploding. */
export const SPECTRAL_TURNS = [0.5, 1.5, 4] as const;

/** The single recurrent weight the "vanishing" chapter then sets by hand: below 1, above 1. */
export const HAND_TURNS = [0.5, 1.5] as const;

/** One active ReLU unit (b_ih = 1) whose W_hh is `w`: each step back multiplies the gradient by w. */
function handWeight(w: number): void {
  setWeight('rnn.bias_ih_l0', 0, 0, 1);
  setWeight('rnn.weight_hh_l0', 0, 0, w);
}

/** The clipping chapter's threshold (gradient norm). */
export const CLIP_AT = 2;

/** Moves the forward pass of the inspection sequence one step on (after the last step: the whole trace again). */
function nextTimeStep(): void {
  const { snapshot, selectedStep, selectedUnit } = useStore.getState();
  const T = snapshot?.models[0]?.T ?? 0;
  const cursor = stepCursor();
  const next = cursor === null ? 0 : cursor + 1;
  if (T > 0 && next >= T) {
    stepThrough(-1);
    select(null, null);
    return;
  }
  stepThrough(next);
  select(next, selectedStep === null ? null : selectedUnit);
}

/** Moves the forward pass one step back (a presenter's PageUp); false at the first step or when every step shows. */
function prevTimeStep(): boolean {
  const cursor = stepCursor();
  if (cursor === null || cursor <= 0) return false;
  stepThrough(cursor - 1);
  select(cursor - 1, useStore.getState().selectedUnit);
  return true;
}

function rescale(sigma: number): void {
  rescaleRecurrent(useStore.getState().layer, sigma);
}

const trainIt: Beat = { label: 'lesson.try.play', run: play };

/** The meet task's examples are one per clue, in order: morning, afternoon, evening, midnight. */
const MORNING = 0;
const AFTERNOON = 1;
const EVENING = 2;

/** Shows another example of the task, keeping the selection (the meet task's examples all have the same length). */
function showExample(index: number): void {
  const { selectedStep, selectedUnit } = useStore.getState();
  setInspect({ kind: 'example', index });
  select(selectedStep, selectedUnit);
}

/** The models of compare mode, in order. */
const COMPARE_CELLS = ['rnn', 'lstm', 'gru'] as const;

/**
 * The passage the "units" chapter colours on the trained character model: words, a quotation and a
 * bracket, in characters of the built-in English text (a unit test checks every one is in its vocabulary).
 */
export const UNITS_PASSAGE = "Alice sat by the river and thought, 'what a curious day it has been!' Then the White Rabbit ran past her (as quick as he could) and was gone.";

/** The "units" chapter's pattern for find-by-example: every vowel. */
export const UNITS_FIND = '[aeiou]';

/** Pauses, switches to the character task's LSTM and loads its trained checkpoint, the passage shown in the neuron explorer. */
function loadTrainedCharacterModel(): void {
  pause();
  setConfig({ task: 'charlm', corpus: 'en', cell: 'lstm', compare: false });
  setNeuronFind('');
  setNeuronQuantity('h');
  setNeuronUnit(0);
  applyNeuronText(UNITS_PASSAGE);
  void loadPretrained();
}

/** The chapters, in the order of the article. */
export const CHAPTERS: readonly Chapter[] = [
  {
    id: 'why',
    // ReLU: on every seed the prediction at the blank first settles on the four meals evenly (about 1 s
    // at this pace), then on the clue's meal (p ≥ 0.8 on every example within about 20 s).
    config: { task: 'meet', lag: 3, cell: 'rnn', nonlinearity: 'relu', speed: 15 },
    // the message the text tells of: "afternoon" a few words before the blank, lunch the answer
    example: AFTERNOON,
    focus: ['panel-predictions', 'panel-unrolled'],
    // the whole message in view, the clue and the blank: the diagram takes two thirds of the stage
    stage: 'wide',
    // then the same network on the evening message: only the clue differs, and the blank goes to dinner
    beats: [trainIt, { label: 'lesson.why.try.evening', run: () => showExample(EVENING) }],
    predict: { options: ['guess', 'clue'], answer: 'clue', revealAt: 0 },
    view: { fitSteps: true },
  },
  {
    id: 'shapes',
    config: { task: 'spell', cell: 'rnn', speed: 30 },
    focus: ['panel-unrolled'],
    stage: 'stack',
    beats: [
      { label: 'lesson.shapes.try.manyToOne', run: () => { setConfig({ task: 'meet' }); } },
      { label: 'lesson.shapes.try.manyToMany', run: () => { setConfig({ task: 'charlm' }); } },
      { label: 'lesson.shapes.try.oneToMany', run: () => { setConfig({ task: 'spell' }); } },
    ],
    predict: { options: ['one', 'every'], answer: 'every', revealAt: 1 },
  },
  {
    id: 'recurrence',
    config: { task: 'meet', lag: 3, cell: 'rnn', hidden: 8, speed: 30 },
    focus: ['panel-unrolled', 'panel-equations'],
    stage: 'pair',
    beats: [{ label: 'lesson.recurrence.try', run: nextTimeStep }],
    // on to the last step, then the whole trace again (the cursor back to null)
    repeatLastBeat: {
      more: () => stepCursor() !== null,
      back: prevTimeStep,
      label: () => {
        const cursor = stepCursor();
        const T = useStore.getState().snapshot?.models[0]?.T ?? 0;
        return cursor !== null && T > 0 && cursor >= T - 1 ? 'lesson.recurrence.try.whole' : null;
      },
    },
    predict: { options: ['same', 'different'], answer: 'same', revealAt: 0 },
  },
  {
    id: 'loss',
    // The loss falls from ln V at once to the cost of knowing only which letters are common (2 s), then
    // on as the network learns which letter follows which (about 2.5 nats per character at 20 s).
    config: { task: 'charlm', cell: 'rnn', hidden: 32, seqLength: 16, batch: 4, speed: 10 },
    focus: ['panel-loss', 'panel-predictions'],
    stage: 'pair',
    beats: [trainIt],
    predict: { options: ['zero', 'chance', 'infinite'], answer: 'chance', revealAt: 0 },
  },
  {
    id: 'bptt',
    config: { task: 'charlm', cell: 'rnn', hidden: 32, seqLength: 8, batch: 4, speed: 20 },
    select: { step: 3, unit: null },
    focus: ['panel-unrolled', 'panel-gradients'],
    stage: 'pair',
    beats: [{ label: 'lesson.bptt.try', run: () => stepOnce() }],
    predict: { options: ['own', 'earlier'], answer: 'earlier', revealAt: 0 },
    view: { fitSteps: true },
  },
  {
    id: 'vanishing',
    // Every step of the character model carries a loss, so the whole flow matrix fills in. The beats act
    // on the untrained network (tanh barely saturated): each starts again from the seed's weights.
    config: { task: 'charlm', seqLength: 25, cell: 'rnn', hidden: 32, speed: 20 },
    focus: ['panel-spectrum', 'panel-gradients'],
    stage: 'pair',
    beats: [
      ...SPECTRAL_TURNS.map((sigma, i) => ({
        label: `lesson.vanishing.try.${['shrink', 'grow', 'explode'][i]}`,
        run: () => { reset(); rescale(sigma); },
      })),
      // Then W_hh by hand, as one number: one ReLU unit kept active (b_ih 1), so a step back multiplies by w exactly.
      ...HAND_TURNS.map((w, i) => ({
        label: `lesson.vanishing.try.${['handSmall', 'handLarge'][i]}`,
        run: () => { if (i === 0) { setConfig({ hidden: 1, nonlinearity: 'relu' }); reset(); } handWeight(w); },
      })),
    ],
    predict: { options: ['larger', 'smaller'], answer: 'larger', revealAt: 1 },
    view: { flowDomain: [1e-16, 1e3], curveOnStage: true },
  },
  {
    id: 'clipping',
    // Plain SGD (no momentum) with a large learning rate: without clipping the first steps (gradient
    // norm 40–60) throw the weights away within about 6 s; clipped at 2, the net learns to spell.
    config: { task: 'spell', cell: 'rnn', hidden: 32, batch: 1, optimizer: 'sgd', lr: 0.5, momentum: 0, clip: CLIP_AT, speed: 10 },
    focus: ['panel-clipping', 'panel-loss'],
    stage: 'pair',
    beats: [
      { label: 'lesson.clipping.try.off', run: () => { setConfig({ clip: 0 }); reset(); play(); } },
      { label: 'lesson.clipping.try.on', run: () => { setConfig({ clip: CLIP_AT }); reset(); play(); } },
    ],
    predict: { options: ['diverge', 'fine'], answer: 'diverge', revealAt: 0 },
  },
  {
    id: 'lstm',
    // Seed 1: from about 8 s unit 2's cell state ramps from the clue to the blank (step 13), down for a
    // morning message and up for an evening one, with its forget gate near 1 all the way.
    config: { task: 'meet', lag: 8, cell: 'lstm', speed: 20 },
    select: { step: 13, unit: 2 },
    focus: ['panel-gates', 'panel-cell-state'],
    stage: 'pair',
    beats: [
      trainIt,
      { label: 'lesson.lstm.try.evening', run: () => showExample(EVENING) },
      { label: 'lesson.lstm.try.morning', run: () => showExample(MORNING) },
    ],
    predict: { options: ['open', 'closed'], answer: 'open', revealAt: 0 },
  },
  {
    id: 'highway',
    // Before training (H 32, forget gates opened by their bias), the LSTM's gradient arrives above 1 % of
    // its size all 40 steps back while the RNN's and the GRU's fall below within about 8 steps.
    config: { task: 'recall', lag: 40, cell: 'lstm', hidden: 32, compare: true, speed: 20 },
    focus: ['panel-gradients', 'panel-cell-state'],
    stage: 'pair',
    beats: COMPARE_CELLS.map((cell, i) => ({ label: `lesson.highway.try.${cell}`, run: () => { setFlowModel(i); } })),
    predict: { options: ['rnn', 'lstm', 'gru'], answer: 'lstm', revealAt: 1 },
  },
  {
    id: 'gru',
    // Seed 1: most update gates sit low; from about 6 s units 12 and 0 keep z near 1 through the gap and
    // hold the symbol (solved at about 9 s).
    config: { task: 'recall', lag: 40, cell: 'gru', speed: 15 },
    select: { step: 20, unit: 12 },
    focus: ['panel-gates', 'panel-hidden'],
    stage: 'pair',
    beats: [trainIt],
    predict: { options: ['zero', 'one'], answer: 'one', revealAt: 0 },
  },
  {
    id: 'race',
    // Seed 1: the GRU answers ≥ 95 % right from about step 175 (5 s), the LSTM (forget bias 4) from about
    // step 635 (18 s); the RNN stays near 25 % past step 2400.
    config: { task: 'recall', lag: 40, cell: 'rnn', compare: true, seed: 1, forgetBias: 4, speed: 35 },
    focus: ['panel-loss', 'panel-predictions'],
    stage: 'pair',
    beats: [{ label: 'lesson.race.try', run: play }],
    predict: { options: ['rnn', 'lstm', 'gru'], answer: 'rnn', revealAt: 0 },
  },
  {
    id: 'units',
    // First the meet task's states pull apart by answer in the state space as the LSTM learns; then the
    // trained character LSTM (the shipped checkpoint): the unit whose forget gate follows word starts,
    // then the unit that best separates the vowels.
    // 32 units: the groups form within about 200 steps in both languages (16 units: 280 in English, 960 in Chinese)
    config: { task: 'meet', lag: 3, cell: 'lstm', hidden: 32, speed: 20 },
    focus: ['panel-trajectory', 'panel-neurons'],
    stage: 'pair',
    beats: [
      trainIt,
      { label: 'lesson.units.try.load', run: loadTrainedCharacterModel },
      // the forget gate: on the shipped LSTM one unit's f falls at the start of every word (r ≈ −0.83)
      { label: 'lesson.units.try.features', run: () => { setNeuronQuantity('f'); showBestFeatureUnit('wordStart'); } },
      { label: 'lesson.units.try.vowels', run: () => showBestUnitFor(UNITS_FIND) },
    ],
    predict: { options: ['mixed', 'apart'], answer: 'apart', revealAt: 0 },
  },
];

/** The i18n keys a chapter shows: title, text, what to watch, its beat labels and its question. */
export function chapterKeys(c: Chapter): string[] {
  const predict = c.predict
    ? [`lesson.${c.id}.predict.q`, `lesson.${c.id}.predict.why`, ...c.predict.options.map((o) => `lesson.${c.id}.predict.${o}`)]
    : [];
  return [`lesson.${c.id}.title`, `lesson.${c.id}.text`, `lesson.${c.id}.watch`, ...c.beats.map((x) => x.label), ...predict];
}
