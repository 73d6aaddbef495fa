/**
 * Multilayer perceptron: fully connected hidden layers with a tanh, ReLU or logistic-sigmoid
 * activation, a linear output layer and softmax cross-entropy, trained by
 * backpropagation (Rumelhart, Hinton & Williams 1986) in shuffled mini-batches with the shared
 * optimizers (adam by default). One stage = one epoch. The inputs are the point (x, y), or
 * TensorFlow Playground's features of it (`features`), standardized internally.
 * Regression (scikit-learn's MLPRegressor): one input x, one linear output, half the squared
 * error (½(ŷ − y)², MLPRegressor's loss); y is standardized too (as scikit-learn's
 * TransformedTargetRegressor with a StandardScaler), so the default learning rate suits any
 * scale of y, and predictions are mapped back to y's units.
 *
 * Weights start Glorot/Xavier uniform, U(±√(6/(fan_in + fan_out))) (Glorot & Bengio 2010), for
 * tanh and sigmoid, and He uniform, U(±√(6/fan_in)) (He et al. 2015), for the layers that feed
 * a ReLU; biases start at 0. The batch order is reshuffled from the Rng every epoch. As in
 * scikit-learn and nnet, two classes get one output unit (the logit of class 1; class 0's is 0),
 * K > 2 classes get K; with l2 > 0 this is not the same model as two free softmax outputs.
 *
 * l2 is scaled exactly as scikit-learn's MLPClassifier `alpha` (alpha = l2 gives the same
 * objective): each mini-batch of m points minimises (1/m)·[Σ cross-entropy + (l2/2)·‖W‖²],
 * weights only, not biases. This is not logistic.ts's convention (mean loss + (l2/2)·‖w‖²): for
 * the same number the MLP's penalty is m times weaker. The reported loss is scikit-learn's
 * loss_curve_: the batch objectives averaged over the epoch, weighted by batch size (for a
 * regression times s_y², so that its squared-error part is in y's units). Unlike
 * scikit-learn (tol, n_iter_no_change), training never stops early: every epoch is a frame.
 */
import { z } from 'zod';
import type { Dataset, Series } from '../dataset.js';
import { type Grid, gridAxes, gridPoints } from '../grid.js';
import { options } from '../options.js';
import { permutation, type Rng } from '../random.js';
import { crossEntropyRow, softmaxInPlace, softmaxPairInto } from './algorithms/loss.js';
import { createOptimizer, optimizerName } from './algorithms/optimizers.js';
import { type FeatureMap, featureMap, featuresOption, isPlainPoint } from './algorithms/playground-features.js';
import {
  type ColumnScale,
  type ColumnScaler,
  columnScale,
  fitColumns,
  fitScaler,
  type Scaler,
  standardizeColumns,
  standardized,
  transform,
} from './algorithms/standardize.js';
import { type Classifier, defineModel, probaBuffer, type Regressor, valueBuffer } from './model.js';

export const activationName = z.enum(['tanh', 'relu', 'sigmoid']);
export type Activation = z.infer<typeof activationName>;

const schema = options({
  hidden: z
    .array(z.number().int().min(1).max(64))
    .min(1)
    .max(6)
    .default([8, 8])
    .describe('units per hidden layer, 1 to 6 layers of 1 to 64'),
  activation: activationName.default('tanh').describe('tanh, relu or sigmoid'),
  optimizer: optimizerName.default('adam').describe('gd, sgd, momentum or adam'),
  learningRate: z.number().positive().max(100).default(0.01),
  batchSize: z.number().int().min(0).default(32).describe('points per step; 0 = full batch'),
  epochs: z.number().int().min(1).max(100000).default(200),
  l2: z.number().min(0).default(0).describe("weight penalty, as scikit-learn's alpha"),
  features: featuresOption,
});

/**
 * tanh through one exp, accurate to about 1e-16 absolute: cheaper than Math.tanh, and the hidden
 * units' tanh are most of the cost of a grid evaluation.
 */
export function tanh(x: number): number {
  const t = Math.exp(-2 * Math.abs(x));
  const r = (1 - t) / (1 + t);
  return x < 0 ? -r : r;
}

