/**
 * A small, slow, plainly written model of the engine's contract, used by the *.spec-check tests.
 * Plain nested arrays, one loop per equation, PyTorch's equations:
 *   rnn   h' = act(W_ih x + b_ih + W_hh h + b_hh)
 *   lstm  rows i, f, g, o;  c' = f ⊙ c + i ⊙ g;  h' = o ⊙ tanh(c')
 *   gru   rows r, z, n;  n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn));  h' = (1 − z) ⊙ n + z ⊙ h
 * then logits = fc.weight h_top + fc.bias, probs = softmax(logits),
 * loss = Σ_t [targets[t] ≥ 0] (logsumexp(logits_t) − logits_t[targets[t]]).
 */
export type RefCell = 'rnn' | 'lstm' | 'gru';
export interface RefConfig {
  cell: RefCell;
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  numLayers?: number;
  nonlinearity?: 'tanh' | 'relu';
}
export type Mat = number[][];
export type RefStateDict = Record<string, number[] | number[][]>;
export interface RefInit { h?: number[][]; c?: number[][] }
export interface RefLayer { h: number[]; c?: number[]; gates: Record<string, number[]> }
export interface RefStep { layers: RefLayer[]; logits: number[]; probs: number[] }
/** Added to the top layer's c_t (before h_t is formed) and to its h_t, at step t. */
export interface RefPerturb { t: number; dh?: number[]; dc?: number[] }

export const gateCount = (cell: RefCell): number => (cell === 'rnn' ? 1 : cell === 'lstm' ? 4 : 3);

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

function matVec(W: Mat, x: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (const row of W) {
    let s = 0;
    for (let j = 0; j < row.length; j++) s += row[j]! * x[j]!;
    out.push(s);
  }
  return out;
}

const addVec = (a: number[], b: number[]): number[] => a.map((v, i) => v + b[i]!);
const slice = (v: number[], part: number, H: number): number[] => v.slice(part * H, (part + 1) * H);

function mat(sd: RefStateDict, key: string): Mat {
  return (sd[key] as ArrayLike<number>[]).map((row) => Array.from(row));
}
function vec(sd: RefStateDict, key: string): number[] {
  return Array.from(sd[key] as ArrayLike<number>);
}

export function refForward(cfg: RefConfig, sd: RefStateDict, inputs: number[][], init?: RefInit,
  perturb?: RefPerturb): RefStep[] {
  const L = cfg.numLayers ?? 1;
  const H = cfg.hiddenSize;
  let hs: number[][] = [];
  let cs: number[][] = [];
  for (let k = 0; k < L; k++) {
    hs.push(init?.h?.[k] ? Array.from(init.h[k]!) : new Array<number>(H).fill(0));
    cs.push(init?.c?.[k] ? Array.from(init.c[k]!) : new Array<number>(H).fill(0));
  }
  const fcW = mat(sd, 'fc.weight');
  const fcB = vec(sd, 'fc.bias');
  const steps: RefStep[] = [];
  for (let t = 0; t < inputs.length; t++) {
    let x: number[] = inputs[t]!;
    const layers: RefLayer[] = [];
    const newH: number[][] = [];
    const newC: number[][] = [];
    for (let k = 0; k < L; k++) {
      const gi = addVec(matVec(mat(sd, `rnn.weight_ih_l${k}`), x), vec(sd, `rnn.bias_ih_l${k}`));
      const gh = addVec(matVec(mat(sd, `rnn.weight_hh_l${k}`), hs[k]!), vec(sd, `rnn.bias_hh_l${k}`));
      const hit = perturb !== undefined && perturb.t === t && k === L - 1;
      let h: number[];
      let c: number[] | undefined;
      let gates: Record<string, number[]>;
      if (cfg.cell === 'rnn') {
        const a = addVec(gi, gh);
        h = a.map((v) => (cfg.nonlinearity === 'relu' ? Math.max(0, v) : Math.tanh(v)));
        gates = { a };
      } else if (cfg.cell === 'lstm') {
        const pre = addVec(gi, gh);
        const i = slice(pre, 0, H).map(sigmoid);
        const f = slice(pre, 1, H).map(sigmoid);
        const g = slice(pre, 2, H).map(Math.tanh);
        const o = slice(pre, 3, H).map(sigmoid);
        c = f.map((fj, j) => fj * cs[k]![j]! + i[j]! * g[j]!);
        if (hit && perturb.dc) c = addVec(c, perturb.dc);
        const cc = c;
        h = o.map((oj, j) => oj * Math.tanh(cc[j]!));
        gates = { i, f, g, o };
      } else {
        const r = addVec(slice(gi, 0, H), slice(gh, 0, H)).map(sigmoid);
        const z = addVec(slice(gi, 1, H), slice(gh, 1, H)).map(sigmoid);
        const ghn = slice(gh, 2, H);
        const n = slice(gi, 2, H).map((v, j) => Math.tanh(v + r[j]! * ghn[j]!));
        const hPrev = hs[k]!;
        h = n.map((nj, j) => (1 - z[j]!) * nj + z[j]! * hPrev[j]!);
        gates = { r, z, n };
      }
      if (hit && perturb.dh) h = addVec(h, perturb.dh);
      newH.push(h);
      newC.push(c ?? cs[k]!);
      layers.push(c ? { h, c, gates } : { h, gates });
      x = h;
    }
    hs = newH;
    cs = newC;
    const logits = addVec(matVec(fcW, x), fcB);
    const m = Math.max(...logits);
    const e = logits.map((v) => Math.exp(v - m));
    const s = e.reduce((p, q) => p + q, 0);
    steps.push({ layers, logits, probs: e.map((v) => v / s) });
  }
  return steps;
}

