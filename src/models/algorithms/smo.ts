/**
 * Sequential minimal optimisation for the soft-margin C-SVM dual (Platt 1998):
 *   min_α ½ αᵀQα − eᵀα  subject to 0 ≤ α_i ≤ C, yᵀα = 0,  Q_ij = y_i y_j K(x_i, x_j),
 * two multipliers at a time, with the second-order working-set selection of Fan, Chen & Lin
 * (2005, "WSS 2", as in LIBSVM): i maximises −y_i ∇f_i over I_up, j minimises −b_ij²/a_ij over
 * I_low. Stops when the maximal KKT violation m(α) − M(α) < eps (LIBSVM's default 1e-3).
 * No shrinking: the problems here have at most a few thousand points. The solver runs in blocks
 * of iterations (`run`), so a caller can look at the half-optimised machine between blocks.
 */
import type { KernelRows } from './kernels.js';

/** LIBSVM's τ: the curvature used when a_ij ≤ 0 (duplicate points, non-PSD kernels). */
const TAU = 1e-12;

export class SmoSolver {
  /** Dual variables, one per point of the problem. */
  readonly alpha: Float64Array;
  /** Gradient of the dual objective, ∇f(α) = Qα − e. */
  readonly grad: Float64Array;
  iterations = 0;
  converged = false;
  private readonly n: number;

  /**
   * @param rows Gram-matrix rows over all training points.
   * @param index the training points of this problem (problem point t is training point index[t]).
   * @param y labels ±1 of the problem's points.
   */
  constructor(
    private readonly rows: KernelRows,
    private readonly index: Int32Array,
    readonly y: Int8Array,
    readonly C: number,
    readonly eps = 1e-3,
  ) {
    this.n = index.length;
    this.alpha = new Float64Array(this.n);
    this.grad = new Float64Array(this.n).fill(-1);
  }

  /**
   * Starts from the feasible point α (0 ≤ α ≤ C, yᵀα = 0) instead of 0: a warm start (DeCoste &
   * Wagstaff 2000, "alpha seeding"). The gradient Qα − e is rebuilt from the kernel rows of the
   * nonzero α. Call before run().
   */
  start(alpha: ArrayLike<number>): void {
    const { y, grad: G, n, index } = this;
    this.alpha.set(alpha);
    this.iterations = 0;
    this.converged = false;
    G.fill(-1);
    for (let s = 0; s < n; s++) {
      const a = this.alpha[s];
      if (a === 0) continue;
      const K = this.kernelRow(s);
      const ya = y[s] * a;
      for (let t = 0; t < n; t++) G[t] += y[t] * ya * K[index[t]];
    }
  }

  private isUpper(t: number): boolean {
    return this.alpha[t] >= this.C;
  }

  private isLower(t: number): boolean {
    return this.alpha[t] <= 0;
  }

  /** Row K(x_index[i], ·) over all training points: index it with index[t]. */
  private kernelRow(i: number): Float64Array {
    return this.rows.row(this.index[i]);
  }

  private diag(t: number): number {
    return this.rows.diagonal[this.index[t]];
  }

  /** WSS 2; returns [i, j], or null when the KKT conditions hold within eps. */
  private select(): [number, number] | null {
    const { y, grad: G, n } = this;
    let gMax = Number.NEGATIVE_INFINITY;
    let gMax2 = Number.NEGATIVE_INFINITY;
    let iBest = -1;
    for (let t = 0; t < n; t++) {
      if (y[t] === 1) {
        if (!this.isUpper(t) && -G[t] >= gMax) {
          gMax = -G[t];
          iBest = t;
        }
      } else if (!this.isLower(t) && G[t] >= gMax) {
        gMax = G[t];
        iBest = t;
      }
    }
    if (iBest < 0) return null;
    const Ki = this.kernelRow(iBest);
    const index = this.index;
    const Kii = this.diag(iBest);
    let jBest = -1;
    let objMin = Number.POSITIVE_INFINITY;
    for (let t = 0; t < n; t++) {
      let gradDiff: number;
      if (y[t] === 1) {
        if (this.isLower(t)) continue;
        gradDiff = gMax + G[t];
        if (G[t] >= gMax2) gMax2 = G[t];
      } else {
        if (this.isUpper(t)) continue;
        gradDiff = gMax - G[t];
        if (-G[t] >= gMax2) gMax2 = -G[t];
      }
      if (gradDiff > 0) {
        const a = Kii + this.diag(t) - 2 * Ki[index[t]];
        const obj = -(gradDiff * gradDiff) / (a > 0 ? a : TAU);
        if (obj <= objMin) {
          objMin = obj;
          jBest = t;
        }
      }
    }
    if (gMax + gMax2 < this.eps || jBest < 0) return null;
    return [iBest, jBest];
  }

