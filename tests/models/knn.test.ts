import { describe, expect, it } from 'vitest';
import { mixture } from '../../src/data/mixture.js';
import { accuracy, type Dataset, type Series } from '../../src/dataset.js';
import { knn } from '../../src/models/knn.js';
import { createRng } from '../../src/random.js';
import { sineSeries, trainToEnd } from '../helpers.js';
import { compareWithSklearn, referenceSets } from './reference-fixtures.js';

const trained = (data: Dataset, options: Record<string, unknown> = {}) => {
  const model = knn.classifier(knn.schema.parse(options), data.classes);
  trainToEnd(model, data);
  return model;
};

describe('knn', () => {
  it('with k = 1 classifies every (distinct) training point correctly, even with overlapping classes', () => {
    const source = mixture.create(mixture.schema.parse({}), { baseDir: '.', rng: createRng(2) });
    const data = source.sample(400, createRng(3));
    const model = trained(data, { k: 1 });
    expect(accuracy(model.predictProba(data.X), data)).toBe(1);
    // Not trivially so: the usual k = 5 misclassifies some of its own training points here.
    expect(accuracy(trained(data).predictProba(data.X), data)).toBeLessThan(0.95);
  });

  it.each(referenceSets)('is within 0.03 of scikit-learn on %s, with the same vote shares', (set) => {
    compareWithSklearn(knn, set, 'knn', 1e-6);
    compareWithSklearn(knn, set, 'knn-distance', 1e-6);
    compareWithSklearn(knn, set, 'knn-15', 1e-6);
  });

  it('breaks ties in distance by the lower training index', () => {
    // Four points at distance 1 from the origin, classes 1, 0, 0, 1 in index order.
    const data: Dataset = {
      X: Float64Array.from([1, 0, 0, 1, -1, 0, 0, -1]),
      y: Uint8Array.from([1, 0, 0, 1]),
      n: 4,
      classes: 2,
    };
    expect(Array.from(trained(data, { k: 1 }).predictProba(Float64Array.from([0, 0])))).toEqual([0, 1]);
    expect(Array.from(trained(data, { k: 2 }).predictProba(Float64Array.from([0, 0])))).toEqual([0.5, 0.5]);
    expect(Array.from(trained(data, { k: 3 }).predictProba(Float64Array.from([0, 0])))).toEqual(
      [2 / 3, 1 / 3].map(Math.fround),
    );
  });

  it('uses every point when k exceeds the training set, and says so once', () => {
    const data: Dataset = { X: Float64Array.from([0, 0, 1, 0, 5, 5]), y: Uint8Array.from([0, 0, 1]), n: 3, classes: 2 };
    const model = trained(data, { k: 15 });
    expect(model.warnings?.()).toEqual(['k = 15 is more than the training points: all of them vote']);
    const p = model.predictProba(Float64Array.from([0, 0, 100, 100]));
    expect(Array.from(p)).toEqual([2 / 3, 1 / 3, 2 / 3, 1 / 3].map(Math.fround));
    expect(trained(data, { k: 3 }).warnings?.()).toEqual([]);
    const empty = trained({ X: new Float64Array(0), y: new Uint8Array(0), n: 0, classes: 2 });
    expect(Array.from(empty.predictProba(Float64Array.from([1, 1])))).toEqual([0.5, 0.5]);
  });

  it('weights votes by 1/distance, and gives an exact match all the weight (duplicates share it)', () => {
    const data: Dataset = {
      X: Float64Array.from([0, 0, 3, 0, 2, 2, 2, 2]),
      y: Uint8Array.from([0, 1, 0, 1]),
      n: 4,
      classes: 2,
    };
    const model = trained(data, { k: 3, weights: 'distance' });
    // From (1, 0): class 0 at distance 1 and √5 (the duplicate pair ties at √5: index 2 first), class 1 at 2.
    const w0 = 1 + 1 / Math.sqrt(5);
    const p = model.predictProba(Float64Array.from([1, 0, 0, 0, 2, 2]));
    expect(p[0]).toBeCloseTo(w0 / (w0 + 0.5), 6);
    expect(Array.from(p.subarray(2))).toEqual([1, 0, 0.5, 0.5]);
  });
});

