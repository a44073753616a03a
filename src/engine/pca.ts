/**
 * Principal components of a cloud of points (N rows of H numbers, row-major): the directions along
 * which the centred points spread most, and how much of the spread each one holds. The covariance
 * C = XcᵀXc / (N − 1) [H][H] is diagonalised: by cyclic Jacobi rotations when H is small (every
 * eigenpair, exact to rounding), else by subspace iteration with a Rayleigh–Ritz step (the top few
 * only, to a tolerance), so the cost stays near H²·k per iteration at H = 256. The eigenvalues are
 * the squared singular values of Xc over N − 1 (checked against the engine's SVD in pca.test.ts).
 */
import { drain, PIECE_MACS, type Pieces } from './pieces';
import { createRng } from './rng';

/** The top-k principal directions of a point cloud. */
export interface Pca {
  /** Points and their width. */
  n: number;
  h: number;
  /** How many directions. */
  k: number;
  /** The mean point [H]. */
  mean: Float64Array;
  /** Unit directions [k][H] row-major, by decreasing variance; each one's entry of largest size is positive. */
  components: Float64Array;
  /** The variance along each direction [k] (eigenvalues of C, divided by N − 1). */
  variance: Float64Array;
  /** The total variance (trace of C). */
  total: number;
  /** variance / total [k], each in 0..1 (all 0 when the points do not spread). */
  ratio: Float64Array;
}

/** Jacobi is used up to this width; wider covariances use subspace iteration. */
export const JACOBI_MAX = 64;
/**
 * Subspace iteration stops when every wanted Ritz pair has ‖C·v − λ·v‖ ≤ TOLERANCE · trace(C) (its
 * eigenvalue is then right to about the square of that), or after MAX_ITERATIONS: a picture needs no more.
 */
const TOLERANCE = 1e-7;
const MAX_ITERATIONS = 150;

/** The covariance [H][H] (symmetric, full) of the centred rows of `data` [N][H], and their mean. */
export function covariance(data: ArrayLike<number>, n: number, h: number): { mean: Float64Array; cov: Float64Array } {
  return drain(covarianceSteps(data, n, h, Infinity));
}

/** {@link covariance} stopping between rows every ~`unit` multiply-adds: the same numbers. */
function* covarianceSteps(data: ArrayLike<number>, n: number, h: number, unit: number): Pieces<{ mean: Float64Array; cov: Float64Array }> {
  const mean = new Float64Array(h);
  for (let r = 0; r < n; r++) for (let j = 0; j < h; j++) mean[j] += data[r * h + j]!;
  if (n > 0) for (let j = 0; j < h; j++) mean[j] /= n;
  const cov = new Float64Array(h * h);
  const row = new Float64Array(h);
  let spent = 0;
  for (let r = 0; r < n; r++) {
    spent += (h * h) / 2;
    if (spent >= unit) { spent = 0; yield; }
    for (let j = 0; j < h; j++) row[j] = data[r * h + j]! - mean[j]!;
    for (let i = 0; i < h; i++) {
      const xi = row[i]!;
      if (xi === 0) continue;
      const o = i * h;
      for (let j = i; j < h; j++) cov[o + j] += xi * row[j]!;
    }
  }
  const d = Math.max(1, n - 1);
  for (let i = 0; i < h; i++) {
    for (let j = i; j < h; j++) {
      const v = cov[i * h + j]! / d;
      cov[i * h + j] = v;
      cov[j * h + i] = v;
    }
  }
  return { mean, cov };
}

/**
 * Every eigenpair of the symmetric m × m matrix `a` (row-major; destroyed) by cyclic Jacobi
 * rotations: eigenvalues [m] and eigenvectors as the columns of v [m][m], unsorted.
 */
export function jacobiEigen(a: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < m; i++) {
      diag += a[i * m + i]! ** 2;
      for (let j = i + 1; j < m; j++) off += a[i * m + j]! ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < m - 1; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q]!;
        if (apq === 0) continue;
        const app = a[p * m + p]!;
        const aqq = a[q * m + q]!;
        // the rotation that zeroes a[p][q]: tan θ = t, the smaller root for stability
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = a[k * m + p]!;
          const akq = a[k * m + q]!;
          a[k * m + p] = c * akp - s * akq;
          a[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = a[p * m + k]!;
          const aqk = a[q * m + k]!;
          a[p * m + k] = c * apk - s * aqk;
          a[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = v[k * m + p]!;
          const vkq = v[k * m + q]!;
          v[k * m + p] = c * vkp - s * vkq;
          v[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) values[i] = a[i * m + i]!;
  return { values, vectors: v };
}

/** Orthonormalises the b columns of q [h][b] in place (modified Gram–Schmidt; a vanished column becomes a fresh unit one). */
function orthonormalize(q: Float64Array, h: number, b: number): void {
  for (let c = 0; c < b; c++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < c; p++) {
        let d = 0;
        for (let i = 0; i < h; i++) d += q[i * b + c]! * q[i * b + p]!;
        for (let i = 0; i < h; i++) q[i * b + c] -= d * q[i * b + p]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < h; i++) norm += q[i * b + c]! ** 2;
    norm = Math.sqrt(norm);
    if (norm < 1e-300) {
      for (let i = 0; i < h; i++) q[i * b + c] = i === c % h ? 1 : 0;
      c--; // orthogonalise the replacement again (terminates: unit vectors span everything)
      continue;
    }
    for (let i = 0; i < h; i++) q[i * b + c] /= norm;
  }
}

