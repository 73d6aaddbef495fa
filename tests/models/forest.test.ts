/**
 * Random forest: one tree without bootstrap that searches both features is exactly the CART
 * tree; bulk prediction is the mean of the trees' leaf shares walked one point at a time; the
 * random parts (bootstrap, feature per split) come from the Rng; accuracy against scikit-learn's
 * RandomForestClassifier (fixtures made by tests/fixtures/models-2-trees/make_reference.py).
 */
import { describe, expect, it } from 'vitest';
import { accuracy, type Dataset } from '../../src/dataset.js';
import { gridPoints } from '../../src/grid.js';
import { forest, type RandomForest, type RegressionForest } from '../../src/models/forest.js';
import { type DecisionTree, type RegressionTree, tree } from '../../src/models/tree.js';
import { createRng } from '../../src/random.js';
import { expectSameBits, sineSeries, trainToEnd } from '../helpers.js';
import {
  agreement,
  lattice,
  preorder,
  reference,
  referenceData,
  referenceLattice,
  referenceSets,
} from './trees-reference.js';

type ForestOptions = ReturnType<typeof forest.schema.parse>;

function grow(data: Dataset, options: Partial<ForestOptions> = {}, seed = 1) {
  const model = forest.classifier(forest.schema.parse(options), data.classes) as RandomForest;
  const steps = trainToEnd(model, data, createRng(seed));
  return { model, steps };
}

describe('forest', () => {
  it.each([
    ['moons', {}],
    ['blobs3', { criterion: 'entropy' as const, minSamplesLeaf: 3, maxDepth: 5 }],
  ])('of one tree, no bootstrap and both features, is the tree (%s)', (name, options) => {
    const { train } = referenceData(name as 'moons');
    const one = grow(train, { trees: 1, bootstrap: false, maxFeatures: 2, maxDepth: 8, ...options }).model;
    const single = tree.classifier(tree.schema.parse({ maxDepth: 8, ...options }), train.classes) as DecisionTree;
    trainToEnd(single, train);
    expect(one.trees).toHaveLength(1);
    expect(preorder(one.trees[0])).toEqual(preorder(single.tree));
    const points = lattice(60, -3, 4);
    expectSameBits(one.predictProba(points), single.predictProba(points));
  });

  it.each([
    ['pure leaves', {}],
    ['fractional leaves', { maxDepth: 4 }],
  ])('predicts the mean of its trees’ leaf class shares, summed tree by tree, exactly (%s)', (_, options) => {
    const { train, test } = referenceData('blobs3');
    const { model } = grow(train, { trees: 20, ...options });
    const k = train.classes;
    const grid = { nx: 70, ny: 50, xmin: -3, xmax: 5, ymin: -3, ymax: 4 };
    const points = gridPoints(grid);
    const walked = (X: Float64Array) => {
      const n = X.length / 2;
      const sums = new Float64Array(n * k);
      for (const t of model.trees) {
        for (let i = 0; i < n; i++) {
          const leaf = t.leafOf(X[2 * i], X[2 * i + 1]);
          for (let c = 0; c < k; c++) sums[i * k + c] += t.value[leaf * k + c];
        }
      }
      return Float32Array.from(sums, (v) => v * (1 / model.trees.length));
    };
    for (const X of [lattice(80, -3, 5), points, test.X]) expectSameBits(model.predictProba(X), walked(X));
    expectSameBits(model.predictGrid(grid), walked(points));
  });

  it('grows unlimited trees to pure leaves, and keeps maxDepth when given', () => {
    const { train } = referenceData('moons');
    const deep = grow(train, { trees: 5 }).model;
    for (const t of deep.trees) {
      for (let node = 0; node < t.size; node++) {
        if (t.feature[node] < 0) expect(Math.max(...t.value.subarray(node * 2, node * 2 + 2))).toBe(1);
      }
    }
    const depthOf = (t: RandomForest['trees'][number], node = 0): number =>
      t.feature[node] < 0 ? 0 : 1 + Math.max(depthOf(t, t.left[node]), depthOf(t, t.left[node] + 1));
    expect(Math.max(...deep.trees.map((t) => depthOf(t)))).toBeGreaterThan(6);
    for (const t of grow(train, { trees: 5, maxDepth: 3 }).model.trees) expect(depthOf(t)).toBeLessThanOrEqual(3);
  });

  it('draws one random feature per split by default (maxFeatures 1)', () => {
    // Feature 0 separates the classes, feature 1 is noise: searched alone, 0 always wins the root.
    const rng = createRng(3);
    const n = 200;
    const X = new Float64Array(2 * n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 2;
      X[2 * i] = y[i] * 2 + rng.normal();
      X[2 * i + 1] = rng.normal();
    }
    const data = { X, y, n, classes: 2 };
    const rootFeatures = (o: Partial<ForestOptions>) =>
      grow(data, { trees: 200, bootstrap: false, ...o }).model.trees.map((t) => t.feature[0]);
    const one = rootFeatures({ maxFeatures: 1 });
    const onFeature1 = one.filter((f) => f === 1).length;
    expect(onFeature1).toBeGreaterThan(70);
    expect(onFeature1).toBeLessThan(130);
    expect(new Set(rootFeatures({ maxFeatures: 2 }))).toEqual(new Set([0]));
  });

  it('takes its randomness from the Rng: bootstrap samples and feature draws differ by seed', () => {
    const { train, test } = referenceData('mixture');
    const run = (options: Partial<ForestOptions>, seed: number) =>
      Array.from(grow(train, { trees: 10, ...options }, seed).model.predictProba(test.X));
    expect(run({}, 1)).toEqual(run({}, 1));
    expect(run({}, 1)).not.toEqual(run({}, 2));
    expect(run({ bootstrap: false }, 1)).not.toEqual(run({ bootstrap: false }, 2));
    expect(run({ bootstrap: false, maxFeatures: 2 }, 1)).toEqual(run({ bootstrap: false, maxFeatures: 2 }, 2));
    // Bootstrap: a tree's root holds the shares of its resample, not of the training set.
    const roots = grow(train, { trees: 10 }).model.trees.map((t) => t.value[1]);
    const share = train.y.reduce((s, c) => s + c, 0) / train.n;
    expect(roots.some((r) => Math.abs(r - share) > 1e-3)).toBe(true);
  });

  it('yields one stage per tree, and predicts with the trees so far', () => {
    const { train, test } = referenceData('moons');
    const model = forest.classifier(forest.schema.parse({ trees: 7 }), 2) as RandomForest;
    const grid = lattice(40, -2, 3);
    let t = 0;
    for (const step of model.train(train, createRng(5))) {
      t++;
      expect(step).toEqual({ stage: t, total: 7, label: `tree ${t}` });
      expect(model.trees).toHaveLength(t);
      expect(accuracy(model.predictProba(test.X), test)).toBeGreaterThan(0.75);
      // The same arrays again only add the new tree; fresh copies are evaluated from scratch.
      expectSameBits(model.predictProba(grid), model.predictProba(grid.slice()));
      expectSameBits(model.predictProba(test.X), model.predictProba(test.X.slice()));
    }
    expect(t).toBe(7);
    // Changed in place, the same array is evaluated anew.
    grid.reverse();
    expectSameBits(model.predictProba(grid), model.predictProba(grid.slice()));
    // Retrained, the model forgets the old trees' sums.
    trainToEnd(model, train, createRng(6));
    expectSameBits(model.predictProba(grid), model.predictProba(grid.slice()));
  });

  it.each(referenceSets)('predicts scikit-learn’s class on at least 95 % of a lattice over %s', (name) => {
    const { train } = referenceData(name);
    const p = grow(train).model.predictProba(referenceLattice(train));
    expect(agreement(p, train.classes, reference[name].forest.lattice_classes)).toBeGreaterThanOrEqual(0.95);
  });

  it.each(referenceSets)('has test accuracy within 0.03 of scikit-learn’s on %s', (name) => {
    const { train, test } = referenceData(name);
    const ours = accuracy(grow(train).model.predictProba(test.X), test);
    expect(Math.abs(ours - reference[name].forest.test_accuracy)).toBeLessThanOrEqual(0.03);
  });
});

