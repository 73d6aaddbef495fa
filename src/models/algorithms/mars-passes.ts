/**
 * The two passes of multivariate adaptive regression splines (Friedman 1991), as R's earth
 * (Milborrow), on least squares; mars.ts puts a classifier (logistic fits) or a regressor (the
 * least-squares fit itself) on the terms they choose.
 * - Forward pass: start from the intercept; at each step add the mirrored hinge pair
 *   B_m·max(0, x_v − t), B_m·max(0, t − x_v) (parent term B_m, input v not yet in B_m, knot t
 *   at a data value) that most reduces the residual sum of squares of the least-squares fit to
 *   the responses (summed over them). A hinge whose column is already in the span of the terms
 *   is not added (in 1-D, after the first pair, the mirror of every later hinge: earth keeps the
 *   one hinge). Every knot of a parent/input is scored in one sweep over the sorted data by
 *   updating inner products with an orthonormal basis (Friedman 1991, §3.9). Knots keep
 *   `endspan` points from either end and are `minspan` points apart (Friedman's formulas with
 *   α = 0.05 and the number of inputs, as earth; endspan shrinks to n/10 for small samples).
 *   Stops at maxTerms, or when R² grows by less than 0.001 or reaches 0.999 (earth's thresh).
 *   Every candidate is scored exactly, as in earth's weighted code (Force.weights); earth's
 *   default, unweighted code skips some candidates in its tests for numerical stability.
 * - Backward pass: drop, one at a time, the term whose removal raises the RSS least (never the
 *   intercept) and keep the subset with the smallest GCV = RSS / (n·(1 − C/n)²), where
 *   C = terms + penalty·(terms − 1)/2: among the path's subsets (Friedman's Algorithm 3), or,
 *   with `leadingSubsets`, among the subsets earth's leaps records too (bestOfEachSize).
 * Inputs are n×2 points; a regression's 1-D x comes as points (x, 0) with inputs = 1, so only
 * the first coordinate gets hinges.
 */
import { choleskySolve, factorSpd } from './cholesky.js';

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
/** Earth's endspan for p inputs, 3 − log2(α/p); at most a tenth of the parent's support. */
function endspan(support: number, inputs: number): number {
  return Math.max(1, Math.min(Math.floor(3 - Math.log2(ALPHA / inputs)), Math.floor(support / 10)));
}
/** Friedman's minimum knot spacing for a parent with `support` nonzero points, p inputs. */
function minspan(support: number, inputs: number): number {
  return Math.max(1, Math.floor(-Math.log2(-Math.log(1 - ALPHA) / (inputs * support)) / 2.5));
}

export function dot(a: Float64Array, b: Float64Array): number {
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
    private readonly inputs: number,
  ) {
    this.support = new Int32Array(n);
    this.L = new Float64Array(n);
    this.order = Array.from({ length: inputs }, (_, v) =>
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
    const es = endspan(count, this.inputs);
    const ms = minspan(count, this.inputs);
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

/** A subset of term indices (the intercept, 0, first) and its residual sum of squares. */
export interface Subset {
  subset: number[];
  rss: number;
}

/** One step of the backward pass: its subset, and the RSS of each of its leading subsets, in its order. */
export interface PruneStep extends Subset {
  /** leading[m − 1]: the RSS of subset.slice(0, m). */
  leading: Float64Array;
}

/**
 * The backward pass: nested subsets of term indices, from all terms down to the intercept, each
 * in the forward pass's order less the terms dropped. The RSS of every leading subset comes
 * with the Cholesky factor the step needs anyway (forward substitution: RSS_m = yᵀy − Σ_{i<m} z_i²).
 */
export function backward(columns: Float64Array[], Y: Float64Array[]): PruneStep[] {
  const M = columns.length;
  const G = new Float64Array(M * M);
  for (let a = 0; a < M; a++) for (let b = 0; b <= a; b++) G[a * M + b] = G[b * M + a] = dot(columns[a], columns[b]);
  const By = Y.map((y) => columns.map((c) => dot(c, y)));
  const yy = Y.reduce((s, y) => s + dot(y, y), 0);
  let active = Array.from({ length: M }, (_, j) => j);
  const path: PruneStep[] = [];
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
    const leading = new Float64Array(p).fill(yy);
    for (const by of By) {
      const beta = Float64Array.from(active, (j) => by[j]);
      const rhs = Float64Array.from(beta);
      leadingRss(L, rhs, p, leading);
      choleskySolve(L, beta, p);
      rss -= dot(beta, rhs);
      for (let j = 0; j < p; j++) cost[j] += (beta[j] * beta[j]) / invDiag[j];
    }
    for (let m = 0; m < p; m++) leading[m] = Math.max(leading[m], 0);
    path.push({ subset: active.slice(), rss: Math.max(rss, 0), leading });
    if (p === 1) return path;
    let drop = 1;
    for (let j = 2; j < p; j++) if (cost[j] < cost[drop]) drop = j;
    active = active.filter((_, j) => j !== drop);
  }
}

/** leading[m] −= Σ_{i≤m} z_i², z = L⁻¹b: what each leading subset's fit explains of one response. */
function leadingRss(L: Float64Array, b: Float64Array, p: number, leading: Float64Array): void {
  const z = new Float64Array(p);
  let explained = 0;
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * p + k] * z[k];
    z[i] = s / L[i * p + i];
    explained += z[i] * z[i];
    leading[i] -= explained;
  }
}

