/**
 * Linear models as Eric Ma's three elements ("Demystifying deep learning", PyCon 2020,
 * ericmjl/dl-workshop): a model, a loss and an optimizer, each an option.
 *
 * Model. Regression: y = b + Σ_j w_j φ_j(x) on a basis of x (algorithms/basis.ts: powers up to
 * `degree`, `fourier` sine–cosine pairs, `rbf` Gaussian bumps), in x's own units — so that with
 * degree 1, y = w·x + b, the two parameters are the line's slope and intercept and the loss over
 * (w, b) is the textbook's bowl (the landscape). Classification: scores s = b + w·φ on
 * TensorFlow Playground's features of (x, y) (algorithms/playground-features.ts), standardized as
 * the other gradient-trained classifiers standardize their inputs (no landscape there).
 * Function data (data.source: function): the two parameters are the function's variables and the
 * function is the objective (no loss, no basis): the optimizer's path alone.
 *
 * Loss. Regression: squared, absolute, huber (src/losses.ts, threshold `delta`). Classification,
 * scikit-learn's SGDClassifier vocabulary: log (multinomial logistic regression, class 0 the
 * reference: `linear` with loss log is logistic regression), hinge (a linear SVM), squared and
 * perceptron (algorithms/margin-loss.ts, targets ±1); with more than two classes hinge, squared
 * and perceptron are one-vs-rest, as in scikit-learn. The objective is
 *   J = (1/n) Σ loss + (l2/2)·‖w‖²   (intercepts not penalised).
 *
 * Optimizer. gd, momentum, adam (algorithms/optimizers.ts) on the whole training set: one stage
 * = one step, so an animation by epochs shows the descent move; a step that makes J infinite or
 * NaN (a learning rate too large) is undone and training stops, with a warning. Or exact, the
 * optimum itself: regression by iteratively reweighted least squares (algorithms/irls.ts: one
 * least-squares solve for squared loss; Huber's algorithm; Schlossmacher's for absolute loss),
 * one stage per reweighting until J stops falling (relative change < 1e-10) or `epochs`; log loss
 * by Newton–Raphson as R's glm (algorithms/glm-newton.ts); squared classification loss by least
 * squares. Hinge and perceptron have no such solver (a quadratic and a linear program) and a
 * function has no closed form: exact is refused there.
 *
 * The reported loss of each stage is J at the parameters after it.
 */
import { z } from 'zod';
import type { Dataset, Objective, Series } from '../dataset.js';
import { UserError } from '../errors.js';
import { type RegressionLoss, regressionLoss, regressionLossSlope } from '../losses.js';
import { forTasks, options, valuesByTask } from '../options.js';
import type { Rng } from '../random.js';
import { type Basis, createBasis } from './algorithms/basis.js';
import { converged, GlmNewton } from './algorithms/glm-newton.js';
import { irlsStep } from './algorithms/irls.js';
import { LeastSquares } from './algorithms/least-squares.js';
import { crossEntropyRow, softmaxInPlace, softmaxPairInto } from './algorithms/loss.js';
import { type MarginLoss, marginLoss, marginLossSlope } from './algorithms/margin-loss.js';
import { createOptimizer, type Optimizer } from './algorithms/optimizers.js';
import { type FeatureMap, featureMap, featuresOption } from './algorithms/playground-features.js';
import { type ColumnScaler, fitColumns, standardizeColumns } from './algorithms/standardize.js';
import {
  type Classifier,
  defineModel,
  type Landscape,
  type Minimizer,
  probaBuffer,
  type Regressor,
  type Step,
} from './model.js';

const REGRESSION_LOSSES = ['squared', 'absolute', 'huber'] as const;
/** Huber's threshold: 1.345 is 95 % efficient for Gaussian noise of sd 1 (Huber 1981); scikit-learn's HuberRegressor takes 1.35. */
const DEFAULT_DELTA = 1.35;
const CLASSIFICATION_LOSSES = ['log', 'hinge', 'squared', 'perceptron'] as const;

