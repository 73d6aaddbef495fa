/**
 * Platt scaling (Platt 1999): P(y = +1 | f) = 1 / (1 + exp(A·f + B)), fitted by maximum likelihood
 * to decision values f with Platt's smoothed targets (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2), using the
 * numerically stable Newton method with backtracking of Lin, Lin & Weng (2007, Algorithm 1), as
 * LIBSVM's sigmoid_train.
 */
export interface Sigmoid {
  A: number;
  B: number;
}

/** log(1 + exp(−|z|)) + max(z, 0)-style evaluation of t·z + log(1 + e^−z), never overflowing. */
function lossTerm(t: number, z: number): number {
  return z >= 0 ? t * z + Math.log1p(Math.exp(-z)) : (t - 1) * z + Math.log1p(Math.exp(z));
}

/** P(y = +1 | f) under the sigmoid. */
export function sigmoidProbability(s: Sigmoid, f: number): number {
  const z = f * s.A + s.B;
  return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
}

/** @param positive whether point i is of the +1 class. */
export function fitSigmoid(f: ArrayLike<number>, positive: (i: number) => boolean): Sigmoid {
  const n = f.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) if (positive(i)) nPos++;
  const nNeg = n - nPos;
  const hi = (nPos + 1) / (nPos + 2);
  const lo = 1 / (nNeg + 2);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = positive(i) ? hi : lo;
  let A = 0;
  let B = Math.log((nNeg + 1) / (nPos + 1));
  const objective = (a: number, b: number) => {
    let v = 0;
    for (let i = 0; i < n; i++) v += lossTerm(t[i], f[i] * a + b);
    return v;
  };
  let fval = objective(A, B);
  const sigma = 1e-12;
  for (let iter = 0; iter < 100; iter++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const z = f[i] * A + B;
      const e = Math.exp(-Math.abs(z));
      // p = 1/(1+e^z) and q = 1 − p, computed on the side that does not overflow.
      const p = z >= 0 ? e / (1 + e) : 1 / (1 + e);
      const q = 1 - p;
      const d2 = p * q;
      h11 += f[i] * f[i] * d2;
      h22 += d2;
      h21 += f[i] * d2;
      const d1 = t[i] - p;
      g1 += f[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= 1e-10) {
      const newA = A + step * dA;
      const newB = B + step * dB;
      const newF = objective(newA, newB);
      if (newF < fval + 1e-4 * step * gd) {
        A = newA;
        B = newB;
        fval = newF;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break;
  }
  return { A, B };
}
