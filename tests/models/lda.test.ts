import { describe, expect, it } from 'vitest';
import { gaussians } from '../../src/data/gaussians.js';
import type { Dataset } from '../../src/dataset.js';
import { lda } from '../../src/models/lda.js';
import { createRng } from '../../src/random.js';
import { trainToEnd } from '../helpers.js';
import { compareWithSklearn, referenceSets } from './reference-fixtures.js';

const rng = () => createRng(1);
const equalCovariances = gaussians.create(
  gaussians.schema.parse({
    means: [
      [0, 2],
      [2, 0],
    ],
    covs: [
      [
        [1, 0.3],
        [0.3, 1],
      ],
      [
        [1, 0.3],
        [0.3, 1],
      ],
    ],
  }),
  { baseDir: '.', rng: createRng(0) },
);

/**
 * The closed form for two classes (ESL eq. 4.9): log p1/p0 = wᵀx + b with w = Σ⁻¹(μ1 − μ0),
 * b = −½(μ1 + μ0)ᵀw + log(n1/n0), Σ the pooled covariance with divisor n − 2, shrunk by r.
 */
function analyticLine(data: Dataset, r: number) {
  const sum = [
    [0, 0],
    [0, 0],
  ];
  const count = [0, 0];
  for (let i = 0; i < data.n; i++) {
    count[data.y[i]]++;
    sum[data.y[i]][0] += data.X[2 * i];
    sum[data.y[i]][1] += data.X[2 * i + 1];
  }
  const mu = sum.map((s, c) => [s[0] / count[c], s[1] / count[c]]);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < data.n; i++) {
    const dx = data.X[2 * i] - mu[data.y[i]][0];
    const dy = data.X[2 * i + 1] - mu[data.y[i]][1];
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const a = ((1 - r) * sxx) / (data.n - 2) + r;
  const b = ((1 - r) * sxy) / (data.n - 2);
  const d = ((1 - r) * syy) / (data.n - 2) + r;
  const det = a * d - b * b;
  const dmx = mu[1][0] - mu[0][0];
  const dmy = mu[1][1] - mu[0][1];
  const wx = (d * dmx - b * dmy) / det;
  const wy = (-b * dmx + a * dmy) / det;
  const w0 = -0.5 * ((mu[1][0] + mu[0][0]) * wx + (mu[1][1] + mu[0][1]) * wy) + Math.log(count[1] / count[0]);
  return { wx, wy, w0 };
}

describe('lda', () => {
  it.each([0, 0.4])('has the analytic boundary and log-odds for equal covariances (regularization %s)', (r) => {
    const data = equalCovariances.sample(600, createRng(3));
    const model = lda.classifier(lda.schema.parse({ regularization: r }), 2);
    expect(trainToEnd(model, data, rng())).toEqual([{ stage: 1, total: 1, label: 'fit' }]);
    const { wx, wy, w0 } = analyticLine(data, r);
    // Points on the line wx·x + wy·y + w0 = 0 have probability ½ exactly.
    const line = new Float64Array(2 * 11);
    for (let j = 0; j <= 10; j++) {
      const x = -3 + 0.8 * j;
      line[2 * j] = x;
      line[2 * j + 1] = -(w0 + wx * x) / wy;
    }
    const onLine = model.predictProba(line);
    for (let j = 0; j <= 10; j++) expect(onLine[2 * j + 1]).toBeCloseTo(0.5, 6);
    // Anywhere else the log-odds are the linear function itself.
    const points = equalCovariances.sample(200, createRng(4));
    const p = model.predictProba(points.X);
    let checked = 0;
    for (let i = 0; i < points.n; i++) {
      const logit = wx * points.X[2 * i] + wy * points.X[2 * i + 1] + w0;
      if (Math.abs(logit) > 6) continue; // Float32 probabilities lose the log-odds far out
      expect(Math.log(p[2 * i + 1] / p[2 * i])).toBeCloseTo(logit, 3);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it.each(referenceSets)('is within 0.03 of scikit-learn on %s, with the same probabilities', (set) => {
    compareWithSklearn(lda, set, 'lda', 1e-5);
  });

  it('regularizes and warns when the pooled covariance is singular, instead of crashing', () => {
    // One point per class, then two duplicates per class: no within-class spread at all.
    for (const X of [
      [0, 0, 1, 1],
      [0, 0, 0, 0, 1, 1, 1, 1],
    ]) {
      const n = X.length / 2;
      const data: Dataset = {
        X: Float64Array.from(X),
        y: Uint8Array.from({ length: n }, (_, i) => X[2 * i]),
        n,
        classes: 2,
      };
      const model = lda.classifier(lda.schema.parse({}), 2);
      trainToEnd(model, data, rng());
      expect(model.warnings?.()).toEqual([
        'the pooled covariance is singular (too few points, or no spread): added a small ridge to invert it',
      ]);
      const p = model.predictProba(Float64Array.from([0, 0, 1, 1, 0.4, 0.4, 0.6, 0.6]));
      expect(Array.from(p).every(Number.isFinite)).toBe(true);
      expect(p[0]).toBeGreaterThan(0.5);
      expect(p[3]).toBeGreaterThan(0.5);
      expect(p[4] + p[5]).toBeCloseTo(1, 6);
    }
  });

  it('gives a class with no training points probability 0, and every class 1/k with no points at all', () => {
    const data = equalCovariances.sample(100, createRng(5));
    const model = lda.classifier(lda.schema.parse({}), 3);
    trainToEnd(model, { ...data, classes: 3 }, rng());
    expect(model.warnings?.()).toEqual(['class 2 has no training points: its probability is 0']);
    const p = model.predictProba(Float64Array.from([0, 2, 2, 0]));
    expect([p[2], p[5]]).toEqual([0, 0]);
    expect(p[0] + p[1]).toBeCloseTo(1, 6);
    const empty = lda.classifier(lda.schema.parse({}), 2);
    trainToEnd(empty, { X: new Float64Array(0), y: new Uint8Array(0), n: 0, classes: 2 }, rng());
    expect(Array.from(empty.predictProba(Float64Array.from([0, 0])))).toEqual([0.5, 0.5]);
  });
});
