/**
 * What moons, circles and spirals share: class c is a curve γ_c(t), t ~ U[t0, t1], plus
 * isotropic Gaussian noise N(0, noise²·I); class sizes are Multinomial(n, priors). Class
 * densities come from curve-density.ts, or a closed form when the curve has one; with noise 0 the classes are curves (no density, no
 * Bayes line: any separating line is optimal).
 */
import { z } from 'zod';
import type { Rng } from '../random.js';
import { type CurveDensity, curveDensity } from './curve-density.js';
import { drawClass, type Vec2 } from './normal.js';
import type { ClassificationSimulator } from './source.js';

export interface ClassCurve {
  curve: (t: number) => Vec2;
  t0: number;
  t1: number;
  /** The class's log density in closed form, when it has one (else: quadrature along the curve). */
  exact?: (x: number, y: number, noise: number) => number;
}

/** Noise sd: 0, or large enough that the density's quadrature stays cheap. */
export function noiseOption(fallback: number) {
  return z
    .number()
    .min(0)
    .max(10)
    .refine((v) => v === 0 || v >= 0.01, { message: 'expected 0 (points on the curves) or at least 0.01' })
    .default(fallback)
    .describe('standard deviation of the Gaussian noise added to each point');
}

export function curveSimulator(
  curves: readonly ClassCurve[],
  noise: number,
  priors: readonly number[],
): ClassificationSimulator {
  const classes = curves.length;
  let densities: CurveDensity[] | undefined;
  const simulator: ClassificationSimulator = {
    task: 'classification',
    classes,
    priors,
    sample(n: number, rng: Rng) {
      const X = new Float64Array(2 * n);
      const y = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const c = drawClass(priors, rng);
        const { curve, t0, t1 } = curves[c];
        const [px, py] = curve(t0 + (t1 - t0) * rng.uniform());
        y[i] = c;
        X[2 * i] = px + noise * rng.normal();
        X[2 * i + 1] = py + noise * rng.normal();
      }
      return { X, y, n, classes };
    },
  };
  if (noise === 0) return simulator;
  return {
    ...simulator,
    logDensity(x, y, c) {
      const exact = curves[c].exact;
      if (exact) return exact(x, y, noise);
      // Built on first use: a scenario that never draws the Bayes line never pays for the nodes.
      densities ??= curves.map(({ curve, t0, t1 }) => curveDensity(curve, t0, t1, noise));
      return densities[c].logDensity(x, y);
    },
  };
}