export function refLoss(cfg: RefConfig, sd: RefStateDict, inputs: number[][], targets: number[],
  init?: RefInit, perturb?: RefPerturb): number {
  const steps = refForward(cfg, sd, inputs, init, perturb);
  let loss = 0;
  steps.forEach((st, t) => {
    const y = targets[t]!;
    if (y < 0) return;
    const m = Math.max(...st.logits);
    const lse = m + Math.log(st.logits.reduce((p, v) => p + Math.exp(v - m), 0));
    loss += lse - st.logits[y]!;
  });
  return loss;
}

/** A seeded generator of floats in [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randMat(rows: number, cols: number, rand: () => number, scale = 1): Mat {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => (2 * rand() - 1) * scale));
}

/** Random weights in PyTorch's state_dict layout. */
export function randomStateDict(cfg: RefConfig, rand: () => number, scale = 0.6): RefStateDict {
  const G = gateCount(cfg.cell);
  const H = cfg.hiddenSize;
  const sd: RefStateDict = {};
  for (let k = 0; k < (cfg.numLayers ?? 1); k++) {
    sd[`rnn.weight_ih_l${k}`] = randMat(G * H, k === 0 ? cfg.inputSize : H, rand, scale);
    sd[`rnn.weight_hh_l${k}`] = randMat(G * H, H, rand, scale);
    sd[`rnn.bias_ih_l${k}`] = randMat(1, G * H, rand, scale)[0]!;
    sd[`rnn.bias_hh_l${k}`] = randMat(1, G * H, rand, scale)[0]!;
  }
  sd['fc.weight'] = randMat(cfg.outputSize, H, rand, scale);
  sd['fc.bias'] = randMat(1, cfg.outputSize, rand, scale)[0]!;
  return sd;
}

/** Deep copy into plain number arrays (Float64Array rows become number[]). */
export function plain(sd: Record<string, unknown>): RefStateDict {
  const out: RefStateDict = {};
  for (const [key, v] of Object.entries(sd)) {
    const a = Array.from(v as ArrayLike<unknown>);
    out[key] = a.length > 0 && typeof a[0] !== 'number'
      ? a.map((row) => Array.from(row as ArrayLike<number>))
      : (a as number[]);
  }
  return out;
}

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations, descending. */
export function symmetricEigenvalues(S: Mat): number[] {
  const n = S.length;
  const A = S.map((r) => r.slice());
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p]![q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p]![q]!;
        if (apq === 0) continue;
        const theta = (A[q]![q]! - A[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k]![p]!;
          const akq = A[k]![q]!;
          A[k]![p] = c * akp - s * akq;
          A[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p]![k]!;
          const aqk = A[q]![k]!;
          A[p]![k] = c * apk - s * aqk;
          A[q]![k] = s * apk + c * aqk;
        }
      }
    }
  }
  return A.map((r, i) => r[i]!).sort((a, b) => b - a);
}