/**
 * A mini-batch: the training points order[start..end) of X (n×inputs: the points, their
 * features, or a regression's x; standardized) and their labels (a regression's standardized
 * targets).
 */
export interface Batch {
  X: Float64Array;
  labels: Uint8Array | Float64Array;
  order: ArrayLike<number>;
  start: number;
  end: number;
}

/** Points per pass through the network: big enough for tight loops, small enough for the cache. */
const BLOCK = 256;

/** What a network fits: classes of 2-D points, or y of 1-D x (one input, one output). */
export type Task = 'classification' | 'regression';

/**
 * The network's arithmetic over one flat parameter vector: per layer l, the weights W_l
 * (fanOut rows of fanIn) and then the biases b_l. Points go through in blocks, one unit's
 * values for the whole block side by side, so the inner loops run over points, and the scratch
 * buffers are allocated once: a forward or backward pass allocates nothing.
 */
export class Network {
  /**
   * Units per layer, inputs first, outputs last: 2 inputs (or the number of features), and one
   * logit for two classes, else K; a regression's network has 1 input and 1 output, the value.
   */
  readonly sizes: number[];
  /** Where W_l and b_l start in the parameter vector. */
  readonly weightAt: number[] = [];
  readonly biasAt: number[] = [];
  readonly size: number;
  /** Where layer l's units start; unit u's value for point b of a block is at u·BLOCK + b. */
  private readonly unitAt: number[] = [];
  private readonly act: Float64Array;
  private readonly delta: Float64Array;
  private readonly z: Float64Array;
  private readonly dLogits: Float64Array;

  constructor(
    hidden: readonly number[],
    readonly classes: number,
    readonly activation: Activation,
    inputs = 2,
    readonly task: Task = 'classification',
  ) {
    this.sizes = task === 'regression' ? [1, ...hidden, 1] : [inputs, ...hidden, classes === 2 ? 1 : classes];
    this.z = new Float64Array(classes);
    this.dLogits = new Float64Array(classes);
    let p = 0;
    let u = 0;
    for (let l = 0; l < this.sizes.length; l++) {
      this.unitAt.push(u);
      u += this.sizes[l];
      if (l === 0) continue;
      this.weightAt.push(p);
      p += this.sizes[l - 1] * this.sizes[l];
      this.biasAt.push(p);
      p += this.sizes[l];
    }
    this.size = p;
    this.act = new Float64Array(u * BLOCK);
    this.delta = new Float64Array(u * BLOCK);
  }

  /** Fresh parameters: Glorot uniform (He uniform into ReLUs), zero biases. */
  init(rng: Rng): Float64Array {
    const params = new Float64Array(this.size);
    const layers = this.sizes.length - 1;
    for (let l = 0; l < layers; l++) {
      const fanIn = this.sizes[l];
      const fanOut = this.sizes[l + 1];
      const intoRelu = this.activation === 'relu' && l < layers - 1;
      const bound = Math.sqrt(6 / (intoRelu ? fanIn : fanIn + fanOut));
      const at = this.weightAt[l];
      for (let j = 0; j < fanIn * fanOut; j++) params[at + j] = bound * (2 * rng.uniform() - 1);
    }
    return params;
  }

  /** Put point b of the next block in (b < BLOCK). */
  input(b: number, x: number, y: number): void {
    this.act[b] = x;
    this.act[BLOCK + b] = y;
  }

  /** Points order[first..first + count) of X (n×inputs) into the block; without an order, points first.. in turn. */
  private inputRows(X: Float64Array, order: ArrayLike<number> | null, first: number, count: number): void {
    const d = this.sizes[0];
    for (let b = 0; b < count; b++) {
      const i = order ? order[first + b] : first + b;
      for (let u = 0; u < d; u++) this.act[u * BLOCK + b] = X[d * i + u];
    }
  }

