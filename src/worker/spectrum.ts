/**
 * Singular values of the recurrent matrices, fast enough to follow training: σ_i = √λ_i where λ are
 * the eigenvalues of the Gram matrix M = WᵀW [n][n]. M is reduced to tridiagonal form by Householder
 * reflections, whose eigenvalues the implicit QL iteration then finds (eigenvalues only, no vectors):
 * about (4/3)·n³ + rows·n² flops, a few milliseconds at n = 128.
 * Accuracy: λ to about n·ε·λ_max absolute, so σ_max to ~1e-14 relative and a small σ_i to about
 * √(n·ε)·σ_max at worst — ample for a picture and for a read-out of the largest value.
 */

/**
 * The n singular values (descending) of the `rows` × n block of `W` [·][n] (row-major) starting at
 * row `row0`. Pure.
 */
export function spectrum(W: Float64Array, row0: number, rows: number, n: number): Float64Array {
  const M = new Float64Array(n * n); // Gram matrix, lower triangle used
  for (let r = row0; r < row0 + rows; r++) {
    const o = r * n;
    for (let i = 0; i < n; i++) {
      const wi = W[o + i]!;
      if (wi === 0) continue;
      const mi = i * n;
      for (let j = 0; j <= i; j++) M[mi + j]! += wi * W[o + j]!;
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalize(M, n, d, e);
  tridiagonalEigenvalues(d, e, n);
  for (let i = 0; i < n; i++) d[i] = Math.sqrt(Math.max(0, d[i]!));
  return d.sort().reverse();
}

/**
 * Householder reduction of the symmetric a [n][n] (lower triangle read; destroyed) to tridiagonal
 * form: diagonal d [n], sub-diagonal e [n] with e[i] coupling i−1 and i (e[0] = 0).
 */
function tridiagonalize(a: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1;
    const io = i * n;
    let h = 0;
    if (l > 0) {
      let scale = 0;
      for (let k = 0; k <= l; k++) scale += Math.abs(a[io + k]!);
      if (scale === 0) {
        e[i] = a[io + l]!;
      } else {
        for (let k = 0; k <= l; k++) {
          a[io + k]! /= scale;
          h += a[io + k]! * a[io + k]!;
        }
        let f = a[io + l]!;
        let g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
        e[i] = scale * g;
        h -= f * g;
        a[io + l] = f - g;
        f = 0;
        for (let j = 0; j <= l; j++) {
          const jo = j * n;
          g = 0;
          for (let k = 0; k <= j; k++) g += a[jo + k]! * a[io + k]!;
          for (let k = j + 1; k <= l; k++) g += a[k * n + j]! * a[io + k]!;
          e[j] = g / h;
          f += e[j]! * a[io + j]!;
        }
        const hh = f / (h + h);
        for (let j = 0; j <= l; j++) {
          const jo = j * n;
          const fj = a[io + j]!;
          const gj = e[j]! - hh * fj;
          e[j] = gj;
          for (let k = 0; k <= j; k++) a[jo + k]! -= fj * e[k]! + gj * a[io + k]!;
        }
      }
    } else {
      e[i] = a[io + l]!;
    }
    d[i] = h;
  }
  e[0] = 0;
  for (let i = 0; i < n; i++) d[i] = a[i * n + i]!;
}

/** Eigenvalues of the symmetric tridiagonal (d, e) by implicit QL; they replace d. Mutates d and e. */
function tridiagonalEigenvalues(d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (iter++ === 60) break; // never seen in practice; keep what has converged
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
      let s = 1;
      let c = 1;
      let p = 0;
      let i: number;
      for (i = m - 1; i >= l; i--) {
        const f = s * e[i]!;
        const b = c * e[i]!;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1]! -= p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - p;
        r = (d[i]! - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (r === 0 && i >= l) continue;
      d[l]! -= p;
      e[l] = g;
      e[m] = 0;
    } while (m !== l);
  }
}
