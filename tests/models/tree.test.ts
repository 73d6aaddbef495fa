/**
 * CART: the stump against an exhaustive search written out here, best-first growth against a
 * plain depth-first recursion (re-sorting at every node), the stages against the best-first order
 * of that reference tree, the stopping rules, and accuracy against scikit-learn's
 * DecisionTreeClassifier (fixtures made by tests/fixtures/models-2-trees/make_reference.py).
 */
import { describe, expect, it } from 'vitest';
import { accuracy, type Dataset, type Series } from '../../src/dataset.js';
import { ClassRule, type Criterion } from '../../src/models/algorithms/cart.js';
import { type DecisionTree, type RegressionTree, tree } from '../../src/models/tree.js';
import { createRng } from '../../src/random.js';
import { separatedGaussians, sineSeries, trainToEnd } from '../helpers.js';
import { meanSquaredError } from './regression-reference.js';
import {
  agreement,
  lattice,
  preorder,
  reference,
  referenceData,
  referenceLattice,
  referenceSets,
} from './trees-reference.js';

type TreeOptions = ReturnType<typeof tree.schema.parse>;

function grow(data: Dataset, options: Partial<TreeOptions> = {}) {
  const model = tree.classifier(tree.schema.parse(options), data.classes) as DecisionTree;
  const steps = trainToEnd(model, data);
  return { model, steps };
}

/** Noisy 2-D data with k classes and some repeated coordinates (ties between candidate splits). */
function noisy(n: number, k: number, seed: number): Dataset {
  const rng = createRng(seed);
  const X = new Float64Array(2 * n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.int(k);
    X[2 * i] = Math.round((y[i] + 2 * rng.normal()) * 4) / 4;
    X[2 * i + 1] = rng.normal() + (y[i] === 1 ? 1 : 0);
  }
  return { X, y, n, classes: k };
}

/** Impurity of a set of class counts, written out from the definitions. */
function impurity(counts: number[], criterion: Criterion): number {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return 0;
  if (criterion === 'gini') return 1 - counts.reduce((s, c) => s + (c / n) ** 2, 0);
  return -counts.reduce((s, c) => (c > 0 ? s + (c / n) * Math.log(c / n) : s), 0);
}

/** Weighted impurity of the children of splitting `data` at x_f <= t. */
function childImpurity(data: Dataset, f: number, t: number, criterion: Criterion): number {
  const left = new Array<number>(data.classes).fill(0);
  const right = new Array<number>(data.classes).fill(0);
  for (let i = 0; i < data.n; i++) (data.X[2 * i + f] <= t ? left : right)[data.y[i]]++;
  const nl = left.reduce((a, b) => a + b, 0);
  const nr = right.reduce((a, b) => a + b, 0);
  return (nl * impurity(left, criterion) + nr * impurity(right, criterion)) / data.n;
}

/** The lowest child impurity over every split between two distinct values of either feature. */
function exhaustiveStump(data: Dataset, criterion: Criterion, minLeaf: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let f = 0; f < 2; f++) {
    const values = [...new Set(Array.from({ length: data.n }, (_, i) => data.X[2 * i + f]))].sort((a, b) => a - b);
    for (let j = 0; j + 1 < values.length; j++) {
      const t = (values[j] + values[j + 1]) / 2;
      let nl = 0;
      for (let i = 0; i < data.n; i++) if (data.X[2 * i + f] <= t) nl++;
      if (nl < minLeaf || data.n - nl < minLeaf) continue;
      best = Math.min(best, childImpurity(data, f, t, criterion));
    }
  }
  return best;
}

interface RefNode {
  value: number[];
  gain: number;
  split?: { feature: number; threshold: number; left: RefNode; right: RefNode };
}

/**
 * Depth-first CART the plain way: sort the node's points by each feature, try every boundary,
 * recurse. Same conventions as the grower (midpoint thresholds; ties: lower feature, then lower
 * threshold), and gains from the same ClassRule score, so its tree must be the grower's exactly.
 */
