/**
 * Dense products on flat row-major Float64Arrays, shared by the forward and backward kernels.
 * Several independent accumulators per loop keep the floating-point pipelines busy.
 */

/** Σ_i a[ao+i]·b[bo+i] for i < n, four accumulators. */
export function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, n: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += a[ao + i] * b[bo + i];
    s1 += a[ao + i + 1] * b[bo + i + 1];
    s2 += a[ao + i + 2] * b[bo + i + 2];
    s3 += a[ao + i + 3] * b[bo + i + 3];
  }
  for (; i < n; i++) s0 += a[ao + i] * b[bo + i];
  return (s0 + s1) + (s2 + s3);
}

/**
 * out[oo + j] = Σ_i A[a + j·n + i]·x[xo + i] for j < rows: a matrix-vector product over row-major
 * A [rows][n], eight rows per pass so each x[i] load serves eight independent accumulators.
 */
export function matVec(A: Float64Array, a: number, rows: number, n: number, x: Float64Array, xo: number,
  out: Float64Array, oo: number): void {
  let j = 0;
  for (; j + 7 < rows; j += 8) {
    const r0 = a + j * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
    const r4 = r3 + n, r5 = r4 + n, r6 = r5 + n, r7 = r6 + n;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[xo + i];
      s0 += A[r0 + i] * xi; s1 += A[r1 + i] * xi; s2 += A[r2 + i] * xi; s3 += A[r3 + i] * xi;
      s4 += A[r4 + i] * xi; s5 += A[r5 + i] * xi; s6 += A[r6 + i] * xi; s7 += A[r7 + i] * xi;
    }
    out[oo + j] = s0; out[oo + j + 1] = s1; out[oo + j + 2] = s2; out[oo + j + 3] = s3;
    out[oo + j + 4] = s4; out[oo + j + 5] = s5; out[oo + j + 6] = s6; out[oo + j + 7] = s7;
  }
  for (; j < rows; j++) out[oo + j] = dot(A, a + j * n, x, xo, n);
}

/**
 * dst[j][i] += Σ_{t<T} D[t][j] · X[xBase + t·n + i] for j in j0..j1−1 (default all GH rows), i < n:
 * a weight gradient as one product over all steps. D is [T][GH]; rows of X stream, eight (then
 * four, one) steps per pass. Each row j is summed alone, so any split of the rows gives the same numbers.
 */
export function accumOuter(dst: Float64Array, d0: number, D: Float64Array, GH: number, X: Float64Array,
  xBase: number, n: number, T: number, j0 = 0, j1 = GH): void {
  for (let j = j0; j < j1; j++) {
    const row = d0 + j * n;
    let t = 0;
    for (; t + 7 < T; t += 8) {
      const a0 = D[t * GH + j], a1 = D[(t + 1) * GH + j], a2 = D[(t + 2) * GH + j], a3 = D[(t + 3) * GH + j];
      const a4 = D[(t + 4) * GH + j], a5 = D[(t + 5) * GH + j], a6 = D[(t + 6) * GH + j], a7 = D[(t + 7) * GH + j];
      const x0 = xBase + t * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
      const x4 = x3 + n, x5 = x4 + n, x6 = x5 + n, x7 = x6 + n;
      for (let i = 0; i < n; i++) {
        dst[row + i] += (a0 * X[x0 + i] + a1 * X[x1 + i] + a2 * X[x2 + i] + a3 * X[x3 + i])
          + (a4 * X[x4 + i] + a5 * X[x5 + i] + a6 * X[x6 + i] + a7 * X[x7 + i]);
      }
    }
    for (; t + 3 < T; t += 4) {
      const a0 = D[t * GH + j], a1 = D[(t + 1) * GH + j], a2 = D[(t + 2) * GH + j], a3 = D[(t + 3) * GH + j];
      const x0 = xBase + t * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
      for (let i = 0; i < n; i++) dst[row + i] += a0 * X[x0 + i] + a1 * X[x1 + i] + a2 * X[x2 + i] + a3 * X[x3 + i];
    }
    for (; t < T; t++) {
      const a = D[t * GH + j];
      if (a === 0) continue;
      const x0 = xBase + t * n;
      for (let i = 0; i < n; i++) dst[row + i] += a * X[x0 + i];
    }
  }
}

/**
 * out[t] += Σ_j dX[t][j] · W[j] for t in lo..hi, W = [GH][n] at offset w in P: the gradient that
 * reaches a layer's input x_t (out is [T][n]). Four rows of W per pass.
 */
export function accumWeightedRows(P: Float64Array, w: number, GH: number, n: number, dX: Float64Array,
  out: Float64Array, lo: number, hi: number): void {
  for (let t = lo; t <= hi; t++) {
    const d = t * GH;
    const o = t * n;
    let j = 0;
    for (; j + 3 < GH; j += 4) {
      const a0 = dX[d + j], a1 = dX[d + j + 1], a2 = dX[d + j + 2], a3 = dX[d + j + 3];
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
      const w0 = w + j * n, w1 = w0 + n, w2 = w1 + n, w3 = w2 + n;
      for (let i = 0; i < n; i++) out[o + i] += a0 * P[w0 + i] + a1 * P[w1 + i] + a2 * P[w2 + i] + a3 * P[w3 + i];
    }
    for (; j < GH; j++) {
      const a = dX[d + j];
      if (a === 0) continue;
      const w0 = w + j * n;
      for (let i = 0; i < n; i++) out[o + i] += a * P[w0 + i];
    }
  }
}
