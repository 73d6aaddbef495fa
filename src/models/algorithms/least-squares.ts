/**
 * Weighted least squares with a ridge, by QR factorisation built one row at a time with Givens
 * rotations (Golub & Van Loan, Matrix Computations, 4th ed., §5.1.8 and §5.2.5: "updating" a QR
 * factorisation by a row). The triangular factor R is p×p, so memory does not grow with the
 * number of rows, and, unlike the normal equations, the condition number is not squared: a
 * degree-9 polynomial on ten points (Bishop's figure 1.4) is solved to about 1e-8.
 *
 * Minimises Σ_i ω_i (t_i − a_i·θ)² + Σ_j λ_j θ_j²: each row enters as √ω_i·(a_i, t_i), each
 * ridge term as the row √λ_j·e_j with target 0. A column that the data leave undetermined
 * (R_jj ≈ 0: fewer distinct points than coefficients) gets the coefficient 0.
 */

export class LeastSquares {
  /** Upper triangle of R, row-major p×p. */
  private readonly R: Float64Array;
  /** Qᵀt, the rotated targets. */
  private readonly z: Float64Array;
  private readonly row: Float64Array;

  constructor(readonly p: number) {
    this.R = new Float64Array(p * p);
    this.z = new Float64Array(p);
    this.row = new Float64Array(p);
  }

  /** Adds the equation a·θ ≈ t with weight ω ≥ 0 (a has p entries). */
  addRow(a: ArrayLike<number>, t: number, weight = 1): void {
    if (weight === 0) return;
    const { R, z, row, p } = this;
    const s = Math.sqrt(weight);
    for (let j = 0; j < p; j++) row[j] = s * a[j];
    let target = s * t;
    for (let j = 0; j < p; j++) {
      const aj = row[j];
      if (aj === 0) continue;
      const d = j * p + j;
      const rjj = R[d];
      if (rjj === 0) {
        // An empty row of R takes the rest of this one as it is.
        for (let k = j; k < p; k++) R[j * p + k] = row[k];
        z[j] = target;
        return;
      }
      const h = Math.hypot(rjj, aj);
      const c = rjj / h;
      const sn = aj / h;
      for (let k = j; k < p; k++) {
        const r = R[j * p + k];
        const v = row[k];
        R[j * p + k] = c * r + sn * v;
        row[k] = c * v - sn * r;
      }
      const zj = z[j];
      z[j] = c * zj + sn * target;
      target = c * target - sn * zj;
    }
  }

  /** Adds the ridge λ·θ_j² on column j. */
  addRidge(j: number, lambda: number): void {
    if (lambda <= 0) return;
    const e = new Float64Array(this.p);
    e[j] = 1;
    this.addRow(e, 0, lambda);
  }

  /** The minimiser θ (into out), by back substitution. */
  solve(out: Float64Array = new Float64Array(this.p)): Float64Array {
    const { R, z, p } = this;
    let largest = 0;
    for (let j = 0; j < p; j++) largest = Math.max(largest, Math.abs(R[j * p + j]));
    const tiny = largest * p * Number.EPSILON;
    for (let j = p - 1; j >= 0; j--) {
      const d = R[j * p + j];
      if (Math.abs(d) <= tiny) {
        out[j] = 0;
        continue;
      }
      let v = z[j];
      for (let k = j + 1; k < p; k++) v -= R[j * p + k] * out[k];
      out[j] = v / d;
    }
    return out;
  }
}
