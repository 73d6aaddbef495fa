/**
 * Classification tree: CART (Breiman, Friedman, Olshen & Stone 1984), binary axis-aligned splits
 * chosen to most decrease the gini or entropy impurity; a leaf predicts its class shares. The
 * stopping rules are scikit-learn's DecisionTreeClassifier's (maxDepth, minSamplesLeaf,
 * minSamplesSplit; pure nodes are not split); there is no pruning. One stage = one split, made
 * best-first (largest impurity decrease first), so the regions subdivide visibly, the biggest
 * improvement first; the finished tree is the one depth-first growth gives (see cart.ts).
 */
import { z } from 'zod';
import type { Dataset } from '../dataset.js';
import type { Grid } from '../grid.js';
import { options } from '../options.js';
import type { Rng } from '../random.js';
import { ClassRule, classStats, presort, TreeGrower } from './algorithms/cart.js';
import { FlatTree, type SumLayout } from './algorithms/flat-tree.js';
import { sumTreesAt, sumTreesOnGrid } from './algorithms/tree-sums.js';
import { type Classifier, defineModel, probaBuffer } from './model.js';

export const criterionOption = z.enum(['gini', 'entropy']).default('gini').describe('impurity: gini or entropy');

const schema = options({
  maxDepth: z.number().int().min(1).max(64).default(8).describe('depth of the deepest split + 1'),
  minSamplesLeaf: z.number().int().min(1).default(1).describe('fewest training points in a leaf'),
  minSamplesSplit: z.number().int().min(2).default(2).describe('fewest training points in a node that is split'),
  criterion: criterionOption,
});

export class DecisionTree implements Classifier {
  /** The tree so far; it grows in place while train() runs. */
  tree: FlatTree;
  /** One tree's sums are its leaves' class shares. */
  private readonly layout: SumLayout;

  constructor(
    readonly classes: number,
    private readonly opts: z.output<typeof schema>,
  ) {
    this.layout = { stride: classes, column: () => 0 };
    this.tree = new FlatTree(classes, 1);
    this.tree.value.fill(1 / classes, 0, classes);
  }

  *train(data: Dataset, _rng: Rng) {
    const k = this.classes;
    const grower = new TreeGrower(data.X, data.n, presort(data.X, data.n), new ClassRule(this.opts.criterion, k), {
      maxDepth: this.opts.maxDepth,
      minSamplesLeaf: this.opts.minSamplesLeaf,
      minSamplesSplit: this.opts.minSamplesSplit,
      maxFeatures: 2,
    });
    this.tree = grower.begin(classStats(data.y, data.n, k), null, null);
    // Mean impurity of the training points over the leaves; each split lowers it by its gain.
    let impurity = -grower.scoreOf(0);
    const perPoint = (v: number) => (data.n > 0 ? Math.max(0, v) / data.n : 0);
    let splits = 0;
    while (grower.step()) {
      splits++;
      impurity -= grower.lastGain();
      yield { stage: splits, label: `split ${splits}`, loss: perPoint(impurity) };
    }
    this.tree = this.tree.copy();
    if (splits === 0) yield { stage: 1, total: 1, label: 'no split', loss: perPoint(impurity) };
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

export const tree = defineModel({
  type: 'tree',
  title: 'Decision tree',
  stage: 'split',
  schema,
  classifier: (opts, classes) => new DecisionTree(classes, opts),
});