const schema = options({
  features: featuresOption,
  degree: forTasks(
    z.number().int().min(0).max(20).default(1).describe('powers x, x², …, x^degree in the basis (0: a constant)'),
    ['regression'],
  ),
  fourier: forTasks(
    z.number().int().min(0).max(20).default(0).describe('sine–cosine pairs sin(2πkx/P), cos(2πkx/P), k = 1..fourier'),
    ['regression'],
  ),
  period: forTasks(
    z.number().positive().max(1e6).optional().describe("P of the Fourier terms; default the training x's range"),
    ['regression'],
  ),
  rbf: forTasks(
    z.number().int().min(0).max(50).default(0).describe("Gaussian bumps, centres evenly over the training x's range"),
    ['regression'],
  ),
  loss: valuesByTask(
    { regression: REGRESSION_LOSSES, classification: CLASSIFICATION_LOSSES },
    'squared, absolute or huber (regression); log, hinge, squared or perceptron (classification); default squared, or log',
  ),
  delta: forTasks(z.number().positive().max(1e6).default(DEFAULT_DELTA).describe("huber's threshold δ"), [
    'regression',
  ]),
  optimizer: z
    .enum(['gd', 'momentum', 'adam', 'exact'])
    .default('gd')
    .describe('gd, momentum, adam (one full-batch step per stage) or exact (least squares, IRLS, Newton)'),
  learningRate: z
    .number()
    .positive()
    .max(100)
    .optional()
    .describe('default 0.01 (regression, functions: raw units), 0.1 (classification: standardized features)'),
  epochs: z.number().int().min(1).max(100000).default(100).describe('optimizer steps (exact: the most reweightings)'),
  l2: forTasks(z.number().min(0).max(1e6).default(0).describe('ridge penalty (l2/2)·‖w‖² on the coefficients'), [
    'regression',
    'classification',
  ]),
  start: forTasks(
    z
      .array(z.number())
      .min(1)
      .max(200)
      .optional()
      .describe(
        'starting parameters: [w, b] for a line (w₁, …, b for a basis), [x, y] on a function; default 0, or the function’s start',
      ),
    ['regression', 'optimization'],
  ),
});

type Options = z.output<typeof schema>;

/** exact solves for the optimum: a learning rate given with it would be ignored. */
function refuseRateWithExact(opts: Options): void {
  if (opts.optimizer === 'exact' && opts.learningRate !== undefined) {
    throw new UserError(
      'exact takes no learning rate; remove learningRate or use gd, momentum or adam',
      'learningRate',
    );
  }
}

/** Said when a step overflowed: the figure stops at the last finite stage. */
export function divergedWarning(step: number, learningRate: number): string {
  return `linear: the loss became infinite at step ${step}, so training stopped at step ${step - 1}: learningRate ${learningRate} is too large for this objective`;
}

/**
 * First-order steps on θ: `evaluate(θ, grad)` returns J(θ) and writes ∇J(θ). Each stage is one
 * step; a step that makes J non-finite is undone and ends training (reported to `diverged`).
 */
function* descend(
  theta: Float64Array,
  evaluate: (theta: Float64Array, grad: Float64Array) => number,
  optimizer: Optimizer,
  epochs: number,
  diverged: (step: number) => void,
): Generator<Step, void, undefined> {
  const grad = new Float64Array(theta.length);
  const previous = new Float64Array(theta.length);
  evaluate(theta, grad);
  for (let step = 1; step <= epochs; step++) {
    previous.set(theta);
    optimizer.step(theta, grad);
    const loss = evaluate(theta, grad);
    if (!Number.isFinite(loss)) {
      theta.set(previous);
      diverged(step);
      return;
    }
    yield { stage: step, total: epochs, label: `step ${step}`, loss };
  }
}

function learningRateOf(opts: Options, fallback: number): number {
  return opts.learningRate ?? fallback;
}

/** Parameters [b, w₁, …, w_p] from `start`, given as [w₁, …, w_p, b]; zeros without it. */
function startOf(opts: Options, p: number): Float64Array {
  const theta = new Float64Array(p + 1);
  if (!opts.start) return theta;
  theta[0] = opts.start[p];
  for (let j = 0; j < p; j++) theta[j + 1] = opts.start[j];
  return theta;
}

function regressionLossOf(opts: Options): RegressionLoss {
  const loss = opts.loss ?? 'squared';
  if (!(REGRESSION_LOSSES as readonly string[]).includes(loss)) throw new Error(`unchecked regression loss ${loss}`);
  return loss as RegressionLoss;
}

