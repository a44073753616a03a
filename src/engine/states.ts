/**
 * One quantity of one layer after every token, without the rest of a forward pass: the recurrence
 * runs only through the layers up to the chosen one, the readout and softmax are skipped, and
 * nothing is kept for a backward pass. Layer 0 reads a token as the column of W_ih it selects (a
 * one-hot product is that column), so no V-wide product is made. The sums are formed in the same
 * order as {@link forward}'s kernels, so the values are the same numbers bit for bit.
 *
 * The neuron explorer reads its passages through this: a 2 000-character passage at H = 128 costs
 * the recurrence alone (G·H² multiply-adds per token), a few tens of milliseconds.
 */
import { CELLS, gateCount, gateNames } from './cells';
import { offsets } from './layout';
import { dot, matVec } from './products';
import { PIECE_MACS, type Pieces } from './pieces';
import type { Model } from './types';

/** The quantities {@link hiddenStates} reads: h, c (lstm), or a gate by its name (rnn: the pre-activation a). */
export function stateQuantities(model: Model): string[] {
  const cell = model.config.cell;
  return ['h', ...(CELLS[cell].cellState ? ['c'] : []), ...gateNames(cell)];
}

/**
 * The packed weights of the layers a call runs through, in one buffer made when the module loads.
 * V8 compiles loads from a module-level constant typed array with its address known: the product
 * below runs about 1.5× faster than over an array passed in (measured on the LSTM at H = 128; the
 * pages of an untouched buffer cost no memory). 2¹⁸ numbers hold an LSTM of 256 units, or two
 * layers of 128; larger models take the engine's matVec over P (the same numbers, slower).
 */
const PACKED = new Float64Array(1 << 18);

/**
 * The running state, for the same reason (the gate loops read and write these at every step):
 * HS, CS — h and c of every layer, [L][H]; XP — the input side of the layer being stepped, [GH];
 * GT — its gates after activation (rnn: the pre-activation a), [GH]; REC — W_hh h_{t-1}, [GH].
 * 2¹⁵ numbers each: a model needs more only with G·H or L·H above 2¹⁵ (an LSTM of over 8 192
 * units: hundreds of millions of weights, far beyond the page's limit); hiddenStates throws then.
 */
const STATE_MAX = 1 << 15;
const HS = new Float64Array(STATE_MAX);
const CS = new Float64Array(STATE_MAX);
const XP = new Float64Array(STATE_MAX);
const GT = new Float64Array(STATE_MAX);
const REC = new Float64Array(STATE_MAX);

/** How many numbers {@link packRows} writes for a matrix [rows][n]: its first ⌊rows/8⌋·8 rows. */
const packedSize = (rows: number, n: number): number => (rows - (rows % 8)) * n;

/**
 * Writes A [rows][n] (at offset `a` of P) into PACKED from `at`, its rows taken four at a time and
 * interleaved by column: PACKED[at + (b·n + i)·4 + k] = A[4b + k][i], for the first ⌊rows/8⌋·8 rows.
 * The product then reads the matrix in one contiguous stream. Mutates PACKED.
 */
function packRows(P: Float64Array, a: number, rows: number, n: number, at: number): void {
  const full = rows - (rows % 8);
  for (let b = 0; b < full / 4; b++) {
    for (let k = 0; k < 4; k++) {
      const src = a + (4 * b + k) * n;
      const dst = at + b * n * 4 + k;
      for (let i = 0; i < n; i++) PACKED[dst + i * 4] = P[src + i]!;
    }
  }
}

/**
 * out[j] = Σ_i A[j][i]·x[xo + i] for j < rows, A packed at `at` by {@link packRows} (rows past the packed
 * ones read from P at `a`). Each sum runs over i in order with one accumulator per row, as matVec's
 * eight-row pass does, and the leftover rows use matVec's own four-accumulator dot: identical numbers.
 */
