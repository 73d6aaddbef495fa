/**
 * k-nearest neighbours (Fix & Hodges 1951; Cover & Hart 1967; ESL §2.3.2; as R's class::knn
 * and scikit-learn's KNeighborsClassifier): the probability of class c at x is the share of
 * x's k nearest training points (Euclidean distance) in class c, each weighing 1 ("uniform")
 * or 1/distance ("distance"; a training point at distance 0 then takes all the weight, shared
 * with any other at distance 0, as scikit-learn does). Neighbours come from a 2-d tree, ties in
 * distance go to the lower training index. With fewer than k training points, all of them vote.
 */
import { z } from 'zod';
import type { Dataset } from '../dataset.js';
import { options } from '../options.js';
import { KdTree } from './algorithms/kdtree.js';
import { type Classifier, defineModel, probaBuffer } from './model.js';

const schema = options({
  k: z.number().int().min(1).max(1000).default(5).describe('neighbours that vote'),
  weights: z
    .enum(['uniform', 'distance'])
    .default('uniform')
    .describe('uniform votes, or votes weighted by 1/distance'),
});

class NearestNeighbours implements Classifier {
  private tree: KdTree = new KdTree(new Float64Array(0));
  private labels: Uint8Array = new Uint8Array(0);
  private notes: string[] = [];

  constructor(
    readonly classes: number,
    private readonly opts: z.output<typeof schema>,
  ) {}

  *train(data: Dataset) {
    this.tree = new KdTree(data.X, data.n);
    this.labels = data.y.slice(0, data.n);
    // No n in the text: the pipeline shows each distinct warning once over all frames.
    this.notes = this.opts.k > data.n ? [`k = ${this.opts.k} is more than the training points: all of them vote`] : [];
    yield { stage: 1, total: 1, label: 'fit' };
  }

  predictProba(X: Float64Array, out?: Float32Array): Float32Array {
    const k = this.classes;
    const n = X.length / 2;
    const proba = probaBuffer(n, k, out);
    const m = Math.min(this.opts.k, this.tree.n);
    const ids = new Int32Array(m);
    const d2 = new Float64Array(m);
    const votes = new Float64Array(k);
    const byDistance = this.opts.weights === 'distance';
    for (let i = 0; i < n; i++) {
      const found = this.tree.nearest(X[2 * i], X[2 * i + 1], m, ids, d2);
      votes.fill(0);
      let total = 0;
      if (byDistance && found > 0 && d2[0] === 0) {
        // Exact matches only (sorted: they come first).
        for (let j = 0; j < found && d2[j] === 0; j++) {
          votes[this.labels[ids[j]]]++;
          total++;
        }
      } else {
        for (let j = 0; j < found; j++) {
          const w = byDistance ? 1 / Math.sqrt(d2[j]) : 1;
          votes[this.labels[ids[j]]] += w;
          total += w;
        }
      }
      for (let c = 0; c < k; c++) proba[i * k + c] = total > 0 ? votes[c] / total : 1 / k;
    }
    return proba;
  }

  warnings(): string[] {
    return this.notes;
  }
}

export const knn = defineModel({
  type: 'knn',
  title: 'k-nearest neighbours',
  stage: null,
  schema,
  classifier: (opts, classes) => new NearestNeighbours(classes, opts),
});
