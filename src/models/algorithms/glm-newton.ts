/**
 * Maximum likelihood for the logit model on a design matrix, by Newton–Raphson: for two classes
 * the iteratively reweighted least squares of R's glm (McCullagh & Nelder 1989, §4.4; Hastie,
 * Tibshirani & Friedman, ESL §4.4.1), for K classes the same step with the full multinomial
 * Hessian (ESL §4.4.1, exercise 4.4). Logistic regression fits it on (1, x, y), MARS on its
 * hinge basis.
 *
 * Model: class 0 is the reference (logit 0); class c ≥ 1 has the logit z_c = β_c · b_i for the
 * design row b_i (p columns, column 0 the intercept); β is (K − 1)×p, row-major. The deviance,
 * with an optional ridge λ on every coefficient but the intercepts:
 *   D(β) = 2 Σ_i −log p_{i,y_i} + λ Σ_c Σ_{a ≥ 1} β_ca².
 * A Newton step β ← β − s H⁻¹g uses the gradient and Hessian of D/2:
 *   g_(c,a) = Σ_i (p_ic − [y_i = c]) b_ia + λ β_ca [a ≥ 1]
 *   H_(c,a),(d,b) = Σ_i p_ic ([c = d] − p_id) b_ia b_ib + λ [c = d, a = b ≥ 1],
 * solved by Cholesky (with a ridge when H is singular: saturated fits, collinear columns). The
 * step length s halves from 1 while the deviance rises beyond rounding or is not finite (glm.fit
 * halves only on a non-finite deviance; halving on a rise is glm2's, Marschner 2011); when no
 * halving helps, β stays. Converged, as glm, when |D − D_old| / (|D| + 0.1) < 1e-8. Under
 * separation (λ = 0) D tends to 0 without a minimum: β grows step by step but stays finite, as
 * glm's does, until the iteration cap.
 */
import { solveSpd } from './cholesky.js';

/** glm.control's epsilon: converged when |D − D_old| / (|D| + 0.1) < 1e-8. */
export const DEVIANCE_TOLERANCE = 1e-8;
/** glm's binomial family: a fitted probability within 10·machine epsilon of 0 or 1 is "numerically 0 or 1". */
const SATURATED = 10 * Number.EPSILON;
/** Halvings of a step before giving up on it. */
const HALVINGS = 30;

/** glm's convergence rule between two successive deviances. */
export function converged(previous: number, current: number): boolean {
  return Math.abs(current - previous) / (Math.abs(current) + 0.1) < DEVIANCE_TOLERANCE;
}

export interface GlmProblem {
  /** n×p design matrix, row-major; column 0 is the intercept. */
  design: Float64Array;
  n: number;
  p: number;
  /** The class (0..classes − 1) of each of the n responses. */
  y: ArrayLike<number>;
  classes: number;
  /** Ridge λ on the deviance's scale (not on the intercepts); 0 if absent. */
  ridge?: number;
}

export interface GlmFit {
  deviance: number;
  iterations: number;
  converged: boolean;
}

export class GlmNewton {
  /** Number of coefficients, (K − 1)·p. */
  readonly size: number;
  private readonly design: Float64Array;
  private readonly n: number;
  private readonly p: number;
  private readonly y: ArrayLike<number>;
  private readonly k: number;
  private readonly ridge: number;
  private readonly H: Float64Array;
  private readonly g: Float64Array;
  private readonly trial: Float64Array;
  /** One point's logits, then its class probabilities. */
  private readonly z: Float64Array;
  private readonly prob: Float64Array;
  /** One point's Hessian weights p_c([c = d] − p_d), (K − 1)×(K − 1). */
  private readonly weight: Float64Array;

  constructor(problem: GlmProblem) {
    this.design = problem.design;
    this.n = problem.n;
    this.p = problem.p;
    this.y = problem.y;
    this.k = problem.classes;
    this.ridge = problem.ridge ?? 0;
    this.size = (this.k - 1) * this.p;
    this.H = new Float64Array(this.size * this.size);
    this.g = new Float64Array(this.size);
    this.trial = new Float64Array(this.size);
    this.z = new Float64Array(this.k);
    this.prob = new Float64Array(this.k);
    this.weight = new Float64Array((this.k - 1) * (this.k - 1));
  }

  /** The logits of point i into this.z (z_0 = 0). */
  private logits(beta: Float64Array, i: number): void {
    const { design, p, k, z } = this;
    const o = i * p;
    z[0] = 0;
    for (let c = 1; c < k; c++) {
      const at = (c - 1) * p;
      let eta = 0;
      for (let a = 0; a < p; a++) eta += design[o + a] * beta[at + a];
      z[c] = eta;
    }
  }

  /**
   * The class probabilities of point i into this.prob, p_c = 1 / Σ_d exp(z_d − z_c): for two
   * classes glm's 1 / (1 + exp(−η)), without overflow (a huge exp makes p_c 0). Classes from
   * `first` on (the gradient and Hessian need c ≥ 1 only).
   */
  private probabilities(beta: Float64Array, i: number, first: number): void {
    this.logits(beta, i);
    const { k, z, prob } = this;
    for (let c = first; c < k; c++) {
      let sum = 0;
      for (let d = 0; d < k; d++) sum += d === c ? 1 : Math.exp(z[d] - z[c]);
      prob[c] = 1 / sum;
    }
  }

