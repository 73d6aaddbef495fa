/**
 * Multilayer perceptron: fully connected hidden layers with a tanh, ReLU or logistic-sigmoid
 * activation, a linear output layer and softmax cross-entropy, trained by
 * backpropagation (Rumelhart, Hinton & Williams 1986) in shuffled mini-batches with the shared
 * optimizers (adam by default). One stage = one epoch. Inputs are standardized internally.
 *
 * Weights start Glorot/Xavier uniform, U(±√(6/(fan_in + fan_out))) (Glorot & Bengio 2010), for
 * tanh and sigmoid, and He uniform, U(±√(6/fan_in)) (He et al. 2015), for the layers that feed
 * a ReLU; biases start at 0. The batch order is reshuffled from the Rng every epoch. As in
 * scikit-learn and nnet, two classes get one output unit (the logit of class 1; class 0's is 0),
 * K > 2 classes get K; with l2 > 0 this is not the same model as two free softmax outputs.
 *
 * l2 follows scikit-learn's MLPClassifier `alpha` exactly (so alpha = l2 gives the same model):
 * each mini-batch of m points minimises (1/m)·[Σ cross-entropy + (l2/2)·‖W‖²], weights only,
 * not biases. Note that this is not logistic.ts's convention (mean loss + (l2/2)·‖w‖²): for the
 * same number the MLP's penalty is m times weaker. The reported loss is scikit-learn's
 * loss_curve_: the batch objectives averaged over the epoch, weighted by batch size.
 */
import { z } from 'zod';
import type { Dataset } from '../dataset.js';
import { permutation, type Rng } from '../random.js';
import { options } from '../scenario/options.js';
import { crossEntropyRow, softmaxInPlace } from './loss.js';
import { createOptimizer, optimizerName } from './optimizers.js';
import { fitScaler, type Scaler, transform } from './standardize.js';
import { type Classifier, type ModelSpec, probaBuffer } from './types.js';

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
});

/**
 * The network's arithmetic over one flat parameter vector: per layer l, the weights W_l
 * (fanOut rows of fanIn, so a unit's inputs are contiguous) and then the biases b_l.
 * Scratch buffers are allocated once, so a forward or backward pass allocates nothing.
 */
export class Network {
  /** Units per layer, inputs (2) first, outputs last: one logit for two classes, else K. */
  readonly sizes: number[];
  /** Where W_l and b_l start in the parameter vector. */
  readonly weightAt: number[] = [];
  readonly biasAt: number[] = [];
  readonly size: number;
  /** Where layer l's units start in the activation and delta buffers. */
  private readonly unitAt: number[] = [];
  /** Every unit's output for the last point passed forward. */
  readonly act: Float64Array;
  private readonly delta: Float64Array;
  private readonly z: Float64Array;
  private readonly dLogits: Float64Array;

