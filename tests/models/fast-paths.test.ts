/**
 * Every model's predictProba on a grid (a lattice, where models take their fast paths) equals,
 * bit for bit, its predictions point by point (one point at a time is never a lattice), and
 * equals them again when called a second time on the same arrays (models that remember a point
 * set between calls). Over the whole registry, for two and three classes and a noisy fit.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset.js';
import { gridPoints } from '../../src/grid.js';
import { softmaxRow } from '../../src/models/algorithms/gaussian-fit.js';
import { evaluateExpansion } from '../../src/models/algorithms/kernels.js';
import { softmaxInPlace, softmaxPairInto } from '../../src/models/algorithms/loss.js';
import { findModel, models } from '../../src/models/index.js';
import type { Classifier } from '../../src/models/model.js';
import { createRng } from '../../src/random.js';
import { separatedGaussians, trainToEnd } from '../helpers.js';

/**
 * Tree ensembles sum their trees as runs of changes along the points (flat-tree.ts), so their
 * sums carry rounding dust that depends on the order of the points: close, not identical.
 */
const dusty = new Set(['forest', 'boosting']);

function expectSame(type: string, actual: Float32Array, expected: Float32Array): void {
  if (!dusty.has(type)) {
    expect(actual).toEqual(expected);
    return;
  }
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst).toBeLessThan(1e-6);
}

function pointByPoint(model: Classifier, X: Float64Array): Float32Array {
  const k = model.classes;
  const n = X.length / 2;
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) out.set(model.predictProba(X.slice(2 * i, 2 * i + 2)).subarray(0, k), i * k);
  return out;
}

/** Overlapping classes, so that boundaries cross the grid and probabilities are not all 0 or 1. */
function noisy(n: number, k: number, seed: number): Dataset {
  return separatedGaussians(n, k, seed, 1);
}

describe.each(models.map((m) => [m.type, m] as const))('model %s', (type, spec) => {
  const defaults = spec.schema.parse({});

  it.each([2, 3])('predicts the same on a lattice as point by point (%i classes)', (k) => {
    const train = noisy(120, k, 21 + k);
    const model = spec.classifier(defaults, k);
    trainToEnd(model, train, createRng(3));
    for (const ny of [31, 1]) {
      const grid = gridPoints({ xmin: -4.5, xmax: 4.2, ymin: -3.9, ymax: 4.4, nx: 37, ny });
      const expected = pointByPoint(model, grid);
      expectSame(type, model.predictProba(grid), expected);
      // Into a used buffer: every value is written.
      expectSame(type, model.predictProba(grid, new Float32Array((grid.length / 2) * k).fill(7)), expected);
    }
    const test = noisy(50, k, 40 + k).X;
    expectSame(type, model.predictProba(test), pointByPoint(model, test));
  });
});

const variants: [string, Record<string, unknown>][] = [
  ['mlp', { hidden: [5], activation: 'relu' }],
  ['mlp', { hidden: [3, 4, 5], activation: 'sigmoid' }],
  ['mlp', { hidden: [6], activation: 'tanh', l2: 0.1 }],
  ['svm', { kernel: 'linear' }],
  ['svm', { kernel: 'poly', degree: 2 }],
  ['svm', { gamma: 3, C: 10 }],
  ['knn', { k: 1 }],
  ['knn', { k: 7, weights: 'distance' }],
  ['forest', { trees: 7, maxDepth: 3 }],
  ['boosting', { rounds: 5, subsample: 0.5 }],
  ['logistic', { l2: 0.5, epochs: 5 }],
  ['mars', { degree: 2 }],
  ['qda', { regularization: 0.3 }],
];

describe.each(variants)('model %s with %j', (type, options) => {
  it.each([2, 3])('predicts the same on a wide lattice as point by point (%i classes)', (k) => {
    const spec = findModel(type);
    if (!spec) throw new Error(type);
    const model = spec.classifier(spec.schema.parse(options), k);
    trainToEnd(model, noisy(90, k, 7 + k), createRng(4));
    // More columns than the MLP's block of 256 points, and an upward lattice.
    for (const grid of [
      gridPoints({ xmin: -4, xmax: 4, ymin: -4, ymax: 4, nx: 300, ny: 3 }),
      upward(gridPoints({ xmin: -4, xmax: 4, ymin: -4, ymax: 4, nx: 20, ny: 15 }), 20),
    ]) {
      expectSame(type, model.predictProba(grid), pointByPoint(model, grid));
    }
  });
});

