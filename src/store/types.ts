/**
 * The app state of the one store, in slices (the store's named slices for lessons, neurons, … are in
 * slices.ts; the whole state is store.ts's RootState). Nothing here holds DOM nodes or D3 selections.
 * - config: what the user set (mirrored in the URL);
 * - training: what the worker reports about the run;
 * - trace: the latest snapshot and bounded histories (fed by the worker client, read per frame);
 * - view: hover/selection/language/presentation (selection also lives in the URL).
 */
import type { Lang } from '../i18n/langs';
import type { Divergence, InspectSource, Snapshot, TrainConfig, WeightsView } from '../worker/protocol';

export type {
  Command, Divergence, DivergenceCause, HistoryChunk, InspectSource, ModelSnapshot, Snapshot, TrainConfig, WeightsView, WorkerEvent,
} from '../worker/protocol';

export type { Lang };

export interface ConfigSlice {
  config: TrainConfig;
  inspect: InspectSource;
  /**
   * Whether the built-in text (config.corpus) was picked — by a link's `corpus=`, the Settings or a
   * chapter. Until then it follows the page's language.
   */
  corpusChosen: boolean;
}

export interface TrainingSlice {
  running: boolean;
  diverged: Divergence | null;
  stopped: 'max-steps' | 'target-loss' | null;
  stepsPerSecond: number;
  /** Latest generated sample text (char LM / one-to-many). */
  sample: string;
  gradCheck: { key: string; row: number; col: number; analytic: number; numeric: number; relError: number } | null;
  /** Error reported by the worker or by input validation, shown in the page. */
  error: string | null;
  /** Values filled into the error's message (e.g. the step a restarted worker resumed from). */
  errorParams?: Record<string, string | number>;
  /** Labels of the task's inspection examples (for the picker), when the worker reports them. */
  exampleLabels: string[];
  /** Why the user's sentence could not be shown (an i18n key from the worker), else null. */
  inspectError: string | null;
}

/** Ring-buffered history for one model (capacity fixed; oldest points dropped or thinned). */
export interface History {
  step: number[];
  loss: number[];
  gradNorm: number[];
  clippedNorm: number[];
}

export interface TraceSlice {
  snapshot: Snapshot | null;
  /** One history per model (compare mode: rnn, lstm, gru). */
  histories: History[];
}

export interface ViewSlice {
  lang: Lang;
  hoverStep: number | null;
  hoverUnit: number | null;
  /** With a hovered recurrent weight W_hh[i][j]: the unit j it comes from (hoverUnit is i, the one it feeds). */
  hoverUnitFrom: number | null;
  /** The quantity under the pointer in a state heatmap ('h', 'c', 'f', …), so the equation that produced it lights up. */
  hoverQuantity: string | null;
  selectedStep: number | null;
  selectedUnit: number | null;
  /** Which layer the per-layer panels show. */
  layer: number;
  /** In compare mode, which model's gradient-flow matrix is shown (0 rnn, 1 lstm, 2 gru). */
  flowModel: number;
  logScale: boolean;
  present: boolean;
  /** The Settings form is open (it starts collapsed behind its button in the run bar). */
  settingsOpen: boolean;
  lesson: string | null;
  /** Control names hidden by a classroom link (`hide=`). */
  hidden: string[];
  embed: boolean;
  /** With `embed`: the panels to show (`panel-*` ids, in order; `show=`); empty = every panel. */
  show: string[];
  /** This window is a presenter console (`console=1`): it drives the stage window, it does not train. */
  presenterConsole: boolean;
  /** Notices shown to the user (URL fallbacks, rejected input), as i18n keys with params. */
  notices: Notice[];
}

/** One notice: an i18n key and its parameters. */
export interface Notice {
  key: string;
  params?: Record<string, string | number>;
}

/** One weight set by hand, as the worker confirmed it (the undo stack holds these, newest last). */
export interface WeightEdit {
  run: number;
  model: number;
  key: string;
  row: number;
  col: number;
  before: number;
  value: number;
}

export interface WeightsSlice {
  /** The parameters the weights panel last asked for (null until then). */
  weights: WeightsView | null;
  /** Weights set by hand in this run, oldest first (undo takes the last). */
  weightEdits: WeightEdit[];
}

export type AppState = ConfigSlice & TrainingSlice & TraceSlice & ViewSlice & WeightsSlice;
