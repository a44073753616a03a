/**
 * The typed messages between the page and the training worker. The page sends Commands; the worker
 * answers with Events. Snapshots carry Float64Array buffers that are transferred, not copied, and the
 * worker sends the next snapshot only after the page acknowledges the previous one (back-pressure).
 */
import type { CellType, GradCheckResult, ModelConfig, StateDict } from '../engine';
import type { ModelTrace } from '../engine/inspection';
import type { SequenceShape, TaskId } from '../engine/tasks/types';

/** Every setting of a run. A run is a pure function of this config (seed included). */
export interface TrainConfig {
  task: TaskId;
  /** Memory tasks and "meet": distance between the clue and where it is needed. */
  lag: number;
  /** Char LM built-in corpus, and the language of the "meet" corpus. */
  corpus: 'en' | 'zh';
  /** Char LM: the user's own training text ('' = the built-in corpus). */
  text: string;
  /** Char LM training window T. */
  seqLength: number;
  cell: CellType;
  hidden: number;
  layers: number;
  nonlinearity: 'tanh' | 'relu';
  /** LSTM only: the forget gates' initial bias (see the engine's ModelConfig.forgetBias). */
  forgetBias: number;
  optimizer: 'sgd' | 'adam' | 'adamw' | 'adagrad';
  lr: number;
  momentum: number;
  /** torch's weight_decay: added to the gradient as wd·θ (sgd, adam, adagrad), decoupled for adamw; 0 = none. */
  weightDecay: number;
  /** Mini-batch size: gradients averaged over B sequences. */
  batch: number;
  /** Gradient clipping threshold (max-norm or max-value, see clipMode); 0 = off. */
  clip: number;
  clipMode: 'norm' | 'value';
  /** Truncated BPTT window k; 0 = full BPTT. */
  truncate: number;
  seed: number;
  /** Stop conditions: 0 = none. */
  maxSteps: number;
  targetLoss: number;
  /** Optimizer steps per second to aim for (the speed control); 0 = as fast as possible. */
  speed: number;
  /** Compare mode: rnn, lstm and gru side by side on the same task, data order and seed. */
  compare: boolean;
}

/** The sequence the panels show: a task example (by index) or the user's own sentence. */
export type InspectSource = { kind: 'example'; index: number } | { kind: 'text'; text: string };

/** Why training stopped by itself. */
export type DivergenceCause = 'non-finite-loss' | 'non-finite-gradient' | 'non-finite-weight' | 'loss-above-chance';

/**
 * A divergence: its cause, the step that broke the run, and the step of the last healthy weights the
 * model went back to at once — what the panels and the step counter show until training goes on.
 */
export interface Divergence {
  cause: DivergenceCause;
  step: number;
  restoredStep: number;
}

/**
 * Everything the panels need about one model at one moment: its values over the inspection sequence
 * (see ModelTrace: cell, sizes, T, inputs, targets, h, c, gates, probs, stepLoss, dh, dc, dWhhStep,
 * Whh), plus the training figures and the gradient-flow and spectral views.
 */
export interface ModelSnapshot extends ModelTrace {
  /** Optimizer steps taken. */
  step: number;
  /** Smoothed per-token training cross-entropy (nats); chance is ln V. */
  loss: number;
  /** Accuracy on the inspection example where the task defines one, else null. */
  accuracy: number | null;
  /**
   * Where the task defines an accuracy: the fraction of loss steps predicted right over the last
   * training batches (up to RECENT_BATCHES, each judged before its update), and how many batches; else null.
   */
  trainAccuracy: { value: number; batches: number } | null;
  /** Gradient-flow matrix ‖∂L_t/∂h_k‖ [T][T] (lower triangle), refreshed at a lower rate; null before the first. */
  flow: Float64Array | null;
  /** The optimizer step the flow matrix was computed at (it lags `step` while training); null with flow. */
  flowStep: number | null;
  /** The layer Whh and sigma belong to (the selected layer, clamped to 0..layers−1). */
  layer: number;
  /** Singular values of that layer's W_hh, descending. */
  sigma: Float64Array;
  /** Singular values of each gate's H × H block of that W_hh (lstm i,f,g,o; gru r,z,n; empty for rnn), descending.
   *  The spectrum (sigma, blockSigma) is refreshed at the flow matrix's rate while training. */
  blockSigma: Record<string, Float64Array>;
}