/**
 * The subset of each size (index = size − 1) that the pruning may choose. Friedman's backward
 * pass (1991, Algorithm 3) and earth's EvalSubsetsUsingXtx (several responses): the path's own.
 * With `leading` as earth's leaps (one response; Lumley's leaps, Miller's AS 274 backward
 * elimination): the best of every subset the elimination's QR orders pass through, that is the
 * path's and every leading subset of each step's order; those of the forward pass's order are
 * the models the forward pass built.
 */
export function bestOfEachSize(path: PruneStep[], leading: boolean): Subset[] {
  const best: Subset[] = [...path].reverse().map(({ subset, rss }) => ({ subset, rss }));
  if (!leading) return best;
  for (const step of path) {
    step.leading.forEach((rss, m) => {
      if (rss < best[m].rss) best[m] = { subset: step.subset.slice(0, m + 1), rss };
    });
  }
  return best;
}

export function gcv(rss: number, n: number, terms: number, penalty: number): number {
  const c = terms + (penalty * (terms - 1)) / 2;
  return c >= n ? Number.POSITIVE_INFINITY : rss / (n * (1 - c / n) ** 2);
}

/** The settings of the two passes. */
export interface MarsSettings {
  /** Terms before pruning, intercept included. */
  maxTerms: number;
  /** Most hinges in one term (2: products of two, on distinct inputs). */
  degree: number;
  /** GCV cost per knot. */
  penalty: number;
  /** Prune as earth's leaps (see bestOfEachSize) rather than along the backward path only. */
  leadingSubsets: boolean;
}

/** The model after a stage: its terms (intercept first), their columns at the training points, and a label. */
export interface MarsStage {
  terms: Term[];
  columns: Float64Array[];
  /** The last stage: the terms GCV chose. */
  final: boolean;
  label: string;
}

/**
 * Both passes on the n points of X (n×2, the first `inputs` coordinates used) with responses
 * Y, one stage per yield: the intercept-only start ("term 1"), each term added ("term 5"), then
 * each term removed while pruning ("prune: 9 terms") down to the GCV choice.
 */
export function* marsStages(
  X: Float64Array,
  n: number,
  Y: Float64Array[],
  inputs: number,
  settings: MarsSettings,
): Generator<MarsStage, void, undefined> {
  const { maxTerms, degree, penalty } = settings;
  const basis = new ForwardBasis(X, n, Y, inputs);
  const now = (final: boolean, label: string): MarsStage => ({
    terms: basis.terms.slice(),
    columns: basis.columns.slice(),
    final,
    label,
  });
  yield now(false, 'term 1');
  while (basis.terms.length < maxTerms && basis.tss > 0) {
    let best: Candidate | null = null;
    basis.terms.forEach((term, m) => {
      if (term.length >= degree) return;
      for (let v = 0; v < inputs; v++) {
        if (term.some((h) => h.v === v)) continue;
        const c = basis.bestKnot(m, v);
        if (c && (!best || c.reduction > best.reduction)) best = c;
      }
    });
    const chosen = best as Candidate | null;
    if (!chosen || chosen.reduction / basis.tss < THRESH) break;
    const parent = basis.terms[chosen.parent];
    for (const sign of [1, -1] as const) {
      if (basis.terms.length >= maxTerms) break;
      const term = [...parent, { v: chosen.v, knot: chosen.knot, sign }];
      if (!basis.add(term)) continue;
      yield now(false, `term ${basis.terms.length}`);
    }
    if (1 - basis.rss / basis.tss >= 1 - THRESH) break;
  }
  const path = backward(basis.columns, Y);
  const best = bestOfEachSize(path, settings.leadingSubsets);
  let chosen = best[best.length - 1];
  for (let size = best.length; size >= 1; size--) {
    const c = best[size - 1];
    if (gcv(c.rss, n, size, penalty) <= gcv(chosen.rss, n, chosen.subset.length, penalty)) chosen = c;
  }
  const kept = (subset: number[], final: boolean): MarsStage => ({
    terms: subset.map((j) => basis.terms[j]),
    columns: subset.map((j) => basis.columns[j]),
    final,
    label: `prune: ${subset.length} terms`,
  });
  // The path down to the chosen size, whose last stage shows the chosen subset.
  for (let s = 1; s < path.length && path[s - 1].subset.length > chosen.subset.length; s++)
    yield path[s].subset.length === chosen.subset.length ? kept(chosen.subset, true) : kept(path[s].subset, false);
  if (chosen.subset.length === path[0].subset.length) yield kept(chosen.subset, true);
}
