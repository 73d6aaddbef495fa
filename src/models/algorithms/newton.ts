/**
 * Exact maximum likelihood for the multinomial logit by Newton–Raphson: for two classes this is
 * the iteratively reweighted least squares of R's glm (McCullagh & Nelder 1989, §4.4; Hastie,
 * Tibshirani & Friedman, ESL §4.4.1), for K classes the same step with the full multinomial
 * Hessian (ESL §4.4.1, exercise 4.4), of size 3(K − 1).
 *
 * Parameters: w_c = (intercept, x, y) for classes c = 1..K−1 against class 0 (logit 0), on
 * standardized inputs. Objective: the mean cross-entropy plus (l2/2)·‖w‖² without the
 * intercepts — the first-order path's, so both reach the same optimum. Its gradient and Hessian:
 *   g_(c,a) = (1/n) Σ_i (p_ic − [y_i = c]) f_ia + l2·w_(c,a)·[a ≠ intercept]
 *   H_(c,a),(d,b) = (1/n) Σ_i p_ic([c = d] − p_id) f_ia f_ib + l2·[c = d, a = b ≠ intercept]
 * with f_i = (1, x_i, y_i). The step −H⁻¹g is solved by Cholesky, with a small ridge when H is
 * singular (saturated fits), and halved while the penalised deviance 2n·objective rises or is
 * not finite (glm.fit halves only on a non-finite deviance; halving on any rise is glm2's,
 * Marschner 2011, and keeps every step a descent step). Under separation (l2 = 0) the deviance
 * tends to 0 without a minimum: the weights grow step by step but stay finite, as glm's.
 */
import { choleskySolve, factorSpd } from './irls.js';

/** glm.control's epsilon: converged when |D − D_old| / (|D| + 0.1) < 1e-8. */
export const DEVIANCE_TOLERANCE = 1e-8;
/** glm's binomial family: a fitted probability within 10·machine epsilon of 0 or 1 is "numerically 0 or 1". */
const SATURATED = 10 * Number.EPSILON;

export class MultinomialNewton {
  /** Number of parameters, 3(K − 1). */
  readonly size: number;
  private readonly H: Float64Array;
  private readonly g: Float64Array;
  private readonly trial: Float64Array;
  private readonly prob: Float64Array;

  /** X: n×2 standardized inputs; y: labels in 0..k−1. */
  constructor(
    private readonly X: Float64Array,
    private readonly y: ArrayLike<number>,
    private readonly n: number,
    private readonly k: number,
    private readonly l2: number,
  ) {
    this.size = 3 * (k - 1);
    this.H = new Float64Array(this.size * this.size);
    this.g = new Float64Array(this.size);
    this.trial = new Float64Array(this.size);
    this.prob = new Float64Array(k);
  }

  /** Class probabilities of point i into this.prob; returns −log p(label), without overflow. */
  private row(w: Float64Array, i: number): number {
    const { X, k, prob } = this;
    const x = X[2 * i];
    const y = X[2 * i + 1];
    const label = this.y[i];
    prob[0] = 0;
    let max = 0;
    for (let c = 1; c < k; c++) {
      const o = 3 * (c - 1);
      const z = w[o] + w[o + 1] * x + w[o + 2] * y;
      prob[c] = z;
      if (z > max) max = z;
    }
    const labelLogit = prob[label];
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(prob[c] - max);
      prob[c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) prob[c] /= sum;
    return Math.log(sum) - (labelLogit - max);
  }

  private penalty(w: Float64Array): number {
    let s = 0;
    for (let j = 0; j < w.length; j++) if (j % 3 !== 0) s += w[j] * w[j];
    return (this.l2 / 2) * s;
  }

  /** The objective: mean cross-entropy + (l2/2)·‖w‖² (intercepts unpenalised). */
  objective(w: Float64Array): number {
    if (this.n === 0) return this.penalty(w);
    let loss = 0;
    for (let i = 0; i < this.n; i++) loss += this.row(w, i);
    return loss / this.n + this.penalty(w);
  }

