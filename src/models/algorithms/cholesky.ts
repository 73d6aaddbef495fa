/**
 * Solving symmetric positive definite systems A x = b by the Cholesky factorisation A = L Lᵀ
 * (Golub & Van Loan, Matrix Computations, §4.2), with a growing ridge on the diagonal when A is
 * singular (collinear or saturated columns), so that a solve always returns finite numbers.
 * Matrices are p×p, row-major.
 */

/** Lower Cholesky factor of the p×p SPD matrix A, or null if A is not positive definite. */
export function cholesky(A: Float64Array, p: number): Float64Array | null {
  const L = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * p + j];
      for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * p + i] = Math.sqrt(s);
      } else {
        L[i * p + j] = s / L[j * p + j];
      }
    }
  }
  return L;
}

/** Solves L Lᵀ x = b in place (b becomes x). */
export function choleskySolve(L: Float64Array, b: Float64Array, p: number): void {
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * p + k] * b[k];
    b[i] = s / L[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < p; k++) s -= L[k * p + i] * b[k];
    b[i] = s / L[i * p + i];
  }
}

/** Cholesky factor of A, or of A plus the smallest ridge (1e-12 × its largest diagonal, ×100 at a time) that has one. */
export function factorSpd(A: Float64Array, p: number): Float64Array {
  let maxDiag = 0;
  for (let i = 0; i < p; i++) maxDiag = Math.max(maxDiag, A[i * p + i]);
  const scale = maxDiag > 0 ? maxDiag : 1;
  const plain = cholesky(A, p);
  if (plain) return plain;
  for (let ridge = 1e-12 * scale; ridge <= 1e6 * scale; ridge *= 100) {
    const M = Float64Array.from(A);
    for (let i = 0; i < p; i++) M[i * p + i] += ridge;
    const L = cholesky(M, p);
    if (L) return L;
  }
  return Float64Array.from({ length: p * p }, (_, k) => (k % (p + 1) === 0 ? 1 : 0));
}

/** Solves A x = b in place for SPD A (see factorSpd). */
export function solveSpd(A: Float64Array, b: Float64Array, p: number): void {
  choleskySolve(factorSpd(A, p), b, p);
}
