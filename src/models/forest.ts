/**
 * Random forest (Breiman 2001): each tree is a CART tree (see tree.ts) grown without pruning on
 * a bootstrap sample of the training points (n draws with replacement; a point drawn twice
 * counts twice in the class shares), searching only `maxFeatures` randomly chosen features at
 * each split (mtry; 1 of the 2 by default, the rule floor(√p) of Breiman and of randomForest).
 * The forest's class probabilities are the mean of its trees' leaf class shares (scikit-learn's
 * RandomForestClassifier, ranger's probability forest). One stage = one more tree.
 */
import { z } from 'zod';
import type { Dataset } from '../dataset.js';
import type { Grid } from '../grid.js';
import { options } from '../options.js';
import type { Rng } from '../random.js';
import { ClassRule, classStats, presort, TreeGrower } from './algorithms/cart.js';
import type { FlatTree } from './algorithms/flat-tree.js';
import { StagedSums } from './algorithms/tree-sums.js';
import { type Classifier, defineModel, probaBuffer } from './model.js';
import { criterionOption } from './tree.js';

const schema = options({
  trees: z.number().int().min(1).max(10000).default(100),
  maxDepth: z.number().int().min(1).max(64).nullable().default(null).describe('null = grow until leaves are pure'),
  minSamplesLeaf: z.number().int().min(1).default(1).describe('fewest training points in a leaf'),
  maxFeatures: z.number().int().min(1).max(2).default(1).describe('features tried at each split (of 2)'),
  bootstrap: z.boolean().default(true).describe('grow each tree on a bootstrap sample (false: on all points)'),
  criterion: criterionOption,
});

export class RandomForest implements Classifier {
  /** The trees grown so far. */
  trees: FlatTree[] = [];
  /** Their class shares summed at the point sets predicted so far. */
  private readonly sums: StagedSums;

  constructor(
    readonly classes: number,
    private readonly opts: z.output<typeof schema>,
  ) {
    this.sums = new StagedSums({ stride: classes, column: () => 0 });
  }

  *train(data: Dataset, rng: Rng) {
    const { n, X } = data;
    const k = this.classes;
    const grower = new TreeGrower(X, n, presort(X, n), new ClassRule(this.opts.criterion, k), {
      maxDepth: this.opts.maxDepth ?? Number.POSITIVE_INFINITY,
      minSamplesLeaf: this.opts.minSamplesLeaf,
      minSamplesSplit: 2,
      maxFeatures: this.opts.maxFeatures,
    });
    this.trees = [];
    this.sums.clear();
    const counts = new Float64Array(n);
    const drawn = new Uint8Array(n);
    const stats = new Float64Array(n * k);
    const total = this.opts.trees;
    for (let t = 1; t <= total; t++) {
      if (this.opts.bootstrap) {
        counts.fill(0);
        for (let j = 0; j < n; j++) counts[rng.int(n)]++;
        for (let i = 0; i < n; i++) drawn[i] = counts[i] > 0 ? 1 : 0;
      } else counts.fill(1);
      this.trees.push(grower.grow(classStats(data.y, n, k, counts, stats), this.opts.bootstrap ? drawn : null, rng));
      yield { stage: t, total, label: `tree ${t}` };
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

export const forest = defineModel({
  type: 'forest',
  title: 'Random forest',
  stage: 'tree',
  schema,
  classifier: (opts, classes) => new RandomForest(classes, opts),
});
