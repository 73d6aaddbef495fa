/**
 * What the simulated regression sources share: y = f(x) + σ(x)·ε with ε ~ N(0, 1), the x drawn
 * on [a, b] either evenly spaced (numpy's linspace(a, b, n): a fixed design, a and b included)
 * or independently uniform. Both are the one distribution "x uniform on [a, b]" (the even
 * design is its fixed-design version), so the test points are drawn as the training points are
 * and the optimal expected loss is the average over x uniform on [a, b] (optimal-loss.ts).
 */
import { z } from 'zod';
import type { Series } from '../dataset.js';
import type { Rng } from '../random.js';
import type { RegressionSimulator } from './source.js';

export type Spacing = 'even' | 'random';

export function spacingOption(fallback: Spacing) {
  return z
    .enum(['even', 'random'])
    .default(fallback)
    .describe('x evenly spaced over the range (as numpy linspace) or drawn uniformly at random');
}

/** The interval x is drawn on. */
export function rangeOption(fallback: readonly [number, number]) {
  return z
    .tuple([z.number(), z.number()])
    .refine(([a, b]) => a < b, { message: 'expected [min, max] with min < max' })
    .default([fallback[0], fallback[1]])
    .describe('the interval [min, max] x is drawn on');
}

/** The standard deviation of the Gaussian noise on y (0: the points lie on the curve). */
export function sigmaOption(fallback: number) {
  return z.number().min(0).max(1e6).default(fallback).describe('standard deviation of the Gaussian noise on y');
}

export interface NoisyFunction {
  /** E[y | x]. */
  mean: (x: number) => number;
  /** σ(x) ≥ 0. */
  sd: (x: number) => number;
  domain: readonly [number, number];
  spacing: Spacing;
}

export function noisyFunction({ mean, sd, domain, spacing }: NoisyFunction): RegressionSimulator {
  const [a, b] = domain;
  return {
    task: 'regression',
    domain,
    mean,
    sd,
    sample(n: number, rng: Rng): Series {
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = spacing === 'even' ? (n === 1 ? a : a + ((b - a) * i) / (n - 1)) : a + (b - a) * rng.uniform();
        y[i] = mean(x[i]) + sd(x[i]) * rng.normal();
      }
      return { x, y, n };
    },
  };
}
