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
import { gateNames, offsets } from './layout';
import { dot, matVec } from './products';
import type { Model } from './types';

/** The quantities {@link hiddenStates} reads: h, c (lstm), or a gate by its name (rnn: the pre-activation a). */
export function stateQuantities(model: Model): string[] {
  const cell = model.config.cell;
  return cell === 'lstm' ? ['h', 'c', ...gateNames(cell)] : cell === 'gru' ? ['h', ...gateNames(cell)] : ['h', 'a'];
}

/** Per-layer buffers of one run, [H] or [GH] each; allocated once per call, reused at every step. */
interface LayerRun { h: Float64Array; c: Float64Array; xp: Float64Array; gates: Float64Array }

/**
 * The packed weights of the layers a call runs through, in one buffer made when the module loads.
 * V8 compiles loads from a module-level constant typed array with its address known: the product
 * below runs about 1.5× faster than over an array passed in (measured on the LSTM at H = 128; the
 * pages of an untouched buffer cost no memory). 2¹⁸ numbers hold an LSTM of 256 units, or two
 * layers of 128; larger models take the engine's matVec over P (the same numbers, slower).
 */
const PACKED = new Float64Array(1 << 18);

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
 * out[j] = Σ_i A[j][i]·x[i] for j < rows, A packed at `at` by {@link packRows} (rows past the packed
 * ones read from P at `a`). Each sum runs over i in order with one accumulator per row, as matVec's
 * eight-row pass does, and the leftover rows use matVec's own four-accumulator dot: identical numbers.
 */
function packedMatVec(at: number, P: Float64Array, a: number, rows: number, n: number, x: Float64Array, out: Float64Array): void {
  const full = rows - (rows % 8);
  let p = at;
  for (let j = 0; j < full; j += 4) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = 0; i < n; i++, p += 4) {
      const xi = x[i]!;
      s0 += PACKED[p]! * xi; s1 += PACKED[p + 1]! * xi; s2 += PACKED[p + 2]! * xi; s3 += PACKED[p + 3]! * xi;
    }
    out[j] = s0; out[j + 1] = s1; out[j + 2] = s2; out[j + 3] = s3;
  }
  for (let j = full; j < rows; j++) out[j] = dot(P, a + j * n, x, 0, n);
}

/**
 * Runs `model` over the token ids `tokens` [T] from zero initial states and returns `quantity` of
 * layer `layer` after every token as a flat [T][H] row-major Float64Array (into `out` when given,
 * of length ≥ T·H). Ids outside 0..inputSize−1 read as an all-zero input (as the one-hot rows of an
 * unknown token do). Quantities: 'h', 'c' (lstm), the gates after activation — lstm 'i' 'f' 'g' 'o',
 * gru 'r' 'z' 'n' — and the rnn's pre-activation 'a'. Throws on an unknown quantity or layer.
 * Mutates `out` only.
 */