/** The rows of a row-major lattice in the opposite order (y increasing). */
function upward(X: Float64Array, columns: number): Float64Array {
  const rows = X.length / (2 * columns);
  const out = new Float64Array(X.length);
  for (let r = 0; r < rows; r++)
    out.set(X.subarray(2 * r * columns, 2 * (r + 1) * columns), 2 * (rows - 1 - r) * columns);
  return out;
}

/** softmax as written before the one-exp shortcut: the numbers the shortcuts must keep. */
function referenceSoftmax(z: number[]): Float64Array {
  const out = Float64Array.from(z);
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    out[c] = Math.exp(z[c] - max);
    sum += out[c];
  }
  for (let c = 0; c < z.length; c++) out[c] /= sum;
  return out;
}

describe('softmax shortcuts', () => {
  const special = [
    0,
    -0,
    1e-300,
    -3.5,
    2.25,
    40,
    -800,
    800,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NaN,
  ];
  const rng = createRng(9);
  const values = [...special, ...Array.from({ length: 200 }, () => rng.normal() * 10 ** Math.floor(rng.uniform() * 4))];

  it('softmaxPairInto gives softmax of (0, z) bit for bit', () => {
    const out = new Float32Array(2);
    for (const z of values) {
      softmaxPairInto(z, out, 0);
      expect(Array.from(out)).toEqual(Array.from(Float32Array.from(referenceSoftmax([0, z]))));
    }
  });

  it.each([2, 3, 4])('softmaxInPlace and softmaxRow keep their numbers (%i classes)', (k) => {
    for (let trial = 0; trial < 400; trial++) {
      const z = Array.from({ length: k }, (_, c) =>
        // Ties and special values often: the cases where the shortcut applies or must not.
        trial % 3 === 0 && c > 0 ? 0 : values[Math.floor(rng.uniform() * values.length)],
      );
      const expected = referenceSoftmax(z);
      const row = Float64Array.from(z);
      softmaxInPlace(row, 0, k);
      expect(Array.from(row)).toEqual(Array.from(expected));
      const scores = Float64Array.from(z);
      const out = new Float32Array(k);
      softmaxRow(scores, k, out, 0);
      // softmaxRow's own rule: uniform when no score is above −∞.
      if (z.some((v) => v > Number.NEGATIVE_INFINITY))
        expect(Array.from(out)).toEqual(Array.from(Float32Array.from(expected)));
    }
  });
});

describe('rbf expansion on a lattice', () => {
  it.each([
    [1, 40, 37, 29],
    [3, 25, 5, 4],
    [2, 1, 9, 1],
  ])('equals the memoised path exactly (%i expansions, %i vectors, %i × %i lattice)', (E, m, nx, ny) => {
    const rng = createRng(E * 100 + m);
    const S = Float64Array.from({ length: 2 * m }, () => rng.normal() * 2);
    const coef = Float64Array.from({ length: E * m }, () => rng.normal());
    const kernel = { name: 'rbf' as const, gamma: 0.7, degree: 3, coef0: 0 };
    const grid = gridPoints({ xmin: -3, xmax: 3.5, ymin: -2.5, ymax: 3, nx, ny });
    const n = grid.length / 2;
    // One point more at the end, off the lattice: the same points go through the memo path.
    const broken = new Float64Array(grid.length + 2);
    broken.set(grid);
    broken.set([0.123, 9.87], grid.length);
    const fast = new Float64Array(n * E);
    const memo = new Float64Array((n + 1) * E);
    evaluateExpansion(kernel, S, m, coef, E, grid, fast);
    evaluateExpansion(kernel, S, m, coef, E, broken, memo);
    expect(Array.from(fast)).toEqual(Array.from(memo.subarray(0, n * E)));
  });
});
