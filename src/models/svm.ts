/**
 * Support vector machine: the soft-margin C-SVM (Cortes & Vapnik 1995) with the defaults of
 * scikit-learn's SVC / LIBSVM (Chang & Lin 2011): rbf kernel, C = 1, gamma = "scale" =
 * 1/(2·var(X)) with var over all input values, inputs not rescaled. The dual is solved by SMO
 * with second-order working-set selection (./smo.ts). K classes: one-vs-one, one machine per pair
 * of classes present in the data, as LIBSVM.
 *
 * Probabilities: Platt scaling per pair (./platt.ts), coupled across pairs by Wu, Lin & Weng's
 * method 2 (./coupling.ts), as LIBSVM's -b 1. One departure, to stay fast: the sigmoid is fitted
 * to the training points' own decision values, not to LIBSVM's 5-fold cross-validated ones, so
 * probabilities are somewhat more confident than SVC's predict_proba.
 *
 * Stages: one pass = a block of SMO iterations (⌈n/100⌉, at least 2) on every pairwise problem
 * not yet converged; after each pass the machine predicts with its current α and ρ and a
 * provisional Platt fit, so the boundary visibly settles. The number of passes is not known in
 * advance. The support-vector expansion and the Platt fits are rebuilt only when a prediction is
 * asked for. Prediction evaluates the kernel at the support vectors only.
 */
import { z } from 'zod';
import type { Dataset } from '../dataset.js';
import { type Grid, gridAxes } from '../grid.js';
import { options } from '../options.js';
import type { Rng } from '../random.js';
import { PairwiseCoupling } from './algorithms/coupling.js';
import { type Expansion, evaluateExpansion, gridRows, PointExpansion } from './algorithms/kernel-expansion.js';
import { type Kernel, KernelRows } from './algorithms/kernels.js';
import { fitSigmoid, type Sigmoid, sigmoidProbability } from './algorithms/platt.js';
import { SmoSolver } from './algorithms/smo.js';
import { type Classifier, defineModel, probaBuffer } from './model.js';

const schema = options({
  kernel: z.enum(['rbf', 'linear', 'poly']).default('rbf'),
  C: z.number().positive().default(1).describe('cost of a margin violation'),
  gamma: z
    .union([z.literal('scale'), z.number().positive()])
    .default('scale')
    .describe('rbf/poly kernel scale; "scale" = 1/(2·var(X))'),
  degree: z.number().int().min(1).max(10).default(3).describe('poly kernel degree'),
  coef0: z.number().default(0).describe('poly kernel constant'),
});

export type SvmOptions = z.output<typeof schema>;

/** One binary machine of the one-vs-one scheme: class b is +1, class a is −1. */
export interface PairMachine {
  a: number;
  b: number;
  /** Training-point indices of the two classes. */
  index: Int32Array;
  solver: SmoSolver;
  sigmoid: Sigmoid;
}

/** scikit-learn's gamma = "scale": 1/(n_features·var(X)), var over all values; 1 if that is 0. */
export function scaleGamma(X: Float64Array): number {
  const m = X.length;
  if (m === 0) return 1;
  let mean = 0;
  for (let i = 0; i < m; i++) mean += X[i];
  mean /= m;
  let v = 0;
  for (let i = 0; i < m; i++) v += (X[i] - mean) ** 2;
  v /= m;
  return v > 0 ? 1 / (2 * v) : 1;
}

export class SupportVectorMachine implements Classifier {
  pairs: PairMachine[] = [];
  kernel: Kernel = { name: 'rbf', gamma: 1, degree: 3, coef0: 0 };
  private present: number[] = [];
  private notes: string[] = [];
  /** The prediction model: per pair, an expansion over the union of support vectors (coefficients α·y) less its ρ. */
  private expansion: Expansion = {
    kernel: this.kernel,
    vectors: new Float64Array(0),
    count: 0,
    coef: new Float64Array(0),
    outputs: 0,
  };
  private rho = new Float64Array(0);
  private sigmoids: Sigmoid[] = [];
  /** Set after a pass: the prediction model is rebuilt from the solvers when next needed. */
  private stale: Dataset | null = null;
  /** The previous growing-sample frame's machine, whose α the next train() starts from. */
  private seed: SupportVectorMachine | null = null;

  constructor(
    readonly classes: number,
    readonly opts: SvmOptions,
  ) {}

  warnings(): string[] {
    return this.notes;
  }

