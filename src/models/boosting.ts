/**
 * Gradient-boosted trees as in XGBoost (Chen & Guestrin 2016, §2): the model is a sum of
 * regression trees, F(x) = F₀ + Σ_t η·f_t(x), each tree fitted to the second-order expansion of
 * the loss around the current F. Classification: the logistic loss (softmax cross-entropy and
 * one tree per class and round for K > 2 classes, as XGBoost's multi:softprob). Regression: half
 * the squared error (XGBoost's reg:squarederror, scikit-learn's HistGradientBoostingRegressor),
 * g = F − y and h = 1, so a leaf's weight is the shrunk, λ-damped mean residual and
 * minChildWeight is the fewest points per child. With gradient g and hessian h per point, a
 * leaf holding G = Σg, H = Σh gets the weight −G/(H + λ), and a split is made by exact greedy
 * search (cart.ts) when its gain ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)] − γ is positive and
 * each child keeps H ≥ minChildWeight. Trees are limited to maxDepth; η = learningRate shrinks
 * each one; each round grows on a random share `subsample` of the points. The start F₀ is the
 * log-odds of the class shares, or the mean of y (XGBoost ≥ 2's fitted intercept, scikit-learn's
 * baseline). For K > 2 the hessian is the diagonal p(1 − p), as in scikit-learn's
 * HistGradientBoostingClassifier. One stage = one round; its loss is the training points' mean
 * loss (log loss, or ½·MSE).
 */
import { z } from 'zod';
import { classCounts, type Dataset, type Series } from '../dataset.js';
import type { Grid } from '../grid.js';
import { options } from '../options.js';
import type { Rng } from '../random.js';
import { presort, type SplitRule, TreeGrower } from './algorithms/cart.js';
import type { FlatTree } from './algorithms/flat-tree.js';
import { onLine } from './algorithms/line-points.js';
import { softmaxInPlace } from './algorithms/loss.js';
import { oneColumn, StagedSums, sumTreesAt } from './algorithms/tree-sums.js';
import { type Classifier, defineModel, probaBuffer, type Regressor, valueBuffer } from './model.js';

const schema = options({
  rounds: z.number().int().min(1).max(10000).default(100),
  learningRate: z.number().positive().max(1).default(0.3).describe('shrinkage η of each tree'),
  maxDepth: z.number().int().min(1).max(32).default(6),
  lambda: z.number().min(0).default(1).describe('L2 penalty on leaf weights'),
  gamma: z.number().min(0).default(0).describe('loss reduction a split must exceed'),
  minChildWeight: z.number().min(0).default(1).describe('smallest hessian sum in a child'),
  subsample: z.number().gt(0).max(1).default(1).describe('share of points each round grows on'),
});

/** Smallest share used for the starting log-odds, so a class absent from the data stays finite. */
const SHARE_FLOOR = 1e-6;

/** XGBoost's second-order rule: statistics (g, h), leaf weight −η·G/(H + λ). */
class SecondOrderRule implements SplitRule {
  readonly channels = 2;
  readonly width = 1;

  constructor(
    private readonly lambda: number,
    readonly minGain: number,
    private readonly minChildWeight: number,
    private readonly eta: number,
  ) {}

  score(s: Float64Array, o: number): number {
    const h = s[o + 1] + this.lambda;
    return h > 0 ? (0.5 * s[o] * s[o]) / h : 0;
  }

  /** The node's part of the regularised objective, −½G²/(H + λ). */
  impurity(s: Float64Array, o: number): number {
    return -this.score(s, o);
  }

  admissible(s: Float64Array, o: number): boolean {
    return s[o + 1] >= this.minChildWeight;
  }

  settled(): boolean {
    return false;
  }

  value(s: Float64Array, o: number, out: Float64Array, oo: number): void {
    const h = s[o + 1] + this.lambda;
    out[oo] = h > 0 ? (-this.eta * s[o]) / h : 0;
  }
}

