/**
 * Kernel expansions, the SVM's prediction: E expansions over the same m support vectors s_j,
 * f_e(x) = Σ_j c_ej·K(s_j, x) (one per pairwise machine), evaluated at the support vectors only.
 *
 * For rbf the kernel factorises, exp(−γ‖x − s‖²) = exp(−γ(x − s_x)²)·exp(−γ(y − s_y)²), which
 * points sharing a coordinate exploit: taken in order, a point with the y of the point before
 * reuses that y's factors, and the x factors (already weighted by the coefficients) are memoised
 * per distinct x, leaving m multiply-adds per point and expansion instead of m exps. Any other
 * point is summed directly. On a grid, whose rows share y and columns x, that memo hits nearly
 * always; GridRows computes the very same numbers from the grid's axes, four columns at a time.
 */
import { type Kernel, kernelValue } from './kernels.js';

export interface Expansion {
  kernel: Kernel;
  /** The support vectors, m×2. */
  vectors: Float64Array;
  /** Their number, m. */
  count: number;
  /** E×m coefficients: expansion e's are coef[e·m .. e·m + m). */
  coef: Float64Array;
  /** The number of expansions, E. */
  outputs: number;
}

/** Entries of weighted x factors kept at most (E·m each): bounds the memo's memory. */
function memoLimit(expansion: Expansion): number {
  return Math.max(16, Math.floor(4_000_000 / (expansion.outputs * expansion.count)));
}

/** Σ_j coef[e·m + j]·exp(−γ·‖(x, y) − s_j‖²): one point's rbf sum for expansion e, one exp per vector. */
function rbfSum(expansion: Expansion, e: number, x: number, y: number): number {
  const { vectors: S, count: m, coef } = expansion;
  const gamma = expansion.kernel.gamma;
  const c = e * m;
  let s = 0;
  for (let j = 0; j < m; j++) {
    const dx = x - S[2 * j];
    const dy = y - S[2 * j + 1];
    s += coef[c + j] * Math.exp(-gamma * (dx * dx + dy * dy));
  }
  return s;
}

/** coef[e·m + j]·exp(−γ(x − s_jx)²) for every e and j: the weighted x factors of one x (E×m). */
function weightedX(expansion: Expansion, x: number, f: Float64Array, at: number): void {
  const { vectors: S, count: m, coef, outputs: E } = expansion;
  const gamma = expansion.kernel.gamma;
  for (let j = 0; j < m; j++) {
    const t = x - S[2 * j];
    const fx = Math.exp(-gamma * t * t);
    for (let e = 0; e < E; e++) f[at + e * m + j] = coef[e * m + j] * fx;
  }
}

/** exp(−γ(y − s_jy)²) for every j: the y factors of one y (m). */
function yFactors(expansion: Expansion, y: number, fy: Float64Array): void {
  const { vectors: S, count: m } = expansion;
  const gamma = expansion.kernel.gamma;
  for (let j = 0; j < m; j++) {
    const t = y - S[2 * j + 1];
    fy[j] = Math.exp(-gamma * t * t);
  }
}

/** The expansions at points given one at a time, in order (the memo described above). */
export class PointExpansion {
  private readonly memoX = new Map<number, Float64Array>();
  private readonly limit: number;
  private lastY = Number.NaN;
  /** fy holds the y factors of lastY once computed (fyFresh). */
  private fyFresh = false;
  private readonly fy: Float64Array;
  private readonly k: Float64Array;

  constructor(private readonly expansion: Expansion) {
    this.limit = memoLimit(expansion);
    this.fy = new Float64Array(expansion.count);
    this.k = new Float64Array(expansion.count);
  }

  /** The E values at (x, y), into out[o..o + E). */
  at(x: number, y: number, out: Float64Array, o: number): void {
    const expansion = this.expansion;
    const { vectors: S, count: m, coef, outputs: E, kernel } = expansion;
    if (m === 0) {
      out.fill(0, o, o + E);
      return;
    }
    if (kernel.name !== 'rbf') {
      const k = this.k;
      for (let j = 0; j < m; j++) k[j] = kernelValue(kernel, S[2 * j], S[2 * j + 1], x, y);
      for (let e = 0; e < E; e++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += coef[e * m + j] * k[j];
        out[o + e] = s;
      }
      return;
    }
    const sameY = y === this.lastY;
    this.lastY = y;
    if (!sameY) this.fyFresh = false;
    let fx = this.memoX.get(x);
    if (!fx && !sameY) {
      // Neither coordinate seen just before (scattered points): one exp per vector, no memo.
      for (let e = 0; e < E; e++) out[o + e] = rbfSum(expansion, e, x, y);
      return;
    }
    if (!fx) {
      if (this.memoX.size >= this.limit) this.memoX.clear();
      fx = new Float64Array(E * m);
      weightedX(expansion, x, fx, 0);
      this.memoX.set(x, fx);
    }
    const fy = this.fy;
    if (!this.fyFresh) {
      yFactors(expansion, y, fy);
      this.fyFresh = true;
    }
    for (let e = 0; e < E; e++) {
      let s = 0;
      const c = e * m;
      for (let j = 0; j < m; j++) s += fx[c + j] * fy[j];
      out[o + e] = s;
    }
  }
}

