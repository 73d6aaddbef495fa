/**
 * Sums of many trees: every path (points walked tree by tree, grids leaf block by leaf block, the
 * integer shortcuts, stage by stage) gives exactly the sums of walking every point down every tree
 * in the trees' order (FlatTree.accumulate), including points on the thresholds and repeated
 * coordinates, for integer leaves (a forest grown to pure leaves) and fractional ones.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/dataset.js';
import { type Grid, gridPoints } from '../../../src/grid.js';
import type { FlatTree, SumLayout } from '../../../src/models/algorithms/flat-tree.js';
import { integerLeaves } from '../../../src/models/algorithms/integer-sums.js';
import { StagedSums, sumTreesAt, sumTreesOnGrid } from '../../../src/models/algorithms/tree-sums.js';
import { forest, type RandomForest } from '../../../src/models/forest.js';
import { createRng } from '../../../src/random.js';
import { trainToEnd } from '../../helpers.js';

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

function walked(trees: readonly FlatTree[], X: Float64Array, layout: SumLayout) {
  const sums = new Float64Array((X.length / 2) * layout.stride);
  trees.forEach((tree, t) => {
    tree.accumulate(X, sums, layout.stride, layout.column(t));
  });
  return sums;
}

function grownForest(k: number, options: Record<string, unknown>) {
  const train = coarse(150, k, 5 + k);
  const model = forest.classifier(forest.schema.parse({ trees: 25, ...options }), k) as RandomForest;
  trainToEnd(model, train, createRng(2));
  return { train, trees: model.trees };
}

/** Points on the thresholds, on training points' coordinates, far out and repeated. */
function awkwardPoints(train: Dataset, trees: readonly FlatTree[]): Float64Array {
  const thresholds = trees.flatMap((t) => Array.from(t.threshold.subarray(0, t.size)));
  const X = new Float64Array(2 * (train.n + thresholds.length + 3));
  X.set(train.X);
  thresholds.forEach((v, i) => {
    X[2 * (train.n + i)] = v;
    X[2 * (train.n + i) + 1] = thresholds[(i * 7) % thresholds.length];
  });
  X.set([1e9, -1e9, -1e9, 1e9, 0, 0], 2 * (train.n + thresholds.length));
  return X;
}

const grids: Grid[] = [
  { xmin: -5, xmax: 5, ymin: -4, ymax: 5, nx: 41, ny: 37 },
  { xmin: -1, xmax: 1, ymin: -1, ymax: 1, nx: 8, ny: 8 },
  // Cell centres on the coarse x values (multiples of 1/4), where thresholds may sit.
  { xmin: -3.125, xmax: 3.125, ymin: -2, ymax: 2, nx: 25, ny: 1 },
];

describe.each([
  ['integer leaves', {}, true],
  ['fractional leaves', { maxDepth: 3 }, false],
])('sums of trees with %s', (_, options, integer) => {
  it.each([2, 3])('equal the walked sums exactly, at points and on grids (%i classes)', (k) => {
    const { train, trees } = grownForest(k, options);
    expect(integerLeaves(trees)).toBe(integer);
    // The forest's layout (k columns) and boosting's (one column per tree, in turn).
    for (const layout of [
      { stride: k, column: () => 0 },
      { stride: 3 * k, column: (t: number) => (t % 3) * k },
    ]) {
      const scattered = awkwardPoints(train, trees);
      expect(sumTreesAt(trees, scattered, layout)).toEqual(walked(trees, scattered, layout));
      for (const grid of grids) {
        const want = walked(trees, gridPoints(grid), layout);
        expect(sumTreesOnGrid(trees, grid, layout)).toEqual(want);
        expect(sumTreesAt(trees, gridPoints(grid), layout)).toEqual(want);
      }
    }
  });

  it('are the same added stage by stage as in one call', () => {
    const { train, trees } = grownForest(3, options);
    const layout = { stride: 3, column: () => 0 };
    const staged = new StagedSums(layout);
    const grid = grids[0];
    for (const count of [1, 2, 7, 8, 25]) {
      staged.onGrid(trees.slice(0, count), grid);
      staged.atPoints(trees.slice(0, count), train.X);
    }
    expect(staged.onGrid(trees, grid)).toEqual(walked(trees, gridPoints(grid), layout));
    expect(staged.atPoints(trees, train.X)).toEqual(walked(trees, train.X, layout));
  });
});