/** New history points since the last snapshot (the store appends them to its bounded histories, thinned by 2 when full). */
export interface HistoryChunk {
  step: Float64Array;
  loss: Float64Array;
  /** Gradient norm before and after clipping, per optimizer step. */
  gradNorm: Float64Array;
  clippedNorm: Float64Array;
}

export interface Snapshot {
  /** Which run this is: changes whenever the run starts over (new settings that rebuild it, reset, a loaded
   *  model), so the page drops the histories of the run before. */
  run: number;
  /** One model, or three in compare mode (rnn, lstm, gru in that order). */
  models: ModelSnapshot[];
  history: HistoryChunk[];
  shape: SequenceShape;
  vocab: string[];
  /** How many answers a loss-carrying step can have (the task's fixed set, else the vocabulary size V):
   *  guessing costs ln(answers) nats, the chance line. */
  answers: number;
  tokenKind: 'word' | 'char' | 'symbol';
  /** Labels of the task's inspection examples (for the picker), in order. */
  examples: string[];
  running: boolean;
  /** Optimizer steps per second, measured in the worker. */
  stepsPerSecond: number;
  /** Set while training is stopped by divergence (the weights shown are the last good ones). */
  diverged: Divergence | null;
  /** Set once a stop condition was reached (cleared by a config change, restore or reset). */
  stopped: 'max-steps' | 'target-loss' | null;
  /** The i18n key of why the user's sentence could not be encoded (the first example is shown instead); else null. */
  inspectError: string | null;
}

/**
 * The parameters of one model for the weights panel: every state_dict tensor (vectors have cols 1)
 * at its offset in `params`, with the gradient the last optimizer step used (after clipping) and the
 * update it made (ΔW); both null when the weights changed otherwise since (a hand edit, a rescale, a
 * new run) or before the first step.
 */
export interface WeightsView {
  run: number;
  /** Which model (compare mode: 0 rnn, 1 lstm, 2 gru). */
  model: number;
  step: number;
  cell: CellType;
  hidden: number;
  layers: number;
  tensors: { key: string; rows: number; cols: number; offset: number }[];
  params: Float64Array;
  grad: Float64Array | null;
  delta: Float64Array | null;
}

/** The longest passage the neuron explorer reads (characters). */
export const NEURON_MAX_CHARS = 2000;

/** What is marked in the neuron explorer's passage: a pattern (a regular expression; plain text matches itself) or token positions. */
export type NeuronMarks = { kind: 'pattern'; pattern: string } | { kind: 'positions'; positions: number[] } | null;

/** The neuron explorer asks for one quantity of one layer over a passage, and the units ranked by how they separate the marks. */
export interface NeuronRequest {
  /** Echoed in the answer (the page keeps only the answer to its latest request). */
  id: number;
  /** The passage; null = the inspection sequence the panels show. */
  text: string | null;
  /** Which model in compare mode (default 0). */
  model?: number;
  /** Layer, from 0 (clamped). */
  layer: number;
  /** 'h', 'c' (lstm), a gate (lstm i f g o; gru r z n) or 'a' (rnn pre-activation); unknown → 'h'. */
  quantity: string;
  marks: NeuronMarks;
}

/** One unit in the ranking: its index (from 0) and its separation score (signed; ranked by size). */
export interface NeuronRank { unit: number; score: number }

/** The answer to a neuron request. */
export type NeuronAnswer = { id: number; ok: false; code: string; params: Record<string, string | number> } | {
  id: number; ok: true;
  /** The passage's tokens as text, and how they are joined for display (' ' for words). */
  tokens: string[]; sep: string;
  /** Whether the passage is the inspection sequence (its steps are the panels' steps). */
  inspected: boolean;
  cell: CellType; layers: number; hidden: number; layer: number; quantity: string;
  /** The quantities this model offers ('h', 'c', gates). */
  quantities: string[];
  /** The chosen quantity after reading each token: [T][H] row-major. */
  values: Float64Array;
  /** Marked token positions, ascending. */
  marked: number[];
  /** Units by separation of marked from unmarked positions, best first (empty without marks). */
  ranking: NeuronRank[];
  /** Why the pattern could not be used (an i18n key), else null. */
  findError: string | null;
};