/** out[i·E + e] = f_e(x_i) at the n points X (n×2), taken in order. */
export function evaluateExpansion(expansion: Expansion, X: Float64Array, out: Float64Array): void {
  const points = new PointExpansion(expansion);
  const E = expansion.outputs;
  for (let i = 0; i < X.length / 2; i++) points.at(X[2 * i], X[2 * i + 1], out, i * E);
}

/** The expansions on a grid, one row at a time. */
export interface GridRows {
  /** out[c·E + e] = f_e(xs[c], ys[r]) for row r (from the top). */
  row(r: number, out: Float64Array): void;
}

/**
 * A grid's rows, from its axes (gridAxes: xs ascending, ys from the top): the numbers that
 * PointExpansion gives at gridPoints(grid), taken in order.
 */
export function gridRows(expansion: Expansion, axes: { xs: Float64Array; ys: Float64Array }): GridRows {
  const { xs, ys } = axes;
  // RbfGridRows keeps the memo's x factors, all of them: within the memo's bound, and with
  // distinct columns and rows (each row's first point then has a new x and a new y, and both
  // sum it directly).
  if (
    expansion.kernel.name === 'rbf' &&
    expansion.count > 0 &&
    xs.length - 1 <= memoLimit(expansion) &&
    strictlyMonotone(xs, 1) &&
    strictlyMonotone(ys, -1)
  ) {
    return new RbfGridRows(expansion, axes);
  }
  const points = new PointExpansion(expansion);
  const E = expansion.outputs;
  return {
    row(r, out) {
      for (let c = 0; c < xs.length; c++) points.at(xs[c], ys[r], out, c * E);
    },
  };
}

/** Whether the values strictly increase (direction 1) or decrease (−1). */
function strictlyMonotone(values: Float64Array, direction: 1 | -1): boolean {
  for (let i = 1; i < values.length; i++) if (!(direction * (values[i] - values[i - 1]) > 0)) return false;
  return true;
}

/**
 * PointExpansion's rbf memo with every column's weighted x factors computed up front: each row's
 * first point has a new x and a new y and is summed directly; every other point multiplies its
 * column's x factors by its row's y factors. Four columns at a time, so that four independent
 * sums (each in the memo's order) keep the adder busy.
 */
class RbfGridRows implements GridRows {
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly fx: Float64Array;
  private readonly fy: Float64Array;

  constructor(
    private readonly expansion: Expansion,
    axes: { xs: Float64Array; ys: Float64Array },
  ) {
    const { xs, ys } = axes;
    this.xs = xs;
    this.ys = ys;
    const Em = expansion.outputs * expansion.count;
    this.fx = new Float64Array(xs.length * Em);
    for (let c = 1; c < xs.length; c++) weightedX(expansion, xs[c], this.fx, c * Em);
    this.fy = new Float64Array(expansion.count);
  }

  row(r: number, out: Float64Array): void {
    const { expansion, xs, fx, fy } = this;
    const { count: m, outputs: E } = expansion;
    const y = this.ys[r];
    const C = xs.length;
    const Em = E * m;
    for (let e = 0; e < E; e++) out[e] = rbfSum(expansion, e, xs[0], y);
    if (C < 2) return;
    yFactors(expansion, y, fy);
    let col = 1;
    for (; col + 4 <= C; col += 4) {
      for (let e = 0; e < E; e++) {
        const a = col * Em + e * m;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let j = 0; j < m; j++) {
          const f = fy[j];
          s0 += fx[a + j] * f;
          s1 += fx[a + Em + j] * f;
          s2 += fx[a + 2 * Em + j] * f;
          s3 += fx[a + 3 * Em + j] * f;
        }
        const o = col * E + e;
        out[o] = s0;
        out[o + E] = s1;
        out[o + 2 * E] = s2;
        out[o + 3 * E] = s3;
      }
    }
    for (; col < C; col++) {
      for (let e = 0; e < E; e++) {
        const a = col * Em + e * m;
        let s = 0;
        for (let j = 0; j < m; j++) s += fx[a + j] * fy[j];
        out[col * E + e] = s;
      }
    }
  }
}