describe('regression forest', () => {
  const regress = (options: Partial<ForestOptions> = {}) =>
    forest.regressor!(forest.schema.parse(options)) as RegressionForest;
  const data = sineSeries(150, 31, 0.3);
  const x = Float64Array.from({ length: 101 }, (_, i) => -0.2 + i / 70);

  it('of one tree, no bootstrap, is the regression tree', () => {
    const one = regress({ trees: 1, bootstrap: false, maxDepth: 6 });
    trainToEnd(one, data);
    const single = tree.regressor!(tree.schema.parse({ maxDepth: 6 })) as RegressionTree;
    trainToEnd(single, data);
    expect(preorder(one.trees[0])).toEqual(preorder(single.tree));
    expect(Array.from(one.predict(x))).toEqual(Array.from(single.predict(x)));
  });

  it('predicts the mean of its trees’ leaf means, each tree grown on a bootstrap sample from the Rng', () => {
    const model = regress({ trees: 7 });
    trainToEnd(model, data, createRng(4));
    const mean = Array.from(x, (v) => {
      let sum = 0;
      for (const t of model.trees) sum += t.value[t.leafOf(v, 0)];
      return sum / model.trees.length;
    });
    model.predict(x).forEach((v, i) => {
      expect(v).toBeCloseTo(mean[i], 12);
    });
    const other = regress({ trees: 7 });
    trainToEnd(other, data, createRng(5));
    expect(Array.from(other.predict(x))).not.toEqual(Array.from(model.predict(x)));
  });

  it('searches its one input at every split, whatever maxFeatures, and says that 2 is more than there is', () => {
    const [a, b] = [1, 2].map((maxFeatures) => {
      const model = regress({ trees: 5, maxFeatures });
      trainToEnd(model, data, createRng(6));
      return model;
    });
    expect(Array.from(a.predict(x))).toEqual(Array.from(b.predict(x)));
    expect(a.warnings()).toEqual([]);
    expect(b.warnings()).toEqual(['maxFeatures = 2 is more than the one input: every split searches x']);
  });
});
