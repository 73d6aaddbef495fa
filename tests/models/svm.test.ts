/**
 * SVM: KKT conditions, accuracy against SVC, stages, degenerate input. The solver and the
 * probability pieces: tests/models/algorithms/ (smo, coupling, platt).
 */
import { describe, expect, it } from 'vitest';
import { accuracy, type Dataset } from '../../src/dataset.js';
import { type SupportVectorMachine, scaleGamma, svm } from '../../src/models/svm.js';
import { createRng } from '../../src/random.js';
import { expected, loadCsv } from '../fixtures/models-1-svm-mars/load.js';
import { trainToEnd } from '../helpers.js';

function trained(data: Dataset, options: Record<string, unknown> = {}): SupportVectorMachine {
  const model = svm.classifier(svm.schema.parse(options), data.classes) as SupportVectorMachine;
  trainToEnd(model, data);
  return model;
}

/** Max violation of the KKT conditions of every pair machine, from decision values computed afresh. */
function kktViolation(model: SupportVectorMachine, data: Dataset): number {
  const f = model.decisionFunction(data.X);
  const P = model.pairs.length;
  let worst = 0;
  model.pairs.forEach((pair, p) => {
    const { index, solver } = pair;
    let balance = 0;
    for (let t = 0; t < index.length; t++) {
      const a = solver.alpha[t];
      const yf = solver.y[t] * f[index[t] * P + p];
      balance += a * solver.y[t];
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a).toBeLessThanOrEqual(solver.C);
      if (a === 0) worst = Math.max(worst, 1 - yf);
      else if (a === solver.C) worst = Math.max(worst, yf - 1);
      else worst = Math.max(worst, Math.abs(yf - 1));
    }
    expect(Math.abs(balance)).toBeLessThan(1e-9 * solver.C * index.length);
  });
  return worst;
}

describe('svm KKT conditions', () => {
  it('hold at the end of training on the ESL mixture (rbf, C = 1)', () => {
    const data = loadCsv('mixture-train.csv');
    expect(kktViolation(trained(data), data)).toBeLessThan(2e-3);
  });

  it('hold on three classes (one-vs-one)', () => {
    const data = loadCsv('blobs3-train.csv');
    expect(kktViolation(trained(data), data)).toBeLessThan(2e-3);
  });

  it.each(['linear', 'rbf'])(
    'a linearly separable set with C = 1e4 (%s) terminates, KKT holds, all points right',
    (kernel) => {
      const rng = createRng(3);
      const n = 60;
      const X = new Float64Array(2 * n);
      const y = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        y[i] = i % 2;
        X[2 * i] = (y[i] ? 2 : -2) + rng.normal() * 0.5;
        X[2 * i + 1] = rng.normal();
      }
      const data = { X, y, n, classes: 2 };
      const model = trained(data, { kernel, C: 1e4 });
      expect(model.pairs[0].solver.converged).toBe(true);
      expect(kktViolation(model, data)).toBeLessThan(2e-3);
      expect(accuracy(model.predictProba(X), data)).toBe(1);
    },
  );
});

describe('svm accuracy against scikit-learn SVC (same C, gamma, kernel; 400 train / 2000 test)', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['gaussians', 'rbf', {}],
    ['mixture', 'rbf', {}],
    ['moons', 'rbf', {}],
    ['blobs3', 'rbf', {}],
    ['gaussians', 'linear', { kernel: 'linear' }],
    ['moons', 'poly', { kernel: 'poly', coef0: 1 }],
  ];
  it.each(cases)('%s, %s kernel: within 0.03', (name, kernel, options) => {
    const model = trained(loadCsv(`${name}-train.csv`), options);
    const test = loadCsv(`${name}-test.csv`);
    const ours = accuracy(model.predictProba(test.X), test);
    expect(Math.abs(ours - expected.svm[name][kernel].test_accuracy)).toBeLessThanOrEqual(0.03);
  });
});

describe('svm stages and degenerate input', () => {
  it('settles over several passes and predicts after each', () => {
    const data = loadCsv('mixture-train.csv');
    const model = svm.classifier(svm.schema.parse({}), 2);
    const probes = loadCsv('mixture-test.csv').X.subarray(0, 400);
    const seen: number[][] = [];
    let stages = 0;
    for (const step of model.train(data, createRng(1))) {
      stages++;
      expect(step.stage).toBe(stages);
      const p = model.predictProba(probes);
      for (let i = 0; i < 200; i++) expect(p[2 * i] + p[2 * i + 1]).toBeCloseTo(1, 6);
      seen.push(Array.from(p.subarray(0, 20)));
    }
    expect(stages).toBeGreaterThan(10);
    expect(seen[0]).not.toEqual(seen[seen.length - 1]);
  });

  it('handles 4 points (2 per class) and duplicated points', () => {
    const X = Float64Array.from([0, 0, 0.2, 0.1, 2, 2, 2.1, 1.8]);
    const data = { X, y: Uint8Array.from([0, 0, 1, 1]), n: 4, classes: 2 };
    expect(accuracy(trained(data).predictProba(X), data)).toBe(1);
    const dupX = Float64Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    const dup = { X: dupX, y: Uint8Array.from([0, 0, 1, 1, 1, 0, 1]), n: 7, classes: 2 };
    const model = trained(dup);
    expect(model.pairs[0].solver.converged).toBe(true);
    const p = model.predictProba(dupX);
    for (const v of p) expect(Number.isFinite(v)).toBe(true);
  });

  it('gives a class absent from the training data probability 0', () => {
    const data = loadCsv('blobs3-train.csv');
    const keep = Array.from({ length: data.n }, (_, i) => i).filter((i) => data.y[i] !== 1);
    const X = Float64Array.from(keep.flatMap((i) => [data.X[2 * i], data.X[2 * i + 1]]));
    const sub = { X, y: Uint8Array.from(keep, (i) => data.y[i]), n: keep.length, classes: 3 };
    const p = trained(sub).predictProba(X);
    for (let i = 0; i < sub.n; i++) {
      expect(p[3 * i + 1]).toBe(0);
      expect(p[3 * i] + p[3 * i + 2]).toBeCloseTo(1, 6);
    }
  });
});

describe('svm gamma', () => {
  it('gamma "scale" is 1/(2·var) over all input values', () => {
    expect(scaleGamma(Float64Array.from([0, 0, 2, 2]))).toBeCloseTo(0.5, 12);
    expect(scaleGamma(Float64Array.from([1, 1, 1, 1]))).toBe(1);
  });
});