class LinearRegressor implements Regressor {
  private readonly p: number;
  private readonly loss: RegressionLoss;
  private basis: Basis;
  /** [b, w₁, …, w_p]. */
  private theta: Float64Array;
  /** The training points' basis rows with a leading 1 (n×(p + 1)), and their y. */
  private design = new Float64Array(0);
  private y = new Float64Array(0);
  private minimum: readonly [number, number] | null = null;
  private diverged: string | null = null;
  /** Only for y = w·x + b: its two parameters and J over them. */
  readonly landscape?: () => Landscape;
  /** The coefficients of the basis and the intercept. */
  readonly parameters: number;

  constructor(private readonly opts: Options) {
    this.loss = regressionLossOf(opts);
    this.basis = createBasis(opts, []);
    this.p = this.basis.size;
    this.parameters = this.p + 1;
    this.theta = startOf(opts, this.p);
    if (opts.degree === 1 && this.p === 1) this.landscape = () => this.line();
  }

  warnings(): string[] {
    return this.diverged ? [this.diverged] : [];
  }

  /** J(θ), and ∇J(θ) into grad when given. */
  private objective(theta: Float64Array, grad?: Float64Array): number {
    const { design, y, loss } = this;
    const { delta, l2 } = this.opts;
    const q = this.p + 1;
    const n = y.length;
    grad?.fill(0);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const o = i * q;
      let s = 0;
      for (let j = 0; j < q; j++) s += design[o + j] * theta[j];
      const r = y[i] - s;
      sum += regressionLoss(loss, r, delta);
      if (grad) {
        const slope = regressionLossSlope(loss, r, delta);
        for (let j = 0; j < q; j++) grad[j] -= slope * design[o + j];
      }
    }
    let penalty = 0;
    for (let j = 1; j < q; j++) penalty += theta[j] * theta[j];
    if (grad) {
      for (let j = 0; j < q; j++) grad[j] = n > 0 ? grad[j] / n : 0;
      for (let j = 1; j < q; j++) grad[j] += l2 * theta[j];
    }
    return (n > 0 ? sum / n : 0) + (l2 / 2) * penalty;
  }

  *train(data: Series, _rng: Rng) {
    this.basis = createBasis(this.opts, data.x);
    const q = this.p + 1;
    this.design = new Float64Array(data.n * q);
    for (let i = 0; i < data.n; i++) {
      this.design[i * q] = 1;
      this.basis.fill(data.x[i], this.design, i * q + 1);
    }
    this.y = Float64Array.from(data.y);
    this.theta = startOf(this.opts, this.p);
    this.minimum = null;
    this.diverged = null;
    if (this.opts.optimizer === 'exact') {
      yield* this.reweight(this.theta, this.opts.epochs, true);
      return;
    }
    const rate = learningRateOf(this.opts, 0.01);
    yield* descend(
      this.theta,
      (theta, grad) => this.objective(theta, grad),
      createOptimizer(this.opts.optimizer, q, rate),
      this.opts.epochs,
      (step) => {
        this.diverged = divergedWarning(step, rate);
      },
    );
  }

  /** IRLS steps from θ (in place) until J stops falling or `steps`; yields each when asked. */
  private *reweight(theta: Float64Array, steps: number, stages: boolean): Generator<Step, void, undefined> {
    const problem = {
      design: this.design,
      n: this.y.length,
      p: this.p + 1,
      y: this.y,
      loss: this.loss,
      delta: this.opts.delta,
      l2: this.opts.l2,
    };
    let loss = this.objective(theta);
    for (let step = 1; step <= steps; step++) {
      irlsStep(problem, theta);
      const next = this.objective(theta);
      const done = this.loss === 'squared' || Math.abs(loss - next) <= 1e-10 * (Math.abs(next) + 1e-300);
      loss = next;
      const label = this.loss === 'squared' ? 'least squares' : `IRLS step ${step}`;
      if (stages) yield { stage: step, label, loss };
      if (done) return;
    }
  }

  /** y = w·x + b: (w, b), J over them, and its minimum (found once per fit). */
  private line(): Landscape {
    if (!this.minimum) {
      const best = Float64Array.from(this.theta);
      // From the current point: the reweighting converges from anywhere, fastest from nearby.
      for (const _ of this.reweight(best, 1000, false));
      this.minimum = [best[1], best[0]];
    }
    const at = new Float64Array(2);
    const start = startOf(this.opts, 1);
    return {
      names: ['w', 'b'],
      at: [this.theta[1], this.theta[0]],
      start: [start[1], start[0]],
      minimum: this.minimum,
      loss: (w, b) => {
        at[0] = b;
        at[1] = w;
        return this.objective(at);
      },
    };
  }

  predict(x: Float64Array, out?: Float64Array): Float64Array {
    const n = x.length;
    const result = out && out.length >= n ? out : new Float64Array(n);
    const phi = new Float64Array(this.p);
    const theta = this.theta;
    for (let i = 0; i < n; i++) {
      this.basis.fill(x[i], phi);
      let s = theta[0];
      for (let j = 0; j < this.p; j++) s += theta[j + 1] * phi[j];
      result[i] = s;
    }
    return result;
  }
}

