/**
 * Logistic regression: multinomial logit with class 0 as the reference (the parameterisation
 * of R's glm for two classes and nnet::multinom for more; McCullagh & Nelder 1989, ch. 4–5),
 * fitted by minimising the mean softmax cross-entropy plus (l2/2)·‖w‖² (no penalty on the
 * intercepts). The inputs are the point (x, y), or TensorFlow Playground's features of it
 * (`features`, algorithms/playground-features.ts), standardized internally.
 * - First-order optimizers (gd, sgd, momentum, adam): one stage = one epoch, a full pass over
 *   the data in mini-batches of batchSize points (0 = the whole set in one step).
 * - newton: the exact maximum-likelihood fit as R's glm finds it, by Newton–Raphson (IRLS for
 *   two classes; McCullagh & Nelder 1989, §4.4; Hastie, Tibshirani & Friedman, ESL §4.4.1; see
 *   ./algorithms/glm-newton.ts) on the design (1, inputs), the ridge l2·n on the deviance's scale.
 *   One stage = one Newton step, `epochs` the cap (glm's maxit is 25); training ends early by
 *   glm's rule |D − D_old| / (|D| + 0.1) < 1e-8 on the penalised deviance, so an animation by
 *   epochs has one frame per step taken. learningRate and batchSize do not apply.
 */
import { z } from 'zod';
import type { Dataset } from '../dataset.js';
import { type Grid, gridAxes, gridPoints } from '../grid.js';
import { options } from '../options.js';
import { permutation, type Rng } from '../random.js';
import { converged, GlmNewton } from './algorithms/glm-newton.js';
import { crossEntropyRow, softmaxInPlace, softmaxPairInto } from './algorithms/loss.js';
import { createOptimizer, optimizerName } from './algorithms/optimizers.js';
import { type FeatureMap, featureMap, featuresOption, isPlainPoint } from './algorithms/playground-features.js';
import { type ColumnScaler, fitColumns, standardizeColumns } from './algorithms/standardize.js';
import { type Classifier, defineModel, probaBuffer } from './model.js';

const DEFAULT_LEARNING_RATE = 0.1;

const schema = options({
  optimizer: z
    .enum([...optimizerName.options, 'newton'])
    .default('adam')
    .describe("gd, sgd, momentum, adam, or newton (exact maximum likelihood, as R's glm)"),
  learningRate: z.number().positive().max(100).default(DEFAULT_LEARNING_RATE).describe('not used by newton'),
  epochs: z.number().int().min(1).max(100000).default(100),
  batchSize: z.number().int().min(0).default(0).describe('points per step; 0 = full batch; not used by newton'),
  l2: z.number().min(0).default(0).describe('ridge penalty on the weights'),
  features: featuresOption,
});

/** Logits of point i of the standardized inputs F (n×d): class 0 is 0, class c ≥ 1 is w_c · (1, F_i). */
function logits(w: Float64Array, k: number, F: Float64Array, d: number, i: number, out: Float64Array) {
  out[0] = 0;
  for (let c = 1; c < k; c++) {
    const o = (d + 1) * (c - 1);
    let z = w[o];
    for (let j = 0; j < d; j++) z += w[o + 1 + j] * F[i * d + j];
    out[c] = z;
  }
}

/** Said once per render however many frames fit separable data (warnings are deduplicated by text). */
export const SATURATED_WARNING =
  "logistic (newton): fitted probabilities numerically 0 or 1 occurred: the classes are separable (in some frames), so no maximum-likelihood fit exists and, as with R's glm, the weights grew large (l2 > 0 bounds them)";
/** The first-order options a newton fit was given (not at their defaults): named, and ignored. */
export function ignoredWarning(names: string[]): string {
  return `logistic: ${names.join(' and ')} ${names.length > 1 ? 'do' : 'does'} not apply to optimizer newton; ignored`;
}

/**
 * The same logits in another standardization's coordinates: w·(1, (x − m)/s) = w′·(1, (x − m′)/s′)
 * for every point, so a fit carried over to a frame whose data (and so scaler) grew is unchanged.
 */
function reexpress(w: Float64Array, from: ColumnScaler, to: ColumnScaler): Float64Array {
  const d = from.mean.length;
  const out = new Float64Array(w.length);
  for (let o = 0; o < w.length; o += d + 1) {
    out[o] = w[o];
    for (let j = 0; j < d; j++) {
      out[o] += (w[o + 1 + j] * (to.mean[j] - from.mean[j])) / from.scale[j];
      out[o + 1 + j] = (w[o + 1 + j] * to.scale[j]) / from.scale[j];
    }
  }
  return out;
}

class LogisticRegression implements Classifier {
  private weights: Float64Array;
  /** The inputs: (x, y), or Playground's features of it; d of them. */
  private readonly map: FeatureMap;
  private readonly d: number;
  private scaler: ColumnScaler;
  private saturated = false;
  /** A previous frame's Newton fit to start from (warmStart), used by the next train(). */
  private seed: LogisticRegression | null = null;