function packedMatVec(at: number, P: Float64Array, a: number, rows: number, n: number, x: Float64Array, xo: number, out: Float64Array): void {
  const full = rows - (rows % 8);
  let p = at;
  for (let j = 0; j < full; j += 4) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = 0; i < n; i++, p += 4) {
      const xi = x[xo + i]!;
      s0 += PACKED[p]! * xi; s1 += PACKED[p + 1]! * xi; s2 += PACKED[p + 2]! * xi; s3 += PACKED[p + 3]! * xi;
    }
    out[j] = s0; out[j + 1] = s1; out[j + 2] = s2; out[j + 3] = s3;
  }
  for (let j = full; j < rows; j++) out[j] = dot(P, a + j * n, x, xo, n);
}

const RNN_TANH = 0;
const RNN_RELU = 1;
const LSTM = 2;
const GRU = 3;

/** What one layer's step reads: P and sizes, this layer's offsets in P and PACKED, its bias [GH]. */
interface StepWeights {
  P: Float64Array; H: number; GH: number; I: number; packed: boolean;
  Wih: number; Whh: number; bhh: number; wihAt: number; whhAt: number; bias: Float64Array;
}

/**
 * One step of layer l: its input side into XP (layer 0 from token `id`, above from the layer below's
 * h in HS), W_hh h_{t-1} into REC, the gates into GT and the new h (and c) into HS (CS). A function of
 * its own, called at every step, so that V8 optimizes it as a whole after a few hundred steps rather
 * than through one long-running loop. Mutates the state buffers.
 */
function step(kind: number, w: StepWeights, l: number, id: number): void {
  const { P, H, GH, I, packed, Wih, Whh, bhh, bias } = w;
  const ho = l * H; // this layer's h and c in HS, CS
  if (l === 0) {
    // W_ih e_id + bias: the id's column (x·1 is exact, so this is forward's gathered sum)
    if (id >= 0 && id < I && Number.isInteger(id)) for (let j = 0; j < GH; j++) XP[j] = bias[j]! + P[Wih + j * I + id]!;
    else for (let j = 0; j < GH; j++) XP[j] = bias[j]!;
  } else {
    if (packed) packedMatVec(w.wihAt, P, Wih, GH, H, HS, ho - H, XP);
    else matVec(P, Wih, GH, H, HS, ho - H, XP, 0);
    for (let j = 0; j < GH; j++) XP[j] = bias[j]! + XP[j]!;
  }
  if (packed) packedMatVec(w.whhAt, P, Whh, GH, H, HS, ho, REC);
  else matVec(P, Whh, GH, H, HS, ho, REC, 0);
  if (kind === LSTM) {
    for (let u = 0; u < H; u++) {
      const i = 1 / (1 + Math.exp(-(XP[u]! + REC[u]!)));
      const f = 1 / (1 + Math.exp(-(XP[H + u]! + REC[H + u]!)));
      const g = Math.tanh(XP[2 * H + u]! + REC[2 * H + u]!);
      const og = 1 / (1 + Math.exp(-(XP[3 * H + u]! + REC[3 * H + u]!)));
      GT[u] = i;
      GT[H + u] = f;
      GT[2 * H + u] = g;
      GT[3 * H + u] = og;
      const ct = f * CS[ho + u]! + i * g; // c_t = f⊙c_{t-1} + i⊙g
      CS[ho + u] = ct;
      HS[ho + u] = og * Math.tanh(ct); // h_t = o⊙tanh(c_t)
    }
  } else if (kind === GRU) {
    for (let j = 0; j < GH; j++) REC[j] = REC[j]! + P[bhh + j]!; // W_hh h + b_hh
    for (let u = 0; u < H; u++) {
      const r = 1 / (1 + Math.exp(-(XP[u]! + REC[u]!)));
      const z = 1 / (1 + Math.exp(-(XP[H + u]! + REC[H + u]!)));
      const n = Math.tanh(XP[2 * H + u]! + r * REC[2 * H + u]!); // n = tanh(W_in x + b_in + r⊙(W_hn h + b_hn))
      GT[u] = r;
      GT[H + u] = z;
      GT[2 * H + u] = n;
      HS[ho + u] = (1 - z) * n + z * HS[ho + u]!; // h' = (1−z)⊙n + z⊙h (HS still holds h_{t-1} here)
    }
  } else {
    for (let u = 0; u < H; u++) {
      const a = XP[u]! + REC[u]!;
      GT[u] = a;
      HS[ho + u] = kind === RNN_RELU ? (a > 0 ? a : 0) : Math.tanh(a);
    }
  }
}

