/**
 * Multivariate adaptive regression splines for classification (Friedman 1991), as R's earth
 * (Milborrow) with glm = binomial:
 * - forward pass: start from the intercept; at each step add the mirrored hinge pair
 *   B_m·max(0, x_v − t), B_m·max(0, t − x_v) (parent term B_m, input v not yet in B_m, knot t
 *   at a data value) that most reduces the residual sum of squares of a least-squares fit to the
 *   0/1 class indicators. Every knot of a parent/input is scored in one sweep over the sorted
 *   data by updating inner products with an orthonormal basis (Friedman 1991, §3.9). Knots keep
 *   `endspan` points from either end and are `minspan` points apart (Friedman's formulas with
 *   α = 0.05, as earth; endspan shrinks to n/10 for small samples). Stops at maxTerms, or when
 *   R² grows by less than 0.001 or reaches 0.999 (earth's thresh);
 * - backward pass: drop, one at a time, the term whose removal raises the RSS least (never the
 *   intercept) and keep the subset with the smallest GCV = RSS / (n·(1 − C/n)²), where
 *   C = terms + penalty·(terms − 1)/2;
 * - a logistic regression (IRLS, ./algorithms/glm-newton.ts) on the kept basis gives the probabilities.
 * K classes: as earth with a factor response, one 0/1 indicator per class (one for two classes),
 * a shared basis chosen on their summed RSS, one logistic fit per class, probabilities normalised.
 *
 * Stages: the intercept-only start ("term 1"), each term added ("term 5"), then each term removed
 * while pruning ("prune: 9 terms") down to the GCV choice. After every yield the probabilities
 * come from a logistic fit on the current terms, made when first asked for: up to 10 IRLS steps
 * warm-started from the previous fit; the last stage is fitted from scratch to convergence.
 */
import { z } from 'zod';
import type { Dataset } from '../dataset.js';
import { options } from '../options.js';
import type { Rng } from '../random.js';
import { choleskySolve, factorSpd } from './algorithms/cholesky.js';
import { GlmNewton } from './algorithms/glm-newton.js';
import { type Classifier, defineModel, probaBuffer } from './model.js';

const schema = options({
  maxTerms: z.number().int().min(1).max(201).default(21).describe('terms before pruning, intercept included'),
  degree: z.number().int().min(1).max(2).default(1).describe('2 allows products of two hinges'),
  penalty: z
    .union([z.literal('auto'), z.number().min(0)])
    .default('auto')
    .describe('GCV cost per knot; auto = 2, or 3 when degree is 2'),
});

export type MarsOptions = z.output<typeof schema>;

/** max(0, sign·(x_v − knot)). */
export interface Hinge {
  v: number;
  knot: number;
  sign: 1 | -1;
}

/** A product of hinges on distinct inputs; the intercept is the empty product. */
export type Term = Hinge[];

export function termValue(term: Term, x: number, y: number): number {
  let b = 1;
  for (const h of term) {
    const d = h.sign * ((h.v === 0 ? x : y) - h.knot);
    if (d <= 0) return 0;
    b *= d;
  }
  return b;
}

