/**
 * scikit-learn's make_circles: class 0 on the unit circle, class 1 on the concentric circle of
 * radius `factor`, angle t ~ U[0, 2π) (scikit-learn spaces it evenly), plus Gaussian noise of sd
 * `noise`. Class sizes are Multinomial(n, priors). Densities: the Rice law in closed form
 * (rice.ts), the law of a point uniform on a circle plus Gaussian noise.
 */
import { z } from 'zod';
import { options } from '../options.js';
import { curveSimulator, noiseOption } from './curve-source.js';
import { priorsOption, resolvePriors, twoClasses } from './priors.js';
import { logRice } from './rice.js';
import { defineSource } from './source.js';

const schema = options({
  classes: twoClasses,
  noise: noiseOption(0.1),
  factor: z.number().gt(0).lt(1).default(0.5).describe('radius of the inner circle (the outer has radius 1)'),
  priors: priorsOption,
});

export const circles = defineSource({
  source: 'circles',
  title: 'two circles',
  tasks: ['classification'],
  schema,
  classes: () => 2,
  create: (opts) =>
    curveSimulator(
      [
        {
          curve: (t) => [Math.cos(t), Math.sin(t)],
          t0: 0,
          t1: 2 * Math.PI,
          exact: (x, y, noise) => logRice(x, y, 1, noise),
        },
        {
          curve: (t) => [opts.factor * Math.cos(t), opts.factor * Math.sin(t)],
          t0: 0,
          t1: 2 * Math.PI,
          exact: (x, y, noise) => logRice(x, y, opts.factor, noise),
        },
      ],
      opts.noise,
      resolvePriors(opts.priors, 2),
    ),
});