/**
 * Runs `model` over the token ids `tokens` [T] from zero initial states and returns `quantity` of
 * layer `layer` after every token as a flat [T][H] row-major Float64Array (into `out` when given,
 * of length ≥ T·H). Ids outside 0..inputSize−1 read as an all-zero input (as the one-hot rows of an
 * unknown token do). Quantities: 'h', 'c' (lstm), the gates after activation — lstm 'i' 'f' 'g' 'o',
 * gru 'r' 'z' 'n' — and the rnn's pre-activation 'a'. Throws on an unknown quantity or layer.
 * With `carry` ({h, c}, each [(layer+1)·H]: layers 0..layer) the run starts from those states
 * instead of zeros and leaves its last states there, so a long sequence may be read in parts with
 * the numbers of one run (see {@link hiddenStatesSteps}). Mutates `out` and `carry` only.
 */
export function hiddenStates(model: Model, tokens: ArrayLike<number>, layer: number, quantity: string, out?: Float64Array,
  carry?: StateCarry): Float64Array {
  const cfg = model.config;
  const { cell, hiddenSize: H, inputSize: I } = cfg;
  if (!Number.isInteger(layer) || layer < 0 || layer >= cfg.numLayers) {
    throw new Error(`layer must be an integer in 0..${cfg.numLayers - 1}, got ${String(layer)}`);
  }
  const q = stateQuantities(model).indexOf(quantity);
  if (q < 0) throw new Error(`quantity must be one of ${stateQuantities(model).join(', ')}, got ${String(quantity)}`);
  const T = tokens.length;
  const res = out ?? new Float64Array(T * H);
  if (res.length < T * H) throw new Error(`out must hold T·H = ${T * H} numbers, got ${res.length}`);
  // which row block to copy out: -1 = h, -2 = c, else the gate block (rnn: a, kept in gates[0..H))
  const block = quantity === 'h' ? -1 : quantity === 'c' ? -2 : gateNames(cell).indexOf(quantity as never);
  const P = model.params;
  const o = offsets(cfg).layers;
  const G = gateCount(cell);
  const GH = G * H;
  const relu = cfg.nonlinearity === 'relu';
  if ((layer + 1) * H > STATE_MAX || GH > STATE_MAX) throw new Error(`hiddenStates holds at most ${STATE_MAX} numbers of state per buffer; G·H = ${GH}`);
  // bias[l] = b_ih (+ b_hh for rnn/lstm, whose recurrent bias simply adds), formed as forward does
  const biases: Float64Array[] = [];
  // where each layer's W_hh and (above layer 0) W_ih sit in PACKED, when they fit
  const size = packedSize(GH, H);
  const packed = size * (2 * layer + 1) <= PACKED.length;
  const whh: number[] = [];
  const wih: number[] = [];
  for (let l = 0; l <= layer; l++) {
    whh.push(2 * l * size);
    wih.push((2 * l - 1) * size);
    if (packed) {
      packRows(P, o[l]!.Whh, GH, H, whh[l]!);
      if (l > 0) packRows(P, o[l]!.Wih, GH, H, wih[l]!);
    }
    const b = new Float64Array(GH);
    const { bih, bhh } = o[l]!;
    for (let j = 0; j < GH; j++) b[j] = cell !== 'gru' ? P[bih + j]! + P[bhh + j]! : P[bih + j]!;
    biases.push(b);
  }
  const S = (layer + 1) * H;
  if (carry) {
    if (carry.h.length < S || carry.c.length < S) throw new Error(`carry must hold (layer+1)·H = ${S} numbers per state`);
    HS.set(carry.h.subarray(0, S));
    CS.set(carry.c.subarray(0, S));
  } else {
    HS.fill(0, 0, S); // zero initial states
    CS.fill(0, 0, S);
  }
  const kind = cell === 'rnn' ? (relu ? RNN_RELU : RNN_TANH) : cell === 'lstm' ? LSTM : GRU;
  const w: StepWeights = { P, H, GH, I, packed, Wih: 0, Whh: 0, bhh: 0, wihAt: 0, whhAt: 0, bias: biases[0]! };
  for (let t = 0; t < T; t++) {
    for (let l = 0; l <= layer; l++) {
      const ol = o[l]!;
      w.Wih = ol.Wih;
      w.Whh = ol.Whh;
      w.bhh = ol.bhh;
      w.wihAt = wih[l]!;
      w.whhAt = whh[l]!;
      w.bias = biases[l]!;
      step(kind, w, l, l === 0 ? tokens[t]! : -1);
    }
    // the chosen layer was stepped last: its gates are still in GT
    const to = t * H;
    if (block === -1) for (let u = 0; u < H; u++) res[to + u] = HS[layer * H + u]!;
    else if (block === -2) for (let u = 0; u < H; u++) res[to + u] = CS[layer * H + u]!;
    else for (let u = 0; u < H; u++) res[to + u] = GT[block * H + u]!;
  }
  if (carry) {
    carry.h.set(HS.subarray(0, S));
    carry.c.set(CS.subarray(0, S));
  }
  return res;
}