const ALPHA = 0.05;
const THRESH = 0.001;
/** Earth's endspan for 2 inputs, 3 − log2(α/2); at most a tenth of the parent's support. */
function endspan(support: number): number {
  return Math.max(1, Math.min(Math.floor(3 - Math.log2(ALPHA / 2)), Math.floor(support / 10)));
}
/** Friedman's minimum knot spacing for a parent with `support` nonzero points, 2 inputs. */
function minspan(support: number): number {
  return Math.max(1, Math.floor(-Math.log2(-Math.log(1 - ALPHA) / (2 * support)) / 2.5));
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Residual of c against the orthonormal columns Q (modified Gram–Schmidt, twice for accuracy),
 * written to r (which may be c itself).
 */
function residual(Q: Float64Array[], c: Float64Array, r = new Float64Array(c.length)): Float64Array {
  r.set(c);
  for (let pass = 0; pass < 2; pass++) {
    for (const q of Q) {
      const d = dot(q, r);
      for (let i = 0; i < r.length; i++) r[i] -= d * q[i];
    }
  }
  return r;
}

interface Candidate {
  parent: number;
  v: number;
  knot: number;
  reduction: number;
}

/** The least-squares state of the forward pass: terms, their columns, an orthonormal basis. */
class ForwardBasis {
  terms: Term[] = [[]];
  columns: Float64Array[];
  Q: Float64Array[];
  /** qy[k][j] = q_jᵀ y_k. */
  qy: number[][];
  rss: number;
  readonly tss: number;
  /** Point indices sorted by each input, once: a parent's support keeps this order. */
  private readonly order: Int32Array[];
  // Scratch buffers of bestKnot, reused across its many calls.
  private readonly support: Int32Array;
  private readonly L: Float64Array;

  constructor(
    private readonly X: Float64Array,
    private readonly n: number,
    private readonly Y: Float64Array[],
  ) {
    this.support = new Int32Array(n);
    this.L = new Float64Array(n);
    this.order = [0, 1].map((v) =>
      Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => X[2 * a + v] - X[2 * b + v]),
    );
    const ones = new Float64Array(n).fill(1);
    const q = new Float64Array(n).fill(1 / Math.sqrt(n));
    this.columns = [ones];
    this.Q = [q];
    this.qy = Y.map((y) => [dot(q, y)]);
    this.rss = Y.reduce((s, y, k) => s + dot(y, y) - this.qy[k][0] ** 2, 0);
    this.tss = this.rss;
  }

  /** Adds a term if its column is not (nearly) in the span of the basis; returns whether it did. */
  add(term: Term): boolean {
    const c = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) c[i] = termValue(term, this.X[2 * i], this.X[2 * i + 1]);
    const cc = dot(c, c);
    const r = residual(this.Q, c);
    const rr = dot(r, r);
    if (!(cc > 0) || rr <= 1e-10 * cc) return false;
    const norm = Math.sqrt(rr);
    for (let i = 0; i < this.n; i++) r[i] /= norm;
    this.terms.push(term);
    this.columns.push(c);
    this.Q.push(r);
    this.Y.forEach((y, k) => {
      const d = dot(r, y);
      this.qy[k].push(d);
      this.rss -= d * d;
    });
    return true;
  }

  /** The best knot for hinges on input v under parent term m, scored in one sweep. */
  bestKnot(m: number, v: number): Candidate | null {
    const { X, n, Y } = this;
    const B = this.columns[m];
    const support = this.support;
    let count = 0;
    for (const i of this.order[v]) if (B[i] > 0) support[count++] = i;
    if (count < 3) return null;
    const es = endspan(count);
    const ms = minspan(count);
    if (count - 1 - es < es) return null;
    // Adding the pair spans the same space as adding L = B·x_v and the "+" hinge (B is in the basis).
    const L = this.L;
    for (let i = 0; i < n; i++) L[i] = B[i] * X[2 * i + v];
    const LL = dot(L, L);
    const rL = residual(this.Q, L);
    const rLL = dot(rL, rL);
    const Q = this.Q.slice();
    const qy = this.qy.map((row) => row.slice());
    let reductionL = 0;
    if (rLL > 1e-10 * LL) {
      const norm = Math.sqrt(rLL);
      for (let i = 0; i < n; i++) rL[i] /= norm;
      Q.push(rL);
      Y.forEach((y, k) => {
        const d = dot(rL, y);
        qy[k].push(d);
        reductionL += d * d;
      });
    }
    const M = Q.length;
    const K = Y.length;
    // Sums over the points with x_v > t of q·B·x and q·B (per basis column), B²x², B²x, B², y·B·x, y·B.
    const s1 = new Float64Array(M);
    const s0 = new Float64Array(M);
    const syx = new Float64Array(K);
    const sy = new Float64Array(K);
    let sbbxx = 0;
    let sbbx = 0;
    let sbb = 0;
    const Qc = new Float64Array(M);
    let best: Candidate | null = null;
    let next = count - 1;
    let lastKnot = Number.NaN;
    for (let rank = count - 1 - es; rank >= es; rank--) {
      if ((rank - es) % ms !== 0) continue;
      const t = X[2 * support[rank] + v];
      if (t === lastKnot) continue;
      lastKnot = t;
      while (next >= 0 && X[2 * support[next] + v] > t) {
        const i = support[next--];
        const b = B[i];
        const x = X[2 * i + v];
        for (let q = 0; q < M; q++) {
          const qb = Q[q][i] * b;
          s1[q] += qb * x;
          s0[q] += qb;
        }
        sbbxx += b * b * x * x;
        sbbx += b * b * x;
        sbb += b * b;
        for (let k = 0; k < K; k++) {
          syx[k] += Y[k][i] * b * x;
          sy[k] += Y[k][i] * b;
        }
      }
      const cc = sbbxx - 2 * t * sbbx + t * t * sbb;
      let inSpan = 0;
      for (let q = 0; q < M; q++) {
        Qc[q] = s1[q] - t * s0[q];
        inSpan += Qc[q] * Qc[q];
      }
      const rr = cc - inSpan;
      if (!(rr > 1e-9 * cc)) continue;
      let reduction = reductionL;
      for (let k = 0; k < K; k++) {
        let yr = syx[k] - t * sy[k];
        for (let q = 0; q < M; q++) yr -= qy[k][q] * Qc[q];
        reduction += (yr * yr) / rr;
      }
      if (!best || reduction > best.reduction) best = { parent: m, v, knot: t, reduction };
    }
    return best;
  }
}