describe('knn on a grid', () => {
  it.each([
    ['coarse points, many ties', 0, 0.5],
    ['far from the origin', 1e6, 0.01],
    ['tiny spread', 0, 1e-7],
  ])('predicts point by point what it predicts in bulk (%s)', (_name, offset, step) => {
    const rng = createRng(31);
    const n = 120;
    const X = new Float64Array(2 * n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 3;
      X[2 * i] = offset + Math.round(rng.normal() * 4 + y[i]) * step;
      X[2 * i + 1] = offset + Math.round(rng.normal() * 4) * step;
    }
    const data: Dataset = { X, y, n, classes: 3 };
    const grid = new Float64Array(2 * 50 * 40);
    for (let r = 0; r < 40; r++) {
      for (let c = 0; c < 50; c++) {
        grid[2 * (r * 50 + c)] = offset + (c - 25) * step * 0.37;
        grid[2 * (r * 50 + c) + 1] = offset + (20 - r) * step * 0.41;
      }
    }
    for (const k of [1, 4, 15, 200]) {
      const model = trained(data, { k });
      const bulk = model.predictProba(grid);
      const single = new Float32Array(bulk.length);
      for (let i = 0; i < grid.length / 2; i++) single.set(model.predictProba(grid.slice(2 * i, 2 * i + 2)), 3 * i);
      expect(Array.from(bulk)).toEqual(Array.from(single));
    }
  });
});

describe('knn regression', () => {
  /** The k nearest by |x − xᵢ| (ties: lower index), their y averaged with the given weights, written out. */
  function bruteForce(data: Series, x: number, k: number, weights: 'uniform' | 'distance'): number {
    const near = Array.from({ length: data.n }, (_, i) => i)
      .sort((i, j) => Math.abs(x - data.x[i]) - Math.abs(x - data.x[j]) || i - j)
      .slice(0, k);
    const exact = near.filter((i) => data.x[i] === x);
    const used = weights === 'distance' && exact.length > 0 ? exact : near;
    const w = (i: number) => (weights === 'uniform' || exact.length > 0 ? 1 : 1 / Math.abs(x - data.x[i]));
    return used.reduce((s, i) => s + w(i) * data.y[i], 0) / used.reduce((s, i) => s + w(i), 0);
  }

  it.each(['uniform', 'distance'] as const)(
    'averages the y of the k nearest x (%s weights), exact matches first',
    (weights) => {
      const base = sineSeries(60, 41, 0.3);
      // Repeated x values: an exact match shared by two points, and ties in distance.
      const x = Float64Array.of(...base.x, base.x[3], 0.25, 0.75);
      const y = Float64Array.of(...base.y, -2, 1, 3);
      const data: Series = { x, y, n: x.length };
      const model = knn.regressor!(knn.schema.parse({ k: 4, weights }));
      trainToEnd(model, data);
      const queries = Float64Array.of(
        ...x.subarray(0, 10),
        base.x[3],
        0.5,
        -1,
        2,
        ...Array.from({ length: 50 }, (_, i) => i / 49),
      );
      const predicted = model.predict(queries);
      queries.forEach((q, i) => {
        expect(predicted[i]).toBeCloseTo(bruteForce(data, q, 4, weights), 12);
      });
    },
  );

  it('uses every point when k exceeds the training set, and says so', () => {
    const data = sineSeries(3, 42);
    const model = knn.regressor!(knn.schema.parse({ k: 10 }));
    trainToEnd(model, data);
    const mean = (data.y[0] + data.y[1] + data.y[2]) / 3;
    expect(model.predict(Float64Array.of(0.5))[0]).toBeCloseTo(mean, 12);
    expect(model.warnings?.()).toEqual(['k = 10 is more than the training points: all of them vote']);
  });
});
