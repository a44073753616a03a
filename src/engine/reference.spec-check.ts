/**
 * Test helpers beside the reference engine (reference.ts): seeded random state dicts, plain copies,
 * the eigenvalues of a symmetric matrix. Re-exports the reference so the *.spec-check tests import one place.
 */
export * from './reference';
import { gateCount, type Mat, type RefConfig, type RefStateDict } from './reference';

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