/** The backward pass: nested subsets of term indices, from all terms down to the intercept. */
export function backward(columns: Float64Array[], Y: Float64Array[]): { subset: number[]; rss: number }[] {
  const M = columns.length;
  const G = new Float64Array(M * M);
  for (let a = 0; a < M; a++) for (let b = 0; b <= a; b++) G[a * M + b] = G[b * M + a] = dot(columns[a], columns[b]);
  const By = Y.map((y) => columns.map((c) => dot(c, y)));
  const yy = Y.reduce((s, y) => s + dot(y, y), 0);
  let active = Array.from({ length: M }, (_, j) => j);
  const path: { subset: number[]; rss: number }[] = [];
  for (;;) {
    const p = active.length;
    const Gs = new Float64Array(p * p);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) Gs[a * p + b] = G[active[a] * M + active[b]];
    // Columns of G_S⁻¹, for the diagonal that prices each drop: ΔRSS_j = β_j² / (G_S⁻¹)_jj.
    const L = factorSpd(Gs, p);
    const invDiag = new Float64Array(p);
    const e = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      e.fill(0);
      e[j] = 1;
      choleskySolve(L, e, p);
      invDiag[j] = e[j];
    }
    let rss = yy;
    const cost = new Float64Array(p);
    for (const by of By) {
      const beta = Float64Array.from(active, (j) => by[j]);
      const rhs = Float64Array.from(beta);
      choleskySolve(L, beta, p);
      rss -= dot(beta, rhs);
      for (let j = 0; j < p; j++) cost[j] += (beta[j] * beta[j]) / invDiag[j];
    }
    path.push({ subset: active.slice(), rss: Math.max(rss, 0) });
    if (p === 1) return path;
    let drop = 1;
    for (let j = 2; j < p; j++) if (cost[j] < cost[drop]) drop = j;
    active = active.filter((_, j) => j !== drop);
  }
}

export function gcv(rss: number, n: number, terms: number, penalty: number): number {
  const c = terms + (penalty * (terms - 1)) / 2;
  return c >= n ? Number.POSITIVE_INFINITY : rss / (n * (1 - c / n) ** 2);
}