  /** Class probabilities of n points given as standardized inputs (n×inputs) into p (n×K). */
  predictInputs(params: Float64Array, X: Float64Array, p: Float32Array): void {
    const n = X.length / this.sizes[0];
    for (let first = 0; first < n; first += BLOCK) {
      const count = Math.min(BLOCK, n - first);
      this.inputRows(X, null, first, count);
      this.forward(params, count);
      this.probabilities(count, p, first);
    }
  }

  /** Forward pass of the first `count` points of the block. */
  forward(params: Float64Array, count: number): void {
    for (let l = 0; l < this.sizes.length - 1; l++) this.layer(params, l, count);
  }

  /** Layer l's outputs from its inputs, for the first `count` points of the block. */
  private layer(params: Float64Array, l: number, count: number): void {
    const { act, sizes } = this;
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const inAt = this.unitAt[l] * BLOCK;
    for (let j = 0; j < fanOut; j++) {
      const out = (this.unitAt[l + 1] + j) * BLOCK;
      const end = out + count;
      act.fill(params[this.biasAt[l] + j], out, end);
      const row = this.weightAt[l] + j * fanIn;
      // Four inputs per sweep: a quarter of the loads and stores of the running sums.
      let i = 0;
      for (; i + 4 <= fanIn; i += 4) {
        const w0 = params[row + i];
        const w1 = params[row + i + 1];
        const w2 = params[row + i + 2];
        const w3 = params[row + i + 3];
        const f0 = inAt + i * BLOCK - out;
        for (let k = out; k < end; k++) {
          act[k] +=
            w0 * act[k + f0] + w1 * act[k + f0 + BLOCK] + w2 * act[k + f0 + 2 * BLOCK] + w3 * act[k + f0 + 3 * BLOCK];
        }
      }
      for (; i < fanIn; i++) {
        const w = params[row + i];
        const from = inAt + i * BLOCK - out;
        for (let k = out; k < end; k++) act[k] += w * act[k + from];
      }
      if (l < sizes.length - 2) this.activate(out, end);
    }
  }

  /** The activation, in place, on act[from..to). */
  private activate(from: number, to: number): void {
    const act = this.act;
    if (this.activation === 'tanh') {
      // tanh() inline: this is the evaluation's innermost loop.
      for (let k = from; k < to; k++) {
        const v = act[k];
        const t = Math.exp(-2 * Math.abs(v));
        const r = (1 - t) / (1 + t);
        act[k] = v < 0 ? -r : r;
      }
    } else if (this.activation === 'relu') for (let k = from; k < to; k++) act[k] = Math.max(act[k], 0);
    else for (let k = from; k < to; k++) act[k] = 1 / (1 + Math.exp(-act[k]));
  }

  /** The K logits of point b of the last forward pass (for two classes, class 0's is fixed at 0). */
  logits(b: number, out: Float64Array): void {
    const at = this.unitAt[this.sizes.length - 1] * BLOCK + b;
    if (this.classes === 2) {
      out[0] = 0;
      out[1] = this.act[at];
    } else {
      for (let c = 0; c < this.classes; c++) out[c] = this.act[at + c * BLOCK];
    }
  }

  /**
   * Adds to `grad` the gradient of the summed cross-entropy (regression: half squared error) of
   * the batch's points and returns that sum. `grad` is not cleared and the penalty is not
   * included: see batchStep.
   */
  accumulate(params: Float64Array, batch: Batch, grad: Float64Array): number {
    const { X, labels, order, start, end } = batch;
    const { delta, z, dLogits, classes } = this;
    const outputAt = this.unitAt[this.sizes.length - 1] * BLOCK;
    const regression = this.task === 'regression';
    let loss = 0;
    for (let first = start; first < end; first += BLOCK) {
      const count = Math.min(BLOCK, end - first);
      this.inputRows(X, order, first, count);
      this.forward(params, count);
      for (let b = 0; b < count; b++) {
        if (regression) {
          // The output delta is dLoss/dŷ = ŷ − y.
          const r = this.act[outputAt + b] - labels[order[first + b]];
          loss += 0.5 * r * r;
          delta[outputAt + b] = r;
          continue;
        }
        // The output deltas are dLoss/dlogit = p − onehot(y).
        this.logits(b, z);
        loss += crossEntropyRow(z, dLogits, 0, classes, labels[order[first + b]]);
        if (classes === 2) delta[outputAt + b] = dLogits[1];
        else for (let c = 0; c < classes; c++) delta[outputAt + c * BLOCK + b] = dLogits[c];
      }
      this.backward(params, count, grad);
    }
    return loss;
  }

