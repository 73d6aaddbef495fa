/**
 * Linear discriminant analysis (Fisher 1936; Hastie, Tibshirani & Friedman, ESL §4.3; as R's
 * MASS::lda and scikit-learn's LinearDiscriminantAnalysis): every class is Gaussian with its own
 * mean and one shared covariance, the pooled within-class covariance with divisor n − K; the
 * priors are the class shares. The discriminant δ_c(x) = xᵀΣ⁻¹μ_c − ½μ_cᵀΣ⁻¹μ_c + log π_c is
 * linear in x, so every boundary is a straight line; probabilities are the softmax of δ.
 * `regularization` r shrinks the pooled covariance toward the identity, (1 − r)·Σ + r·I, the
 * same rule as QDA's.
 */
import { z } from 'zod';
import type { Dataset } from '../dataset.js';
import { options } from '../options.js';
import {
  absentClassWarnings,
  classMoments,
  invertible,
  pooledCovariance,
  posteriors,
  precision,
  type Sym2,
  shrinkToIdentity,
} from './algorithms/gaussian-fit.js';
import { type Classifier, defineModel } from './model.js';

const schema = options({
  regularization: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe('shrinks the pooled covariance toward the identity: (1 − r)·Σ + r·I'),
});

class LinearDiscriminant implements Classifier {
  /** Per class: w_x, w_y, b of δ_c(x) = w·x + b (b = −∞ for a class with no points). */
  private coef: Float64Array;
  private notes: string[] = [];
  /** The pooled covariance used, after shrinking (and a ridge, if one was needed). */
  covariance: Sym2 = { xx: 1, xy: 0, yy: 1 };

  constructor(
    readonly classes: number,
    private readonly opts: z.output<typeof schema>,
  ) {
    this.coef = new Float64Array(3 * classes);
  }

  *train(data: Dataset) {
    const k = this.classes;
    const m = classMoments(data, k);
    const shrunk = shrinkToIdentity(pooledCovariance(m), this.opts.regularization);
    const { cov, ridged } = invertible(shrunk, m.spread);
    this.covariance = cov;
    this.notes = absentClassWarnings(m.counts);
    if (ridged) {
      this.notes.push(
        'the pooled covariance is singular (too few points, or no spread): added a small ridge to invert it',
      );
    }
    const p = precision(cov);
    const coef = new Float64Array(3 * k);
    for (let c = 0; c < k; c++) {
      if (m.counts[c] === 0) {
        coef[3 * c + 2] = Number.NEGATIVE_INFINITY;
        continue;
      }
      const mx = m.means[2 * c];
      const my = m.means[2 * c + 1];
      const wx = p.xx * mx + p.xy * my;
      const wy = p.xy * mx + p.yy * my;
      coef[3 * c] = wx;
      coef[3 * c + 1] = wy;
      coef[3 * c + 2] = -0.5 * (wx * mx + wy * my) + Math.log(m.priors[c]);
    }
    this.coef = coef;
    yield { stage: 1, total: 1, label: 'fit' };
  }

  predictProba(X: Float64Array, out?: Float32Array): Float32Array {
    const coef = this.coef;
    return posteriors(X, this.classes, out, (x, y, c) => coef[3 * c] * x + coef[3 * c + 1] * y + coef[3 * c + 2]);
  }

  warnings(): string[] {
    return this.notes;
  }
}

export const lda = defineModel({
  type: 'lda',
  title: 'Linear discriminant analysis',
  stage: null,
  schema,
  classifier: (opts, classes) => new LinearDiscriminant(classes, opts),
});
