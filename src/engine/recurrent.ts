/**
 * The recurrent weight matrix of a layer as named H×H gate blocks, and rescaling it to a chosen
 * largest singular value (to show vanishing and exploding gradients).
 */
import { gateNames, type GateName } from './cells';
import { cloneModel } from './model';
import { singularValues } from './svd';
import type { Model } from './types';

/** C = A·B for square row-major n×n matrices. */
function square(A: Float64Array, B: Float64Array, n: number): Float64Array {
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const x = A[i * n + k];
      if (x === 0) continue;
      for (let j = 0; j < n; j++) C[i * n + j] += x * B[k * n + j];
    }
  }
  return C;
}

/** vᵀMv for a unit vector v and M [n][n]; also writes M·v into w. */
function rayleigh(M: Float64Array, v: Float64Array, w: Float64Array, n: number): number {
  let q = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += M[i * n + j] * v[j];
    w[i] = s;
    q += v[i] * s;
  }
  return q;
}

/**
 * The largest singular value of A [rows][n] (row-major flat, at offset a). Small matrices use the
 * full decomposition (singularValues: Golub–Kahan bidiagonalisation, then implicit QR); above 256 columns, power iteration on (AᵀA)⁴ (the fourth power
 * widens the gap between the top eigenvalues) until the Rayleigh quotient of AᵀA is stable to
 * 1e-15 relative for 20 iterations in a row; σ = √λ.
 */
function largestSingularValue(P: Float64Array, a: number, rows: number, n: number): number {
  if (n <= 256) {
    const m: number[][] = [];
    for (let r = 0; r < rows; r++) m.push(Array.from(P.subarray(a + r * n, a + (r + 1) * n)));
    return singularValues(m)[0];
  }
  const G = new Float64Array(n * n); // AᵀA [n][n]
  for (let r = 0; r < rows; r++) {
    const o = a + r * n;
    for (let i = 0; i < n; i++) {
      const x = P[o + i];
      if (x === 0) continue;
      for (let j = 0; j < n; j++) G[i * n + j] += x * P[o + j];
    }
  }
  let scale = 0; // keeps the powers of G in range
  for (let i = 0; i < n; i++) scale = Math.max(scale, G[i * n + i]);
  if (scale === 0) return 0;
  const Gs = G.map((x) => x / scale);
  const G2 = square(Gs, Gs, n);
  const G4 = square(G2, G2, n);
  let v = new Float64Array(n).map((_, i) => 1 + ((i * 7919) % 13) / 13);
  let w = new Float64Array(n);
  let lambda = 0;
  let calm = 0;
  for (let it = 0; it < 20000 && calm < 20; it++) {
    let nv = 0;
    for (let i = 0; i < n; i++) nv += v[i] * v[i];
    nv = Math.sqrt(nv);
    if (nv === 0) return 0;
    for (let i = 0; i < n; i++) v[i] /= nv;
    const q = rayleigh(G, v, w, n);
    calm = Math.abs(q - lambda) <= 1e-15 * Math.abs(q) ? calm + 1 : 0;
    lambda = q;
    rayleigh(G4, v, w, n); // w = G⁴v
    [v, w] = [w, v];
  }
  return Math.sqrt(Math.max(lambda, 0));
}

/** A gate block of W_hh (lstm i, f, g, o; gru r, z, n; rnn a, its only block), or 'all' (the whole W_hh). */
export type GateBlock = GateName | 'all';

/** One H×H block of W_hh. */
export interface RecurrentBlock { name: GateName; matrix: number[][] }

function layerWhh(model: Model, layer: number): number {
  const L = model.config.numLayers;
  if (!Number.isInteger(layer) || layer < 0 || layer >= L) throw new Error(`layer must be an integer in 0..${L - 1}, got ${String(layer)}`);
  return model.layout[4 * layer + 1].offset;
}

/**
 * The H×H gate blocks of layer `layer`'s W_hh, in row order, named by the cell: lstm i, f, g, o;
 * gru r, z, n; rnn a (the whole W_hh). Each matrix is [H][H], a copy.
 */
export function recurrentBlocks(model: Model, layer: number): RecurrentBlock[] {
  const w = layerWhh(model, layer);
  const H = model.config.hiddenSize;
  return gateNames(model.config.cell).map((name, b) => {
    const matrix: number[][] = [];
    for (let r = 0; r < H; r++) matrix.push(Array.from(model.params.subarray(w + (b * H + r) * H, w + (b * H + r + 1) * H)));
    return { name, matrix };
  });
}

/**
 * A new model (the input is untouched) whose W_hh of `layer` — or only one gate's H×H block — is
 * scaled so that its largest singular value equals sigmaMax. Throws on a bad layer or block, a
 * negative sigmaMax, or an all-zero block.
 */
export function rescaleRecurrent(model: Model, options: { layer: number; sigmaMax: number; block?: GateBlock }): Model {
  const { layer, sigmaMax } = options;
  const block = options.block ?? 'all';
  const w = layerWhh(model, layer);
  if (typeof sigmaMax !== 'number' || !Number.isFinite(sigmaMax) || sigmaMax < 0) throw new Error(`sigmaMax must be a non-negative number, got ${String(sigmaMax)}`);
  const H = model.config.hiddenSize;
  const names = gateNames(model.config.cell);
  let r0 = 0;
  let nRows = names.length * H;
  if (block !== 'all') {
    const b = names.indexOf(block);
    if (b < 0) throw new Error(`block '${String(block)}' does not exist for cell '${model.config.cell}' (use ${[...names, 'all'].map((s) => `'${s}'`).join(', ')})`);
    r0 = b * H;
    nRows = H;
  }
  const out = cloneModel(model);
  const s1 = largestSingularValue(out.params, w + r0 * H, nRows, H);
  if (!(s1 > 0)) throw new Error('cannot rescale an all-zero recurrent matrix');
  const scale = sigmaMax / s1;
  for (let i = w + r0 * H; i < w + (r0 + nRows) * H; i++) out.params[i] *= scale;
  return out;
}