export class Mars implements Classifier {
  /** The terms the model predicts with now. */
  terms: Term[] = [[]];
  /** Indicator responses: class 1 for two classes, else one per class (absent classes skipped). */
  private responses: { cls: number; y: Float64Array }[] = [];
  private present: number[] = [];
  private columnOf = new Map<Term, Float64Array>();
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
    const penalty = this.opts.penalty === 'auto' ? (this.opts.degree === 2 ? 3 : 2) : this.opts.penalty;
    this.n = n;
    const counts = new Array<number>(this.classes).fill(0);
    for (let i = 0; i < n; i++) counts[data.y[i]]++;
    this.present = counts.flatMap((c, k) => (c > 0 ? [k] : []));
    const targets = this.classes === 2 ? [1] : this.present;
    this.responses = targets.map((cls) => ({ cls, y: Float64Array.from(data.y, (c) => (c === cls ? 1 : 0)) }));
    this.coef = [];
    this.coefTerms = [];
    const basis = new ForwardBasis(
      data.X,
      n,
      this.responses.map((r) => r.y),
    );
    this.columnOf = new Map([[basis.terms[0], basis.columns[0]]]);
    let stage = 1;
    this.show(basis.terms, false);
    yield { stage: stage++, label: 'term 1' };
    while (basis.terms.length < this.opts.maxTerms && basis.tss > 0) {
      let best: Candidate | null = null;
      basis.terms.forEach((term, m) => {
        if (term.length >= this.opts.degree) return;
        for (let v = 0; v < 2; v++) {
          if (term.some((h) => h.v === v)) continue;
          const c = basis.bestKnot(m, v);
          if (c && (!best || c.reduction > best.reduction)) best = c;
        }
      });
      const chosen = best as Candidate | null;
      if (!chosen || chosen.reduction / basis.tss < THRESH) break;
      const parent = basis.terms[chosen.parent];
      for (const sign of [1, -1] as const) {
        if (basis.terms.length >= this.opts.maxTerms) break;
        const term = [...parent, { v: chosen.v, knot: chosen.knot, sign }];
        if (!basis.add(term)) continue;
        this.columnOf.set(term, basis.columns[basis.columns.length - 1]);
        this.show(basis.terms, false);
        yield { stage: stage++, label: `term ${basis.terms.length}` };
      }
      if (1 - basis.rss / basis.tss >= 1 - THRESH) break;
    }
    const path = backward(
      basis.columns,
      this.responses.map((r) => r.y),
    );
    let chosen = path[0];
    for (const step of path)
      if (gcv(step.rss, n, step.subset.length, penalty) <= gcv(chosen.rss, n, chosen.subset.length, penalty))
        chosen = step;
    const kept = (subset: number[]) => subset.map((j) => basis.terms[j]);
    for (let s = 1; s < path.length && path[s - 1].subset.length > chosen.subset.length; s++) {
      const last = path[s].subset.length === chosen.subset.length;
      this.show(kept(path[s].subset), last);
      yield { stage: stage++, label: `prune: ${path[s].subset.length} terms` };
    }
    if (chosen === path[0]) {
      this.show(kept(chosen.subset), true);
      yield { stage: stage++, label: `prune: ${chosen.subset.length} terms` };
    }
  }

  /** Switches prediction to these terms; the logistic fit follows when first asked for. */
  private show(terms: Term[], final: boolean): void {
    this.terms = terms.slice();
    this.final = final;
    this.fitted = false;
  }

  /** Logistic fits of every response on the current terms. */
  private fit(): void {
    const { n, terms } = this;
    const p = terms.length;
    const B = new Float64Array(n * p);
    terms.forEach((term, j) => {
      const col = this.columnOf.get(term) as Float64Array;
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

export const mars = defineModel({
  type: 'mars',
  title: 'MARS',
  stage: 'term',
  schema,
  classifier: (opts, classes) => new Mars(classes, opts),
});
