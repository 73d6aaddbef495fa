/**
 * Logistic regression on a given design matrix by iteratively reweighted least squares (Newton's
 * method on the binomial log-likelihood; McCullagh & Nelder 1989, §4.4, the algorithm of R's glm):
 * β ← β + (BᵀWB)⁻¹Bᵀ(y − μ), W = diag(μ(1 − μ)), halving the step while the deviance rises, and
 * stopping like glm when |D − D_old| / (|D| + 0.1) < 1e-8 or after maxIterations (glm: 25). Under
 * complete separation the coefficients grow until the iteration cap, as glm's do.
 */

export interface LogisticFit {
  deviance: number;
  iterations: number;
  converged: boolean;
}

/** Lower Cholesky factor of the p×p SPD matrix A (row-major), or null if A is not positive definite. */
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

/**
 * Cholesky factor of A, adding a growing ridge to the diagonal when A is singular (collinear or
 * saturated columns), so that a solve always returns finite numbers.
 */
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

/** −2 log-likelihood contribution of one 0/1 response at linear predictor eta, without overflow. */
function devianceTerm(y: number, eta: number): number {
  const z = y === 1 ? -eta : eta;
  return 2 * (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
}

function deviance(B: Float64Array, n: number, p: number, y: ArrayLike<number>, beta: Float64Array): number {
  let d = 0;
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += B[i * p + j] * beta[j];
    d += devianceTerm(y[i], eta);
  }
  return d;
}

/**
 * Fits β (length p, updated in place; its value on entry is the starting point) for the n×p
 * row-major design B and 0/1 responses y.
 */
export function fitLogistic(
  B: Float64Array,
  n: number,
  p: number,
  y: ArrayLike<number>,
  beta: Float64Array,
  maxIterations = 25,
): LogisticFit {
  let dev = deviance(B, n, p, y, beta);
  const H = new Float64Array(p * p);
  const g = new Float64Array(p);
  const trial = new Float64Array(p);
  for (let iter = 1; iter <= maxIterations; iter++) {
    H.fill(0);
    g.fill(0);
    for (let i = 0; i < n; i++) {
      const o = i * p;
      let eta = 0;
      for (let j = 0; j < p; j++) eta += B[o + j] * beta[j];
      const mu = 1 / (1 + Math.exp(-eta));
      const w = mu * (1 - mu);
      const r = y[i] - mu;
      for (let j = 0; j < p; j++) {
        const bj = B[o + j];
        if (bj === 0) continue;
        g[j] += bj * r;
        const wb = w * bj;
        for (let k = 0; k <= j; k++) H[j * p + k] += wb * B[o + k];
      }
    }
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) H[k * p + j] = H[j * p + k];
    solveSpd(H, g, p);
    let step = 1;
    let newDev = dev;
    for (let halving = 0; halving < 30; halving++, step /= 2) {
      for (let j = 0; j < p; j++) trial[j] = beta[j] + step * g[j];
      newDev = deviance(B, n, p, y, trial);
      if (newDev <= dev * (1 + 1e-12) + 1e-12) break;
    }
    if (newDev > dev * (1 + 1e-12) + 1e-12) return { deviance: dev, iterations: iter, converged: true };
    beta.set(trial);
    const change = Math.abs(newDev - dev) / (Math.abs(newDev) + 0.1);
    dev = newDev;
    if (change < 1e-8) return { deviance: dev, iterations: iter, converged: true };
  }
  return { deviance: dev, iterations: maxIterations, converged: false };
}