  constructor(
    readonly classes: number,
    private readonly opts: z.output<typeof schema>,
  ) {
    this.map = featureMap(opts.features);
    this.d = this.map.size;
    this.weights = new Float64Array((this.d + 1) * (classes - 1));
    this.scaler = fitColumns(new Float64Array(0), this.d);
  }

  /** The standardized inputs of n×2 points (n×d). */
  private inputs(X: Float64Array): Float64Array {
    return standardizeColumns(this.scaler, this.map.apply(X));
  }

  /**
   * Options newton ignores are warned about, not rejected: `--set model.optimizer=newton` on a
   * scenario tuned for adam should just work (scikit-learn, too, warns about options its solver
   * ignores). Only values other than the defaults are noticed.
   */
  warnings(): string[] {
    if (this.opts.optimizer !== 'newton') return [];
    const ignored = [
      ...(this.opts.learningRate !== DEFAULT_LEARNING_RATE ? ['learningRate'] : []),
      ...(this.opts.batchSize !== 0 ? ['batchSize'] : []),
    ];
    return [...(ignored.length > 0 ? [ignoredWarning(ignored)] : []), ...(this.saturated ? [SATURATED_WARNING] : [])];
  }

  /**
   * Newton only: the previous growing-sample frame's fit as the starting point, re-expressed for
   * this frame's standardization. The objective is convex (strictly so once the classes overlap),
   * so Newton reaches the optimum a start from 0 reaches, in about half the steps. Not from a fit
   * that saturated: on separable data there is no optimum, and glm's result is where its steps
   * from 0 stopped, so those frames start from 0 as glm does.
   */
  warmStart(previous: Classifier): void {
    const usable =
      this.opts.optimizer === 'newton' &&
      previous instanceof LogisticRegression &&
      previous.opts.optimizer === 'newton' &&
      previous.opts.l2 === this.opts.l2 &&
      previous.d === this.d &&
      previous.classes === this.classes &&
      !previous.saturated;
    this.seed = usable ? previous : null;
  }

