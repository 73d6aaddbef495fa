/**
 * A line whose noise grows with x (heteroscedastic errors): E[y | x] = slope·x + intercept and
 * σ(x) rising linearly from noise[0] at the left end of the range to noise[1] at the right. The
 * defaults are the data of scikit-learn's quantile-regression example
 * (plot_quantile_regression.py): x = linspace(0, 10, 100), y = 10 + 0.5x + N(0, (0.5 + 0.5x)²). Where the
 * noise is large the fit matters less and a squared loss is dominated by those points: the
 * optimal expected loss is the noise's own, averaged over x.
 */
import { z } from 'zod';
import { options } from '../options.js';
import { noisyFunction, rangeOption, spacingOption } from './noisy-function.js';
import { defineSource } from './source.js';

const schema = options({
  slope: z.number().default(0.5).describe('w in E[y | x] = w·x + b'),
  intercept: z.number().default(10).describe('b in E[y | x] = w·x + b'),
  noise: z
    .tuple([z.number().min(0).max(1e6), z.number().min(0).max(1e6)])
    .default([0.5, 5.5])
    .describe('σ at the left and at the right end of the range (linear in between)'),
  range: rangeOption([0, 10]),
  spacing: spacingOption('even'),
});

export const heteroscedastic = defineSource({
  source: 'heteroscedastic',
  title: 'a line with growing noise',
  tasks: ['regression'],
  schema,
  defaultN: 100,
  create: (opts) => {
    const [a, b] = opts.range;
    const [left, right] = opts.noise;
    return noisyFunction({
      mean: (x) => opts.slope * x + opts.intercept,
      sd: (x) => left + ((right - left) * (x - a)) / (b - a),
      domain: opts.range,
      spacing: opts.spacing,
    });
  },
});