  /** Backpropagation of the output deltas of the block's first `count` points into `grad`. */
  private backward(params: Float64Array, count: number, grad: Float64Array): void {
    const { act, delta, sizes, activation } = this;
    for (let l = sizes.length - 2; l >= 0; l--) {
      const fanIn = sizes[l];
      const fanOut = sizes[l + 1];
      const inAt = this.unitAt[l] * BLOCK;
      const outAt = this.unitAt[l + 1] * BLOCK;
      for (let j = 0; j < fanOut; j++) {
        const d = outAt + j * BLOCK;
        let sum = 0;
        for (let b = 0; b < count; b++) sum += delta[d + b];
        grad[this.biasAt[l] + j] += sum;
        const row = this.weightAt[l] + j * fanIn;
        for (let i = 0; i < fanIn; i++) {
          const a = inAt + i * BLOCK;
          let g = 0;
          for (let b = 0; b < count; b++) g += delta[d + b] * act[a + b];
          grad[row + i] += g;
        }
      }
      if (l === 0) break;
      // Back through W_l, then through the activation (its derivative from its output a).
      for (let i = 0; i < fanIn; i++) {
        const at = inAt + i * BLOCK;
        const end = at + count;
        delta.fill(0, at, end);
        const column = this.weightAt[l] + i;
        let j = 0;
        for (; j + 4 <= fanOut; j += 4) {
          const w0 = params[column + j * fanIn];
          const w1 = params[column + (j + 1) * fanIn];
          const w2 = params[column + (j + 2) * fanIn];
          const w3 = params[column + (j + 3) * fanIn];
          const f0 = outAt + j * BLOCK - at;
          for (let k = at; k < end; k++) {
            delta[k] +=
              w0 * delta[k + f0] +
              w1 * delta[k + f0 + BLOCK] +
              w2 * delta[k + f0 + 2 * BLOCK] +
              w3 * delta[k + f0 + 3 * BLOCK];
          }
        }
        for (; j < fanOut; j++) {
          const w = params[column + j * fanIn];
          const from = outAt + j * BLOCK - at;
          for (let k = at; k < end; k++) delta[k] += w * delta[k + from];
        }
        if (activation === 'tanh') for (let k = at; k < end; k++) delta[k] *= 1 - act[k] * act[k];
        else if (activation === 'relu') for (let k = at; k < end; k++) delta[k] = act[k] > 0 ? delta[k] : 0;
        else for (let k = at; k < end; k++) delta[k] *= act[k] * (1 - act[k]);
      }
    }
  }

  /**
   * Gradient of one mini-batch's objective (1/m)·[Σ loss + (l2/2)·‖W‖²] into `grad`
   * (overwritten); returns the objective.
   */
  batchStep(params: Float64Array, batch: Batch, l2: number, grad: Float64Array): number {
    grad.fill(0);
    const m = batch.end - batch.start;
    let objective = this.accumulate(params, batch, grad);
    let penalty = 0;
    for (let l = 0; l < this.weightAt.length; l++) {
      for (let j = this.weightAt[l]; j < this.biasAt[l]; j++) {
        penalty += params[j] * params[j];
        grad[j] += l2 * params[j];
      }
    }
    objective += (l2 / 2) * penalty;
    for (let j = 0; j < grad.length; j++) grad[j] /= m;
    return objective / m;
  }

  /** Class probabilities of n points (n×2, raw units) into p (n×K), standardizing on the way. */
  predict(params: Float64Array, scaler: Scaler, X: Float64Array, p: Float32Array): void {
    const n = X.length / 2;
    const { mean, scale } = scaler;
    for (let first = 0; first < n; first += BLOCK) {
      const count = Math.min(BLOCK, n - first);
      for (let b = 0; b < count; b++) {
        const i = first + b;
        this.input(b, (X[2 * i] - mean[0]) / scale[0], (X[2 * i + 1] - mean[1]) / scale[1]);
      }
      this.forward(params, count);
      this.probabilities(count, p, first);
    }
  }