/** The top-k eigenpairs of the symmetric covariance `cov` [h][h] by subspace iteration; vectors as rows [k][h]. */
function* topEigen(cov: Float64Array, h: number, k: number, start: Float64Array | undefined,
  unit: number): Pieces<{ values: Float64Array; vectors: Float64Array }> {
  const b = Math.min(h, k + 6);
  const q = new Float64Array(h * b);
  const rng = createRng(7);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  // a warm start (the last directions) keeps the answer where it was and converges in a few steps
  if (start && start.length === k * h) for (let c = 0; c < k; c++) for (let i = 0; i < h; i++) q[i * b + c] = start[c * h + i]!;
  orthonormalize(q, h, b);
  const z = new Float64Array(h * b);
  const small = new Float64Array(b * b);
  let values = new Float64Array(b);
  let scale = 0;
  for (let i = 0; i < h; i++) scale += Math.abs(cov[i * h + i]!);
  let spent = 0;
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    spent += 2 * h * h * b;
    if (spent >= unit) { spent = 0; yield; }
    // z = C·q
    z.fill(0);
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < h; j++) {
        const cij = cov[i * h + j]!;
        if (cij === 0) continue;
        for (let c = 0; c < b; c++) z[i * b + c] += cij * q[j * b + c]!;
      }
    }
    // Rayleigh–Ritz: small = qᵀ·z, its eigenvectors rotate q
    for (let r = 0; r < b; r++) {
      for (let c = 0; c < b; c++) {
        let s = 0;
        for (let i = 0; i < h; i++) s += q[i * b + r]! * z[i * b + c]!;
        small[r * b + c] = s;
      }
    }
    const sym = new Float64Array(b * b);
    for (let r = 0; r < b; r++) for (let c = 0; c < b; c++) sym[r * b + c] = (small[r * b + c]! + small[c * b + r]!) / 2;
    const e = jacobiEigen(sym, b);
    const order = Array.from({ length: b }, (_, i) => i).sort((x, y) => e.values[y]! - e.values[x]!);
    values = Float64Array.from(order, (i) => e.values[i]!);
    // Ritz vectors rv = q·W and the next iterate nq = z·W = C·rv; residual ‖C·rv − λ·rv‖ of the top k
    let worst = 0;
    const rv = new Float64Array(h * b);
    const nq = new Float64Array(h * b);
    for (let c = 0; c < b; c++) {
      const w = order[c]!;
      let res = 0;
      for (let i = 0; i < h; i++) {
        let qw = 0;
        let zw = 0;
        for (let r = 0; r < b; r++) {
          const vr = e.vectors[r * b + w]!;
          qw += q[i * b + r]! * vr;
          zw += z[i * b + r]! * vr;
        }
        rv[i * b + c] = qw;
        nq[i * b + c] = zw;
        res += (zw - values[c]! * qw) ** 2;
      }
      if (c < k) worst = Math.max(worst, Math.sqrt(res));
    }
    if (worst <= TOLERANCE * scale || scale === 0) {
      const vectors = new Float64Array(k * h);
      for (let c = 0; c < k; c++) for (let i = 0; i < h; i++) vectors[c * h + i] = rv[i * b + c]!;
      orthonormalizeRows(vectors, k, h);
      return { values: values.slice(0, k), vectors };
    }
    q.set(nq);
    orthonormalize(q, h, b);
  }
  const vectors = new Float64Array(k * h);
  for (let c = 0; c < k; c++) for (let i = 0; i < h; i++) vectors[c * h + i] = q[i * b + c]!;
  orthonormalizeRows(vectors, k, h);
  return { values: values.slice(0, k), vectors };
}

/** Orthonormal rows [k][h] in place (they are nearly so already). */
function orthonormalizeRows(v: Float64Array, k: number, h: number): void {
  const t = new Float64Array(h * k);
  for (let c = 0; c < k; c++) for (let i = 0; i < h; i++) t[i * k + c] = v[c * h + i]!;
  orthonormalize(t, h, k);
  for (let c = 0; c < k; c++) for (let i = 0; i < h; i++) v[c * h + i] = t[i * k + c]!;
}

