/** Pairwise coupling (Wu, Lin & Weng's method 2, as LIBSVM). */
import { describe, expect, it } from 'vitest';
import { PairwiseCoupling } from '../../../src/models/algorithms/coupling.js';

describe('pairwise coupling', () => {
  it('recovers p from consistent pairwise probabilities', () => {
    const truth = [0.5, 0.3, 0.15, 0.05];
    const k = truth.length;
    const r = new Float64Array(k * k);
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) if (i !== j) r[i * k + j] = truth[i] / (truth[i] + truth[j]);
    const p = new Float64Array(k);
    new PairwiseCoupling(k).solve(r, p);
    // LIBSVM stops at max |Qp − pᵀQp| < 0.005/k, so p is right to about 1e-3.
    for (let i = 0; i < k; i++) expect(Math.abs(p[i] - truth[i])).toBeLessThan(2e-3);
  });
});