function referenceTree(data: Dataset, o: TreeOptions): RefNode {
  const k = data.classes;
  const rule = new ClassRule(o.criterion, k);
  const score = (counts: number[]) => rule.score(Float64Array.from(counts), 0);
  const build = (points: number[], depth: number): RefNode => {
    const counts = new Array<number>(k).fill(0);
    for (const i of points) counts[data.y[i]]++;
    const node: RefNode = { value: counts.map((c) => c / points.length), gain: Number.NEGATIVE_INFINITY };
    const m = points.length;
    const pure = counts.filter((c) => c > 0).length <= 1;
    if (depth >= o.maxDepth || m < o.minSamplesSplit || m < 2 * o.minSamplesLeaf || pure) return node;
    let best: { gain: number; feature: number; threshold: number } | undefined;
    for (let f = 0; f < 2; f++) {
      const sorted = [...points].sort((a, b) => data.X[2 * a + f] - data.X[2 * b + f] || a - b);
      const left = new Array<number>(k).fill(0);
      for (let p = 1; p < m; p++) {
        left[data.y[sorted[p - 1]]]++;
        const x = data.X[2 * sorted[p - 1] + f];
        const next = data.X[2 * sorted[p] + f];
        if (x === next || p < o.minSamplesLeaf || m - p < o.minSamplesLeaf) continue;
        const gain = score(left) + score(counts.map((c, j) => c - left[j])) - score(counts);
        if (!best || gain > best.gain) {
          const mid = x / 2 + next / 2;
          best = { gain, feature: f, threshold: mid < next ? mid : x };
        }
      }
    }
    if (!best) return node;
    const { feature, threshold } = best;
    node.gain = best.gain;
    node.split = {
      feature,
      threshold,
      left: build(
        points.filter((i) => data.X[2 * i + feature] <= threshold),
        depth + 1,
      ),
      right: build(
        points.filter((i) => data.X[2 * i + feature] > threshold),
        depth + 1,
      ),
    };
    return node;
  };
  return build(
    Array.from({ length: data.n }, (_, i) => i),
    0,
  );
}

function referencePreorder(node: RefNode, out: number[][] = []): number[][] {
  if (!node.split) out.push(node.value);
  else {
    out.push([node.split.feature, node.split.threshold]);
    referencePreorder(node.split.left, out);
    referencePreorder(node.split.right, out);
  }
  return out;
}

/** The reference tree's nodes in the order best-first growth splits them (ties: the older node). */
function bestFirstOrder(root: RefNode): RefNode[] {
  const order: RefNode[] = [];
  const frontier = [{ node: root, id: 0 }];
  let nextId = 1;
  for (;;) {
    let pick = -1;
    frontier.forEach((entry, j) => {
      if (!entry.node.split) return;
      const best = pick < 0 ? undefined : frontier[pick];
      if (!best || entry.node.gain > best.node.gain || (entry.node.gain === best.node.gain && entry.id < best.id))
        pick = j;
    });
    if (pick < 0) return order;
    const { node } = frontier.splice(pick, 1)[0];
    order.push(node);
    frontier.push({ node: node.split!.left, id: nextId++ }, { node: node.split!.right, id: nextId++ });
  }
}

/** The reference tree's prediction when only the nodes in `expanded` have been split. */
function predictPartial(root: RefNode, expanded: Set<RefNode>, x: number, y: number): number[] {
  let node = root;
  while (node.split && expanded.has(node)) {
    node = (node.split.feature === 0 ? x : y) <= node.split.threshold ? node.split.left : node.split.right;
  }
  return node.value;
}