  *train(data: Dataset, rng: Rng) {
    const k = this.classes;
    const { epochs, learningRate, l2 } = this.opts;
    const seed = this.seed;
    this.seed = null;
    const { d } = this;
    const p = d + 1;
    const raw = this.map.apply(data.X);
    this.scaler = fitColumns(raw, d);
    const X = standardizeColumns(this.scaler, raw);
    if (this.opts.optimizer === 'newton') {
      this.weights = seed ? reexpress(seed.weights, seed.scaler, this.scaler) : new Float64Array(p * (k - 1));
      yield* this.trainNewton(X, data, this.weights);
      return;
    }
    const w = new Float64Array(p * (k - 1));
    this.weights = w;
    const grad = new Float64Array(w.length);
    const optimizer = createOptimizer(this.opts.optimizer, w.length, learningRate);
    const batch = this.opts.batchSize > 0 ? Math.min(this.opts.batchSize, data.n) : data.n;
    const z = new Float64Array(k);
    const dz = new Float64Array(k);
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = batch < data.n ? permutation(data.n, rng) : null;
      let loss = 0;
      for (let start = 0; start < data.n; start += batch) {
        const end = Math.min(start + batch, data.n);
        grad.fill(0);
        for (let b = start; b < end; b++) {
          const i = order ? order[b] : b;
          if (k === 2) {
            // crossEntropyRow's numbers for logits (0, z), without the row arrays.
            let logit = w[0];
            for (let j = 0; j < d; j++) logit += w[1 + j] * X[i * d + j];
            softmaxPairInto(logit, z, 0);
            const label = data.y[i];
            loss += -Math.log(Math.max(z[label], 1e-300));
            const r = z[1] - (label === 1 ? 1 : 0);
            grad[0] += r;
            for (let j = 0; j < d; j++) grad[1 + j] += r * X[i * d + j];
            continue;
          }
          logits(w, k, X, d, i, z);
          loss += crossEntropyRow(z, dz, 0, k, data.y[i]);
          for (let c = 1; c < k; c++) {
            const o = p * (c - 1);
            grad[o] += dz[c];
            for (let j = 0; j < d; j++) grad[o + 1 + j] += dz[c] * X[i * d + j];
          }
        }
        const m = end - start;
        for (let j = 0; j < grad.length; j++) {
          grad[j] /= m;
          if (j % p !== 0) grad[j] += l2 * w[j];
        }
        optimizer.step(w, grad);
      }
      let penalty = 0;
      for (let j = 0; j < w.length; j++) if (j % p !== 0) penalty += w[j] * w[j];
      yield {
        stage: epoch,
        total: epochs,
        label: `epoch ${epoch}`,
        loss: (data.n > 0 ? loss / data.n : 0) + (l2 / 2) * penalty,
      };
    }
  }

  /**
   * Newton steps from w (0, or a warm start) until glm's rule holds or `epochs` steps: no stage
   * total, since the number of steps is known only at the end (as the SVM's passes and the tree's
   * splits).
   */
  private *trainNewton(X: Float64Array, data: Dataset, w: Float64Array) {
    const { n } = data;
    const { d } = this;
    const design = new Float64Array((d + 1) * n);
    for (let i = 0; i < n; i++) {
      design[(d + 1) * i] = 1;
      design.set(X.subarray(d * i, d * (i + 1)), (d + 1) * i + 1);
    }
    const solver = new GlmNewton({ design, n, p: d + 1, y: data.y, classes: this.classes, ridge: this.opts.l2 * n });
    let deviance = solver.deviance(w);
    for (let step = 1; step <= this.opts.epochs; step++) {
      const next = solver.step(w, deviance);
      const done = converged(deviance, next);
      deviance = next;
      if (done || step === this.opts.epochs) this.saturated = solver.saturated(w);
      yield { stage: step, label: `Newton step ${step}`, loss: deviance / (2 * Math.max(n, 1)) };
      if (done) return;
    }
  }

  predictProba(X: Float64Array, out?: Float32Array): Float32Array {
    const k = this.classes;
    const n = X.length / 2;
    const p = probaBuffer(n, k, out);
    const w = this.weights;
    if (!isPlainPoint(this.opts.features)) return this.predictFeatures(X, p);
    const { mean, scale } = this.scaler;
    if (k === 2) {
      // The logit w₀ + w₁x + w₂y through softmaxPairInto: one exp.
      for (let i = 0; i < n; i++) {
        const x = (X[2 * i] - mean[0]) / scale[0];
        const y = (X[2 * i + 1] - mean[1]) / scale[1];
        softmaxPairInto(w[0] + w[1] * x + w[2] * y, p, 2 * i);
      }
      return p;
    }
    const z = new Float64Array(k);
    const point = new Float64Array(2);
    for (let i = 0; i < n; i++) {
      point[0] = (X[2 * i] - mean[0]) / scale[0];
      point[1] = (X[2 * i + 1] - mean[1]) / scale[1];
      logits(w, k, point, 2, 0, z);
      softmaxInPlace(z, 0, k);
      for (let c = 0; c < k; c++) p[i * k + c] = z[c];
    }
    return p;
  }

  /** predictProba on Playground's features: the logits of each point's standardized features. */
  private predictFeatures(X: Float64Array, p: Float32Array): Float32Array {
    const k = this.classes;
    const F = this.inputs(X);
    const z = new Float64Array(k);
    for (let i = 0; i < X.length / 2; i++) {
      logits(this.weights, k, F, this.d, i, z);
      softmaxInPlace(z, 0, k);
      for (let c = 0; c < k; c++) p[i * k + c] = z[c];
    }
    return p;
  }

  /**
   * Each logit w_c₀ + w_c₁x + w_c₂y with w_c₀ + w_c₁x summed once per column and w_c₂y multiplied
   * once per row: predictProba's operations, in its order.
   */
  predictGrid(grid: Grid, out?: Float32Array): Float32Array {
    if (!isPlainPoint(this.opts.features)) return this.predictProba(gridPoints(grid), out);
    const k = this.classes;
    const { nx, ny } = grid;
    const p = probaBuffer(nx * ny, k, out);
    const w = this.weights;
    const { mean, scale } = this.scaler;
    const { xs, ys } = gridAxes(grid);
    // byColumn[(c − 1)·nx + i]: class c's w_c₀ + w_c₁x at column i.
    const byColumn = new Float64Array((k - 1) * nx);
    for (let c = 1; c < k; c++) {
      const o = 3 * (c - 1);
      for (let i = 0; i < nx; i++) byColumn[(c - 1) * nx + i] = w[o] + w[o + 1] * ((xs[i] - mean[0]) / scale[0]);
    }
    const z = new Float64Array(k);
    for (let j = 0; j < ny; j++) {
      const y = (ys[j] - mean[1]) / scale[1];
      if (k === 2) {
        const byRow = w[2] * y;
        for (let i = 0; i < nx; i++) softmaxPairInto(byColumn[i] + byRow, p, 2 * (j * nx + i));
        continue;
      }
      for (let i = 0; i < nx; i++) {
        z[0] = 0;
        for (let c = 1; c < k; c++) z[c] = byColumn[(c - 1) * nx + i] + w[3 * (c - 1) + 2] * y;
        softmaxInPlace(z, 0, k);
        const row = (j * nx + i) * k;
        for (let c = 0; c < k; c++) p[row + c] = z[c];
      }
    }
    return p;
  }
}

export const logistic = defineModel({
  type: 'logistic',
  title: 'Logistic regression',
  stage: 'epoch',
  schema,
  classifier: (opts, classes) => new LogisticRegression(classes, opts),
});