  constructor(
    hidden: readonly number[],
    readonly classes: number,
    readonly activation: Activation,
  ) {
    this.sizes = [2, ...hidden, classes === 2 ? 1 : classes];
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
    this.act = new Float64Array(u);
    this.delta = new Float64Array(u);
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

  /** Forward pass of one point into `act`; see logits(). */
  forward(params: Float64Array, x: number, y: number): void {
    const { act, sizes, activation } = this;
    act[0] = x;
    act[1] = y;
    const layers = sizes.length - 1;
    for (let l = 0; l < layers; l++) {
      const fanIn = sizes[l];
      const fanOut = sizes[l + 1];
      const inAt = this.unitAt[l];
      const outAt = this.unitAt[l + 1];
      let w = this.weightAt[l];
      const b = this.biasAt[l];
      const hiddenLayer = l < layers - 1;
      for (let j = 0; j < fanOut; j++) {
        let s = params[b + j];
        for (let i = 0; i < fanIn; i++) s += params[w++] * act[inAt + i];
        if (hiddenLayer) {
          if (activation === 'tanh') s = Math.tanh(s);
          else if (activation === 'relu') s = Math.max(s, 0);
          else s = 1 / (1 + Math.exp(-s));
        }
        act[outAt + j] = s;
      }
    }
  }

  /** The K logits of the last point passed forward (for two classes, class 0's is fixed at 0). */
  logits(out: Float64Array): void {
    const at = this.unitAt[this.sizes.length - 1];
    if (this.classes === 2) {
      out[0] = 0;
      out[1] = this.act[at];
    } else {
      for (let c = 0; c < this.classes; c++) out[c] = this.act[at + c];
    }
  }

  /**
   * Adds to `grad` the gradient of the summed cross-entropy of points order[start..end) and
   * returns that sum. `grad` is not cleared and the penalty is not included: see batchStep.
   */
  accumulate(
    params: Float64Array,
    X: Float64Array,
    labels: Uint8Array,
    order: ArrayLike<number>,
    start: number,
    end: number,
    grad: Float64Array,
  ): number {
    const { act, delta, z, dLogits, sizes, activation, classes } = this;
    const layers = sizes.length - 1;
    const outputAt = this.unitAt[layers];
    let loss = 0;
    for (let b = start; b < end; b++) {
      const i = order[b];
      this.forward(params, X[2 * i], X[2 * i + 1]);
      // The output deltas are dLoss/dlogit = p − onehot(y).
      this.logits(z);
      loss += crossEntropyRow(z, dLogits, 0, classes, labels[i]);
      if (classes === 2) delta[outputAt] = dLogits[1];
      else for (let c = 0; c < classes; c++) delta[outputAt + c] = dLogits[c];
      for (let l = layers - 1; l >= 0; l--) {
        const fanIn = sizes[l];
        const fanOut = sizes[l + 1];
        const inAt = this.unitAt[l];
        const outAt = this.unitAt[l + 1];
        const w = this.weightAt[l];
        const bias = this.biasAt[l];
        for (let j = 0; j < fanOut; j++) {
          const d = delta[outAt + j];
          grad[bias + j] += d;
          const row = w + j * fanIn;
          for (let i = 0; i < fanIn; i++) grad[row + i] += d * act[inAt + i];
        }
        if (l === 0) break;
        // Back through W_l, then through the activation (its derivative from its output a).
        for (let i = 0; i < fanIn; i++) {
          let s = 0;
          for (let j = 0; j < fanOut; j++) s += params[w + j * fanIn + i] * delta[outAt + j];
          const a = act[inAt + i];
          if (activation === 'tanh') s *= 1 - a * a;
          else if (activation === 'relu') s = a > 0 ? s : 0;
          else s *= a * (1 - a);
          delta[inAt + i] = s;
        }
      }
    }
    return loss;
  }

  /**
   * Gradient of one mini-batch's objective (1/m)·[Σ cross-entropy + (l2/2)·‖W‖²] into `grad`
   * (overwritten); returns the objective.
   */
  batchStep(
    params: Float64Array,
    X: Float64Array,
    labels: Uint8Array,
    order: ArrayLike<number>,
    start: number,
    end: number,
    l2: number,
    grad: Float64Array,
  ): number {
    grad.fill(0);
    const m = end - start;
    let objective = this.accumulate(params, X, labels, order, start, end, grad);
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
}

class MultilayerPerceptron implements Classifier {
  private readonly net: Network;
  private params: Float64Array;
  private scaler: Scaler = { mean: [0, 0], scale: [1, 1] };

  constructor(
    readonly classes: number,
    private readonly opts: z.output<typeof schema>,
  ) {
    this.net = new Network(opts.hidden, classes, opts.activation);
    this.params = new Float64Array(this.net.size);
  }

  *train(data: Dataset, rng: Rng) {
    const { epochs, learningRate, l2 } = this.opts;
    this.scaler = fitScaler(data);
    const X = transform(this.scaler, data.X);
    const params = this.net.init(rng);
    this.params = params;
    const grad = new Float64Array(params.length);
    const optimizer = createOptimizer(this.opts.optimizer, params.length, learningRate);
    const batch = Math.max(1, this.opts.batchSize > 0 ? Math.min(this.opts.batchSize, data.n) : data.n);
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = permutation(data.n, rng);
      let loss = 0;
      for (let start = 0; start < data.n; start += batch) {
        const end = Math.min(start + batch, data.n);
        loss += (end - start) * this.net.batchStep(params, X, data.y, order, start, end, l2, grad);
        optimizer.step(params, grad);
      }
      yield { stage: epoch, total: epochs, label: `epoch ${epoch}`, loss: data.n > 0 ? loss / data.n : 0 };
    }
  }

  predictProba(X: Float64Array, out?: Float32Array): Float32Array {
    const k = this.classes;
    const n = X.length / 2;
    const p = probaBuffer(n, k, out);
    const { mean, scale } = this.scaler;
    const { net, params } = this;
    const z = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      net.forward(params, (X[2 * i] - mean[0]) / scale[0], (X[2 * i + 1] - mean[1]) / scale[1]);
      net.logits(z);
      softmaxInPlace(z, 0, k);
      for (let c = 0; c < k; c++) p[i * k + c] = z[c];
    }
    return p;
  }
}

export const mlp: ModelSpec<typeof schema> = {
  type: 'mlp',
  title: 'Neural network',
  stage: 'epoch',
  schema,
  create: (opts, classes) => new MultilayerPerceptron(classes, opts),
};