  /**
   * The previous frame's α as the starting point: its points are the first ones of this frame's
   * data, and the new points start at α = 0, so the start is feasible (the problem is convex: SMO
   * then reaches the cold start's optimum, within its stopping tolerance eps). Its kernel may
   * differ (gamma = "scale" follows the data); only the starting point is carried over.
   */
  warmStart(previous: Classifier): void {
    this.seed = previous instanceof SupportVectorMachine && previous.opts.C === this.opts.C ? previous : null;
  }

  /** Starts each pair's solver at the seed machine's α for the same pair, if it has one. */
  private seedSolvers(): void {
    const seed = this.seed;
    this.seed = null;
    if (!seed) return;
    for (const pair of this.pairs) {
      const old = seed.pairs.find((p) => p.a === pair.a && p.b === pair.b);
      // Its points must be the first of this pair's (a prefix of the same data).
      if (!old || old.index.length > pair.index.length) continue;
      if (old.index.some((i, t) => pair.index[t] !== i)) continue;
      const alpha = new Float64Array(pair.index.length);
      alpha.set(old.solver.alpha);
      pair.solver.start(alpha);
    }
  }

  *train(data: Dataset, _rng: Rng) {
    const { opts } = this;
    this.notes = [];
    this.kernel = {
      name: opts.kernel,
      gamma: opts.gamma === 'scale' ? scaleGamma(data.X) : opts.gamma,
      degree: opts.degree,
      coef0: opts.coef0,
    };
    const counts = new Array<number>(this.classes).fill(0);
    for (let i = 0; i < data.n; i++) counts[data.y[i]]++;
    this.present = counts.flatMap((c, k) => (c > 0 ? [k] : []));
    const rows = new KernelRows(this.kernel, data.X, data.n);
    this.pairs = [];
    for (let ia = 0; ia < this.present.length; ia++) {
      for (let ib = ia + 1; ib < this.present.length; ib++) {
        const a = this.present[ia];
        const b = this.present[ib];
        const members: number[] = [];
        for (let i = 0; i < data.n; i++) if (data.y[i] === a || data.y[i] === b) members.push(i);
        const index = Int32Array.from(members);
        const y = Int8Array.from(members, (i) => (data.y[i] === b ? 1 : -1));
        this.pairs.push({ a, b, index, solver: new SmoSolver(rows, index, y, opts.C), sigmoid: { A: 0, B: 0 } });
      }
    }
    this.seedSolvers();
    this.stale = data;
    if (this.pairs.length === 0) {
      yield { stage: 1, label: 'pass 1' };
      return;
    }
    const block = Math.max(2, Math.ceil(data.n / 100));
    // LIBSVM's cap is max(10⁷, 100·n); a smaller one keeps a pathological run from hanging a render.
    const cap = Math.max(200_000, 100 * data.n);
    for (let pass = 1; ; pass++) {
      let done = true;
      for (const pair of this.pairs) {
        const { solver } = pair;
        if (solver.converged || solver.iterations >= cap) continue;
        solver.run(Math.min(block, cap - solver.iterations));
        if (!solver.converged && solver.iterations >= cap) {
          this.notes.push(`svm: classes ${pair.a} vs ${pair.b} stopped at ${cap} SMO iterations before converging`);
        }
        if (!solver.converged && solver.iterations < cap) done = false;
      }
      this.stale = data;
      yield { stage: pass, label: `pass ${pass}` };
      if (done) return;
    }
  }

  /** Platt fits on the current decision values, and the support-vector expansion for prediction. */
  private snapshot(data: Dataset): void {
    this.stale = null;
    const P = this.pairs.length;
    const slot = new Int32Array(data.n).fill(-1);
    let m = 0;
    for (const { index, solver } of this.pairs) {
      for (let t = 0; t < index.length; t++) if (solver.alpha[t] > 0 && slot[index[t]] < 0) slot[index[t]] = m++;
    }
    const vectors = new Float64Array(2 * m);
    const coef = new Float64Array(m * P);
    this.rho = new Float64Array(P);
    for (let i = 0; i < data.n; i++) {
      if (slot[i] < 0) continue;
      vectors[2 * slot[i]] = data.X[2 * i];
      vectors[2 * slot[i] + 1] = data.X[2 * i + 1];
    }
    this.expansion = { kernel: this.kernel, vectors, count: m, coef, outputs: P };
    this.pairs.forEach((pair, p) => {
      const { index, solver } = pair;
      for (let t = 0; t < index.length; t++) {
        if (solver.alpha[t] > 0) coef[p * m + slot[index[t]]] = solver.alpha[t] * solver.y[t];
      }
      this.rho[p] = solver.rho();
      pair.sigmoid = fitSigmoid(solver.decisionValues(), (t) => solver.y[t] === 1);
    });
    this.sigmoids = this.pairs.map((pair) => pair.sigmoid);
  }

