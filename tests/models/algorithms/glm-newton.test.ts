/**
 * The glm Newton solver: at convergence the penalised gradient is 0 (checked against a gradient
 * written out here), steps are halved where a full one would overshoot, and on a fixed MARS hinge
 * basis it gives scikit-learn's unpenalised LogisticRegression coefficients
 * (tests/fixtures/models-1-svm-mars/make.py).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { converged, GlmNewton } from '../../../src/models/algorithms/glm-newton.js';
import { termValue } from '../../../src/models/algorithms/mars-passes.js';
import { fitScaler, transform } from '../../../src/models/algorithms/standardize.js';
import { logistic } from '../../../src/models/logistic.js';
import { expected, loadCsv as loadMars } from '../../fixtures/models-1-svm-mars/load.js';
import { readFixtureCsv, trainToEnd } from '../../helpers.js';

const dir = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const load = (set: string, part: string, classes: number) =>
  readFixtureCsv(`${dir}models-1/${set}-${part}.csv`, classes);

/** Logistic regression's design: (1, x, y) per point. */
function design(X: Float64Array): Float64Array {
  const n = X.length / 2;
  const B = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) B.set([1, X[2 * i], X[2 * i + 1]], 3 * i);
  return B;
}

/** Logistic regression's objective (mean cross-entropy + (l2/2)·‖w‖²): its gradient at w, written out here. */
function penalisedGradient(X: Float64Array, y: ArrayLike<number>, k: number, l2: number, w: Float64Array) {
  const n = y.length;
  const g = new Float64Array(w.length);
  for (let i = 0; i < n; i++) {
    const f = [1, X[2 * i], X[2 * i + 1]];
    const z = [0];
    for (let c = 1; c < k; c++) z.push(w[3 * c - 3] + w[3 * c - 2] * f[1] + w[3 * c - 1] * f[2]);
    const max = Math.max(...z);
    const e = z.map((v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    for (let c = 1; c < k; c++) {
      const r = e[c] / sum - (y[i] === c ? 1 : 0);
      for (let a = 0; a < 3; a++) g[3 * (c - 1) + a] += (r * f[a]) / n;
    }
  }
  for (let j = 0; j < w.length; j++) if (j % 3 !== 0) g[j] += l2 * w[j];
  return g;
}

describe('glm Newton solver', () => {
  it.each([
    ['gaussians', 2, 0],
    ['gaussians', 2, 0.1],
    ['three', 3, 0],
    ['three', 3, 0.01],
  ] as const)('stops where the penalised gradient is 0 (< 1e-8): %s (%s classes), l2 = %s', (set, k, l2) => {
    const data = load(set, 'train', k);
    const X = transform(fitScaler(data), data.X);
    const solver = new GlmNewton({ design: design(X), n: data.n, p: 3, y: data.y, classes: k, ridge: l2 * data.n });
    const w = new Float64Array(solver.size);
    let deviance = solver.deviance(w);
    let steps = 0;
    for (let done = false; !done && steps < 25; steps++) {
      const next = solver.step(w, deviance);
      expect(next).toBeLessThanOrEqual(deviance * (1 + 1e-12) + 1e-12);
      done = converged(deviance, next);
      deviance = next;
    }
    expect(steps).toBeLessThan(25);
    const g = penalisedGradient(X, data.y, k, l2, w);
    for (const v of g) expect(Math.abs(v)).toBeLessThan(1e-8);
    // The solver's own gradient (of the deviance's half, a sum over the points) says the same.
    const own = new Float64Array(solver.size);
    solver.gradient(w, own);
    own.forEach((v, j) => {
      expect(v / data.n).toBeCloseTo(g[j], 12);
    });
  });

  it('halves the step while a full Newton step would raise the deviance (from a start the wrong way round)', () => {
    const data = load('gaussians', 'train', 2);
    const X = transform(fitScaler(data), data.X);
    const solver = new GlmNewton({ design: design(X), n: data.n, p: 3, y: data.y, classes: 2 });
    // The wrong way round, nearly saturated: the Hessian is small there, the full step too long.
    const w = Float64Array.from([2, -6, 6]);
    let deviance = solver.deviance(w);
    const start = deviance;
    let steps = 0;
    for (let done = false; !done && steps < 100; steps++) {
      const next = solver.step(w, deviance);
      expect(next).toBeLessThanOrEqual(deviance * (1 + 1e-12) + 1e-12);
      done = converged(deviance, next);
      deviance = next;
    }
    expect(deviance).toBeLessThan(start / 10);
    const cold = trainToEnd(logistic.classifier(logistic.schema.parse({ optimizer: 'newton' }), 2), data).at(-1)!.loss!;
    expect(deviance / (2 * data.n)).toBeCloseTo(cold, 10);
  });

  it('IRLS gives scikit-learn LogisticRegression coefficients on a fixed hinge basis', () => {
    const data = loadMars('mixture-train.csv');
    const terms = [
      [],
      [{ v: 0, knot: 0.5, sign: 1 as const }],
      [{ v: 0, knot: 0.5, sign: -1 as const }],
      [{ v: 1, knot: 0.8, sign: 1 as const }],
      [{ v: 1, knot: 0.8, sign: -1 as const }],
      [
        { v: 0, knot: 0.5, sign: 1 as const },
        { v: 1, knot: 0.8, sign: 1 as const },
      ],
    ];
    const p = terms.length;
    const B = new Float64Array(data.n * p);
    for (let i = 0; i < data.n; i++)
      for (let j = 0; j < p; j++) B[i * p + j] = termValue(terms[j], data.X[2 * i], data.X[2 * i + 1]);
    const beta = new Float64Array(p);
    const result = new GlmNewton({ design: B, n: data.n, p, y: data.y, classes: 2 }).fit(beta);
    expect(result.converged).toBe(true);
    expected.mars.irls.coef.forEach((c: number, j: number) => {
      expect(beta[j]).toBeCloseTo(c, 4);
    });
  });
});
