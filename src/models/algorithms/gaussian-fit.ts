/**
 * Class-conditional Gaussian fits in 2-D, the one piece LDA, QDA and naive Bayes share: class
 * counts and priors, class means, scatter matrices (sums of squared deviations), the pooled
 * within-class covariance, and the guards for a class with too few points or no spread (Hastie,
 * Tibshirani & Friedman, ESL §4.3). Both remedies are Friedman's (1989, regularized discriminant
 * analysis): lean on the pooled covariance, and add a multiple of the identity.
 */
import type { Dataset } from '../../dataset.js';

/** A symmetric 2×2 matrix [[xx, xy], [xy, yy]]. */
export interface Sym2 {
  xx: number;
  xy: number;
  yy: number;
}

export interface ClassMoments {
  /** Training points, all classes together. */
  n: number;
  counts: number[];
  /** counts / n: 0 for a class absent from the training set. */
  priors: number[];
  /** classes × 2 means (0 for an absent class). */
  means: Float64Array;
  /** Per class, Σ (x − μ_c)(x − μ_c)ᵀ over its points. */
  scatter: Sym2[];
  /** Variance (ddof 0) of each input over all points. */
  variance: [number, number];
  /**
   * Mean variance of the two inputs over all points (1 if every point is the same): the scale
   * against which a variance counts as "no spread".
   */
  spread: number;
}

/**
 * Eigenvalues below this share of `spread` count as zero. Small enough never to touch a real
 * class (its standard deviation would be 0.1 % of the data's), large enough that the inverse
 * stays finite and smooth on the grid.
 */
export const SINGULAR = 1e-6;

export function classMoments(data: Dataset, classes: number): ClassMoments {
  const { n, X, y } = data;
  const counts = new Array<number>(classes).fill(0);
  const means = new Float64Array(2 * classes);
  for (let i = 0; i < n; i++) {
    const c = y[i];
    counts[c]++;
    means[2 * c] += X[2 * i];
    means[2 * c + 1] += X[2 * i + 1];
  }
  for (let c = 0; c < classes; c++) {
    if (counts[c] > 0) {
      means[2 * c] /= counts[c];
      means[2 * c + 1] /= counts[c];
    }
  }
  const scatter: Sym2[] = counts.map(() => ({ xx: 0, xy: 0, yy: 0 }));
  for (let i = 0; i < n; i++) {
    const c = y[i];
    const dx = X[2 * i] - means[2 * c];
    const dy = X[2 * i + 1] - means[2 * c + 1];
    const s = scatter[c];
    s.xx += dx * dx;
    s.xy += dx * dy;
    s.yy += dy * dy;
  }
  const priors = counts.map((m) => (n > 0 ? m / n : 0));
  const variance = varianceOf(data);
  const total = variance[0] + variance[1];
  return { n, counts, priors, means, scatter, variance, spread: total > 0 ? total / 2 : 1 };
}

/** Variance (ddof 0) of each input over all points; 0 when there are none. */
function varianceOf(data: Dataset): [number, number] {
  const { n, X } = data;
  const out: [number, number] = [0, 0];
  if (n === 0) return out;
  for (let d = 0; d < 2; d++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[2 * i + d];
    const mean = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (X[2 * i + d] - mean) ** 2;
    out[d] = ss / n;
  }
  return out;
}

/** One note per class absent from the training set (its prior, hence its probability, is 0). */
export function absentClassWarnings(counts: readonly number[]): string[] {
  return counts.flatMap((m, c) => (m === 0 ? [`class ${c} has no training points: its probability is 0`] : []));
}

export function scaled(s: Sym2, f: number): Sym2 {
  return { xx: s.xx * f, xy: s.xy * f, yy: s.yy * f };
}

/** (1 − r)·Σ + r·I: scikit-learn's reg_param for QDA. */
export function shrinkToIdentity(s: Sym2, r: number): Sym2 {
  return { xx: (1 - r) * s.xx + r, xy: (1 - r) * s.xy, yy: (1 - r) * s.yy + r };
}

export function smallestEigenvalue(s: Sym2): number {
  const half = (s.xx + s.yy) / 2;
  return half - Math.hypot((s.xx - s.yy) / 2, s.xy);
}

/** Whether Σ has (numerically) no spread in some direction, against the data's spread. */
export function isSingular(s: Sym2, spread: number): boolean {
  return smallestEigenvalue(s) < SINGULAR * spread;
}

/** The pooled within-class covariance Σ_c scatter_c / (n − K), K the classes with points. */
export function pooledCovariance(m: ClassMoments): Sym2 {
  const present = m.counts.filter((c) => c > 0).length;
  const dof = Math.max(m.n - present, 1);
  const pooled: Sym2 = { xx: 0, xy: 0, yy: 0 };
  for (const s of m.scatter) {
    pooled.xx += s.xx / dof;
    pooled.xy += s.xy / dof;
    pooled.yy += s.yy / dof;
  }
  return pooled;
}

/**
 * Σ + λI with the smallest λ ≥ 0 that lifts the smallest eigenvalue to SINGULAR·spread, and
 * whether a ridge was needed (the caller warns).
 */
export function invertible(s: Sym2, spread: number): { cov: Sym2; ridged: boolean } {
  if (!isSingular(s, spread)) return { cov: s, ridged: false };
  const ridge = SINGULAR * spread - smallestEigenvalue(s);
  return { cov: { xx: s.xx + ridge, xy: s.xy, yy: s.yy + ridge }, ridged: true };
}

/** Σ⁻¹ and log det Σ of a positive-definite 2×2. */
export interface Precision {
  xx: number;
  xy: number;
  yy: number;
  logDet: number;
}

export function precision(s: Sym2): Precision {
  const det = s.xx * s.yy - s.xy * s.xy;
  return { xx: s.yy / det, xy: -s.xy / det, yy: s.xx / det, logDet: Math.log(det) };
}

/** (dx, dy) P (dx, dy)ᵀ. */
export function quadratic(p: Precision, dx: number, dy: number): number {
  return p.xx * dx * dx + 2 * p.xy * dx * dy + p.yy * dy * dy;
}

/**
 * Turns n×k rows of log scores (log π_c + log p(x | c), −∞ for an absent class) into
 * probabilities, in place into `out`. With no class present at all, every class gets 1/k.
 */
export function softmaxRow(scores: Float64Array, k: number, out: Float32Array, offset: number): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < k; c++) if (scores[c] > max) max = scores[c];
  if (max === Number.NEGATIVE_INFINITY || Number.isNaN(max)) {
    for (let c = 0; c < k; c++) out[offset + c] = 1 / k;
    return;
  }
  // exp(max − max) is exactly 1: one exp fewer per row (not for max = ∞, where it is NaN).
  const finite = max < Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = finite && scores[c] === max ? 1 : Math.exp(scores[c] - max);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) out[offset + c] = scores[c] / sum;
}

/**
 * Class probabilities of n×2 points from a log-score per class (log π_c + log p(x | c), up to a
 * constant): the prediction loop LDA, QDA and naive Bayes share.
 */
export function posteriors(
  X: Float64Array,
  k: number,
  out: Float32Array | undefined,
  score: (x: number, y: number, c: number) => number,
): Float32Array {
  const n = X.length / 2;
  const proba = out && out.length >= n * k ? out : new Float32Array(n * k);
  const scores = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const x = X[2 * i];
    const y = X[2 * i + 1];
    for (let c = 0; c < k; c++) scores[c] = score(x, y, c);
    softmaxRow(scores, k, proba, i * k);
  }
  return proba;
}
