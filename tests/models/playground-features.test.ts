/**
 * TensorFlow Playground's features as the inputs of linear, logistic and mlp: a circle from x²
 * and y², logistic regression on the features equal to scikit-learn's (and to linear with log
 * loss), the grid path equal to the point path, and the option's own checks.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/api.js';
import { accuracy, type Dataset } from '../../src/dataset.js';
import { formatProblem } from '../../src/errors.js';
import { gridPoints } from '../../src/grid.js';
import { linear } from '../../src/models/linear.js';
import { logistic } from '../../src/models/logistic.js';
import { mlp } from '../../src/models/mlp.js';
import type { ModelSpec } from '../../src/models/model.js';
import { createRng } from '../../src/random.js';
import { expectSameBits, readFixtureCsv, trainToEnd } from '../helpers.js';

/** Points uniform on [−2, 2]², class 1 inside the circle of radius √1.5. */
function disc(n: number, seed: number): Dataset {
  const rng = createRng(seed);
  const X = new Float64Array(2 * n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    X[2 * i] = 4 * rng.uniform() - 2;
    X[2 * i + 1] = 4 * rng.uniform() - 2;
    y[i] = X[2 * i] ** 2 + X[2 * i + 1] ** 2 < 1.5 ? 1 : 0;
  }
  return { X, y, n, classes: 2 };
}

const fitted = (spec: ModelSpec, options: Record<string, unknown>, data: Dataset) => {
  const model = spec.classifier(spec.schema.parse(options), data.classes);
  trainToEnd(model, data);
  return model;
};

describe('Playground features', () => {
  const train = disc(400, 1);
  const test = disc(1000, 2);

  it.each([
    [logistic, { optimizer: 'newton' }],
    [linear, { optimizer: 'exact' }],
    [mlp, { hidden: [4], epochs: 300 }],
  ] as const)('%s draws the circle from x2 and y2', (spec, options) => {
    const circle = fitted(spec, { ...options, features: ['x2', 'y2'] }, train);
    expect(accuracy(circle.predictProba(test.X), test)).toBeGreaterThan(0.97);
    if (spec !== mlp) expect(accuracy(fitted(spec, options, train).predictProba(test.X), test)).toBeLessThan(0.75);
  });

  it('logistic on [x, y, x2, y2, xy] is scikit-learn’s fit on those columns, and linear’s with log loss', () => {
    const dir = fileURLToPath(new URL('../fixtures/', import.meta.url));
    const reference = JSON.parse(readFileSync(`${dir}linear/expected.json`, 'utf8')).classification[
      'moons: log, Playground features'
    ] as { proba: number[][]; accuracy: number };
    const moons = readFixtureCsv(`${dir}models-1/moons-train.csv`, 2);
    const moonsTest = readFixtureCsv(`${dir}models-1/moons-test.csv`, 2);
    const features = ['x', 'y', 'x2', 'y2', 'xy'];
    const ours = fitted(logistic, { optimizer: 'newton', features }, moons).predictProba(moonsTest.X);
    const viaLinear = fitted(linear, { loss: 'log', optimizer: 'exact', features }, moons).predictProba(moonsTest.X);
    expect(accuracy(ours, moonsTest)).toBe(reference.accuracy);
    reference.proba.forEach(([, p1], i) => {
      expect(Math.abs(ours[2 * i + 1] - p1)).toBeLessThan(1e-5);
      expect(Math.abs(viaLinear[2 * i + 1] - p1)).toBeLessThan(1e-5);
    });
  });

  it.each([logistic, mlp] as const)('%s predicts the grid as its points', (spec) => {
    const model = fitted(spec, { features: ['x', 'siny', 'xy'], epochs: 5 }, train);
    const grid = { xmin: -2, xmax: 2, ymin: -2, ymax: 2, nx: 13, ny: 11 };
    expectSameBits(model.predictGrid?.(grid) ?? new Float32Array(0), model.predictProba(gridPoints(grid)));
  });

  it('refuses a feature twice or unknown, and features on a regression', () => {
    const problems = (model: Record<string, unknown>, source = 'circles') =>
      validate({ data: { source }, model }).problems.map(formatProblem);
    expect(problems({ type: 'mlp', features: ['x', 'x'] })).toEqual(['model.features: expected each feature once']);
    expect(problems({ type: 'logistic', features: ['x', 'x3'] })[0]).toMatch(
      /^model\.features\[1\]: expected x \| y \| x2 .*, got "x3"$/,
    );
    expect(problems({ type: 'linear', features: ['x2'] }, 'sine')).toEqual([
      'model.features: features applies to classification only; data.source sine poses a regression task',
    ]);
  });
});
