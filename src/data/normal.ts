/**
 * The bivariate normal N(μ, Σ): draws by the Cholesky factor, log density in closed form.
 * Shared by every source built from Gaussians (gaussians, mixture, blobs, xor).
 */

import type { Dataset } from '../dataset.js';
import type { Rng } from '../random.js';

export type Vec2 = readonly [number, number];
export type Mat2 = readonly [Vec2, Vec2];

export interface Normal2 {
  mean: Vec2;
  /** Cholesky factor L (Σ = L Lᵀ): l11, l21, l22. */
  l11: number;
  l21: number;
  l22: number;
  /** Inverse covariance entries and log normalising constant. */
  i11: number;
  i12: number;
  i22: number;
  logNorm: number;
}

/** What is wrong with Σ as a covariance matrix (symmetric positive definite), or null. */
export function covarianceProblem(cov: Mat2): string | null {
  const [[a, b], [b2, d]] = cov;
  const shown = `[[${a}, ${b}], [${b2}, ${d}]]`;
  if (Math.abs(b - b2) > 1e-12 * Math.max(1, Math.abs(b)))
    return `expected a symmetric covariance matrix, got ${shown}`;
  if (!(a > 0) || !(a * d - b * b > 0)) {
    return `expected a positive-definite covariance matrix (variances > 0, determinant > 0), got ${shown}`;
  }
  return null;
}

/** N(mean, cov) for a covariance that passed covarianceProblem. */
export function normal2(mean: Vec2, cov: Mat2): Normal2 {
  const problem = covarianceProblem(cov);
  if (problem) throw new Error(`unchecked covariance: ${problem}`);
  const [[a, b], [, d]] = cov;
  const det = a * d - b * b;
  const l11 = Math.sqrt(a);
  const l21 = b / l11;
  const l22 = Math.sqrt(d - l21 * l21);
  return {
    mean,
    l11,
    l21,
    l22,
    i11: d / det,
    i12: -b / det,
    i22: a / det,
    logNorm: -Math.log(2 * Math.PI) - 0.5 * Math.log(det),
  };
}

/** Isotropic N(mean, variance·I). */
export function isotropic(mean: Vec2, variance: number): Normal2 {
  return normal2(mean, [
    [variance, 0],
    [0, variance],
  ]);
}

export function drawNormal2(g: Normal2, rng: Rng, out: Float64Array, offset: number): void {
  const z1 = rng.normal();
  const z2 = rng.normal();
  out[offset] = g.mean[0] + g.l11 * z1;
  out[offset + 1] = g.mean[1] + g.l21 * z1 + g.l22 * z2;
}

export function logNormal2(g: Normal2, x: number, y: number): number {
  const dx = x - g.mean[0];
  const dy = y - g.mean[1];
  return g.logNorm - 0.5 * (g.i11 * dx * dx + 2 * g.i12 * dx * dy + g.i22 * dy * dy);
}

/** log Σ exp(v_i), stably. */
export function logSumExp(values: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  if (max === Number.NEGATIVE_INFINITY) return max;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.exp(values[i] - max);
  return max + Math.log(s);
}

/** A class index drawn from probabilities that sum to 1. */
export function drawClass(priors: readonly number[], rng: Rng): number {
  const u = rng.uniform();
  let acc = 0;
  for (let c = 0; c < priors.length - 1; c++) {
    acc += priors[c];
    if (u < acc) return c;
  }
  return priors.length - 1;
}

/**
 * n points whose classes are drawn from the priors (class sizes Multinomial(n, π)), each point
 * then drawn by `draw(c, rng, X, offset)`: the sampling loop every density-based source shares.
 */
export function sampleByClass(
  n: number,
  priors: readonly number[],
  rng: Rng,
  draw: (c: number, rng: Rng, X: Float64Array, offset: number) => void,
): Dataset {
  const X = new Float64Array(2 * n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = drawClass(priors, rng);
    y[i] = c;
    draw(c, rng, X, 2 * i);
  }
  return { X, y, n, classes: priors.length };
}