  /** A regression network's outputs at the n values of x (standardized), into out. */
  values(params: Float64Array, x: Float64Array, out: Float64Array): void {
    const outputAt = this.unitAt[this.sizes.length - 1] * BLOCK;
    for (let first = 0; first < x.length; first += BLOCK) {
      const count = Math.min(BLOCK, x.length - first);
      this.act.set(x.subarray(first, first + count));
      this.forward(params, count);
      out.set(this.act.subarray(outputAt, outputAt + count), first);
    }
  }

  /**
   * The same on a grid (gridPoints' order). The first layer's sums b + w₀x + w₁y are (b + w₀x),
   * once per column, plus w₁y, once per row: the additions layer() makes, in its order, without
   * the input pass.
   */
  predictGrid(params: Float64Array, scaler: Scaler, grid: Grid, p: Float32Array): void {
    const { mean, scale } = scaler;
    const { xs, ys: rows } = gridAxes(grid);
    const columns = xs.length;
    const units = this.sizes[1];
    const byColumn = new Float64Array(units * columns);
    for (let j = 0; j < units; j++) {
      const bias = params[this.biasAt[0] + j];
      const w0 = params[this.weightAt[0] + 2 * j];
      for (let c = 0; c < columns; c++) byColumn[j * columns + c] = bias + w0 * ((xs[c] - mean[0]) / scale[0]);
    }
    const first = this.unitAt[1] * BLOCK;
    for (let r = 0; r < rows.length; r++) {
      const y = (rows[r] - mean[1]) / scale[1];
      for (let c0 = 0; c0 < columns; c0 += BLOCK) {
        const count = Math.min(BLOCK, columns - c0);
        for (let j = 0; j < units; j++) {
          const byRow = params[this.weightAt[0] + 2 * j + 1] * y;
          const out = first + j * BLOCK;
          const from = j * columns + c0;
          for (let b = 0; b < count; b++) this.act[out + b] = byColumn[from + b] + byRow;
          // There is always a hidden layer: the first layer's outputs are activated.
          this.activate(out, out + count);
        }
        for (let l = 1; l < this.sizes.length - 1; l++) this.layer(params, l, count);
        this.probabilities(count, p, r * columns + c0);
      }
    }
  }

  /** The block's first `count` output rows as probabilities, into p from row `first`. */
  private probabilities(count: number, p: Float32Array, first: number): void {
    const k = this.classes;
    if (k === 2) {
      const at = this.unitAt[this.sizes.length - 1] * BLOCK;
      for (let b = 0; b < count; b++) softmaxPairInto(this.act[at + b], p, 2 * (first + b));
      return;
    }
    const z = this.z;
    for (let b = 0; b < count; b++) {
      this.logits(b, z);
      softmaxInPlace(z, 0, k);
      const row = (first + b) * k;
      for (let c = 0; c < k; c++) p[row + c] = z[c];
    }
  }
}

type MlpOptions = z.output<typeof schema>;

/**
 * Trains `params` in place epoch by epoch on the n points of X with these labels (or targets),
 * yielding each epoch's mean batch objective: the batches of a fresh permutation per epoch.
 */
function* epochs(
  net: Network,
  params: Float64Array,
  X: Float64Array,
  labels: Uint8Array | Float64Array,
  n: number,
  opts: MlpOptions,
  rng: Rng,
): Generator<number, void, undefined> {
  const grad = new Float64Array(params.length);
  const optimizer = createOptimizer(opts.optimizer, params.length, opts.learningRate);
  const batch = Math.max(1, opts.batchSize > 0 ? Math.min(opts.batchSize, n) : n);
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const order = permutation(n, rng);
    let loss = 0;
    for (let start = 0; start < n; start += batch) {
      const end = Math.min(start + batch, n);
      loss += (end - start) * net.batchStep(params, { X, labels, order, start, end }, opts.l2, grad);
      optimizer.step(params, grad);
    }
    yield n > 0 ? loss / n : 0;
  }
}

