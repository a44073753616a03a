/**
 * Singular values by one-sided Jacobi rotations (Hestenes): columns are rotated pairwise until
 * mutually orthogonal; their norms are then the singular values.
 */

/**
 * The min(rows, cols) singular values of a matrix [rows][cols], descending, like
 * torch.linalg.svdvals. Rotations act on the smaller dimension's vectors. Throws on a ragged or
 * non-finite matrix.
 */
export function singularValues(matrix: ArrayLike<ArrayLike<number>>): number[] {
  const m = matrix?.length ?? 0;
  if (m === 0) return [];
  const n = matrix[0].length;
  if (n === 0) return [];
  for (let r = 0; r < m; r++) {
    if (matrix[r]?.length !== n) throw new Error(`singularValues: row ${r} has ${matrix[r]?.length} columns, expected ${n}`);
    for (let c = 0; c < n; c++) if (!Number.isFinite(matrix[r][c])) throw new Error(`singularValues: entry [${r}][${c}] is not finite`);
  }
  // k vectors of length len: the columns when rows ≥ cols, else the rows (σ(A) = σ(Aᵀ))
  const byCols = m >= n;
  const k = byCols ? n : m;
  const len = byCols ? m : n;
  const A = new Float64Array(k * len); // vector p at [p*len, (p+1)*len)
  for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) {
    if (byCols) A[c * len + r] = matrix[r][c];
    else A[r * len + c] = matrix[r][c];
  }
  const tol = 1e-15;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const po = p * len, qo = q * len;
        let alpha = 0, beta = 0, gamma = 0;
        for (let i = 0; i < len; i++) {
          const a = A[po + i], b = A[qo + i];
          alpha += a * a;
          beta += b * b;
          gamma += a * b;
        }
        if (gamma === 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        // rotation that zeroes the (p, q) inner product
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < len; i++) {
          const a = A[po + i], b = A[qo + i];
          A[po + i] = c * a - s * b;
          A[qo + i] = s * a + c * b;
        }
      }
    }
    if (!rotated) break;
  }
  const out: number[] = [];
  for (let p = 0; p < k; p++) {
    let s = 0;
    for (let i = 0; i < len; i++) s += A[p * len + i] * A[p * len + i];
    out.push(Math.sqrt(s));
  }
  return out.sort((a, b) => b - a);
}
