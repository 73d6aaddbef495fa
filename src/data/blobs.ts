/**
 * Blobs (the idea of scikit-learn's make_blobs, with the centres fixed instead of random):
 * class c ~ N(μ_c, spread·I), the K centres evenly spaced on a circle of radius `radius` around
 * the origin, class 0 at the top. Class sizes are Multinomial(n, priors). The densities are
 * exact, so the Bayes boundary is exact: with equal priors, the edges of the Voronoi cells of
 * the centres.
 */
import { z } from 'zod';
import { options } from '../options.js';
import { drawNormal2, isotropic, logNormal2, sampleByClass } from './normal.js';
import { priorsOption, resolvePriors } from './priors.js';
import { type ClassificationSimulator, defineSource } from './source.js';

const schema = options({
  classes: z.number().int().min(2).max(8).default(3).describe('number of blobs, one class each'),
  // Not below 1e-6: the covariance's determinant, spread², must not underflow to 0.
  spread: z.number().min(1e-6).max(100).default(1).describe('variance of each blob'),
  radius: z.number().min(0).max(100).default(2.5).describe('distance of the blob centres from the origin'),
  priors: priorsOption,
});

function create(opts: z.output<typeof schema>): ClassificationSimulator {
  const k = opts.classes;
  const blobs = Array.from({ length: k }, (_, c) => {
    const angle = Math.PI / 2 + (2 * Math.PI * c) / k;
    return isotropic([opts.radius * Math.cos(angle), opts.radius * Math.sin(angle)], opts.spread);
  });
  const priors = resolvePriors(opts.priors, k);
  return {
    task: 'classification',
    classes: k,
    priors,
    sample: (n, rng) => sampleByClass(n, priors, rng, (c, r, X, o) => drawNormal2(blobs[c], r, X, o)),
    logDensity: (x, y, c) => logNormal2(blobs[c], x, y),
  };
}

export const blobs = defineSource({
  source: 'blobs',
  title: 'blobs',
  tasks: ['classification'],
  schema,
  classes: (opts) => opts.classes,
  create,
});