type BoostingOptions = z.output<typeof schema>;

/** A grower of one round's trees on the n points of X, with XGBoost's rule and limits. */
function roundGrower(X: Float64Array, n: number, opts: BoostingOptions): TreeGrower {
  const rule = new SecondOrderRule(opts.lambda, opts.gamma, opts.minChildWeight, opts.learningRate);
  return new TreeGrower(X, n, presort(X, n), rule, {
    maxDepth: opts.maxDepth,
    minSamplesLeaf: 1,
    minSamplesSplit: 2,
    maxFeatures: 2,
  });
}

/** The points a round grows on: a random share `subsample` of them (null: all). */
function roundSample(chosen: Uint8Array, n: number, subsample: number, rng: Rng): Uint8Array | null {
  if (subsample >= 1) return null;
  for (let i = 0; i < n; i++) chosen[i] = rng.uniform() < subsample ? 1 : 0;
  return chosen;
}

export class GradientBoosting implements Classifier {
  /** Trees, round by round; `perRound` of them per round (1 for two classes, else K). */
  trees: FlatTree[] = [];
  /** Starting raw scores F₀. */
  base: Float64Array;
  readonly perRound: number;
  /** The trees' scores summed at the point sets predicted so far. */
  private readonly sums: StagedSums;

  constructor(
    readonly classes: number,
    private readonly opts: BoostingOptions,
  ) {
    const R = classes === 2 ? 1 : classes;
    this.perRound = R;
    this.base = new Float64Array(R);
    this.sums = new StagedSums({ stride: R, column: (t) => t % R });
  }

  *train(data: Dataset, rng: Rng) {
    const { n, X, y } = data;
    const k = this.classes;
    const R = this.perRound;
    const { rounds, subsample } = this.opts;
    this.trees = [];
    this.sums.clear();
    this.base = startingScores(classCounts(data), n, R);
    const grower = roundGrower(X, n, this.opts);
    // Raw scores F of the training points (n×R), updated by each new tree.
    const F = new Float64Array(n * R);
    for (let i = 0; i < n; i++) F.set(this.base, i * R);
    const p = new Float64Array(n * k);
    const stats = Array.from({ length: R }, () => new Float64Array(2 * n));
    const chosen = new Uint8Array(n);
    for (let round = 1; round <= rounds; round++) {
      probabilities(F, n, R, k, p);
      for (let c = 0; c < R; c++) {
        // Binary: F is the log-odds of class 1; softmax: F_c is class c's logit.
        const cls = R === 1 ? 1 : c;
        const s = stats[c];
        for (let i = 0; i < n; i++) {
          const q = p[i * k + cls];
          s[2 * i] = q - (y[i] === cls ? 1 : 0);
          s[2 * i + 1] = Math.max(q * (1 - q), 1e-16);
        }
      }
      const sample = roundSample(chosen, n, subsample, rng);
      for (let c = 0; c < R; c++) {
        const tree = grower.grow(stats[c], sample, null);
        this.trees.push(tree);
        tree.accumulate(X, F, R, c);
      }
      probabilities(F, n, R, k, p);
      yield { stage: round, total: rounds, label: `round ${round}`, loss: logLoss(p, y, n, k) };
    }
  }

  predictProba(X: Float64Array, out?: Float32Array): Float32Array {
    return this.fromTreeSums(this.sums.atPoints(this.trees, X), X.length / 2, out);
  }

  predictGrid(grid: Grid, out?: Float32Array): Float32Array {
    return this.fromTreeSums(this.sums.onGrid(this.trees, grid), grid.nx * grid.ny, out);
  }

  /** Class probabilities at n points from the sums of their trees' scores (n×perRound). */
  private fromTreeSums(sums: Float64Array, n: number, out?: Float32Array): Float32Array {
    const k = this.classes;
    const R = this.perRound;
    const F = new Float64Array(n * R);
    for (let i = 0; i < n; i++) for (let c = 0; c < R; c++) F[i * R + c] = sums[i * R + c] + this.base[c];
    const p = probaBuffer(n, k, out);
    const row = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      rowProbabilities(F, i, R, k, row, 0);
      for (let c = 0; c < k; c++) p[i * k + c] = row[c];
    }
    return p;
  }
}

