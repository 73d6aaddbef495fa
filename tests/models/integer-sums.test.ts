/**
 * Trees with integer leaves (a forest grown to pure leaves) are summed by integer-sums.ts; the
 * sums must be exactly those of walking every point down every tree (FlatTree.accumulate), on
 * lattices and on scattered points, including points on the thresholds and repeated coordinates.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset.js';
import { gridPoints } from '../../src/grid.js';
import { type FlatTree, sumTrees } from '../../src/models/algorithms/flat-tree.js';
import { integerLeaves } from '../../src/models/algorithms/integer-sums.js';
import { Axis } from '../../src/models/algorithms/lattice.js';
import { forest, type RandomForest } from '../../src/models/forest.js';
import { createRng } from '../../src/random.js';
import { trainToEnd } from '../helpers.js';

/** Noisy classes, x on a coarse scale (many repeated values), y not (no two points alike). */
function coarse(n: number, k: number, seed: number): Dataset {
  const rng = createRng(seed);
  const X = new Float64Array(2 * n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % k;
    X[2 * i] = Math.round((y[i] + rng.normal() * 1.5) * 4) / 4;
    X[2 * i + 1] = rng.normal() + (y[i] === 1 ? 1 : 0);
  }
  return { X, y, n, classes: k };
}

function walked(trees: readonly FlatTree[], X: Float64Array, stride: number, column: (t: number) => number) {
  const sums = new Float64Array((X.length / 2) * stride);
  trees.forEach((tree, t) => {
    tree.accumulate(X, sums, stride, column(t), 1);
  });
  return sums;
}

describe('integer sums of trees', () => {
  it.each([2, 3])('equal the walked sums exactly (%i classes)', (k) => {
    const train = coarse(150, k, 5 + k);
    const model = forest.classifier(forest.schema.parse({ trees: 25 }), k) as RandomForest;
    trainToEnd(model, train, createRng(2));
    expect(integerLeaves(model.trees)).toBe(true);
    // Points on the thresholds, on training points' coordinates, far out and repeated.
    const thresholds = model.trees.flatMap((t) => Array.from(t.threshold.subarray(0, t.size)));
    const scattered = new Float64Array(2 * (train.n + thresholds.length + 3));
    scattered.set(train.X);
    thresholds.forEach((v, i) => {
      scattered[2 * (train.n + i)] = v;
      scattered[2 * (train.n + i) + 1] = thresholds[(i * 7) % thresholds.length];
    });
    scattered.set([1e9, -1e9, -1e9, 1e9, 0, 0], 2 * (train.n + thresholds.length));
    const grids = [
      gridPoints({ xmin: -5, xmax: 5, ymin: -4, ymax: 5, nx: 41, ny: 37 }),
      gridPoints({ xmin: -1, xmax: 1, ymin: -1, ymax: 1, nx: 8, ny: 8 }),
    ];
    for (const X of [scattered, ...grids]) {
      // The forest's layout (k columns) and boosting's (one column per tree, in turn).
      expect(sumTrees(model.trees, X, k, () => 0, 1)).toEqual(walked(model.trees, X, k, () => 0));
      const byTree = (t: number) => (t % 3) * k;
      expect(sumTrees(model.trees, X, 3 * k, byTree, 1)).toEqual(walked(model.trees, X, 3 * k, byTree));
    }
  });

  it('are not used for fractional leaves', () => {
    const train = coarse(80, 2, 3);
    const model = forest.classifier(forest.schema.parse({ trees: 5, maxDepth: 2 }), 2) as RandomForest;
    trainToEnd(model, train, createRng(2));
    expect(integerLeaves(model.trees)).toBe(false);
  });
});

describe('Axis.countAtMost', () => {
  function reference(sorted: Float64Array, t: number): number {
    let count = 0;
    for (const v of sorted) if (v <= t) count++;
    return count;
  }

  it('counts the values ≤ t in even, uneven, repeated and infinite arrays', () => {
    const rng = createRng(4);
    const arrays = [
      Float64Array.from({ length: 160 }, (_, i) => -3 + (i + 0.5) * 0.05),
      Float64Array.from({ length: 50 }, () => rng.normal() ** 3).sort(),
      Float64Array.from({ length: 40 }, () => Math.round(rng.normal() * 3)).sort(),
      Float64Array.of(Number.NEGATIVE_INFINITY, -1, 0, 2, Number.POSITIVE_INFINITY),
      Float64Array.of(5),
      new Float64Array(0),
    ];
    for (const values of arrays) {
      const axis = new Axis(values);
      const probes = [
        ...values,
        ...Array.from(values, (v) => v + 1e-9),
        ...Array.from({ length: 100 }, () => rng.normal() * 10),
        Number.NEGATIVE_INFINITY,
        Number.POSITIVE_INFINITY,
        Number.NaN,
      ];
      for (const t of probes) expect(axis.countAtMost(t)).toBe(reference(values, t));
    }
  });
});