/** Asks which units track simple features of the training text (one quantity of one layer). */
export interface NeuronFeatureRequest { id: number; model?: number; layer: number; quantity: string }

/** The answer: each feature's best unit (from 0) with Pearson's r, best first, over the first `chars` characters of the training text. */
export type NeuronFeatureAnswer = { id: number; ok: false; code: string } | {
  id: number; ok: true; layer: number; quantity: string; chars: number;
  matches: { feature: string; unit: number; r: number }[];
};

/** Asks for the spans of the training text where the given units behave most like `pattern` ([length][units.length], row-major). */
export interface NeuronMatchRequest {
  id: number; model?: number; layer: number; quantity: string;
  /** Units, from 0. */
  units: number[];
  pattern: number[];
  length: number;
}

/** One span of the training text: where it starts and ends (characters), its mean squared distance, and its text with context. */
export interface NeuronSpanMatch { start: number; end: number; distance: number; before: string; text: string; after: string }

export type NeuronMatchAnswer = { id: number; ok: false; code: string } | { id: number; ok: true; chars: number; matches: NeuronSpanMatch[] };

/** The hidden-state space: asks for the top layer's h_t over a fixed set of the task's sequences, in its first two principal axes. */
export interface TrajectoryRequest {
  /** Echoed in the answer (the page keeps only the answer to its latest request). */
  id: number;
  /** Which model in compare mode (default 0). */
  model?: number;
  /** Which steps are points: every step of every sequence, or only those that carry a loss (where the network answers). */
  points: TrajectoryPoints;
}

/** The steps that become points of the hidden-state space. */
export type TrajectoryPoints = 'all' | 'answer';

/**
 * The answer to a trajectory request: N points (one per step of each fixed sequence) and the shown
 * sequence's T steps as a path, both projected on the same two axes; or an i18n key (trajectory.error.*).
 */
export type TrajectoryAnswer = { id: number; ok: false; code: string; params: Record<string, string | number> } | {
  id: number; ok: true;
  /** The model's optimizer steps, its cell, width and layer count (the points are of layer `layers`, the top). */
  step: number; cell: CellType; hidden: number; layers: number;
  /** The task's tokens (class labels for colour by token and by target). */
  vocab: string[];
  /** How many sequences the points come from, and which of their steps are points. */
  sequences: number;
  points: TrajectoryPoints;
  /** Coordinates on PC1 and PC2 [N]. */
  x: Float32Array; y: Float32Array;
  /** Per point: the input token id; the target it leads to (its own, else the next one of its sequence; −1 none); its step from 0. */
  token: Int32Array; target: Int32Array; position: Int32Array;
  /** The shown sequence's path [T], on the same axes, with its tokens and targets. */
  path: { x: Float32Array; y: Float32Array; token: Int32Array; target: Int32Array };
  /** The fraction of the variance of h each axis holds (PC1, PC2), 0..1. */
  explained: [number, number];
  /** Between-class over total variance of the 2-D points grouped by token and by target (0..1). */
  separation: { token: number; target: number };
  /** Worker time the answer took (ms). */
  ms: number;
};