/** Score rows: log loss has one per class but the reference; one-vs-rest one per class, one for two. */
function scoreRows(loss: string, classes: number): number {
  return loss === 'log' || classes === 2 ? classes - 1 : classes;
}

/** The ±1 target of score row c for a point of class y. */
function target(rows: number, c: number, y: number): number {
  const positive = rows === 1 ? 1 : c;
  return y === positive ? 1 : -1;
}

class LinearClassifier implements Classifier {
  private readonly loss: 'log' | MarginLoss;
  private readonly map: FeatureMap;
  private readonly rows: number;
  private readonly q: number;
  /** rows×q, row c = [b_c, w_c1, …, w_cd] on standardized features. */
  private theta: Float64Array;
  private scaler: ColumnScaler;
  private diverged: string | null = null;

  constructor(
    readonly classes: number,
    private readonly opts: Options,
  ) {
    const loss = opts.loss ?? 'log';
    if (!(CLASSIFICATION_LOSSES as readonly string[]).includes(loss)) throw new Error(`unchecked loss ${loss}`);
    this.loss = loss as 'log' | MarginLoss;
    if (opts.optimizer === 'exact' && (loss === 'hinge' || loss === 'perceptron')) {
      throw new UserError(
        `exact has no solver for ${loss} loss (the optimum of a ${loss === 'hinge' ? 'quadratic' : 'linear'} program); expected gd, momentum or adam, or loss log or squared`,
        'optimizer',
      );
    }
    this.map = featureMap(opts.features);
    this.q = this.map.size + 1;
    this.rows = scoreRows(loss, classes);
    this.theta = new Float64Array(this.rows * this.q);
    this.scaler = fitColumns(new Float64Array(0), this.map.size);
  }

  warnings(): string[] {
    return this.diverged ? [this.diverged] : [];
  }

  /** Standardized features of n×2 points. */
  private inputs(X: Float64Array): Float64Array {
    return standardizeColumns(this.scaler, this.map.apply(X));
  }

