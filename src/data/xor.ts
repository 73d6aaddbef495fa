/**
 * XOR: four isotropic Gaussian clusters N((±offset, ±offset), noise²·I); class 0 owns the
 * clusters where x·y > 0 (first and third quadrants), class 1 the other two, and a point of a
 * class picks one of its two clusters with probability ½. The idea is TensorFlow Playground's
 * XOR (label = sign(x·y)); the clusters are Gaussian so the densities are exact mixtures. With
 * equal priors the Bayes boundary is the two axes and the Bayes accuracy is Φ(a)² + Φ(−a)²,
 * a = offset/noise.
 */
import { z } from 'zod';
import { options } from '../options.js';
import { drawNormal2, isotropic, logNormal2, logSumExp, sampleByClass } from './normal.js';
import { priorsOption, resolvePriors, twoClasses } from './priors.js';
import { type ClassificationSimulator, defineSource } from './source.js';

const schema = options({
  classes: twoClasses,
  // Not below 1e-3: the covariance's determinant, noise⁴, must not underflow to 0.
  noise: z.number().min(1e-3).max(10).default(0.5).describe('standard deviation of each cluster'),
  offset: z.number().positive().max(100).default(1).describe('clusters are centred at (±offset, ±offset)'),
  priors: priorsOption,
});

function create(opts: z.output<typeof schema>): ClassificationSimulator {
  const a = opts.offset;
  const v = opts.noise * opts.noise;
  const clusters = [
    [isotropic([a, a], v), isotropic([-a, -a], v)],
    [isotropic([-a, a], v), isotropic([a, -a], v)],
  ];
  const priors = resolvePriors(opts.priors, 2);
  const pair = new Float64Array(2);
  return {
    task: 'classification',
    classes: 2,
    priors,
    sample: (n, rng) => sampleByClass(n, priors, rng, (c, r, X, o) => drawNormal2(clusters[c][r.int(2)], r, X, o)),
    logDensity(x, y, c) {
      pair[0] = logNormal2(clusters[c][0], x, y);
      pair[1] = logNormal2(clusters[c][1], x, y);
      return logSumExp(pair) - Math.LN2;
    },
  };
}

export const xor = defineSource({
  source: 'xor',
  title: 'XOR',
  tasks: ['classification'],
  schema,
  classes: () => 2,
  create,
});
