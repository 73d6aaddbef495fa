/**
 * Bishop's curve-fitting example (Pattern Recognition and Machine Learning, 2006, §1.1 and
 * appendix A): t = sin(2πx) + Gaussian noise of standard deviation 0.3, N = 10 points with x
 * "spaced uniformly in the range [0, 1]" — evenly spaced, as his figure 1.2 shows them, so the
 * default spacing is even (x = linspace(0, 1, 10)); `spacing: random` draws x uniformly instead.
 * The overfitting figure (polynomial degree 0 to 9) is fitted on these ten points.
 */
import { options } from '../options.js';
import { noisyFunction, rangeOption, sigmaOption, spacingOption } from './noisy-function.js';
import { defineSource } from './source.js';

const schema = options({
  noise: sigmaOption(0.3),
  range: rangeOption([0, 1]),
  spacing: spacingOption('even'),
});

export const sine = defineSource({
  source: 'sine',
  title: 'a sine',
  tasks: ['regression'],
  schema,
  defaultN: 10,
  create: (opts) =>
    noisyFunction({
      mean: (x) => Math.sin(2 * Math.PI * x),
      sd: () => opts.noise,
      domain: opts.range,
      spacing: opts.spacing,
    }),
});