  /** J(θ) on standardized features F (n×d) with labels y, and ∇J into grad when given. */
  private objective(theta: Float64Array, F: Float64Array, labels: Uint8Array, grad?: Float64Array): number {
    const { rows, q, classes } = this;
    const d = q - 1;
    const n = labels.length;
    const { l2 } = this.opts;
    const scores = new Float64Array(classes);
    const slopes = new Float64Array(classes);
    grad?.fill(0);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      // Score row c into scores[c + 1] for log loss (class 0's logit is 0), scores[c] otherwise.
      const shift = this.loss === 'log' ? 1 : 0;
      scores[0] = 0;
      for (let c = 0; c < rows; c++) {
        let s = theta[c * q];
        for (let j = 0; j < d; j++) s += theta[c * q + 1 + j] * F[i * d + j];
        scores[c + shift] = s;
      }
      if (this.loss === 'log') {
        sum += crossEntropyRow(scores, slopes, 0, classes, labels[i]);
      } else {
        for (let c = 0; c < rows; c++) {
          const t = target(rows, c, labels[i]);
          sum += marginLoss(this.loss, scores[c], t);
          slopes[c] = marginLossSlope(this.loss, scores[c], t);
        }
      }
      if (!grad) continue;
      for (let c = 0; c < rows; c++) {
        const g = slopes[c + shift];
        grad[c * q] += g;
        for (let j = 0; j < d; j++) grad[c * q + 1 + j] += g * F[i * d + j];
      }
    }
    let penalty = 0;
    for (let k = 0; k < theta.length; k++) if (k % q !== 0) penalty += theta[k] * theta[k];
    if (grad) {
      for (let k = 0; k < grad.length; k++) {
        grad[k] = n > 0 ? grad[k] / n : 0;
        if (k % q !== 0) grad[k] += l2 * theta[k];
      }
    }
    return (n > 0 ? sum / n : 0) + (l2 / 2) * penalty;
  }

  *train(data: Dataset, _rng: Rng) {
    const raw = this.map.apply(data.X);
    this.scaler = fitColumns(raw, this.map.size);
    const F = standardizeColumns(this.scaler, raw);
    this.theta = new Float64Array(this.rows * this.q);
    this.diverged = null;
    if (this.opts.optimizer === 'exact') {
      yield* this.loss === 'log' ? this.newton(F, data) : this.leastSquares(F, data);
      return;
    }
    const rate = learningRateOf(this.opts, 0.1);
    yield* descend(
      this.theta,
      (theta, grad) => this.objective(theta, F, data.y, grad),
      createOptimizer(this.opts.optimizer, this.theta.length, rate),
      this.opts.epochs,
      (step) => {
        this.diverged = divergedWarning(step, rate);
      },
    );
  }

  /** The design [1, F] (n×q). */
  private design(F: Float64Array, n: number): Float64Array {
    const { q } = this;
    const design = new Float64Array(n * q);
    for (let i = 0; i < n; i++) {
      design[i * q] = 1;
      design.set(F.subarray(i * (q - 1), (i + 1) * (q - 1)), i * q + 1);
    }
    return design;
  }

  /** Log loss: Newton–Raphson on the deviance, glm's rule, `epochs` the cap (as logistic's newton). */
  private *newton(F: Float64Array, data: Dataset) {
    const { n } = data;
    const solver = new GlmNewton({
      design: this.design(F, n),
      n,
      p: this.q,
      y: data.y,
      classes: this.classes,
      ridge: this.opts.l2 * n,
    });
    let deviance = solver.deviance(this.theta);
    for (let step = 1; step <= this.opts.epochs; step++) {
      const next = solver.step(this.theta, deviance);
      const done = converged(deviance, next);
      deviance = next;
      yield { stage: step, label: `Newton step ${step}`, loss: this.objective(this.theta, F, data.y) };
      if (done) return;
    }
  }

  /** Squared loss: each score row the least-squares fit of its ±1 targets, ridge n·l2/2. */
  private *leastSquares(F: Float64Array, data: Dataset) {
    const { n } = data;
    const { q } = this;
    const design = this.design(F, n);
    for (let c = 0; c < this.rows; c++) {
      const solver = new LeastSquares(q);
      for (let i = 0; i < n; i++) solver.addRow(design.subarray(i * q, (i + 1) * q), target(this.rows, c, data.y[i]));
      for (let j = 1; j < q; j++) solver.addRidge(j, (n * this.opts.l2) / 2);
      this.theta.set(solver.solve(), c * q);
    }
    yield { stage: 1, label: 'least squares', loss: this.objective(this.theta, F, data.y) };
  }

  /**
   * Log loss: the softmax of (0, s₁, …). The other losses give scores, not probabilities: squared
   * scores estimate 2·P(class) − 1 (least squares on ±1 targets), so P ≈ (1 + s)/2 clipped and
   * normalised; hinge and perceptron scores are shown through a softmax (σ(s) for two classes),
   * which keeps the boundary (equal scores) exact and the shading a monotone picture of the margin.
   */
  predictProba(X: Float64Array, out?: Float32Array): Float32Array {
    const { rows, q, classes } = this;
    const d = q - 1;
    const n = X.length / 2;
    const p = probaBuffer(n, classes, out);
    const F = this.inputs(X);
    const scores = new Float64Array(classes + 1);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < rows; c++) {
        let s = this.theta[c * q];
        for (let j = 0; j < d; j++) s += this.theta[c * q + 1 + j] * F[i * d + j];
        scores[c] = s;
      }
      const o = i * classes;
      if (rows === 1 && this.loss !== 'squared') {
        softmaxPairInto(scores[0], p, o);
      } else if (this.loss === 'squared') {
        this.squaredProbabilities(scores, p, o);
      } else if (this.loss === 'log') {
        for (let c = classes - 1; c >= 1; c--) scores[c] = scores[c - 1];
        scores[0] = 0;
        softmaxInPlace(scores, 0, classes);
        for (let c = 0; c < classes; c++) p[o + c] = scores[c];
      } else {
        softmaxInPlace(scores, 0, classes);
        for (let c = 0; c < classes; c++) p[o + c] = scores[c];
      }
    }
    return p;
  }

  /** (1 + s)/2 per class, clipped to [0, 1] and normalised (uniform when all are 0). */
  private squaredProbabilities(scores: Float64Array, p: Float32Array, o: number): void {
    const k = this.classes;
    if (this.rows === 1) {
      const p1 = Math.min(1, Math.max(0, (1 + scores[0]) / 2));
      p[o] = 1 - p1;
      p[o + 1] = p1;
      return;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.max(0, (1 + scores[c]) / 2);
    for (let c = 0; c < k; c++) p[o + c] = sum > 0 ? Math.max(0, (1 + scores[c]) / 2) / sum : 1 / k;
  }
}

