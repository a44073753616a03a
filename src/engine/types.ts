/**
 * Public types of the engine: configuration, the PyTorch-compatible state dict, the model handle,
 * the forward trace and the backward result.
 */

/** The recurrent cell: Elman RNN, LSTM or GRU, with PyTorch's equations. */
export type CellType = 'rnn' | 'lstm' | 'gru';

/** What a model is made of. Sizes are positive integers. */
export interface ModelConfig {
  cell: CellType;
  inputSize: number;
  hiddenSize: number;
  /** Linear readout on the top layer's h_t. */
  outputSize: number;
  /** Default 1; 1..4 are supported. */
  numLayers?: number;
  /** Vanilla rnn only, as PyTorch's nn.RNN; default 'tanh'. */
  nonlinearity?: 'tanh' | 'relu';
  /** Deterministic initialisation; default 0. */
  seed?: number;
  /**
   * LSTM only, initialisation only: start every forget gate's bias at this value (the rows of
   * bias_ih set to it, those of bias_hh to 0) so that memory is kept from the first step; absent =
   * PyTorch's initialisation. A larger value lets an LSTM learn long lags (≈ 3 for 40 steps).
   */
  forgetBias?: number;
}

/** A {@link ModelConfig} with every optional field filled in (forgetBias stays optional: absent = PyTorch's init). */
export type NormalizedConfig = Required<Omit<ModelConfig, 'forgetBias'>> & { forgetBias?: number };

/**
 * PyTorch's state_dict of a module holding `rnn` (nn.RNN | nn.LSTM | nn.GRU) and `fc` (nn.Linear):
 * "rnn.weight_ih_l{k}" [G*H][in_k], "rnn.weight_hh_l{k}" [G*H][H], "rnn.bias_ih_l{k}" [G*H],
 * "rnn.bias_hh_l{k}" [G*H], "fc.weight" [V][H], "fc.bias" [V]; G = 1 (rnn), 4 (lstm: i, f, g, o),
 * 3 (gru: r, z, n). Plain nested arrays, JSON-ready; wherever a StateDict is read, Float64Array
 * rows are accepted too.
 */
export type StateDict = Record<string, number[] | number[][]>;

/** A StateDict as accepted on input: rows may also be typed arrays. */
export type StateDictInput = Record<string, ArrayLike<number> | ArrayLike<ArrayLike<number>>>;

/** One parameter tensor inside the flat parameter vector. */
export interface ParamEntry {
  /** State-dict key, e.g. "rnn.weight_hh_l0". */
  key: string;
  /** Shape: [rows, cols] for a matrix, [rows] for a vector. */
  shape: [number] | [number, number];
  /** Start index in the flat vector. */
  offset: number;
  /** Number of entries (rows·cols or rows). */
  size: number;
}

/**
 * A model. `params` holds every parameter in state_dict order, each row-major, one after another
 * (see `layout`). Treat it as read-only outside the engine: the engine functions that mutate it
 * (an optimizer step) say so.
 */
export interface Model {
  readonly config: NormalizedConfig;
  /** Flat parameters [P], state_dict order, row-major. */
  readonly params: Float64Array;
  /** Where each state-dict key lives in `params`. */
  readonly layout: readonly ParamEntry[];
  /** Reusable workspaces keyed by sequence length; internal to the engine. */
  readonly cache: Map<number, unknown>;
}

/** LSTM gates after activation, each [H]. */
export interface LstmGates { i: Float64Array; f: Float64Array; g: Float64Array; o: Float64Array }
/** GRU gates after activation, each [H]. */
export interface GruGates { r: Float64Array; z: Float64Array; n: Float64Array }
/** Vanilla RNN: the pre-activation a = W_ih x + b_ih + W_hh h + b_hh, [H]. */
export interface RnnGates { a: Float64Array }

/** One layer at one time step. */
export interface LayerStep {
  /** Hidden state h_t [H]. */
  h: Float64Array;
  /** Cell state c_t [H] (lstm only). */
  c?: Float64Array;
  gates: LstmGates | GruGates | RnnGates;
}

/** One time step of a forward pass. */
export interface TraceStep {
  /** [numLayers] */
  layers: LayerStep[];
  /** y_t = fc.weight · h_t(top) + fc.bias, [V]. */
  logits: Float64Array;
  /** softmax(y_t), [V]. */
  probs: Float64Array;
}

/** The result of {@link forward}: every intermediate value, and what backward needs. */
export interface Trace {
  /** [T] */
  steps: TraceStep[];
  /** The inputs as given, [T][inputSize]. */
  inputs: number[][];
  /** Initial states per layer, [L][H] (c only for lstm). */
  init: { h: Float64Array[]; c?: Float64Array[] };
  /** Internal caches of the forward pass (flat buffers); read by backward and the analysis tools. */
  readonly cache: unknown;
}

/** The result of {@link backward}. */
export interface BackwardResult {
  /** Σ_t cross-entropy(softmax(logits_t), targets[t]) over steps with targets[t] ≥ 0. */
  loss: number;
  /** Same keys and shapes as toStateDict. */
  grads: StateDict;
  /** [T][inputSize] */
  dInputs: number[][];
  /** [layer][H] gradient w.r.t. init.h. */
  dH0: number[][];
  /** [layer][H] gradient w.r.t. init.c (lstm). */
  dC0?: number[][];
  /** [T][H] total dL/dh_t of the top layer: through the readout and all later steps. */
  dh: number[][];
  /** [T][H] lstm: total dL/dc_t of the top layer. */
  dc?: number[][];
}

/** Optional initial state: per layer h [L][H] and (lstm) c [L][H]; zeros when absent. */
export interface InitState {
  h?: ArrayLike<ArrayLike<number>>;
  c?: ArrayLike<ArrayLike<number>>;
}
