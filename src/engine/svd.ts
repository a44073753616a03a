/**
 * Singular values by Golub–Kahan: Householder reduction to upper bidiagonal form (after a
 * Householder QR when the matrix is much taller than wide), then implicit-shift QR sweeps on the
 * bidiagonal. Values only, no singular vectors. Backward stable: every σ is exact for a matrix
 * within about n·ε·‖A‖ of the input, so σ_max is accurate to ~1e-15 relative and a σ near zero to
 * ~1e-15·σ_max absolute. Cost ≈ 4·m·n² flops (m ≥ n), or 2·m·n² + 2·n³ with the QR first.
 */
import { bidiagonalValues } from './svd-bidiag';
import { drain, PIECE_MACS, type Pieces } from './pieces';
import { dot } from './products';

/** a[yo+i] −= f·a[xo+i] for i < len. */
function axpyCols(a: Float64Array, yo: number, xo: number, f: number, len: number): void {
  for (let i = 0; i < len; i++) a[yo + i] -= f * a[xo + i];
}

/**
 * Applies the reflector I − v·vᵀ/β (v = a[vo .. vo+len)) to the columns a[c·m + r0 ..) for
 * c in c0..n−1, two columns per pass so each v[i] load serves both.
 */
function reflectColumns(a: Float64Array, vo: number, len: number, beta: number, m: number, r0: number, c0: number, n: number): void {
  let j = c0;
  for (; j + 1 < n; j += 2) {
    const p = j * m + r0, q = p + m;
    let s0 = 0, s1 = 0, t0 = 0, t1 = 0;
    let i = 0;
    for (; i + 1 < len; i += 2) {
      const v0 = a[vo + i], v1 = a[vo + i + 1];
      s0 += v0 * a[p + i]; t0 += v1 * a[p + i + 1];
      s1 += v0 * a[q + i]; t1 += v1 * a[q + i + 1];
    }
    if (i < len) { s0 += a[vo + i] * a[p + i]; s1 += a[vo + i] * a[q + i]; }
    const f0 = (s0 + t0) / beta, f1 = (s1 + t1) / beta;
    for (i = 0; i < len; i++) {
      const v = a[vo + i];
      a[p + i] -= f0 * v;
      a[q + i] -= f1 * v;
    }
  }
  if (j < n) {
    const p = j * m + r0;
    axpyCols(a, p, vo, dot(a, vo, a, p, len) / beta, len);
  }
}

/**
 * Householder reflector for x = a[o .. o+len) in place: x becomes v (x − α·e₁) and α (= ∓‖x‖) is
 * returned with β = vᵀv/2 in beta[0]; β = 0 means x is already zero (no reflection).
 */
function reflector(a: Float64Array, o: number, len: number, beta: Float64Array): number {
  const norm = Math.sqrt(dot(a, o, a, o, len));
  if (norm === 0) { beta[0] = 0; return 0; }
  const x0 = a[o];
  const alpha = x0 > 0 ? -norm : norm;
  a[o] = x0 - alpha;
  beta[0] = -alpha * a[o];
  return alpha;
}

/**
 * Householder QR of the column-major a [n columns of length m] (m ≥ n): R (upper triangular n × n)
 * into a fresh column-major buffer.
 */
function* triangularFactor(a: Float64Array, m: number, n: number, unit: number): Pieces<Float64Array> {
  const R = new Float64Array(n * n);
  const beta = new Float64Array(1);
  let spent = 0;
  for (let k = 0; k < n; k++) {
    const ko = k * m + k;
    const len = m - k;
    const alpha = reflector(a, ko, len, beta);
    R[k * n + k] = alpha;
    if (beta[0] !== 0) reflectColumns(a, ko, len, beta[0], m, k, k + 1, n);
    for (let j = k + 1; j < n; j++) R[j * n + k] = a[j * m + k];
    spent += 2 * len * (n - k);
    if (spent >= unit) { spent = 0; yield; }
  }
  return R;
}

/**
 * Reduces the column-major a [n columns of length m] (m ≥ n; destroyed) to upper bidiagonal form:
 * diagonal d [n] and super-diagonal e [n] (e[k] couples k and k+1; e[n−1] = 0).
 */
