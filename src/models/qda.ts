/**
 * Quadratic discriminant analysis (ESL §4.3; as R's MASS::qda and scikit-learn's
 * QuadraticDiscriminantAnalysis): every class is Gaussian with its own mean and its own
 * covariance (divisor n_c − 1); the priors are the class shares. The discriminant
 * δ_c(x) = log π_c − ½ log|Σ_c| − ½ (x − μ_c)ᵀΣ_c⁻¹(x − μ_c) is quadratic in x, so boundaries
 * are conics; probabilities are the softmax of δ. `regularization` r shrinks each covariance
 * toward the identity, (1 − r)·Σ_c + r·I, as scikit-learn's reg_param. A class too small (or too
 * flat) for a covariance of its own, such as two points, takes the pooled one instead.
 */
import { z } from 'zod';
import type { Dataset } from '../dataset.js';
import { options } from '../options.js';
import {
  absentClassWarnings,
  classMoments,
  invertible,
  isSingular,
  type Precision,
  pooledCovariance,
  posteriors,
  precision,
  quadratic,
  type Sym2,
  scaled,
  shrinkToIdentity,
} from './algorithms/gaussian-fit.js';
import { type Classifier, defineModel } from './model.js';

const schema = options({
  regularization: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe('shrinks each class covariance toward the identity: (1 − r)·Σ + r·I'),
});

/** One class's fitted Gaussian; null for a class with no training points. */
export interface ClassGaussian {
  prior: number;
  mean: [number, number];
  cov: Sym2;
}

class QuadraticDiscriminant implements Classifier {
  private fits: (ClassGaussian | null)[] = [];
  private precisions: (Precision | null)[] = [];
  private notes: string[] = [];

  constructor(
    readonly classes: number,
    private readonly opts: z.output<typeof schema>,
  ) {}

  *train(data: Dataset) {
    const m = classMoments(data, this.classes);
    const r = this.opts.regularization;
    this.notes = absentClassWarnings(m.counts);
    // The fallback for a class that cannot have a covariance of its own: LDA's, made invertible.
    const fallback = invertible(shrinkToIdentity(pooledCovariance(m), r), m.spread);
    this.fits = m.counts.map((count, c) => {
      if (count === 0) return null;
      // One point has no spread at all: a zero matrix, which is singular.
      const sample = count > 1 ? scaled(m.scatter[c], 1 / (count - 1)) : { xx: 0, xy: 0, yy: 0 };
      let cov = shrinkToIdentity(sample, r);
      // Two points span a line: their own covariance would make the class a needle.
      if (isSingular(cov, m.spread)) {
        this.notes.push(
          `class ${c}: too few points (or no spread) for a covariance of its own: used the pooled covariance${fallback.ridged ? ' plus a small ridge' : ''}`,
        );
        cov = fallback.cov;
      }
      return { prior: m.priors[c], mean: [m.means[2 * c], m.means[2 * c + 1]], cov };
    });
    this.precisions = this.fits.map((f) => (f ? precision(f.cov) : null));
    yield { stage: 1, total: 1, label: 'fit' };
  }

  /** The fitted class Gaussians (after regularization), for inspection and tests. */
  gaussians(): readonly (ClassGaussian | null)[] {
    return this.fits;
  }

  predictProba(X: Float64Array, out?: Float32Array): Float32Array {
    // Per class: log π − ½ log|Σ|, computed once.
    const offsets = this.fits.map((f, c) =>
      f ? Math.log(f.prior) - 0.5 * (this.precisions[c] as Precision).logDet : Number.NEGATIVE_INFINITY,
    );
    return posteriors(X, this.classes, out, (x, y, c) => {
      const f = this.fits[c];
      const p = this.precisions[c];
      return f && p ? offsets[c] - 0.5 * quadratic(p, x - f.mean[0], y - f.mean[1]) : Number.NEGATIVE_INFINITY;
    });
  }

  warnings(): string[] {
    return this.notes;
  }
}

export const qda = defineModel({
  type: 'qda',
  title: 'Quadratic discriminant analysis',
  stage: null,
  schema,
  classifier: (opts, classes) => new QuadraticDiscriminant(classes, opts),
});
