/**
 * k-nearest neighbours (Fix & Hodges 1951; Cover & Hart 1967; ESL §2.3.2). Classification, as R's
 * class::knn and scikit-learn's KNeighborsClassifier: the probability of class c at x is the
 * share of x's k nearest training points (Euclidean distance) in class c. Regression, as
 * scikit-learn's KNeighborsRegressor (ESL eq. 2.8): the prediction at x is the mean of its k
 * nearest training points' y. Each neighbour weighs 1 ("uniform") or 1/distance ("distance"; a
 * training point at distance 0 then takes all the weight, shared with any other at distance 0,
 * as scikit-learn does). Neighbours come from a 2-d tree (a regression's x as points (x, 0)),
 * ties in distance go to the lower training index (scikit-learn leaves them to the order of the
 * training data). With fewer than k training points, all of them count; with none, a
 * regression predicts 0.
 */
import { z } from 'zod';
import type { Dataset, Series } from '../dataset.js';
import { options } from '../options.js';
import { KdTree } from './algorithms/kdtree.js';
import { onLine } from './algorithms/line-points.js';
import { type Classifier, defineModel, probaBuffer, type Regressor, valueBuffer } from './model.js';

const schema = options({
  k: z.number().int().min(1).max(1000).default(5).describe('neighbours that vote'),
  weights: z
    .enum(['uniform', 'distance'])
    .default('uniform')
    .describe('uniform votes, or votes weighted by 1/distance'),
});

type KnnOptions = z.output<typeof schema>;

/**
 * The k nearest training points of each query, and their weights. The warning names no count:
 * the pipeline shows each distinct warning once over all frames.
 */
class Neighbours {
  readonly ids: Int32Array;
  readonly weights: Float64Array;
  private readonly d2: Float64Array;
  readonly notes: string[];

  constructor(
    private readonly tree: KdTree,
    private readonly opts: KnnOptions,
  ) {
    const m = Math.min(opts.k, tree.n);
    this.ids = new Int32Array(m);
    this.d2 = new Float64Array(m);
    this.weights = new Float64Array(m);
    this.notes = opts.k > tree.n ? [`k = ${opts.k} is more than the training points: all of them vote`] : [];
  }

  /** Finds the neighbours of (x, y); returns how many of them count, their ids and weights first. */
  of(x: number, y: number): number {
    const { ids, d2, weights } = this;
    const found = this.tree.nearest(x, y, ids.length, ids, d2);
    const byDistance = this.opts.weights === 'distance';
    if (byDistance && found > 0 && d2[0] === 0) {
      // Exact matches only (sorted: they come first).
      let count = 0;
      while (count < found && d2[count] === 0) weights[count++] = 1;
      return count;
    }
    for (let j = 0; j < found; j++) weights[j] = byDistance ? 1 / Math.sqrt(d2[j]) : 1;
    return found;
  }
}

class NearestNeighbours implements Classifier {
  /** Before training: none, every class equally likely. */
  private neighbours: Neighbours | null = null;
  private labels: Uint8Array = new Uint8Array(0);

  constructor(
    readonly classes: number,
    private readonly opts: KnnOptions,
  ) {}

  *train(data: Dataset) {
    this.neighbours = new Neighbours(new KdTree(data.X, data.n), this.opts);
    this.labels = data.y.slice(0, data.n);
    yield { stage: 1, total: 1, label: 'fit' };
  }

  predictProba(X: Float64Array, out?: Float32Array): Float32Array {
    const k = this.classes;
    const n = X.length / 2;
    const proba = probaBuffer(n, k, out);
    const neighbours = this.neighbours;
    if (!neighbours) return proba.fill(1 / k, 0, n * k);
    const { ids, weights } = neighbours;
    const votes = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const count = neighbours.of(X[2 * i], X[2 * i + 1]);
      votes.fill(0);
      let total = 0;
      for (let j = 0; j < count; j++) {
        votes[this.labels[ids[j]]] += weights[j];
        total += weights[j];
      }
      for (let c = 0; c < k; c++) proba[i * k + c] = total > 0 ? votes[c] / total : 1 / k;
    }
    return proba;
  }

  warnings(): string[] {
    return this.neighbours?.notes ?? [];
  }
}

class NearestNeighboursRegression implements Regressor {
  /** Before training: none, predictions 0. */
  private neighbours: Neighbours | null = null;
  private y = new Float64Array(0);

  constructor(private readonly opts: KnnOptions) {}

  *train(data: Series) {
    this.neighbours = new Neighbours(new KdTree(onLine(data.x, data.n)), this.opts);
    this.y = data.y.slice(0, data.n);
    yield { stage: 1, total: 1, label: 'fit' };
  }

  predict(x: Float64Array, out?: Float64Array): Float64Array {
    const values = valueBuffer(x.length, out);
    const neighbours = this.neighbours;
    if (!neighbours) return values.fill(0, 0, x.length);
    const { ids, weights } = neighbours;
    for (let i = 0; i < x.length; i++) {
      const count = neighbours.of(x[i], 0);
      let sum = 0;
      let total = 0;
      for (let j = 0; j < count; j++) {
        sum += weights[j] * this.y[ids[j]];
        total += weights[j];
      }
      values[i] = total > 0 ? sum / total : 0;
    }
    return values;
  }

  warnings(): string[] {
    return this.neighbours?.notes ?? [];
  }
}

export const knn = defineModel({
  type: 'knn',
  title: 'k-nearest neighbours',
  stage: null,
  schema,
  classifier: (opts, classes) => new NearestNeighbours(classes, opts),
  regressor: (opts) => new NearestNeighboursRegression(opts),
});
