/**
 * Pairwise coupling: class probabilities p from pairwise estimates r_ij ≈ P(i | i or j), by
 * method 2 of Wu, Lin & Weng (2004), as LIBSVM's multiclass_probability:
 *   min_p ½ Σ_i Σ_{j≠i} (r_ji p_i − r_ij p_j)²  subject to Σ p = 1,
 * solved by their fixed-point iteration on Q p with Q_tt = Σ_{j≠t} r_jt², Q_tj = −r_jt r_tj.
 */
export class PairwiseCoupling {
  private readonly Q: Float64Array;
  private readonly Qp: Float64Array;

  constructor(readonly k: number) {
    this.Q = new Float64Array(k * k);
    this.Qp = new Float64Array(k);
  }

  /** r: k×k row-major with r[i·k + j] = P(i | i or j); writes p (length k). */
  solve(r: Float64Array, p: Float64Array): void {
    const { k, Q, Qp } = this;
    for (let t = 0; t < k; t++) {
      p[t] = 1 / k;
      Q[t * k + t] = 0;
      for (let j = 0; j < k; j++) {
        if (j === t) continue;
        Q[t * k + t] += r[j * k + t] * r[j * k + t];
        Q[t * k + j] = -r[j * k + t] * r[t * k + j];
      }
    }
    const eps = 0.005 / k;
    for (let iter = 0; iter < Math.max(100, k); iter++) {
      let pQp = 0;
      for (let t = 0; t < k; t++) {
        let s = 0;
        for (let j = 0; j < k; j++) s += Q[t * k + j] * p[j];
        Qp[t] = s;
        pQp += p[t] * s;
      }
      let maxError = 0;
      for (let t = 0; t < k; t++) maxError = Math.max(maxError, Math.abs(Qp[t] - pQp));
      if (maxError < eps) break;
      for (let t = 0; t < k; t++) {
        const Qtt = Q[t * k + t];
        const diff = (-Qp[t] + pQp) / Qtt;
        p[t] += diff;
        pQp = (pQp + diff * (diff * Qtt + 2 * Qp[t])) / (1 + diff) / (1 + diff);
        for (let j = 0; j < k; j++) {
          Qp[j] = (Qp[j] + diff * Q[t * k + j]) / (1 + diff);
          p[j] /= 1 + diff;
        }
      }
    }
  }
}