export type Command =
  | { type: 'init'; config: TrainConfig; inspect: InspectSource }
  | { type: 'set-config'; config: TrainConfig }
  | { type: 'set-inspect'; inspect: InspectSource }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; count?: number }
  | { type: 'reset' }
  | { type: 'restore' }
  | { type: 'ack' }
  | { type: 'sample'; length: number; temperature: number; topK: number; prime: string }
  /** block: 'all' or a gate (lstm i,f,g,o; gru r,z,n); model: which model in compare mode (default: every model having the block). */
  | { type: 'rescale-recurrent'; layer: number; sigmaMax: number; block: string; model?: number }
  /** On the inspection example, full BPTT; model: which model in compare mode (default 0). */
  | { type: 'grad-check'; key: string; row: number; col: number; model?: number }
  | { type: 'set-layer'; layer: number }
  /** Weights read from a model file (engine parseModelFile): they replace the model (in compare mode, the lane of their cell); the task stays. */
  | { type: 'load-model'; config: ModelConfig; stateDict: StateDict; vocab: string[] | null; step?: number }
  /** The same as load-model with the weights flat, in the engine's layout (a file read off the page's thread, a checkpoint);
   *  step: the step count the weights were reached at (a checkpoint's), else 0. */
  | { type: 'load-model-params'; config: ModelConfig; params: Float64Array; vocab: string[] | null; step?: number }
  /** Asks for the current weights as a model file (answer: a `model` event); model: which model in compare mode (default 0). */
  | { type: 'export-model'; model?: number }
  /** Asks for a model's parameters (answer: a `weights` event); model: which model in compare mode (default 0). */
  | { type: 'weights'; model?: number }
  /** Sets one weight or bias (col 0 for a vector) by hand; training goes on from it. undo: this puts back an earlier value. */
  | { type: 'set-weight'; key: string; row: number; col: number; value: number; model?: number; undo?: boolean }
  /** The neuron explorer's passage through the current weights (answer: a `neurons` event). */
  | { type: 'neurons'; request: NeuronRequest }
  /** Which units track features of the training text (answer: a `neuron-features` event). */
  | { type: 'neuron-features'; request: NeuronFeatureRequest }
  /** Spans of the training text most like a marked span, for some units (answer: a `neuron-match` event). */
  | { type: 'neuron-match'; request: NeuronMatchRequest }
  /** The hidden-state space of a model (answer: a `trajectory` event). */
  | { type: 'trajectory'; request: TrajectoryRequest }
  /** Are you there? (answer: a `pong` event, sent at once between two slices of work). */
  | { type: 'ping' };

export type WorkerEvent =
  | { type: 'snapshot'; snapshot: Snapshot }
  /**
   * The answer to play and pause, sent the moment the worker handles them (before the snapshot that follows, which may take a while
   * at large sizes); also sent when training stops by itself (divergence, a stop condition), whose reason the next snapshot carries.
   */
  | { type: 'running'; running: boolean; step: number }
  | { type: 'sample'; text: string; tokens: number[] }
  | ({ type: 'grad-check'; key: string; row: number; col: number } & GradCheckResult)
  /** message: an i18n key (error.worker.*, error.page.*); detail: the raw reason, for the console only. */
  | { type: 'error'; message: string; detail?: string; params?: Record<string, string | number> }
  /** The answer to load-model: code 'import.loaded' with the settings the model brings, or an i18n key (import.error.*) and its params. */
  | { type: 'load-model'; ok: boolean; code: string; params: Record<string, string | number>;
      settings?: Pick<TrainConfig, 'cell' | 'hidden' | 'layers' | 'nonlinearity'> & Partial<Pick<TrainConfig, 'batch'>> }
  /** The answer to export-model: the model file's JSON text. */
  | { type: 'model'; json: string; cell: CellType; task: TaskId; step: number }
  /** The answer to weights. */
  | { type: 'weights'; view: WeightsView }
  /** The answer to set-weight: the entry's value before and now. */
  | { type: 'weight-set'; run: number; model: number; key: string; row: number; col: number; before: number; value: number; undo: boolean }
  /** The answer to a `neurons` command. */
  | { type: 'neurons'; answer: NeuronAnswer }
  /** The answer to a `neuron-features` command. */
  | { type: 'neuron-features'; answer: NeuronFeatureAnswer }
  /** The answer to a `neuron-match` command. */
  | { type: 'neuron-match'; answer: NeuronMatchAnswer }
  /** The answer to a `trajectory` command. */
  | { type: 'trajectory'; answer: TrajectoryAnswer }
  /** The answer to ping; busy: the longest stretch of work (ms) the worker cannot interrupt at these sizes (a snapshot). */
  | { type: 'pong'; busy?: number }
  /** The current weights of every model (a few seconds apart while they change), so a restarted worker can resume from them. */
  | { type: 'checkpoint'; models: { config: ModelConfig; params: Float64Array; step: number }[]; vocab: string[] };
