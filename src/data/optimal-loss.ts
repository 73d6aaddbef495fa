/**
 * The optimal expected loss of a regression source: the loss, on a new point, of the true
 * function itself, the least any model can expect — the regression caption's counterpart of the
 * Bayes accuracy. The noise is Gaussian and symmetric, so f = E[y | x] is the best prediction
 * under each of the three losses (it is also the median), and the loss left is the noise's own:
 *   squared   E[ε²]   = σ²
 *   absolute  E[|ε|]  = σ·√(2/π)
 *   huber     E[h_δ(ε)], h_δ(r) = r²/2 for |r| ≤ δ, else δ·(|r| − δ/2): by quadrature of the
 *             normal density (composite Simpson on [0, δ] and [δ, 12σ], where the integrand is
 *             smooth; the tail beyond 12σ weighs less than 1e-30).
 * With σ depending on x, the expected loss is averaged over x uniform on the source's domain
 * (composite Simpson in x: exact when σ is constant or linear in x for the first two losses).
 */
import { huber, type RegressionLoss } from '../losses.js';
import type { RegressionSimulator } from './source.js';

/** Simpson intervals per piece of the normal (errors about 1e-11 of σ²) and over the domain. */
const INTERVALS = 2048;
const X_INTERVALS = 64;

/** ∫_a^b g by composite Simpson with `m` (even) intervals. */
function simpson(g: (t: number) => number, a: number, b: number, m: number): number {
  if (!(b > a)) return 0;
  const h = (b - a) / m;
  let sum = g(a) + g(b);
  for (let i = 1; i < m; i++) sum += (i % 2 === 1 ? 4 : 2) * g(a + i * h);
  return (sum * h) / 3;
}

/** E[loss(ε)] for ε ~ N(0, σ²); δ is Huber's threshold. */
export function noiseLoss(loss: RegressionLoss, sigma: number, delta: number): number {
  if (sigma === 0) return 0;
  switch (loss) {
    case 'squared':
      return sigma * sigma;
    case 'absolute':
      return sigma * Math.sqrt(2 / Math.PI);
    case 'huber': {
      // 2 ∫_0^∞ h_δ(t) φ(t/σ)/σ dt, split where h_δ has its kink.
      const density = (t: number) => Math.exp(-0.5 * (t / sigma) ** 2) / (sigma * Math.sqrt(2 * Math.PI));
      const g = (t: number) => huber(t, delta) * density(t);
      const end = 12 * sigma;
      const kink = Math.min(delta, end);
      return 2 * (simpson(g, 0, kink, INTERVALS) + simpson(g, kink, end, INTERVALS));
    }
  }
}

/**
 * The optimal expected loss of a source's points, or null when the source does not know its
 * noise (a file). δ is Huber's threshold (used by huber only).
 */
export function optimalLoss(simulator: RegressionSimulator, loss: RegressionLoss, delta = 1.35): number | null {
  const sd = simulator.sd;
  if (!sd) return null;
  const [a, b] = simulator.domain;
  if (!(b > a)) return noiseLoss(loss, sd(a), delta);
  return simpson((x) => noiseLoss(loss, sd(x), delta), a, b, X_INTERVALS) / (b - a);
}