  /** Penalised deviance, 2n·objective: the scale of glm's convergence rule. */
  deviance(w: Float64Array): number {
    return 2 * Math.max(this.n, 1) * this.objective(w);
  }

  /** Gradient of the objective at w into out (length size). */
  gradient(w: Float64Array, out: Float64Array): void {
    this.accumulate(w, out, null);
  }

  /** g (and H unless null) of the objective at w. */
  private accumulate(w: Float64Array, g: Float64Array, H: Float64Array | null): void {
    const { X, k, n, prob, size: p, l2 } = this;
    g.fill(0);
    H?.fill(0);
    for (let i = 0; i < n; i++) {
      this.row(w, i);
      const f1 = X[2 * i];
      const f2 = X[2 * i + 1];
      const label = this.y[i];
      for (let c = 1; c < k; c++) {
        const o = 3 * (c - 1);
        const r = prob[c] - (label === c ? 1 : 0);
        g[o] += r;
        g[o + 1] += r * f1;
        g[o + 2] += r * f2;
        if (!H) continue;
        // Blocks on and above the diagonal (d ≥ c); each block is (1, x, y)ᵀ(1, x, y) times a weight.
        for (let d = c; d < k; d++) {
          const weight = prob[c] * ((c === d ? 1 : 0) - prob[d]);
          const wx = weight * f1;
          const wy = weight * f2;
          const q = 3 * (d - 1);
          H[o * p + q] += weight;
          H[o * p + q + 1] += wx;
          H[o * p + q + 2] += wy;
          H[(o + 1) * p + q] += wx;
          H[(o + 1) * p + q + 1] += wx * f1;
          H[(o + 1) * p + q + 2] += wx * f2;
          H[(o + 2) * p + q] += wy;
          H[(o + 2) * p + q + 1] += wy * f1;
          H[(o + 2) * p + q + 2] += wy * f2;
        }
      }
    }
    const scale = n > 0 ? 1 / n : 0;
    for (let j = 0; j < p; j++) {
      g[j] = g[j] * scale + (j % 3 !== 0 ? l2 * w[j] : 0);
      if (!H) continue;
      for (let m = j; m < p; m++) {
        H[j * p + m] *= scale;
        H[m * p + j] = H[j * p + m];
      }
      if (j % 3 !== 0) H[j * p + j] += l2;
    }
  }

  /**
   * One Newton step from w (updated in place), whose penalised deviance is `deviance`; returns
   * the new penalised deviance, never larger. When no halving of the step lowers the deviance
   * (the optimum, to rounding), w stays as it is and the same deviance comes back.
   */
  step(w: Float64Array, deviance: number): number {
    const { H, g, trial, size: p } = this;
    this.accumulate(w, g, H);
    choleskySolve(factorSpd(H, p), g, p);
    let scale = 1;
    for (let halving = 0; halving < 40; halving++, scale /= 2) {
      let finite = true;
      for (let j = 0; j < p; j++) {
        trial[j] = w[j] - scale * g[j];
        if (!Number.isFinite(trial[j])) finite = false;
      }
      if (!finite) continue;
      const next = this.deviance(trial);
      if (next <= deviance) {
        w.set(trial);
        return next;
      }
    }
    return deviance;
  }

  /** glm's warning condition: some fitted probability at w is numerically 0 or 1. */
  saturated(w: Float64Array): boolean {
    for (let i = 0; i < this.n; i++) {
      this.row(w, i);
      for (let c = 0; c < this.k; c++) {
        if (this.prob[c] < SATURATED || this.prob[c] > 1 - SATURATED) return true;
      }
    }
    return false;
  }
}

/** glm's convergence rule between two successive penalised deviances. */
export function converged(previous: number, current: number): boolean {
  return Math.abs(current - previous) / (Math.abs(current) + 0.1) < DEVIANCE_TOLERANCE;
}
