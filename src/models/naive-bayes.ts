/**
 * Gaussian naive Bayes (ESL §6.6.3; as scikit-learn's GaussianNB): within a class the two inputs
 * are independent Gaussians, each with the class's mean and variance (divisor n_c); the priors
 * are the class shares. Every variance gets ε = varSmoothing × the largest input variance added
 * (scikit-learn's var_smoothing). A class with no spread in an input even so (one point, with
 * ε ≈ 0) takes the pooled within-class variance of that input instead. Boundaries are conics
 * with axis-aligned class contours; probabilities are the softmax of
 * log π_c − ½ Σ_d [log(2π σ²_cd) + (x_d − μ_cd)² / σ²_cd].
 */
import { z } from 'zod';
import type { Dataset } from '../dataset.js';
import { options } from '../options.js';
import {
  absentClassWarnings,
  classMoments,
  pooledCovariance,
  posteriors,
  SINGULAR,
} from './algorithms/gaussian-fit.js';
import { type Classifier, defineModel } from './model.js';

const schema = options({
  varSmoothing: z
    .number()
    .min(0)
    .max(1e6)
    .default(1e-9)
    .describe('share of the largest input variance added to every class variance'),
});

class NaiveBayes implements Classifier {
  /** classes × 2 means and variances; log π − ½ Σ_d log(2π σ²) per class (−∞ if absent). */
  private means: Float64Array;
  private variances: Float64Array;
  private offsets: Float64Array;
  private notes: string[] = [];

  constructor(
    readonly classes: number,
    private readonly opts: z.output<typeof schema>,
  ) {
    this.means = new Float64Array(2 * classes);
    this.variances = new Float64Array(2 * classes).fill(1);
    this.offsets = new Float64Array(classes);
  }

  *train(data: Dataset) {
    const k = this.classes;
    const m = classMoments(data, k);
    const epsilon = this.opts.varSmoothing * Math.max(m.variance[0], m.variance[1]);
    // Below this a variance is no spread at all (e.g. a one-point class with ε ≈ 0).
    const floor = SINGULAR * m.spread;
    // The fallback for such a class: the pooled within-class variance of that input.
    const pooled = pooledCovariance(m);
    const fallback = [Math.max(pooled.xx + epsilon, floor), Math.max(pooled.yy + epsilon, floor)];
    this.notes = absentClassWarnings(m.counts);
    this.means = m.means;
    this.variances = new Float64Array(2 * k).fill(1);
    this.offsets = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      const count = m.counts[c];
      if (count === 0) {
        this.offsets[c] = Number.NEGATIVE_INFINITY;
        continue;
      }
      const own = [m.scatter[c].xx / count + epsilon, m.scatter[c].yy / count + epsilon];
      if (own[0] < floor || own[1] < floor) {
        this.notes.push(`class ${c}: no spread in an input (too few points): used the pooled variance`);
      }
      let offset = Math.log(m.priors[c]);
      for (let d = 0; d < 2; d++) {
        const v = own[d] < floor ? fallback[d] : own[d];
        this.variances[2 * c + d] = v;
        offset -= 0.5 * Math.log(2 * Math.PI * v);
      }
      this.offsets[c] = offset;
    }
    yield { stage: 1, total: 1, label: 'fit' };
  }

  predictProba(X: Float64Array, out?: Float32Array): Float32Array {
    const { means, variances, offsets } = this;
    return posteriors(X, this.classes, out, (x, y, c) => {
      const dx = x - means[2 * c];
      const dy = y - means[2 * c + 1];
      return offsets[c] - 0.5 * ((dx * dx) / variances[2 * c] + (dy * dy) / variances[2 * c + 1]);
    });
  }

  warnings(): string[] {
    return this.notes;
  }
}

export const naiveBayes = defineModel({
  type: 'naive-bayes',
  title: 'Naive Bayes',
  stage: null,
  schema,
  classifier: (opts, classes) => new NaiveBayes(classes, opts),
});
