/**
 * Basis functions of one input x for linear regression (Bishop, PRML §3.1): the model is
 * y = b + Σ_j w_j φ_j(x), linear in w, with
 * - powers x, x², …, x^degree (degree 0: none, the constant b alone);
 * - Fourier terms sin(2πk·x/P), cos(2πk·x/P) for k = 1..K, period P (default: the training x's
 *   range, so the first pair spans it once);
 * - Gaussian bumps exp(−(x − μ_j)²/(2s²)) (PRML eq. 3.4), M centres μ_j evenly spaced over the
 *   training x's range, s their spacing (the range itself for one centre).
 * x is used in its own units: the coefficients are the textbook's, and a penalty on them is the
 * textbook's ridge.
 */

export interface BasisOptions {
  degree: number;
  fourier: number;
  period?: number;
  rbf: number;
}

export interface Basis {
  /** Number of functions (coefficients besides the intercept). */
  readonly size: number;
  /** φ(x) into out[offset..offset + size). */
  fill(x: number, out: Float64Array, offset?: number): void;
}

/** The basis for these options, its data-dependent parts (period, centres) from the training x. */
export function createBasis(options: BasisOptions, x: ArrayLike<number>): Basis {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.length; i++) {
    lo = Math.min(lo, x[i]);
    hi = Math.max(hi, x[i]);
  }
  if (!(hi >= lo)) {
    // No points: any fixed window will do.
    lo = 0;
    hi = 1;
  }
  const range = hi > lo ? hi - lo : 1;
  const { degree, fourier, rbf } = options;
  const omega = (2 * Math.PI) / (options.period ?? range);
  const centres = Array.from({ length: rbf }, (_, j) => (rbf === 1 ? (lo + hi) / 2 : lo + (j * range) / (rbf - 1)));
  const width = rbf > 1 ? range / (rbf - 1) : range;
  const inverse = 1 / (2 * width * width);
  return {
    size: degree + 2 * fourier + rbf,
    fill(v, out, offset = 0) {
      let o = offset;
      let power = 1;
      for (let d = 1; d <= degree; d++) {
        power *= v;
        out[o++] = power;
      }
      for (let k = 1; k <= fourier; k++) {
        out[o++] = Math.sin(k * omega * v);
        out[o++] = Math.cos(k * omega * v);
      }
      for (const c of centres) out[o++] = Math.exp(-(v - c) * (v - c) * inverse);
    },
  };
}
