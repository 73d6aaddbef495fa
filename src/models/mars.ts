/**
 * Multivariate adaptive regression splines (Friedman 1991), as R's earth (Milborrow): the forward
 * and backward passes of ./algorithms/mars-passes.ts choose hinge terms by least squares.
 * - Regression (earth's own task, y ~ x): the terms' least-squares fit is the model; pruning
 *   chooses among the subsets earth's leaps records (the path's and every leading subset).
 * - Classification (earth with glm = binomial): the passes run on 0/1 class indicators, then a
 *   logistic regression (IRLS, ./algorithms/glm-newton.ts) on the kept basis gives the
 *   probabilities. K classes: as earth with a factor response, one 0/1 indicator per class (one
 *   for two classes), a shared basis chosen on their summed RSS, one logistic fit per class,
 *   probabilities normalised. Pruning chooses among the backward path's subsets only
 *   (Friedman's Algorithm 3; earth's choice for K > 2, whereas for two classes earth uses leaps).
 *
 * Stages: the intercept-only start ("term 1"), each term added ("term 5"), then each term removed
 * while pruning ("prune: 9 terms") down to the GCV choice. After every yield the predictions
 * come from a fit on the current terms, made when first asked for: for classification up to 10
 * IRLS steps warm-started from the previous fit, the last stage fitted from scratch to
 * convergence; for regression the least-squares coefficients, fitted at each stage, whose
 * RSS / n is the stage's loss. A regression has one input: `degree` 2 has no two inputs to multiply and only raises the
 * auto penalty to 3, as in earth (a warning says so).
 */
import { z } from 'zod';
import type { Dataset, Series } from '../dataset.js';
import { options } from '../options.js';
import type { Rng } from '../random.js';
import { solveSpd } from './algorithms/cholesky.js';
import { GlmNewton } from './algorithms/glm-newton.js';
import { onLine } from './algorithms/line-points.js';
import { dot, type MarsSettings, type MarsStage, marsStages, type Term, termValue } from './algorithms/mars-passes.js';
import { type Classifier, defineModel, probaBuffer, type Regressor, valueBuffer } from './model.js';

const schema = options({
  maxTerms: z.number().int().min(1).max(201).default(21).describe('terms before pruning, intercept included'),
  degree: z.number().int().min(1).max(2).default(1).describe('2 allows products of two hinges'),
  penalty: z
    .union([z.literal('auto'), z.number().min(0)])
    .default('auto')
    .describe('GCV cost per knot; auto = 2, or 3 when degree is 2'),
});

export type MarsOptions = z.output<typeof schema>;

function settings(opts: MarsOptions, leadingSubsets: boolean): MarsSettings {
  const penalty = opts.penalty === 'auto' ? (opts.degree === 2 ? 3 : 2) : opts.penalty;
  return { maxTerms: opts.maxTerms, degree: opts.degree, penalty, leadingSubsets };
}

export class Mars implements Classifier {
  /** The terms the model predicts with now. */
  terms: Term[] = [[]];
  /** Their columns at the training points. */
  private columns: Float64Array[] = [];
  /** Indicator responses: class 1 for two classes, else one per class (absent classes skipped). */
  private responses: { cls: number; y: Float64Array }[] = [];
  private present: number[] = [];
  private n = 0;
  private coef: Float64Array[] = [];
  private coefTerms: Term[] = [];
  private fitted = false;
  private final = false;

  constructor(
    readonly classes: number,
    private readonly opts: MarsOptions,
  ) {}

  *train(data: Dataset, _rng: Rng) {
    const { n } = data;
    this.n = n;
    const counts = new Array<number>(this.classes).fill(0);
    for (let i = 0; i < n; i++) counts[data.y[i]]++;
    this.present = counts.flatMap((c, k) => (c > 0 ? [k] : []));
    const targets = this.classes === 2 ? [1] : this.present;
    this.responses = targets.map((cls) => ({ cls, y: Float64Array.from(data.y, (c) => (c === cls ? 1 : 0)) }));
    this.coef = [];
    this.coefTerms = [];
    const Y = this.responses.map((r) => r.y);
    let stage = 1;
    for (const now of marsStages(data.X, n, Y, 2, settings(this.opts, false))) {
      this.show(now);
      yield { stage: stage++, label: now.label };
    }
  }

  /** Switches prediction to these terms; the logistic fit follows when first asked for. */
  private show(stage: MarsStage): void {
    this.terms = stage.terms;
    this.columns = stage.columns;
    this.final = stage.final;
    this.fitted = false;
  }