  /**
   * −log p_{i,y_i} from point i's logits, as log(1 + Σ_{c ≠ m} exp(z_c − z_m)) + (z_m − z_y) with
   * z_m the largest logit: no overflow, and for two classes glm's log1p form, number for number.
   */
  private crossEntropy(beta: Float64Array, i: number): number {
    this.logits(beta, i);
    const { k, z } = this;
    let m = 0;
    for (let c = 1; c < k; c++) if (z[c] > z[m]) m = c;
    let rest = 0;
    for (let c = 0; c < k; c++) if (c !== m) rest += Math.exp(z[c] - z[m]);
    return Math.log1p(rest) + (z[m] - z[this.y[i]]);
  }

  /** The deviance D(β). */
  deviance(beta: Float64Array): number {
    let d = 0;
    for (let i = 0; i < this.n; i++) d += 2 * this.crossEntropy(beta, i);
    if (this.ridge > 0) d += this.ridge * this.penalty(beta);
    return d;
  }

  /** Σ β_ca² over the coefficients that are not intercepts. */
  private penalty(beta: Float64Array): number {
    let s = 0;
    for (let j = 0; j < this.size; j++) if (j % this.p !== 0) s += beta[j] * beta[j];
    return s;
  }

  /** The gradient of D/2 at β into out (length size). */
  gradient(beta: Float64Array, out: Float64Array): void {
    this.accumulate(beta);
    out.set(this.g);
  }

  /** this.g and this.H: the gradient and Hessian of D/2 at β. H is summed on and below its diagonal, then mirrored. */
  private accumulate(beta: Float64Array): void {
    const { design, n, p, k, prob, weight, size, ridge, g, H } = this;
    g.fill(0);
    H.fill(0);
    for (let i = 0; i < n; i++) {
      this.probabilities(beta, i, 1);
      const o = i * p;
      const label = this.y[i];
      for (let c = 1; c < k; c++) {
        for (let d = 1; d <= c; d++) weight[(c - 1) * (k - 1) + d - 1] = prob[c] * ((c === d ? 1 : 0) - prob[d]);
      }
      for (let c = 1; c < k; c++) {
        const r = prob[c] - (label === c ? 1 : 0);
        const row = (c - 1) * p;
        for (let a = 0; a < p; a++) {
          const ba = design[o + a];
          // Hinge bases are mostly 0: such a row adds nothing.
          if (ba === 0) continue;
          g[row + a] += ba * r;
          // Row (c, a) of H up to its diagonal: blocks d < c whole, block c up to column a.
          for (let d = 1; d <= c; d++) {
            const wa = weight[(c - 1) * (k - 1) + d - 1] * ba;
            const at = (row + a) * size + (d - 1) * p;
            const last = d === c ? a : p - 1;
            for (let b = 0; b <= last; b++) H[at + b] += wa * design[o + b];
          }
        }
      }
    }
    for (let j = 0; j < size; j++) for (let m = 0; m < j; m++) H[m * size + j] = H[j * size + m];
    if (ridge > 0) {
      for (let j = 0; j < size; j++) {
        if (j % p === 0) continue;
        g[j] += ridge * beta[j];
        H[j * size + j] += ridge;
      }
    }
  }

  /**
   * One Newton step from β (updated in place), whose deviance is `deviance`; returns the new
   * deviance. When no halving of the step lowers the deviance (the optimum, to rounding), β stays
   * as it is and the same deviance comes back.
   */
  step(beta: Float64Array, deviance: number): number {
    const { H, g, trial, size } = this;
    this.accumulate(beta);
    solveSpd(H, g, size);
    // A rise within rounding of the deviance is no rise.
    const bound = deviance * (1 + 1e-12) + 1e-12;
    let s = 1;
    for (let halving = 0; halving < HALVINGS; halving++, s /= 2) {
      for (let j = 0; j < size; j++) trial[j] = beta[j] - s * g[j];
      const next = this.deviance(trial);
      if (next <= bound) {
        beta.set(trial);
        return next;
      }
    }
    return deviance;
  }

  /** Newton steps from β (its value on entry; updated in place) until converged or maxIterations (glm: 25). */
  fit(beta: Float64Array, maxIterations = 25): GlmFit {
    let deviance = this.deviance(beta);
    for (let iteration = 1; iteration <= maxIterations; iteration++) {
      const next = this.step(beta, deviance);
      const done = converged(deviance, next);
      deviance = next;
      if (done) return { deviance, iterations: iteration, converged: true };
    }
    return { deviance, iterations: maxIterations, converged: false };
  }

  /** glm's warning condition: some fitted probability at β is numerically 0 or 1. */
  saturated(beta: Float64Array): boolean {
    for (let i = 0; i < this.n; i++) {
      this.probabilities(beta, i, 0);
      for (let c = 0; c < this.k; c++) {
        if (this.prob[c] < SATURATED || this.prob[c] > 1 - SATURATED) return true;
      }
    }
    return false;
  }
}
