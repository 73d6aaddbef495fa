/**
 * A straight line with Gaussian noise: Eric Ma's linear-regression data ("Demystifying deep
 * learning", PyCon 2020, ericmjl/dl-workshop): x = linspace(−5, 5, 100), y = 2x + 20 + N(0, 1).
 * The defaults are his; slope, intercept, noise, range and spacing are options.
 */
import { z } from 'zod';
import { options } from '../options.js';
import { noisyFunction, rangeOption, sigmaOption, spacingOption } from './noisy-function.js';
import { defineSource } from './source.js';

const schema = options({
  slope: z.number().default(2).describe('w in E[y | x] = w·x + b'),
  intercept: z.number().default(20).describe('b in E[y | x] = w·x + b'),
  noise: sigmaOption(1),
  range: rangeOption([-5, 5]),
  spacing: spacingOption('even'),
});

export const line = defineSource({
  source: 'line',
  title: 'a line',
  tasks: ['regression'],
  schema,
  defaultN: 100,
  create: (opts) =>
    noisyFunction({
      mean: (x) => opts.slope * x + opts.intercept,
      sd: () => opts.noise,
      domain: opts.range,
      spacing: opts.spacing,
    }),
});