export function hiddenStates(model: Model, tokens: ArrayLike<number>, layer: number, quantity: string, out?: Float64Array): Float64Array {
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
  const block = quantity === 'h' ? -1 : quantity === 'c' ? -2 : q - (cell === 'lstm' ? 2 : 1);
  const P = model.params;
  const o = offsets(cfg).layers;
  const G = cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
  const GH = G * H;
  const relu = cfg.nonlinearity === 'relu';
  const runs: LayerRun[] = [];
  // bias[l] = b_ih (+ b_hh for rnn/lstm, whose recurrent bias simply adds), formed as forward does
  const biases: Float64Array[] = [];
  // where each layer's W_hh and (above layer 0) W_ih sit in PACKED; −1 = not packed (too large)
  const size = packedSize(GH, H);
  const packed = size * (2 * layer + 1) <= PACKED.length;
  const whh: number[] = [];
  const wih: number[] = [];
  for (let l = 0; l <= layer; l++) {
    whh.push(packed ? 2 * l * size : -1);
    wih.push(packed && l > 0 ? (2 * l - 1) * size : -1);
    if (packed) {
      packRows(P, o[l]!.Whh, GH, H, whh[l]!);
      if (l > 0) packRows(P, o[l]!.Wih, GH, H, wih[l]!);
    }
    runs.push({ h: new Float64Array(H), c: new Float64Array(H), xp: new Float64Array(GH), gates: new Float64Array(GH) });
    const b = new Float64Array(GH);
    const { bih, bhh } = o[l]!;
    for (let j = 0; j < GH; j++) b[j] = cell !== 'gru' ? P[bih + j]! + P[bhh + j]! : P[bih + j]!;
    biases.push(b);
  }
  const rec = new Float64Array(GH); // W_hh h_{t-1}
  const hpj = new Float64Array(GH); // gru: W_hh h_{t-1} + b_hh
  for (let t = 0; t < T; t++) {
    for (let l = 0; l <= layer; l++) {
      const R = runs[l]!;
      const { Wih, Whh, bhh } = o[l]!;
      const bias = biases[l]!;
      const xp = R.xp;
      if (l === 0) {
        // W_ih e_id + bias: the id's column (x·1 is exact, so this is forward's gathered sum)
        const id = tokens[t]!;
        if (id >= 0 && id < I && Number.isInteger(id)) for (let j = 0; j < GH; j++) xp[j] = bias[j]! + P[Wih + j * I + id]!;
        else xp.set(bias);
      } else {
        if (packed) packedMatVec(wih[l]!, P, Wih, GH, H, runs[l - 1]!.h, xp);
        else matVec(P, Wih, GH, H, runs[l - 1]!.h, 0, xp, 0);
        for (let j = 0; j < GH; j++) xp[j] = bias[j]! + xp[j]!;
      }
      const h = R.h;
      const gates = R.gates;
      if (packed) packedMatVec(whh[l]!, P, Whh, GH, H, h, rec);
      else matVec(P, Whh, GH, H, h, 0, rec, 0);
      if (cell === 'rnn') {
        for (let u = 0; u < H; u++) {
          const a = xp[u]! + rec[u]!;
          gates[u] = a;
          h[u] = relu ? (a > 0 ? a : 0) : Math.tanh(a);
        }
      } else if (cell === 'lstm') {
        const c = R.c;
        for (let u = 0; u < H; u++) {
          const i = 1 / (1 + Math.exp(-(xp[u]! + rec[u]!)));
          const f = 1 / (1 + Math.exp(-(xp[H + u]! + rec[H + u]!)));
          const g = Math.tanh(xp[2 * H + u]! + rec[2 * H + u]!);
          const og = 1 / (1 + Math.exp(-(xp[3 * H + u]! + rec[3 * H + u]!)));
          gates[u] = i;
          gates[H + u] = f;
          gates[2 * H + u] = g;
          gates[3 * H + u] = og;
          const ct = f * c[u]! + i * g; // c_t = f⊙c_{t-1} + i⊙g
          c[u] = ct;
          h[u] = og * Math.tanh(ct); // h_t = o⊙tanh(c_t)
        }
      } else {
        for (let j = 0; j < GH; j++) hpj[j] = rec[j]! + P[bhh + j]!;
        for (let u = 0; u < H; u++) {
          const r = 1 / (1 + Math.exp(-(xp[u]! + hpj[u]!)));
          const z = 1 / (1 + Math.exp(-(xp[H + u]! + hpj[H + u]!)));
          const n = Math.tanh(xp[2 * H + u]! + r * hpj[2 * H + u]!);
          gates[u] = r;
          gates[H + u] = z;
          gates[2 * H + u] = n;
          h[u] = (1 - z) * n + z * h[u]!; // h' = (1−z)⊙n + z⊙h (h[u] is still h_{t-1} here)
        }
      }
    }
    const R = runs[layer]!;
    const src = block === -1 ? R.h : block === -2 ? R.c : R.gates;
    const from = block < 0 ? 0 : block * H;
    const to = t * H;
    for (let u = 0; u < H; u++) res[to + u] = src[from + u]!;
  }
  return res;
}
