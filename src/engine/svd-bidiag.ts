/**
 * Singular values of an upper bidiagonal matrix by implicit-shift QR sweeps (Golub–Kahan–Reinsch),
 * with deflation at negligible super-diagonal entries and splitting at negligible diagonal ones.
 */

/** √(a² + b²) without overflow or underflow. */
function hyp(a: number, b: number): number {
  const x = a < 0 ? -a : a;
  const y = b < 0 ? -b : b;
  if (x > y) { const r = y / x; return x * Math.sqrt(1 + r * r); }
  if (y === 0) return 0;
  const r = x / y;
  return y * Math.sqrt(1 + r * r);
}

const EPS = 2 ** -52;
const TINY = 2 ** -966;

/**
 * The singular values of the n × n upper bidiagonal matrix with diagonal s [n] and super-diagonal
 * e [n] (e[k] couples k and k+1; e[n−1] ignored): they replace s, descending, all ≥ 0. Mutates s
 * and e.
 */
export function bidiagonalValues(s: Float64Array, e: Float64Array, n: number): void {
  e[n - 1] = 0;
  let p = n;
  let budget = 75 * n + 100; // QR sweeps in all; about two per value are usual
  while (p > 0) {
    // k: largest index < p−1 with a negligible e[k] (−1 if none)
    let k: number;
    for (k = p - 2; k >= 0; k--) {
      if (Math.abs(e[k]) <= TINY + EPS * (Math.abs(s[k]) + Math.abs(s[k + 1]))) { e[k] = 0; break; }
    }
    let kase: number;
    if (k === p - 2) {
      kase = 4;
    } else {
      let ks: number;
      for (ks = p - 1; ks > k; ks--) {
        const t = (ks !== p ? Math.abs(e[ks]) : 0) + (ks !== k + 1 ? Math.abs(e[ks - 1]) : 0);
        if (Math.abs(s[ks]) <= TINY + EPS * t) { s[ks] = 0; break; }
      }
      if (ks === k) kase = 3;
      else if (ks === p - 1) kase = 1;
      else { kase = 2; k = ks; }
    }
    k++;
    if (kase === 1) {
      // s[p−1] negligible: chase e[p−2] up and out
      let f = e[p - 2];
      e[p - 2] = 0;
      for (let j = p - 2; j >= k; j--) {
        const t = hyp(s[j], f);
        const cs = s[j] / t, sn = f / t;
        s[j] = t;
        if (j !== k) { f = -sn * e[j - 1]; e[j - 1] = cs * e[j - 1]; }
      }
    } else if (kase === 2) {
      // s[k−1] negligible: split, chasing e[k−1] down
      let f = e[k - 1];
      e[k - 1] = 0;
      for (let j = k; j < p; j++) {
        const t = hyp(s[j], f);
        const cs = s[j] / t, sn = f / t;
        s[j] = t;
        f = -sn * e[j];
        e[j] = cs * e[j];
      }
    } else if (kase === 3) {
      // one QR sweep on rows k..p−1, shifted by the trailing 2 × 2 block's eigenvalue nearer its end
      if (budget-- <= 0) break;
      const scale = Math.max(Math.abs(s[p - 1]), Math.abs(s[p - 2]), Math.abs(e[p - 2]), Math.abs(s[k]), Math.abs(e[k]));
      const sp = s[p - 1] / scale, spm1 = s[p - 2] / scale, epm1 = e[p - 2] / scale;
      const sk = s[k] / scale, ek = e[k] / scale;
      const b = ((spm1 + sp) * (spm1 - sp) + epm1 * epm1) / 2;
      const c = (sp * epm1) * (sp * epm1);
      let shift = 0;
      if (b !== 0 || c !== 0) {
        shift = Math.sqrt(b * b + c);
        if (b < 0) shift = -shift;
        shift = c / (b + shift);
      }
      let f = (sk + sp) * (sk - sp) + shift;
      let g = sk * ek;
      for (let j = k; j < p - 1; j++) {
        let t = hyp(f, g);
        let cs = f / t, sn = g / t;
        if (j !== k) e[j - 1] = t;
        f = cs * s[j] + sn * e[j];
        e[j] = cs * e[j] - sn * s[j];
        g = sn * s[j + 1];
        s[j + 1] = cs * s[j + 1];
        t = hyp(f, g);
        cs = f / t; sn = g / t;
        s[j] = t;
        f = cs * e[j] + sn * s[j + 1];
        s[j + 1] = -sn * e[j] + cs * s[j + 1];
        g = sn * e[j + 1];
        e[j + 1] = cs * e[j + 1];
      }
      e[p - 2] = f;
    } else {
      // converged: s[k] is a singular value (made non-negative)
      if (s[k] < 0) s[k] = -s[k];
      p--;
    }
  }
  for (let i = 0; i < n; i++) if (s[i] < 0) s[i] = -s[i];
  s.sort();
  s.reverse();
}
