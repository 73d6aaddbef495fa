/**
 * Random forest (Breiman 2001): each tree is a CART tree (see tree.ts) grown without pruning on
 * a bootstrap sample of the training points (n draws with replacement; a point drawn twice
 * counts twice in its leaf). Classification: each split searches only `maxFeatures` randomly
 * chosen features (mtry; 1 of the 2 by default, the rule floor(√p) of Breiman and of
 * randomForest), and the forest's class probabilities are the mean of its trees' leaf class
 * shares (scikit-learn's RandomForestClassifier, ranger's probability forest). Regression
 * (scikit-learn's RandomForestRegressor): squared-error trees, the prediction is the mean of the
 * trees' leaf means. With one input every split searches x: `maxFeatures` = 1 is all of it, 2
 * is more than there is (a warning; scikit-learn refuses), and no random draw is made per split.
 * One stage = one more tree.
 */
import { z } from 'zod';
import type { Dataset, Series } from '../dataset.js';
import type { Grid } from '../grid.js';
import { options } from '../options.js';
import type { Rng } from '../random.js';
import {
  ClassRule,
  classStats,
  presort,
  type SplitRule,
  SquaredErrorRule,
  squaredErrorStats,
  TreeGrower,
} from './algorithms/cart.js';
import type { FlatTree } from './algorithms/flat-tree.js';
import { onLine } from './algorithms/line-points.js';
import { oneColumn, StagedSums, sumTreesAt } from './algorithms/tree-sums.js';
import { type Classifier, defineModel, probaBuffer, type Regressor, valueBuffer } from './model.js';
import { criterionOption, criterionWarnings } from './tree.js';

const schema = options({
  trees: z.number().int().min(1).max(10000).default(100),
  maxDepth: z.number().int().min(1).max(64).nullable().default(null).describe('null = grow until leaves are pure'),
  minSamplesLeaf: z.number().int().min(1).default(1).describe('fewest training points in a leaf'),
  maxFeatures: z.number().int().min(1).max(2).default(1).describe('features tried at each split (of 2)'),
  bootstrap: z.boolean().default(true).describe('grow each tree on a bootstrap sample (false: on all points)'),
  criterion: criterionOption,
});

type ForestOptions = z.output<typeof schema>;

/**
 * Grows the forest's trees one per yield, each on its own bootstrap sample (or all points),
 * with `statsOf(counts)` the rule's statistics of the points weighted by how often each was drawn.
 */
function* growForest(
  opts: ForestOptions,
  X: Float64Array,
  n: number,
  rule: SplitRule,
  maxFeatures: number,
  statsOf: (counts: Float64Array) => Float64Array,
  rng: Rng,
): Generator<FlatTree, void, undefined> {
  const grower = new TreeGrower(X, n, presort(X, n), rule, {
    maxDepth: opts.maxDepth ?? Number.POSITIVE_INFINITY,
    minSamplesLeaf: opts.minSamplesLeaf,
    minSamplesSplit: 2,
    maxFeatures,
  });
  const counts = new Float64Array(n);
  const drawn = new Uint8Array(n);
  for (let t = 1; t <= opts.trees; t++) {
    if (opts.bootstrap) {
      counts.fill(0);
      for (let j = 0; j < n; j++) counts[rng.int(n)]++;
      for (let i = 0; i < n; i++) drawn[i] = counts[i] > 0 ? 1 : 0;
    } else counts.fill(1);
    yield grower.grow(statsOf(counts), opts.bootstrap ? drawn : null, rng);
  }
}

export class RandomForest implements Classifier {
  /** The trees grown so far. */
  trees: FlatTree[] = [];
  /** Their class shares summed at the point sets predicted so far. */
  private readonly sums: StagedSums;

  constructor(
    readonly classes: number,
    private readonly opts: ForestOptions,
  ) {
    this.sums = new StagedSums({ stride: classes, column: () => 0 });
  }

  *train(data: Dataset, rng: Rng) {
    const { n, X } = data;
    const k = this.classes;
    this.trees = [];
    this.sums.clear();
    const stats = new Float64Array(n * k);
    const rule = new ClassRule(this.opts.criterion, k);
    const total = this.opts.trees;
    for (const tree of growForest(
      this.opts,
      X,
      n,
      rule,
      this.opts.maxFeatures,
      (counts) => classStats(data.y, n, k, counts, stats),
      rng,
    )) {
      this.trees.push(tree);
      yield { stage: this.trees.length, total, label: `tree ${this.trees.length}` };
    }
  }

  predictProba(X: Float64Array, out?: Float32Array): Float32Array {
    return this.meanShares(this.trees.length > 0 ? this.sums.atPoints(this.trees, X) : null, X.length / 2, out);
  }

  predictGrid(grid: Grid, out?: Float32Array): Float32Array {
    const n = grid.nx * grid.ny;
    return this.meanShares(this.trees.length > 0 ? this.sums.onGrid(this.trees, grid) : null, n, out);
  }

  /** The trees' mean class shares from their sums at n points (before the first tree: uniform). */
  private meanShares(sums: Float64Array | null, n: number, out?: Float32Array): Float32Array {
    const k = this.classes;
    const p = probaBuffer(n, k, out);
    if (!sums) {
      p.fill(1 / k, 0, n * k);
      return p;
    }
    const scale = 1 / this.trees.length;
    for (let j = 0; j < n * k; j++) p[j] = sums[j] * scale;
    return p;
  }
}

export class RegressionForest implements Regressor {
  /** The trees grown so far, on points (x, 0). */
  trees: FlatTree[] = [];

  constructor(private readonly opts: ForestOptions) {}

  *train(data: Series, rng: Rng) {
    const { n } = data;
    this.trees = [];
    const stats = new Float64Array(3 * n);
    const total = this.opts.trees;
    // One input: every split searches it, no feature is drawn.
    const trees = growForest(
      this.opts,
      onLine(data.x, n),
      n,
      new SquaredErrorRule(),
      2,
      (counts) => squaredErrorStats(data.y, n, counts, stats),
      rng,
    );
    for (const tree of trees) {
      this.trees.push(tree);
      yield { stage: this.trees.length, total, label: `tree ${this.trees.length}` };
    }
  }

  /** The mean of the trees' leaf means (before the first tree: 0). */
  predict(x: Float64Array, out?: Float64Array): Float64Array {
    const values = valueBuffer(x.length, out);
    if (this.trees.length === 0) return values.fill(0, 0, x.length);
    const sums = sumTreesAt(this.trees, onLine(x), oneColumn);
    const scale = 1 / this.trees.length;
    for (let i = 0; i < x.length; i++) values[i] = sums[i] * scale;
    return values;
  }

  warnings(): string[] {
    const notes = criterionWarnings(this.opts.criterion);
    if (this.opts.maxFeatures > 1)
      notes.push(`maxFeatures = ${this.opts.maxFeatures} is more than the one input: every split searches x`);
    return notes;
  }
}

export const forest = defineModel({
  type: 'forest',
  title: 'Random forest',
  stage: 'tree',
  schema,
  classifier: (opts, classes) => new RandomForest(classes, opts),
  regressor: (opts) => new RegressionForest(opts),
});