describe('tree', () => {
  const cases: [string, Dataset, Criterion, number][] = [
    ['mixture, gini', referenceData('mixture').train, 'gini', 1],
    ['moons, entropy', referenceData('moons').train, 'entropy', 1],
    ['3 classes with ties, gini', noisy(150, 3, 4), 'gini', 1],
    ['3 classes with ties, entropy, 10 per leaf', noisy(150, 3, 5), 'entropy', 10],
  ];
  it.each(cases)('of depth 1 is the best stump by exhaustive search (%s)', (_name, data, criterion, minLeaf) => {
    const { model, steps } = grow(data, { maxDepth: 1, criterion, minSamplesLeaf: minLeaf });
    expect(steps).toHaveLength(1);
    const t = model.tree;
    expect(t.feature[0]).toBeGreaterThanOrEqual(0);
    expect(t.leafCount()).toBe(2);
    const found = childImpurity(data, t.feature[0], t.threshold[0], criterion);
    expect(found).toBeCloseTo(exhaustiveStump(data, criterion, minLeaf), 12);
    // The leaves hold the class shares of their points.
    const shares = new Array<number>(data.classes).fill(0);
    let nl = 0;
    for (let i = 0; i < data.n; i++) {
      if (data.X[2 * i + t.feature[0]] <= t.threshold[0]) {
        shares[data.y[i]]++;
        nl++;
      }
    }
    const onThreshold = t.feature[0] === 0 ? Float64Array.of(t.threshold[0], 0) : Float64Array.of(0, t.threshold[0]);
    const p = model.predictProba(onThreshold);
    for (let c = 0; c < data.classes; c++) expect(p[c]).toBeCloseTo(shares[c] / nl, 6);
  });

  const growthCases: [string, Dataset, Partial<TreeOptions>][] = [
    ['moons, defaults', referenceData('moons').train, {}],
    ['3 classes with ties, entropy', noisy(200, 3, 6), { criterion: 'entropy', maxDepth: 6 }],
    ['mixture, 5 per leaf, 12 to split', referenceData('mixture').train, { minSamplesLeaf: 5, minSamplesSplit: 12 }],
  ];
  it.each(growthCases)('grown best-first ends as the depth-first tree (%s)', (_name, data, options) => {
    const o = tree.schema.parse(options);
    const { model } = grow(data, o);
    expect(preorder(model.tree)).toEqual(referencePreorder(referenceTree(data, o)));
  });

  it.each(growthCases)('after each split, predicts with the best-first tree so far (%s)', (_name, data, options) => {
    const o = tree.schema.parse(options);
    const root = referenceTree(data, o);
    const order = bestFirstOrder(root);
    const points = lattice(25, -3, 4);
    const model = tree.classifier(o, data.classes);
    const expanded = new Set<RefNode>();
    let stages = 0;
    let lastLoss = Number.POSITIVE_INFINITY;
    for (const step of model.train(data, createRng(1))) {
      expanded.add(order[stages]);
      stages++;
      expect(step.stage).toBe(stages);
      expect(step.label).toBe(`split ${stages}`);
      expect(step.loss!).toBeLessThanOrEqual(lastLoss + 1e-12);
      lastLoss = step.loss!;
      const p = model.predictProba(points);
      let worst = 0;
      for (let i = 0; i < points.length / 2; i++) {
        const want = predictPartial(root, expanded, points[2 * i], points[2 * i + 1]);
        for (let c = 0; c < data.classes; c++) worst = Math.max(worst, Math.abs(p[i * data.classes + c] - want[c]));
      }
      expect(worst).toBeLessThan(1e-6);
    }
    expect(stages).toBe(order.length);
    expect(stages).toBeGreaterThan(5);
  });

  it('keeps maxDepth and minSamplesLeaf, and its final loss is the leaves’ mean impurity', () => {
    const data = referenceData('mixture').train;
    const { model, steps } = grow(data, { maxDepth: 5, minSamplesLeaf: 7 });
    const t = model.tree;
    const perLeaf = new Map<number, number[]>();
    for (let i = 0; i < data.n; i++) {
      const leaf = t.leafOf(data.X[2 * i], data.X[2 * i + 1]);
      if (!perLeaf.has(leaf)) perLeaf.set(leaf, new Array<number>(data.classes).fill(0));
      perLeaf.get(leaf)![data.y[i]]++;
    }
    let total = 0;
    for (const counts of perLeaf.values()) {
      const m = counts.reduce((a, b) => a + b, 0);
      expect(m).toBeGreaterThanOrEqual(7);
      total += m * impurity(counts, 'gini');
    }
    expect(steps.at(-1)!.loss!).toBeCloseTo(total / data.n, 12);
    expect(perLeaf.size).toBe(t.leafCount());
    const depth = (node: number): number =>
      t.feature[node] < 0 ? 0 : 1 + Math.max(depth(t.left[node]), depth(t.left[node] + 1));
    expect(depth(0)).toBeLessThanOrEqual(5);
    expect(depth(0)).toBe(5);
  });

  it('with one class only, makes no split and predicts that class', () => {
    const data = separatedGaussians(30, 3, 1);
    data.y.fill(2);
    const { model, steps } = grow(data);
    expect(steps).toEqual([{ stage: 1, total: 1, label: 'no split', loss: 0 }]);
    expect(Array.from(model.predictProba(Float64Array.of(0, 0, 5, 5)))).toEqual([0, 0, 1, 0, 0, 1]);
  });

  it.each(referenceSets)('predicts scikit-learn’s class on at least 98 % of a lattice over %s', (name) => {
    const { train } = referenceData(name);
    const p = grow(train).model.predictProba(referenceLattice(train));
    expect(agreement(p, train.classes, reference[name].tree.lattice_classes)).toBeGreaterThanOrEqual(0.98);
  });

  it.each(referenceSets)('has test accuracy within 0.03 of scikit-learn’s, and as many leaves, on %s', (name) => {
    const { train, test } = referenceData(name);
    const { model } = grow(train);
    const ours = accuracy(model.predictProba(test.X), test);
    expect(Math.abs(ours - reference[name].tree.test_accuracy)).toBeLessThanOrEqual(0.03);
    expect(model.tree.leafCount()).toBe(reference[name].tree.leaves);
    expect(Math.abs(accuracy(model.predictProba(train.X), train) - reference[name].tree.train_accuracy)).toBeLessThan(
      0.02,
    );
  });
});