  /** Decision values f_p(x) of every pair machine at the n points X: n×pairs row-major. */
  decisionFunction(X: Float64Array): Float64Array {
    if (this.stale) this.snapshot(this.stale);
    const P = this.pairs.length;
    const n = X.length / 2;
    const out = new Float64Array(n * P);
    evaluateExpansion(this.expansion, X, out);
    for (let i = 0; i < n; i++) for (let p = 0; p < P; p++) out[i * P + p] -= this.rho[p];
    return out;
  }

  predictProba(X: Float64Array, out?: Float32Array): Float32Array {
    const n = X.length / 2;
    const proba = probaBuffer(n, this.classes, out);
    const write = this.probabilityWriter(proba, n);
    if (!write) return proba;
    const points = new PointExpansion(this.expansion);
    const dec = new Float64Array(this.pairs.length);
    for (let i = 0; i < n; i++) {
      points.at(X[2 * i], X[2 * i + 1], dec, 0);
      write(dec, 0, i);
    }
    return proba;
  }

  predictGrid(grid: Grid, out?: Float32Array): Float32Array {
    const { nx, ny } = grid;
    const proba = probaBuffer(nx * ny, this.classes, out);
    const write = this.probabilityWriter(proba, nx * ny);
    if (!write) return proba;
    const rows = gridRows(this.expansion, gridAxes(grid));
    const P = this.pairs.length;
    const dec = new Float64Array(nx * P);
    for (let r = 0; r < ny; r++) {
      rows.row(r, dec);
      for (let c = 0; c < nx; c++) write(dec, c * P, r * nx + c);
    }
    return proba;
  }

  /**
   * Clears rows 0..n−1 of proba and returns a function that writes row i from the point's pair
   * expansions at dec[o..] (decision value = expansion − ρ): Platt per pair, coupled for more than
   * two classes. Null when there is no pair: the rows are then written already, with the one
   * class seen (or, before training, every class alike).
   */
  private probabilityWriter(
    proba: Float32Array,
    n: number,
  ): ((dec: Float64Array, o: number, i: number) => void) | null {
    const k = this.classes;
    proba.fill(0, 0, n * k);
    const present = this.present;
    if (present.length < 2) {
      for (let i = 0; i < n; i++) {
        if (present.length === 1) proba[i * k + present[0]] = 1;
        else for (let c = 0; c < k; c++) proba[i * k + c] = 1 / k;
      }
      return null;
    }
    if (this.stale) this.snapshot(this.stale);
    const { pairs, sigmoids, rho } = this;
    const P = pairs.length;
    if (present.length === 2) {
      const { a, b } = pairs[0];
      return (dec, o, i) => {
        const pb = sigmoidProbability(sigmoids[0], dec[o] - rho[0]);
        proba[i * k + b] = pb;
        proba[i * k + a] = 1 - pb;
      };
    }
    const K = present.length;
    const local = new Int32Array(k);
    present.forEach((c, j) => {
      local[c] = j;
    });
    const coupling = new PairwiseCoupling(K);
    const r = new Float64Array(K * K);
    const p = new Float64Array(K);
    return (dec, o, i) => {
      for (let q = 0; q < P; q++) {
        const { a, b } = pairs[q];
        // LIBSVM clamps pairwise estimates away from 0 and 1 before coupling.
        const pb = Math.min(Math.max(sigmoidProbability(sigmoids[q], dec[o + q] - rho[q]), 1e-7), 1 - 1e-7);
        r[local[b] * K + local[a]] = pb;
        r[local[a] * K + local[b]] = 1 - pb;
      }
      coupling.solve(r, p);
      for (let j = 0; j < K; j++) proba[i * k + present[j]] = p[j];
    };
  }
}

export const svm = defineModel({
  type: 'svm',
  title: 'Support vector machine',
  stage: 'pass',
  schema,
  classifier: (opts, classes) => new SupportVectorMachine(classes, opts),
});