/** An optimizer's path over a function of two variables, from `start` or the function's own. */
class LinearMinimizer implements Minimizer {
  private point = new Float64Array(2);
  private objective: Objective | null = null;
  private diverged: string | null = null;

  constructor(private readonly opts: Options) {
    if (opts.optimizer === 'exact') {
      throw new UserError(
        'exact has no closed form for a function to minimise; expected gd, momentum or adam',
        'optimizer',
      );
    }
    if (opts.start && opts.start.length !== 2) {
      throw new UserError(
        `expected the start point [x, y] of the function's two variables, got ${opts.start.length} numbers`,
        'start',
      );
    }
  }

  warnings(): string[] {
    return this.diverged ? [this.diverged] : [];
  }

  *train(objective: Objective, _rng: Rng) {
    this.objective = objective;
    this.point = Float64Array.from(this.opts.start ?? objective.start);
    this.diverged = null;
    const rate = learningRateOf(this.opts, 0.01);
    if (this.opts.optimizer === 'exact') throw new Error('exact was refused when the minimizer was made');
    yield* descend(
      this.point,
      (point, grad) => {
        const [gx, gy] = objective.gradient(point[0], point[1]);
        grad[0] = gx;
        grad[1] = gy;
        return objective.value(point[0], point[1]);
      },
      createOptimizer(this.opts.optimizer, 2, rate),
      this.opts.epochs,
      (step) => {
        this.diverged = divergedWarning(step, rate);
      },
    );
  }

  landscape(): Landscape {
    const objective = this.objective;
    if (!objective) throw new Error('landscape() before train()');
    const [startX, startY] = this.opts.start ?? objective.start;
    return {
      names: objective.names,
      at: [this.point[0], this.point[1]],
      start: [startX, startY],
      loss: (x, y) => objective.value(x, y),
    };
  }
}

export const linear = defineModel({
  type: 'linear',
  title: 'Linear model',
  stage: 'step',
  schema,
  classifier: (opts, classes) => {
    refuseRateWithExact(opts);
    return new LinearClassifier(classes, opts);
  },
  regressor: (opts) => {
    refuseRateWithExact(opts);
    const size = opts.degree + 2 * opts.fourier + opts.rbf;
    if (opts.delta !== DEFAULT_DELTA && regressionLossOf(opts) !== 'huber') {
      throw new UserError(`delta is huber's threshold; loss ${regressionLossOf(opts)} has none`, 'delta');
    }
    if (opts.period !== undefined && opts.fourier === 0) {
      throw new UserError('period is that of the Fourier terms; set fourier (1 or more) or remove period', 'period');
    }
    if (opts.start && opts.start.length !== size + 1) {
      throw new UserError(
        `expected ${size + 1} starting parameters (${size} coefficient${size === 1 ? '' : 's'} of the basis, then the intercept b), got ${opts.start.length}`,
        'start',
      );
    }
    return new LinearRegressor(opts);
  },
  minimizer: (opts) => new LinearMinimizer(opts),
});