/** Flips each row [k][h] so that its entry of largest size (the first such) is positive. Mutates `v`. */
export function fixSigns(v: Float64Array, k: number, h: number): void {
  for (let c = 0; c < k; c++) {
    let at = 0;
    for (let i = 1; i < h; i++) if (Math.abs(v[c * h + i]!) > Math.abs(v[c * h + at]!)) at = i;
    if (v[c * h + at]! < 0) for (let i = 0; i < h; i++) v[c * h + i] = -v[c * h + i]!;
  }
}

export interface PcaOptions {
  /** Last time's directions [k][H]: a warm start for wide covariances (ignored when its size differs). */
  start?: Float64Array;
  /** Force a method (tests); default Jacobi up to JACOBI_MAX, else subspace iteration. */
  method?: 'jacobi' | 'subspace';
}

/**
 * The top k principal components of the N points `data` [N][H] (row-major). k is clamped to 1..H.
 * Non-finite entries are not checked (the caller drops such points).
 */
export function pca(data: ArrayLike<number>, n: number, h: number, k = 2, options: PcaOptions = {}): Pca {
  return drain(pcaSteps(data, n, h, k, options, Infinity));
}

/**
 * {@link pca} as work that stops every ~`unit` multiply-adds (between rows of the covariance, between
 * steps of the subspace iteration): the same numbers. `data` must not change until it ends.
 */
export function* pcaSteps(data: ArrayLike<number>, n: number, h: number, k = 2, options: PcaOptions = {},
  unit = PIECE_MACS): Pieces<Pca> {
  const kk = Math.max(1, Math.min(h, Math.floor(k)));
  const { mean, cov } = yield* covarianceSteps(data, n, h, unit);
  let total = 0;
  for (let i = 0; i < h; i++) total += cov[i * h + i]!;
  const method = options.method ?? (h <= JACOBI_MAX ? 'jacobi' : 'subspace');
  let values: Float64Array;
  let vectors: Float64Array;
  if (method === 'jacobi') {
    const e = jacobiEigen(cov.slice(), h);
    const order = Array.from({ length: h }, (_, i) => i).sort((x, y) => e.values[y]! - e.values[x]! || x - y).slice(0, kk);
    values = Float64Array.from(order, (i) => Math.max(0, e.values[i]!));
    vectors = new Float64Array(kk * h);
    order.forEach((w, c) => { for (let i = 0; i < h; i++) vectors[c * h + i] = e.vectors[i * h + w]!; });
  } else {
    const e = yield* topEigen(cov, h, kk, options.start, unit);
    values = e.values.map((x) => Math.max(0, x));
    vectors = e.vectors;
  }
  fixSigns(vectors, kk, h);
  const ratio = values.map((x) => (total > 0 ? Math.min(1, x / total) : 0));
  return { n, h, k: kk, mean, components: vectors, variance: values, total, ratio };
}

/**
 * The coordinates of the points `data` [N][H] along the components: [N][k] row-major, after
 * subtracting the mean. `out` is filled when given (length ≥ N·k).
 */
export function project(p: Pca, data: ArrayLike<number>, n: number, out: Float64Array = new Float64Array(n * p.k)): Float64Array {
  const { h, k, mean, components } = p;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < h; j++) s += (data[r * h + j]! - mean[j]!) * components[c * h + j]!;
      out[r * k + c] = s;
    }
  }
  return out;
}

/**
 * How well 2-D points (x[i], y[i]) fall into groups by class (classes[i] ≥ 0; a negative class leaves
 * the point out): the between-class sum of squares over the total sum of squares, in 0..1 — 0 when
 * every class has the same centre, 1 when each class is a single point. 0 without spread or classes.
 */
export function classSeparation(x: ArrayLike<number>, y: ArrayLike<number>, classes: ArrayLike<number>): number {
  const sums = new Map<number, [number, number, number]>();
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i]!;
    if (c < 0) continue;
    const s = sums.get(c) ?? [0, 0, 0];
    s[0] += x[i]!; s[1] += y[i]!; s[2]++;
    sums.set(c, s);
    sx += x[i]!; sy += y[i]!; n++;
  }
  if (n === 0) return 0;
  const mx = sx / n;
  const my = sy / n;
  let total = 0;
  for (let i = 0; i < classes.length; i++) {
    if (classes[i]! < 0) continue;
    total += (x[i]! - mx) ** 2 + (y[i]! - my) ** 2;
  }
  if (!(total > 0)) return 0;
  let between = 0;
  for (const [cx, cy, cn] of sums.values()) between += cn * ((cx / cn - mx) ** 2 + (cy / cn - my) ** 2);
  return Math.min(1, Math.max(0, between / total));
}
