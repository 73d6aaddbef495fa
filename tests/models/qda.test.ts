import { describe, expect, it } from 'vitest';
import { gaussians } from '../../src/data/gaussians.js';
import type { Dataset } from '../../src/dataset.js';
import type { Classifier } from '../../src/models/model.js';
import { type ClassGaussian, qda } from '../../src/models/qda.js';
import { createRng } from '../../src/random.js';
import { trainToEnd } from '../helpers.js';
import { compareWithSklearn, referenceSets } from './reference-fixtures.js';

type Qda = Classifier & { gaussians(): readonly (ClassGaussian | null)[] };

const trained = (data: Dataset, options: Record<string, unknown> = {}, classes = data.classes) => {
  const model = qda.classifier(qda.schema.parse(options), classes) as Qda;
  trainToEnd(model, data);
  return model;
};

describe('qda', () => {
  it("recovers the simulator's means and covariances from a large sample", () => {
    const covs = [
      [
        [1.5, 0.6],
        [0.6, 0.8],
      ],
      [
        [0.5, -0.3],
        [-0.3, 2],
      ],
      [
        [1, 0],
        [0, 0.3],
      ],
    ] as const;
    const means = [
      [0, 2],
      [2, 0],
      [-1, -1],
    ] as const;
    const simulator = gaussians.create(gaussians.schema.parse({ means, covs, priors: [0.5, 0.3, 0.2] }), {
      baseDir: '.',
      rng: createRng(0),
    });
    const model = trained(simulator.sample(60000, createRng(8)));
    const fitted = model.gaussians();
    // Standard errors at these sizes are below 0.015 for every entry.
    [0.5, 0.3, 0.2].forEach((prior, c) => {
      const g = fitted[c];
      if (!g) throw new Error(`class ${c} missing`);
      expect(g.prior).toBeCloseTo(prior, 1);
      expect(Math.abs(g.mean[0] - means[c][0])).toBeLessThan(0.05);
      expect(Math.abs(g.mean[1] - means[c][1])).toBeLessThan(0.05);
      expect(Math.abs(g.cov.xx - covs[c][0][0])).toBeLessThan(0.05);
      expect(Math.abs(g.cov.xy - covs[c][0][1])).toBeLessThan(0.05);
      expect(Math.abs(g.cov.yy - covs[c][1][1])).toBeLessThan(0.05);
    });
    // And so its posterior is the Bayes posterior of the simulator.
    const points = simulator.sample(300, createRng(9));
    const p = model.predictProba(points.X);
    const density = simulator.logDensity as (x: number, y: number, c: number) => number;
    for (let i = 0; i < points.n; i++) {
      const x = points.X[2 * i];
      const y = points.X[2 * i + 1];
      const joint = [0.5, 0.3, 0.2].map((prior, c) => prior * Math.exp(density(x, y, c)));
      const total = joint[0] + joint[1] + joint[2];
      for (let c = 0; c < 3; c++) expect(Math.abs(p[3 * i + c] - joint[c] / total)).toBeLessThan(0.03);
    }
  });

  it('uses the sample covariance (divisor n − 1), shrunk as (1 − r)·Σ + r·I', () => {
    const X = Float64Array.from([0, 0, 2, 1, 1, 3, 5, 5, 6, 4, 7, 7, 5, 6]);
    const data: Dataset = { X, y: Uint8Array.from([0, 0, 0, 1, 1, 1, 1]), n: 7, classes: 2 };
    // Class 0: mean (1, 4/3); deviations (−1, −4/3), (1, −1/3), (0, 5/3).
    const s0 = { xx: 2 / 2, xy: (4 / 3 - 1 / 3) / 2, yy: (16 / 9 + 1 / 9 + 25 / 9) / 2 };
    for (const r of [0, 0.25]) {
      const g = trained(data, { regularization: r }).gaussians()[0];
      expect(g?.mean[0]).toBeCloseTo(1, 12);
      expect(g?.mean[1]).toBeCloseTo(4 / 3, 12);
      expect(g?.cov.xx).toBeCloseTo((1 - r) * s0.xx + r, 12);
      expect(g?.cov.xy).toBeCloseTo((1 - r) * s0.xy, 12);
      expect(g?.cov.yy).toBeCloseTo((1 - r) * s0.yy + r, 12);
      expect(g?.prior).toBeCloseTo(3 / 7, 12);
    }
  });

  it.each(referenceSets)('is within 0.03 of scikit-learn on %s, with the same probabilities', (set) => {
    compareWithSklearn(qda, set, 'qda', 1e-5);
    compareWithSklearn(qda, set, 'qda-reg', 1e-5);
  });

  it('gives a class with one point, duplicates or no spread the pooled covariance, and warns', () => {
    // Class 1: one point; class 2: two copies of one point; class 3: three points on a line.
    const X = Float64Array.from([0, 0, 1, 0, 0, 1, 1, 1, 5, 5, 9, 0, 9, 0, 2, 8, 3, 8, 4, 8]);
    const y = Uint8Array.from([0, 0, 0, 0, 1, 2, 2, 3, 3, 3]);
    const model = trained({ X, y, n: 10, classes: 4 });
    expect(model.warnings?.()).toEqual(
      [1, 2, 3].map(
        (c) => `class ${c}: too few points (or no spread) for a covariance of its own: used the pooled covariance`,
      ),
    );
    // Pooled: class 0's scatter diag(1, 1) plus class 3's diag(2, 0), over n − K = 6.
    for (const c of [1, 2, 3]) expect(model.gaussians()[c]?.cov).toEqual({ xx: 0.5, xy: 0, yy: 1 / 6 });
    expect(model.gaussians()[0]?.cov).toEqual({ xx: 1 / 3, xy: 0, yy: 1 / 3 });
    const p = model.predictProba(Float64Array.from([0.5, 0.5, 5, 5.3, 9.2, 0, 3, 8.3]));
    expect(Array.from(p).every(Number.isFinite)).toBe(true);
    // Each degenerate class still owns its own points, and the space around them.
    expect([p[0], p[5], p[10], p[15]].every((v) => v > 0.99)).toBe(true);
    for (let i = 0; i < 4; i++) expect(p[4 * i] + p[4 * i + 1] + p[4 * i + 2] + p[4 * i + 3]).toBeCloseTo(1, 6);
  });

  it('gives a class with no training points probability 0', () => {
    const data: Dataset = {
      X: Float64Array.from([0, 0, 1, 0, 0, 1, 4, 4, 5, 4, 4, 5]),
      y: Uint8Array.from([0, 0, 0, 2, 2, 2]),
      n: 6,
      classes: 3,
    };
    const model = trained(data);
    expect(model.warnings?.()).toEqual(['class 1 has no training points: its probability is 0']);
    const p = model.predictProba(Float64Array.from([2, 2]));
    expect(p[1]).toBe(0);
    expect(p[0] + p[2]).toBeCloseTo(1, 6);
  });
});
