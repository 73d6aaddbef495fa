import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset.js';
import { naiveBayes } from '../../src/models/naive-bayes.js';
import { trainToEnd } from '../helpers.js';
import { compareWithSklearn, referenceSets } from './reference-fixtures.js';

const trained = (data: Dataset, options: Record<string, unknown> = {}) => {
  const model = naiveBayes.classifier(naiveBayes.schema.parse(options), data.classes);
  trainToEnd(model, data);
  return model;
};

/** log N(x; μ, σ²) of one input. */
const logNormal = (x: number, mean: number, variance: number) =>
  -0.5 * Math.log(2 * Math.PI * variance) - (x - mean) ** 2 / (2 * variance);

describe('naive-bayes', () => {
  it('matches a hand computation', () => {
    // Class 0: (0,0), (2,2): mean (1, 1), variances (1, 1), prior 2/5.
    // Class 1: (4,0), (6,0), (5,3): mean (5, 1), variances (2/3, 2), prior 3/5.
    // All points: x variance 4.64, y variance 1.6, so ε = 0.01 × 4.64 = 0.0464.
    const data: Dataset = {
      X: Float64Array.from([0, 0, 2, 2, 4, 0, 6, 0, 5, 3]),
      y: Uint8Array.from([0, 0, 1, 1, 1]),
      n: 5,
      classes: 2,
    };
    const model = trained(data, { varSmoothing: 0.01 });
    const eps = 0.0464;
    const at = [3, 1.5];
    const score0 = Math.log(2 / 5) + logNormal(at[0], 1, 1 + eps) + logNormal(at[1], 1, 1 + eps);
    const score1 = Math.log(3 / 5) + logNormal(at[0], 5, 2 / 3 + eps) + logNormal(at[1], 1, 2 + eps);
    const p1 = 1 / (1 + Math.exp(score0 - score1));
    const p = model.predictProba(Float64Array.from(at));
    expect(p[1]).toBeCloseTo(p1, 6);
    expect(p[0]).toBeCloseTo(1 - p1, 6);
    expect(p1).toBeGreaterThan(0.05); // a point where both classes matter
    expect(p1).toBeLessThan(0.95);
  });

  it.each(referenceSets)('is within 0.03 of scikit-learn on %s, with the same probabilities', (set) => {
    compareWithSklearn(naiveBayes, set, 'nb', 1e-5);
    compareWithSklearn(naiveBayes, set, 'nb-smooth', 1e-5);
  });

  it('gives a class with one point or no spread the pooled variance of that input, and warns', () => {
    const data: Dataset = {
      X: Float64Array.from([0, 0, 1, 0, 0, 1, 5, 5, 8, 2, 8, 2, 3, 7, 3, 8]),
      y: Uint8Array.from([0, 0, 0, 1, 2, 2, 3, 3]),
      n: 8,
      classes: 4,
    };
    const model = trained(data, { varSmoothing: 0 });
    expect(model.warnings?.()).toEqual(
      [1, 2, 3].map((c) => `class ${c}: no spread in an input (too few points): used the pooled variance`),
    );
    const p = model.predictProba(Float64Array.from([0.3, 0.3, 5, 5, 8, 2, 3, 7.5]));
    expect(Array.from(p).every(Number.isFinite)).toBe(true);
    expect([p[0], p[5], p[10], p[15]].every((v) => v > 0.99)).toBe(true);
    // By hand: class 0 = (0,0), (2,0), (0,2), (2,2) has variances (1, 1); the lone class 1 point
    // (4,1) takes the pooled variances, scatter (4, 4) over n − K = 3.
    const small: Dataset = {
      X: Float64Array.from([0, 0, 2, 0, 0, 2, 2, 2, 4, 1]),
      y: Uint8Array.from([0, 0, 0, 0, 1]),
      n: 5,
      classes: 2,
    };
    const score0 = Math.log(4 / 5) + logNormal(2.5, 1, 1) + logNormal(1, 1, 1);
    const score1 = Math.log(1 / 5) + logNormal(2.5, 4, 4 / 3) + logNormal(1, 1, 4 / 3);
    expect(trained(small, { varSmoothing: 0 }).predictProba(Float64Array.from([2.5, 1]))[1]).toBeCloseTo(
      1 / (1 + Math.exp(score0 - score1)),
      6,
    );
  });

  it('gives a class with no training points probability 0, and 1/k when all points coincide', () => {
    const data: Dataset = {
      X: Float64Array.from([0, 0, 1, 1, 4, 4, 5, 3]),
      y: Uint8Array.from([1, 1, 2, 2]),
      n: 4,
      classes: 3,
    };
    const model = trained(data);
    expect(model.warnings?.()).toEqual(['class 0 has no training points: its probability is 0']);
    expect(model.predictProba(Float64Array.from([2, 2]))[0]).toBe(0);
    const same = trained({ X: Float64Array.from([1, 1, 1, 1]), y: Uint8Array.from([0, 1]), n: 2, classes: 2 });
    const p = same.predictProba(Float64Array.from([1, 1, 3, -2]));
    expect(Array.from(p)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });
});