class MultilayerPerceptron implements Classifier {
  private readonly net: Network;
  private params: Float64Array;
  private scaler: Scaler = { mean: [0, 0], scale: [1, 1] };
  /** With Playground's features: the map and the standardization of its columns. */
  private readonly features: FeatureMap | null;
  private columns: ColumnScaler;

  constructor(
    readonly classes: number,
    private readonly opts: MlpOptions,
  ) {
    this.features = isPlainPoint(opts.features) ? null : featureMap(opts.features);
    const inputs = this.features?.size ?? 2;
    this.net = new Network(opts.hidden, classes, opts.activation, inputs);
    this.params = new Float64Array(this.net.size);
    this.columns = fitColumns(new Float64Array(0), inputs);
  }

  /** The standardized features of n×2 points (n×inputs); `fit` first fits the standardization to them. */
  private featureInputs(map: FeatureMap, X: Float64Array, fit: boolean): Float64Array {
    const raw = map.apply(X);
    if (fit) this.columns = fitColumns(raw, map.size);
    return standardizeColumns(this.columns, raw);
  }

  *train(data: Dataset, rng: Rng) {
    const total = this.opts.epochs;
    this.scaler = fitScaler(data);
    const X = this.features ? this.featureInputs(this.features, data.X, true) : transform(this.scaler, data.X);
    this.params = this.net.init(rng);
    let epoch = 0;
    for (const loss of epochs(this.net, this.params, X, data.y, data.n, this.opts, rng)) {
      epoch++;
      yield { stage: epoch, total, label: `epoch ${epoch}`, loss };
    }
  }

  predictProba(X: Float64Array, out?: Float32Array): Float32Array {
    const p = probaBuffer(X.length / 2, this.classes, out);
    if (this.features) this.net.predictInputs(this.params, this.featureInputs(this.features, X, false), p);
    else this.net.predict(this.params, this.scaler, X, p);
    return p;
  }

  predictGrid(grid: Grid, out?: Float32Array): Float32Array {
    if (this.features) return this.predictProba(gridPoints(grid), out);
    const p = probaBuffer(grid.nx * grid.ny, this.classes, out);
    this.net.predictGrid(this.params, this.scaler, grid, p);
    return p;
  }
}

class MlpRegression implements Regressor {
  private readonly net: Network;
  private params: Float64Array;
  private x: ColumnScale = { mean: 0, scale: 1 };
  private y: ColumnScale = { mean: 0, scale: 1 };

  constructor(private readonly opts: MlpOptions) {
    this.net = new Network(opts.hidden, 1, opts.activation, 1, 'regression');
    this.params = new Float64Array(this.net.size);
  }

  *train(data: Series, rng: Rng) {
    const { n } = data;
    const total = this.opts.epochs;
    this.x = columnScale(data.x, n);
    this.y = columnScale(data.y, n);
    const x = standardized(data.x.subarray(0, n), this.x);
    const y = standardized(data.y.subarray(0, n), this.y);
    this.params = this.net.init(rng);
    // The objective in y's units: the squared error scales with s_y².
    const unit = this.y.scale * this.y.scale;
    let epoch = 0;
    for (const loss of epochs(this.net, this.params, x, y, n, this.opts, rng)) {
      epoch++;
      yield { stage: epoch, total, label: `epoch ${epoch}`, loss: loss * unit };
    }
  }

  predict(x: Float64Array, out?: Float64Array): Float64Array {
    const values = valueBuffer(x.length, out);
    const outputs = new Float64Array(x.length);
    this.net.values(this.params, standardized(x, this.x), outputs);
    for (let i = 0; i < x.length; i++) values[i] = this.y.mean + this.y.scale * outputs[i];
    return values;
  }
}

export const mlp = defineModel({
  type: 'mlp',
  title: 'Neural network',
  stage: 'epoch',
  schema,
  classifier: (opts, classes) => new MultilayerPerceptron(classes, opts),
  regressor: (opts) => new MlpRegression(opts),
});