/** The states {@link hiddenStates} starts from and leaves: h and c (lstm; zeros otherwise) of layers 0..layer, each [(layer+1)·H]. */
export interface StateCarry { h: Float64Array; c: Float64Array }

/**
 * {@link hiddenStates} from zero states as work that stops between chunks of tokens worth about
 * `unit` multiply-adds: the same [T][H] numbers. The weights must not change until it ends. Throws
 * like hiddenStates at the first `next()`.
 */
export function* hiddenStatesSteps(model: Model, tokens: ArrayLike<number>, layer: number, quantity: string,
  unit = 8 * PIECE_MACS): Pieces<Float64Array> {
  const { hiddenSize: H, cell } = model.config;
  const T = tokens.length;
  const out = new Float64Array(T * H);
  const carry: StateCarry = { h: new Float64Array((layer + 1) * H), c: new Float64Array((layer + 1) * H) };
  // per token: W_hh of each layer up to `layer` and W_ih above layer 0, G·H rows of H each
  const perToken = Math.max(1, gateCount(cell) * H * H * (2 * layer + 1));
  const n = Math.max(1, Math.floor(unit / perToken));
  for (let t0 = 0; t0 < T || t0 === 0; t0 += n) {
    const t1 = Math.min(T, t0 + n);
    hiddenStates(model, Array.prototype.slice.call(tokens, t0, t1) as number[], layer, quantity, out.subarray(t0 * H), carry);
    if (t1 < T) yield;
  }
  return out;
}

/**
 * The top layer's h_t after every step of each sequence of token ids (T ≥ 1 each), from zero initial
 * states: one [T][H] row-major array per sequence, the same numbers as {@link forward}'s for the same
 * one-hot inputs (pictures of the state space read many sequences through this). Throws on an empty
 * sequence or an id outside 0..inputSize−1.
 */
export function topLayerStates(model: Model, sequences: readonly (readonly number[])[]): Float64Array[] {
  const top = model.config.numLayers - 1;
  return sequences.map((ids) => {
    if (ids.length < 1) throw new Error('a sequence must have at least one step (T ≥ 1)');
    const bad = ids.findIndex((id) => !Number.isInteger(id) || id < 0 || id >= model.config.inputSize);
    if (bad >= 0) throw new Error(`token ${bad} is ${String(ids[bad])}, not an id in 0..${model.config.inputSize - 1}`);
    return hiddenStates(model, ids, top, 'h');
  });
}
