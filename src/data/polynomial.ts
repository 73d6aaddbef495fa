/**
 * A polynomial with Gaussian noise, E[y | x] = c₀ + c₁x + … + c_d·x^d (coefficients in ascending
 * powers, evaluated by Horner's rule), x uniform on a range. The default is the cubic x³ − x on
 * [−1.5, 1.5]: two bends, which a line cannot follow and a cubic fits exactly.
 */
import { z } from 'zod';
import { options } from '../options.js';
import { noisyFunction, rangeOption, sigmaOption, spacingOption } from './noisy-function.js';
import { defineSource } from './source.js';

const schema = options({
  coefficients: z
    .array(z.number())
    .min(1)
    .max(21)
    .default([0, -1, 0, 1])
    .describe('c₀, c₁, …: E[y | x] = c₀ + c₁x + c₂x² + … (ascending powers)'),
  noise: sigmaOption(0.2),
  range: rangeOption([-1.5, 1.5]),
  spacing: spacingOption('random'),
});

/** c₀ + c₁x + … by Horner's rule. */
export function horner(coefficients: readonly number[], x: number): number {
  let v = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) v = v * x + coefficients[i];
  return v;
}

export const polynomial = defineSource({
  source: 'polynomial',
  title: 'a polynomial',
  tasks: ['regression'],
  schema,
  create: (opts) =>
    noisyFunction({
      mean: (x) => horner(opts.coefficients, x),
      sd: () => opts.noise,
      domain: opts.range,
      spacing: opts.spacing,
    }),
});