export class BoostedRegression implements Regressor {
  /** One tree per round, on points (x, 0). */
  trees: FlatTree[] = [];
  /** The start F₀: the training mean of y (0 before training). */
  base = 0;

  constructor(private readonly opts: BoostingOptions) {}

  *train(data: Series, rng: Rng) {
    const { n, y } = data;
    const { rounds, subsample } = this.opts;
    const X = onLine(data.x, n);
    this.trees = [];
    let sum = 0;
    for (let i = 0; i < n; i++) sum += y[i];
    this.base = n > 0 ? sum / n : 0;
    const grower = roundGrower(X, n, this.opts);
    // F at the training points; statistics (g, h) = (F − y, 1).
    const F = new Float64Array(n).fill(this.base);
    const stats = new Float64Array(2 * n);
    const chosen = new Uint8Array(n);
    for (let round = 1; round <= rounds; round++) {
      for (let i = 0; i < n; i++) {
        stats[2 * i] = F[i] - y[i];
        stats[2 * i + 1] = 1;
      }
      const tree = grower.grow(stats, roundSample(chosen, n, subsample, rng), null);
      this.trees.push(tree);
      tree.accumulate(X, F, 1, 0);
      let loss = 0;
      for (let i = 0; i < n; i++) loss += 0.5 * (F[i] - y[i]) ** 2;
      yield { stage: round, total: rounds, label: `round ${round}`, loss: n > 0 ? loss / n : 0 };
    }
  }

  predict(x: Float64Array, out?: Float64Array): Float64Array {
    const values = valueBuffer(x.length, out);
    const sums = this.trees.length > 0 ? sumTreesAt(this.trees, onLine(x), oneColumn) : null;
    for (let i = 0; i < x.length; i++) values[i] = this.base + (sums ? sums[i] : 0);
    return values;
  }
}

/** F₀: the log-odds of class 1 (two classes), or the log class shares (softmax). */
function startingScores(counts: number[], n: number, R: number): Float64Array {
  const share = (c: number) => Math.min(Math.max(n > 0 ? counts[c] / n : 1 / counts.length, SHARE_FLOOR), 1);
  if (R === 1) {
    const q = Math.min(share(1), 1 - SHARE_FLOOR);
    return Float64Array.of(Math.log(q / (1 - q)));
  }
  return Float64Array.from(counts, (_, c) => Math.log(share(c)));
}

/** Class probabilities of point i from its raw scores, into out[o..o+k). */
function rowProbabilities(F: Float64Array, i: number, R: number, k: number, out: Float64Array, o: number): void {
  if (R === 1) {
    out[o + 1] = 1 / (1 + Math.exp(-F[i]));
    out[o] = 1 - out[o + 1];
    return;
  }
  for (let c = 0; c < k; c++) out[o + c] = F[i * R + c];
  softmaxInPlace(out, o, k);
}

function probabilities(F: Float64Array, n: number, R: number, k: number, p: Float64Array): void {
  for (let i = 0; i < n; i++) rowProbabilities(F, i, R, k, p, i * k);
}

/** Mean −log p(label): the training loss that each round lowers. */
function logLoss(p: Float64Array, y: Uint8Array, n: number, k: number): number {
  let loss = 0;
  for (let i = 0; i < n; i++) loss -= Math.log(Math.max(p[i * k + y[i]], 1e-300));
  return n > 0 ? loss / n : 0;
}

export const boosting = defineModel({
  type: 'boosting',
  title: 'Gradient boosting',
  stage: 'round',
  schema,
  classifier: (opts, classes) => new GradientBoosting(classes, opts),
  regressor: (opts) => new BoostedRegression(opts),
});
