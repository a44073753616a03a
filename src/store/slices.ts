/**
 * The named slices of the one store (besides the app state of types.ts): each module's own state,
 * and where it starts. The types come from the modules that own them (type-only imports, so this
 * file pulls in no code and the store can be created before any of those modules loads); the
 * initial states are small literals kept here for the same reason.
 */
import type { LectureState } from './lecture';
import type { LessonPaneState } from './lessons';
import type { ModelFileStatus } from './modelFile';
import type { NeuronState } from './neurons';
import type { PresenterRole, PresenterState } from './presenter';
import type { SweepProgress } from './sweep';
import type { TrajectoryState } from './trajectory';

/** The sweep slice: where the unrolled diagram's sweep animation is (null when none runs), and the step-through cursor. */
export interface SweepState {
  progress: SweepProgress | null;
  /** Step-through: the panels show the forward pass of the inspection sequence up to this step (from 0); null = every step. */
  cursor: number | null;
}

/** Every named slice, by its key in the store's state. */
export interface Slices {
  /** The lesson pane (lessons.ts). */
  lessons: LessonPaneState;
  /** Lecture mode: slow motion, the shortcut sheet (lecture.ts). */
  lecture: LectureState;
  /** The last model-file event (modelFile.ts). */
  modelFile: ModelFileStatus;
  /** The presenter link between stage and console windows (presenter.ts). */
  presenter: PresenterState;
  /** The neuron explorer (neurons.ts). */
  neurons: NeuronState;
  /** The hidden-state trajectory (trajectory.ts). */
  trajectory: TrajectoryState;
  /** The unrolled diagram's sweep progress and the step-through cursor (sweep.ts). */
  sweep: SweepState;
}

export type SliceKey = keyof Slices;

/** Keys of the named slices (resetStore keeps these as they are). */
export const SLICE_KEYS: readonly SliceKey[] = ['lessons', 'lecture', 'modelFile', 'presenter', 'neurons', 'trajectory', 'sweep'];

/** A presenter link's starting state for a window of the given role (nothing heard, nothing sent). */
export function initialPresenter(role: PresenterRole): PresenterState {
  return { role, peer: false, heardAt: -Infinity, beatAt: -Infinity, report: null };
}

/** Where each slice starts (and what its module's reset returns it to). */
export const INITIAL_SLICES: Readonly<Slices> = {
  lessons: { last: null, collapsed: false, turn: 0, pace: 1, vote: null, revealed: false, opened: 0 },
  lecture: { slowMotion: false, sheetOpen: false },
  modelFile: { kind: 'idle', key: '', params: {}, name: '', notes: [] },
  presenter: initialPresenter('stage'),
  neurons: {
    text: null, model: null, unit: 0, layer: 0, quantity: 'h', find: '', marks: null, result: null, error: null,
    features: null, featuresPending: false, matches: null, matchUnits: [], matchPending: false,
  },
  trajectory: { model: null, color: 'target', points: null, result: null, error: null },
  sweep: { progress: null, cursor: null },
};
