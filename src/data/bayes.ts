/**
 * The Bayes (optimal) classifier of a simulator that knows its densities:
 * P(c | x) ∝ π_c · p(x | c). Its boundary is the dashed line; its accuracy on the test sample
 * is the best any model can be expected to do.
 */

import { accuracy, type Dataset } from '../dataset.js';
import type { ClassificationSimulator } from './source.js';

export function hasBayes(sim: ClassificationSimulator): boolean {
  return sim.logDensity !== undefined && sim.priors !== undefined;
}

/** Posterior class probabilities of n×2 points (n×classes, rows sum to 1). */
export function bayesProba(sim: ClassificationSimulator, X: Float64Array): Float32Array {
  const { logDensity, priors, classes: k } = sim;
  if (!logDensity || !priors) throw new Error('this data source has no densities');
  const n = X.length / 2;
  const out = new Float32Array(n * k);
  const logPrior = priors.map((p) => (p > 0 ? Math.log(p) : Number.NEGATIVE_INFINITY));
  const scores = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      scores[c] = logPrior[c] + logDensity(X[2 * i], X[2 * i + 1], c);
      if (scores[c] > max) max = scores[c];
    }
    let sum = 0;
    for (let c = 0; c < k; c++) {
      scores[c] = max === Number.NEGATIVE_INFINITY ? 1 : Math.exp(scores[c] - max);
      sum += scores[c];
    }
    for (let c = 0; c < k; c++) out[i * k + c] = scores[c] / sum;
  }
  return out;
}

export function bayesAccuracy(sim: ClassificationSimulator, data: Dataset): number {
  return accuracy(bayesProba(sim, data.X), data);
}
