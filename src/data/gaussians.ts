/**
 * Gaussian classes: class c ~ N(means[c], covs[c]), drawn with probability priors[c] (so class
 * sizes are Binomial(n, π), as in Holbrook's animations). The defaults are Holbrook's `mvn`:
 * class 0 ~ N((0,2), [[1,.3],[.3,1]]), class 1 ~ N((2,0), [[1,−.3],[−.3,1]]), equal priors.
 * The Bayes boundary is exact: log π_c + log N(x; μ_c, Σ_c) in closed form.
 */
import { z } from 'zod';
import { UserError } from '../errors.js';
import { matrix2, options, point } from '../scenario/options.js';
import { drawClass, drawNormal2, logNormal2, normal2 } from './normal.js';
import { priorsOption, resolvePriors } from './priors.js';
import type { DataSourceSpec, Simulator } from './types.js';

const schema = options({
  means: z
    .array(point)
    .min(2)
    .max(8)
    .default([
      [0, 2],
      [2, 0],
    ])
    .describe('one [x, y] mean per class'),
  covs: z
    .array(matrix2)
    .min(2)
    .max(8)
    .default([
      [
        [1, 0.3],
        [0.3, 1],
      ],
      [
        [1, -0.3],
        [-0.3, 1],
      ],
    ])
    .describe('one 2×2 covariance per class'),
  priors: priorsOption,
});

function create(opts: z.output<typeof schema>): Simulator {
  const classes = opts.means.length;
  if (opts.covs.length !== classes) {
    throw new UserError(`expected ${classes} covariance matrices (one per mean), got ${opts.covs.length}`, 'data.covs');
  }
  const normals = opts.means.map((m, c) => normal2(m, opts.covs[c], `data.covs[${c}]`));
  const priors = resolvePriors(opts.priors, classes);
  return {
    classes,
    priors,
    sample(n, rng) {
      const X = new Float64Array(2 * n);
      const y = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const c = drawClass(priors, rng);
        y[i] = c;
        drawNormal2(normals[c], rng, X, 2 * i);
      }
      return { X, y, n, classes };
    },
    logDensity: (x, y, c) => logNormal2(normals[c], x, y),
  };
}

export const gaussians: DataSourceSpec<typeof schema> = {
  source: 'gaussians',
  title: 'Gaussian classes',
  schema,
  create,
};