  /** Logistic fits of every response on the current terms. */
  private fit(): void {
    const { n, terms } = this;
    const p = terms.length;
    const B = new Float64Array(n * p);
    this.columns.forEach((col, j) => {
      for (let i = 0; i < n; i++) B[i * p + j] = col[i];
    });
    this.coef = this.responses.map(({ y }, k) => {
      const beta = new Float64Array(p);
      const previous = this.coef[k];
      if (!this.final && previous) {
        // Warm start: carry over the coefficients of terms still in the model.
        terms.forEach((term, j) => {
          const old = this.coefTerms.indexOf(term);
          if (old >= 0) beta[j] = previous[old];
        });
      } else {
        const mean = Math.min(Math.max(y.reduce((s, v) => s + v, 0) / Math.max(n, 1), 1e-6), 1 - 1e-6);
        beta[0] = Math.log(mean / (1 - mean));
      }
      new GlmNewton({ design: B, n, p, y, classes: 2 }).fit(beta, this.final ? 25 : 10);
      return beta;
    });
    this.coefTerms = terms;
    this.fitted = true;
  }

  predictProba(X: Float64Array, out?: Float32Array): Float32Array {
    const k = this.classes;
    const count = X.length / 2;
    const proba = probaBuffer(count, k, out);
    proba.fill(0, 0, count * k);
    if (this.present.length < 2) {
      for (let i = 0; i < count; i++) {
        if (this.present.length === 1) proba[i * k + this.present[0]] = 1;
        else for (let c = 0; c < k; c++) proba[i * k + c] = 1 / k;
      }
      return proba;
    }
    if (!this.fitted) this.fit();
    const { terms, coef, responses } = this;
    const b = new Float64Array(terms.length);
    for (let i = 0; i < count; i++) {
      const x = X[2 * i];
      const y = X[2 * i + 1];
      for (let j = 0; j < terms.length; j++) b[j] = termValue(terms[j], x, y);
      if (k === 2) {
        const p1 = 1 / (1 + Math.exp(-dot(coef[0], b)));
        proba[i * k + 1] = p1;
        proba[i * k] = 1 - p1;
        continue;
      }
      let sum = 0;
      responses.forEach(({ cls }, r) => {
        const p = 1 / (1 + Math.exp(-dot(coef[r], b)));
        proba[i * k + cls] = p;
        sum += p;
      });
      for (const { cls } of responses) proba[i * k + cls] = sum > 0 ? proba[i * k + cls] / sum : 1 / responses.length;
    }
    return proba;
  }
}

export class MarsRegression implements Regressor {
  /** The terms the model predicts with now (hinges on x only). */
  terms: Term[] = [[]];
  /** Their least-squares coefficients; before training, the intercept 0. */
  coefficients = new Float64Array(1);

  constructor(private readonly opts: MarsOptions) {}

  *train(data: Series, _rng: Rng) {
    const { n } = data;
    this.terms = [[]];
    this.coefficients = new Float64Array(1);
    if (n === 0) {
      yield { stage: 1, total: 1, label: 'term 1' };
      return;
    }
    const y = data.y.subarray(0, n);
    let stage = 1;
    for (const now of marsStages(onLine(data.x, n), n, [y], 1, settings(this.opts, true))) {
      const rss = this.fit(now, y);
      yield { stage: stage++, label: now.label, loss: rss / n };
    }
  }

  /** The least-squares coefficients of y on the stage's terms (normal equations); returns the RSS. */
  private fit(stage: MarsStage, y: Float64Array): number {
    const { columns } = stage;
    const p = columns.length;
    const gram = new Float64Array(p * p);
    const beta = new Float64Array(p);
    for (let a = 0; a < p; a++) {
      for (let b = 0; b <= a; b++) gram[a * p + b] = gram[b * p + a] = dot(columns[a], columns[b]);
      beta[a] = dot(columns[a], y);
    }
    solveSpd(gram, beta, p);
    this.terms = stage.terms;
    this.coefficients = beta;
    let rss = 0;
    for (let i = 0; i < y.length; i++) {
      let fitted = 0;
      for (let j = 0; j < p; j++) fitted += beta[j] * columns[j][i];
      rss += (y[i] - fitted) ** 2;
    }
    return rss;
  }

  predict(x: Float64Array, out?: Float64Array): Float64Array {
    const values = valueBuffer(x.length, out);
    const { terms, coefficients } = this;
    for (let i = 0; i < x.length; i++) {
      let v = 0;
      for (let j = 0; j < terms.length; j++) v += coefficients[j] * termValue(terms[j], x[i], 0);
      values[i] = v;
    }
    return values;
  }

  warnings(): string[] {
    return this.opts.degree === 2
      ? ['degree 2 has no two inputs to multiply in 1-D: it only raises the auto penalty to 3']
      : [];
  }
}

export const mars = defineModel({
  type: 'mars',
  title: 'MARS',
  stage: 'term',
  schema,
  classifier: (opts, classes) => new Mars(classes, opts),
  regressor: (opts) => new MarsRegression(opts),
});