describe('regression tree', () => {
  const regress = (options: Partial<TreeOptions> = {}) => tree.regressor!(tree.schema.parse(options)) as RegressionTree;

  it('splits a node where the squared error falls most (checked by brute force over every midpoint)', () => {
    const data = sineSeries(120, 21, 0.3);
    const model = regress({ maxDepth: 1 });
    trainToEnd(model, data);
    const sse = (ys: number[]) => {
      const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
      return ys.reduce((a, v) => a + (v - mean) ** 2, 0);
    };
    const xs = Array.from(data.x).sort((a, b) => a - b);
    let best = { sse: Number.POSITIVE_INFINITY, threshold: 0 };
    for (let i = 0; i + 1 < xs.length; i++) {
      const t = (xs[i] + xs[i + 1]) / 2;
      const left = Array.from(data.y).filter((_, j) => data.x[j] <= t);
      const right = Array.from(data.y).filter((_, j) => data.x[j] > t);
      const total = sse(left) + sse(right);
      if (total < best.sse) best = { sse: total, threshold: t };
    }
    expect(model.tree.feature[0]).toBe(0);
    expect(model.tree.threshold[0]).toBeCloseTo(best.threshold, 12);
    expect(meanSquaredError(model.predict(data.x), data) * data.n).toBeCloseTo(best.sse, 9);
  });

  it('reports after each split the training MSE of the tree so far, which never rises', () => {
    const data = sineSeries(80, 22, 0.3);
    const model = regress({ maxDepth: 5 });
    let previous = Number.POSITIVE_INFINITY;
    for (const step of model.train(data, createRng(1))) {
      const mse = meanSquaredError(model.predict(data.x), data);
      expect(step.loss).toBeCloseTo(mse, 10);
      expect(mse).toBeLessThanOrEqual(previous + 1e-12);
      previous = mse;
    }
  });

  it('grown without limits, passes through every training point; a constant y is not split', () => {
    const data = sineSeries(50, 23, 0.3);
    const deep = regress({ maxDepth: 64 });
    trainToEnd(deep, data);
    expect(Array.from(deep.predict(data.x))).toEqual(Array.from(data.y));
    const flat: Series = { x: data.x, y: new Float64Array(data.n).fill(1.5), n: data.n };
    const none = regress();
    expect(trainToEnd(none, flat).map((s) => s.label)).toEqual(['no split']);
  });

  it('warns that a class impurity means nothing to it, only when one other than the default is asked for', () => {
    const data = sineSeries(30, 24);
    const warned = regress({ criterion: 'entropy' });
    trainToEnd(warned, data);
    expect(warned.warnings()).toEqual([
      'criterion entropy is a class impurity: a regression tree splits on squared error',
    ]);
    const quiet = regress();
    trainToEnd(quiet, data);
    expect(quiet.warnings()).toEqual([]);
  });
});
