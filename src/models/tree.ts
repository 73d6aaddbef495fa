/**
 * Decision tree: CART (Breiman, Friedman, Olshen & Stone 1984), binary axis-aligned splits
 * chosen to most decrease the impurity of the training points. Classification: gini or entropy
 * impurity, a leaf predicts its class shares (scikit-learn's DecisionTreeClassifier). Regression
 * (CART's least-squares trees, ch. 8; scikit-learn's DecisionTreeRegressor with squared error):
 * the impurity is the squared error, a leaf predicts its mean; `criterion` names a class
 * impurity and is ignored, with a warning when it is not the default. The stopping rules are
 * scikit-learn's (maxDepth, minSamplesLeaf, minSamplesSplit; pure nodes are not split); there is
 * no pruning. One stage = one split, made best-first (largest impurity decrease first), so the
 * regions subdivide visibly, the biggest improvement first; the finished tree is the one
 * depth-first growth gives (see cart.ts). The stage's loss is the mean impurity of the training
 * points (regression: the training MSE).
 */
import { z } from 'zod';
import type { Dataset, Series } from '../dataset.js';
import type { Grid } from '../grid.js';
import { options } from '../options.js';
import type { Rng } from '../random.js';
import {
  ClassRule,
  classStats,
  type GrowLimits,
  presort,
  SquaredErrorRule,
  squaredErrorStats,
  TreeGrower,
} from './algorithms/cart.js';
import { FlatTree, type SumLayout } from './algorithms/flat-tree.js';
import { onLine } from './algorithms/line-points.js';
import { oneColumn, sumTreesAt, sumTreesOnGrid } from './algorithms/tree-sums.js';
import { type Classifier, defineModel, probaBuffer, type Regressor, type Step, valueBuffer } from './model.js';

export const criterionOption = z
  .enum(['gini', 'entropy'])
  .default('gini')
  .describe('impurity: gini or entropy (classification; regression uses squared error)');

const schema = options({
  maxDepth: z.number().int().min(1).max(64).default(8).describe('depth of the deepest split + 1'),
  minSamplesLeaf: z.number().int().min(1).default(1).describe('fewest training points in a leaf'),
  minSamplesSplit: z.number().int().min(2).default(2).describe('fewest training points in a node that is split'),
  criterion: criterionOption,
});

type TreeOptions = z.output<typeof schema>;

/** The warning of a regression forest or tree given a class impurity other than the default. */
export function criterionWarnings(criterion: string): string[] {
  return criterion === 'gini'
    ? []
    : [`criterion ${criterion} is a class impurity: a regression tree splits on squared error`];
}

/**
 * Grows the grower's tree on all points, one split per yield, best first; `show` gets the
 * growing tree first and its finished copy last. Each stage's loss is the training points' mean
 * impurity: the root's, less the gains of the splits so far.
 */
function* splitBySplit(
  grower: TreeGrower,
  stats: Float64Array,
  n: number,
  show: (tree: FlatTree) => void,
): Generator<Step, void, undefined> {
  const growing = grower.begin(stats, null, null);
  show(growing);
  let impurity = grower.impurityOf(0);
  const perPoint = (v: number) => (n > 0 ? Math.max(0, v) / n : 0);
  let splits = 0;
  while (grower.step()) {
    splits++;
    impurity -= grower.lastGain();
    yield { stage: splits, label: `split ${splits}`, loss: perPoint(impurity) };
  }
  show(growing.copy());
  if (splits === 0) yield { stage: 1, total: 1, label: 'no split', loss: perPoint(impurity) };
}

function limits(opts: TreeOptions): GrowLimits {
  return {
    maxDepth: opts.maxDepth,
    minSamplesLeaf: opts.minSamplesLeaf,
    minSamplesSplit: opts.minSamplesSplit,
    maxFeatures: 2,
  };
}

export class DecisionTree implements Classifier {
  /** The tree so far; it grows in place while train() runs. */
  tree: FlatTree;
  /** One tree's sums are its leaves' class shares. */
  private readonly layout: SumLayout;

  constructor(
    readonly classes: number,
    private readonly opts: TreeOptions,
  ) {
    this.layout = { stride: classes, column: () => 0 };
    this.tree = new FlatTree(classes, 1);
    this.tree.value.fill(1 / classes, 0, classes);
  }

  *train(data: Dataset, _rng: Rng) {
    const k = this.classes;
    const grower = new TreeGrower(
      data.X,
      data.n,
      presort(data.X, data.n),
      new ClassRule(this.opts.criterion, k),
      limits(this.opts),
    );
    yield* splitBySplit(grower, classStats(data.y, data.n, k), data.n, (tree) => {
      this.tree = tree;
    });
  }

  predictProba(X: Float64Array, out?: Float32Array): Float32Array {
    return this.shares(sumTreesAt([this.tree], X, this.layout), out);
  }

  predictGrid(grid: Grid, out?: Float32Array): Float32Array {
    return this.shares(sumTreesOnGrid([this.tree], grid, this.layout), out);
  }

  private shares(sums: Float64Array, out?: Float32Array): Float32Array {
    const p = probaBuffer(sums.length / this.classes, this.classes, out);
    p.set(sums);
    return p;
  }
}

export class RegressionTree implements Regressor {
  /** The tree so far (on points (x, 0)); it grows in place while train() runs. Before: predicts 0. */
  tree = new FlatTree(1, 1);

  constructor(private readonly opts: TreeOptions) {}

  *train(data: Series, _rng: Rng) {
    const X = onLine(data.x, data.n);
    const grower = new TreeGrower(X, data.n, presort(X, data.n), new SquaredErrorRule(), limits(this.opts));
    yield* splitBySplit(grower, squaredErrorStats(data.y, data.n), data.n, (tree) => {
      this.tree = tree;
    });
  }

  predict(x: Float64Array, out?: Float64Array): Float64Array {
    const values = valueBuffer(x.length, out);
    values.set(sumTreesAt([this.tree], onLine(x), oneColumn));
    return values;
  }

  warnings(): string[] {
    return criterionWarnings(this.opts.criterion);
  }
}

export const tree = defineModel({
  type: 'tree',
  title: 'Decision tree',
  stage: 'split',
  schema,
  classifier: (opts, classes) => new DecisionTree(classes, opts),
  regressor: (opts) => new RegressionTree(opts),
});
