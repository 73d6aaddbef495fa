/**
 * TensorFlow Playground's input features (playground.tensorflow.org, src/playground.ts INPUTS):
 * a 2-D point (x, y) enters a model as any of x, y, x², y², xy, sin x, sin y. A linear model on
 * x² and y² draws a circle; on xy, the XOR's saddle. The features are computed from the point in
 * its own units (as Playground does), then standardized with the model's other inputs.
 */
import { z } from 'zod';
import { forTasks } from '../../options.js';

export const featureNames = ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny'] as const;
export type FeatureName = (typeof featureNames)[number];

/** The option, for classification models whose inputs may be transformed. */
export const featuresOption = forTasks(
  z
    .array(z.enum(featureNames))
    .min(1)
    .max(featureNames.length)
    .refine((names) => new Set(names).size === names.length, { message: 'expected each feature once' })
    .optional()
    .describe("TensorFlow Playground's inputs among x, y, x2, y2, xy, sinx, siny; default [x, y]"),
  ['classification'],
);

const FEATURES: Record<FeatureName, (x: number, y: number) => number> = {
  x: (x) => x,
  y: (_x, y) => y,
  x2: (x) => x * x,
  y2: (_x, y) => y * y,
  xy: (x, y) => x * y,
  sinx: (x) => Math.sin(x),
  siny: (_x, y) => Math.sin(y),
};

/** Whether the features are the point itself, (x, y): a model's own fast paths then apply. */
export function isPlainPoint(names: readonly FeatureName[] | undefined): boolean {
  return names === undefined || (names.length === 2 && names[0] === 'x' && names[1] === 'y');
}

export interface FeatureMap {
  readonly size: number;
  /** The features of n×2 points, n×size row-major. */
  apply(X: Float64Array): Float64Array;
}

export function featureMap(names: readonly FeatureName[] = ['x', 'y']): FeatureMap {
  const fs = names.map((name) => FEATURES[name]);
  const d = fs.length;
  return {
    size: d,
    apply(X) {
      const n = X.length / 2;
      const out = new Float64Array(n * d);
      for (let i = 0; i < n; i++) {
        const x = X[2 * i];
        const y = X[2 * i + 1];
        for (let j = 0; j < d; j++) out[i * d + j] = fs[j](x, y);
      }
      return out;
    },
  };
}
