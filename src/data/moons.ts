/**
 * scikit-learn's make_moons: class 0 is the upper half of the unit circle, (cos t, sin t), class
 * 1 the lower half-circle (1 − cos t, 1 − sin t − 0.5), t ∈ [0, π], plus Gaussian noise of sd
 * `noise` on both coordinates. scikit-learn spaces t evenly (linspace) and splits n in halves;
 * here t ~ U[0, π] and class sizes are Multinomial(n, priors), so the points are independent
 * draws from one distribution and its density (curve-density.ts) gives the Bayes boundary.
 */
import { options } from '../options.js';
import { curveSimulator, noiseOption } from './curve-source.js';
import { priorsOption, resolvePriors, twoClasses } from './priors.js';
import { defineSource } from './source.js';

const schema = options({
  classes: twoClasses,
  noise: noiseOption(0.2),
  priors: priorsOption,
});

export const moons = defineSource({
  source: 'moons',
  title: 'two moons',
  tasks: ['classification'],
  schema,
  classes: () => 2,
  create: (opts) =>
    curveSimulator(
      [
        { curve: (t) => [Math.cos(t), Math.sin(t)], t0: 0, t1: Math.PI },
        { curve: (t) => [1 - Math.cos(t), 1 - Math.sin(t) - 0.5], t0: 0, t1: Math.PI },
      ],
      opts.noise,
      resolvePriors(opts.priors, 2),
    ),
});