  /** One SMO step on the pair (i, j): the analytic two-variable solution, clipped to the box. */
  private update(i: number, j: number): void {
    const { alpha, y, C, grad: G } = this;
    const Ki = this.kernelRow(i);
    const Kj = this.kernelRow(j);
    const index = this.index;
    const a = Math.max(this.diag(i) + this.diag(j) - 2 * Ki[index[j]], TAU);
    const oldI = alpha[i];
    const oldJ = alpha[j];
    if (y[i] !== y[j]) {
      const delta = (-G[i] - G[j]) / a;
      const diff = alpha[i] - alpha[j];
      alpha[i] += delta;
      alpha[j] += delta;
      if (diff > 0) {
        if (alpha[j] < 0) {
          alpha[j] = 0;
          alpha[i] = diff;
        }
      } else if (alpha[i] < 0) {
        alpha[i] = 0;
        alpha[j] = -diff;
      }
      if (diff > 0) {
        if (alpha[i] > C) {
          alpha[i] = C;
          alpha[j] = C - diff;
        }
      } else if (alpha[j] > C) {
        alpha[j] = C;
        alpha[i] = C + diff;
      }
    } else {
      const delta = (G[i] - G[j]) / a;
      const sum = alpha[i] + alpha[j];
      alpha[i] -= delta;
      alpha[j] += delta;
      if (sum > C) {
        if (alpha[i] > C) {
          alpha[i] = C;
          alpha[j] = sum - C;
        }
      } else if (alpha[j] < 0) {
        alpha[j] = 0;
        alpha[i] = sum;
      }
      if (sum > C) {
        if (alpha[j] > C) {
          alpha[j] = C;
          alpha[i] = sum - C;
        }
      } else if (alpha[i] < 0) {
        alpha[i] = 0;
        alpha[j] = sum;
      }
    }
    // ∇f changes by Q_i Δα_i + Q_j Δα_j, with Q_it = y_i y_t K_it.
    const dI = (alpha[i] - oldI) * y[i];
    const dJ = (alpha[j] - oldJ) * y[j];
    for (let t = 0; t < this.n; t++) G[t] += y[t] * (Ki[index[t]] * dI + Kj[index[t]] * dJ);
  }

  /** Up to `iterations` SMO steps; returns true once converged. */
  run(iterations: number): boolean {
    for (let s = 0; s < iterations && !this.converged; s++) {
      const pair = this.select();
      if (!pair) {
        this.converged = true;
        break;
      }
      this.update(pair[0], pair[1]);
      this.iterations++;
    }
    return this.converged;
  }

  /** The offset ρ of f(x) = Σ α_i y_i K(x_i, x) − ρ: mean of y_i∇f_i over free vectors (LIBSVM). */
  rho(): number {
    const { y, grad: G } = this;
    let upper = Number.POSITIVE_INFINITY;
    let lower = Number.NEGATIVE_INFINITY;
    let free = 0;
    let sumFree = 0;
    for (let t = 0; t < this.n; t++) {
      const yG = y[t] * G[t];
      if (this.isUpper(t)) {
        if (y[t] === -1) upper = Math.min(upper, yG);
        else lower = Math.max(lower, yG);
      } else if (this.isLower(t)) {
        if (y[t] === 1) upper = Math.min(upper, yG);
        else lower = Math.max(lower, yG);
      } else {
        free++;
        sumFree += yG;
      }
    }
    if (free > 0) return sumFree / free;
    if (Number.isFinite(upper) && Number.isFinite(lower)) return (upper + lower) / 2;
    return Number.isFinite(upper) ? upper : Number.isFinite(lower) ? lower : 0;
  }

  /** Dual objective ½αᵀQα − eᵀα = ½ Σ α_i (∇f_i − 1). */
  objective(): number {
    let v = 0;
    for (let t = 0; t < this.n; t++) v += this.alpha[t] * (this.grad[t] - 1);
    return v / 2;
  }

  /** Decision values f(x_t) at the problem's own points, from the gradient: y_t(∇f_t + 1) − ρ. */
  decisionValues(out: Float64Array = new Float64Array(this.n)): Float64Array {
    const rho = this.rho();
    for (let t = 0; t < this.n; t++) out[t] = this.y[t] * (this.grad[t] + 1) - rho;
    return out;
  }
}