function* bidiagonalize(a: Float64Array, m: number, n: number, d: Float64Array, e: Float64Array, unit: number): Pieces<void> {
  const beta = new Float64Array(1);
  const w = new Float64Array(m); // rows' products with the right reflector
  const u = new Float64Array(n);
  let spent = 0;
  for (let k = 0; k < n; k++) {
    // (the previous column's work done: a piece may end here)
    if (spent >= unit) { spent = 0; yield; }
    spent += 4 * (m - k) * (n - k);
    // left: zero column k below the diagonal
    const ko = k * m + k;
    const len = m - k;
    d[k] = reflector(a, ko, len, beta);
    if (beta[0] !== 0) reflectColumns(a, ko, len, beta[0], m, k, k + 1, n);
    if (k >= n - 1) { e[k] = 0; continue; }
    // right: zero row k beyond the super-diagonal (its entries sit at stride m)
    const cols = n - k - 1;
    for (let j = 0; j < cols; j++) u[j] = a[(k + 1 + j) * m + k];
    if (cols === 1) { e[k] = u[0]; continue; }
    let s = 0;
    for (let j = 0; j < cols; j++) s += u[j] * u[j];
    const norm = Math.sqrt(s);
    if (norm === 0) { e[k] = 0; continue; }
    const alpha = u[0] > 0 ? -norm : norm;
    e[k] = alpha;
    u[0] -= alpha;
    const b = -alpha * u[0];
    // rows k+1..m−1: w = A·u, then A −= (w/β)·uᵀ, column by column
    const r0 = k + 1;
    const rows = m - r0;
    w.fill(0, 0, rows);
    let j = 0;
    for (; j + 3 < cols; j += 4) {
      const u0 = u[j], u1 = u[j + 1], u2 = u[j + 2], u3 = u[j + 3];
      const c0 = (k + 1 + j) * m + r0, c1 = c0 + m, c2 = c1 + m, c3 = c2 + m;
      for (let i = 0; i < rows; i++) w[i] += (u0 * a[c0 + i] + u1 * a[c1 + i]) + (u2 * a[c2 + i] + u3 * a[c3 + i]);
    }
    for (; j < cols; j++) {
      const uj = u[j];
      const co = (k + 1 + j) * m + r0;
      for (let i = 0; i < rows; i++) w[i] += uj * a[co + i];
    }
    for (j = 0; j + 1 < cols; j += 2) {
      const f0 = u[j] / b, f1 = u[j + 1] / b;
      const c0 = (k + 1 + j) * m + r0, c1 = c0 + m;
      for (let i = 0; i < rows; i++) {
        const wi = w[i];
        a[c0 + i] -= f0 * wi;
        a[c1 + i] -= f1 * wi;
      }
    }
    if (j < cols) {
      const f = u[j] / b;
      const co = (k + 1 + j) * m + r0;
      for (let i = 0; i < rows; i++) a[co + i] -= f * w[i];
    }
  }
}

/**
 * Singular values of the row-major block data[offset + r·cols + c] (r < rows, c < cols):
 * min(rows, cols) values, descending. Entries are not checked (finite numbers expected).
 */
export function singularValuesFlat(data: ArrayLike<number>, rows: number, cols: number, offset = 0): Float64Array {
  return drain(singularValuesSteps(data, rows, cols, offset, Infinity));
}

/**
 * {@link singularValuesFlat} as work that stops between pieces of about `unit` multiply-adds (after
 * a column of the QR or of the bidiagonal reduction): the same values. `data` must not change until
 * it ends (it is read at the first `next()`).
 */
export function* singularValuesSteps(data: ArrayLike<number>, rows: number, cols: number, offset = 0,
  unit = PIECE_MACS): Pieces<Float64Array> {
  const tall = rows >= cols;
  const m = tall ? rows : cols;
  const n = tall ? cols : rows;
  if (n === 0) return new Float64Array(0);
  // column-major copy of the tall orientation (Aᵀ has the same singular values), scaled to max |a| = 1
  let a: Float64Array = new Float64Array(m * n);
  let big = 0;
  for (let r = 0; r < rows; r++) {
    const o = offset + r * cols;
    for (let c = 0; c < cols; c++) {
      const x = data[o + c];
      a[tall ? c * m + r : r * m + c] = x;
      const ax = x < 0 ? -x : x;
      if (ax > big) big = ax;
    }
  }
  if (big === 0) return new Float64Array(n);
  const inv = 1 / big;
  for (let i = 0; i < a.length; i++) a[i] *= inv;
  let mm = m;
  if (3 * m >= 5 * n && n > 1) { a = yield* triangularFactor(a, m, n, unit); mm = n; }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  yield* bidiagonalize(a, mm, n, d, e, unit);
  bidiagonalValues(d, e, n);
  for (let i = 0; i < n; i++) d[i] *= big;
  return d;
}

/**
 * The min(rows, cols) singular values of a matrix [rows][cols], descending, like
 * torch.linalg.svdvals. Throws on a ragged or non-finite matrix.
 */
export function singularValues(matrix: ArrayLike<ArrayLike<number>>): number[] {
  const m = matrix?.length ?? 0;
  if (m === 0) return [];
  const n = matrix[0].length;
  if (n === 0) return [];
  const flat = new Float64Array(m * n);
  for (let r = 0; r < m; r++) {
    const row = matrix[r];
    if (row?.length !== n) throw new Error(`singularValues: row ${r} has ${row?.length} columns, expected ${n}`);
    for (let c = 0; c < n; c++) {
      const x = row[c];
      if (!Number.isFinite(x)) throw new Error(`singularValues: entry [${r}][${c}] is not finite`);
      flat[r * n + c] = x;
    }
  }
  return Array.from(singularValuesFlat(flat, m, n));
}
