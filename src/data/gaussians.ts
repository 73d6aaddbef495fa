/**
 * Gaussian classes: class c ~ N(means[c], covs[c]), drawn with probability priors[c] (so class
 * sizes are Binomial(n, π), as in Holbrook's animations). The defaults are Holbrook's `mvn`:
 * class 0 ~ N((0,2), [[1,.3],[.3,1]]), class 1 ~ N((2,0), [[1,−.3],[−.3,1]]), equal priors.
 * With `classes: K` and no `means`, the K means lie evenly on a circle around (1, 1) with
 * neighbours 2√2 apart (as Holbrook's two are), each with covariance I.
 * The Bayes boundary is exact: log π_c + log N(x; μ_c, Σ_c) in closed form.
 */
import { z } from 'zod';
import { UserError } from '../errors.js';
import { matrix2, options, point } from '../options.js';
import { circleMeans } from './circle-means.js';
import { drawNormal2, logNormal2, type Mat2, normal2, sampleByClass, type Vec2 } from './normal.js';
import { priorsOption, resolvePriors } from './priors.js';
import type { DataSourceSpec, Simulator } from './types.js';

const HOLBROOK_MEANS: Vec2[] = [
  [0, 2],
  [2, 0],
];
const HOLBROOK_COVS: Mat2[] = [
  [
    [1, 0.3],
    [0.3, 1],
  ],
  [
    [1, -0.3],
    [-0.3, 1],
  ],
];
const IDENTITY: Mat2 = [
  [1, 0],
  [0, 1],
];

const schema = options({
  classes: z.number().int().min(2).max(8).optional().describe('number of classes; default 2, or the number of means'),
  means: z
    .array(point)
    .min(2)
    .max(8)
    .optional()
    .describe("one [x, y] mean per class; default Holbrook's (0,2), (2,0), or K on a circle"),
  covs: z
    .array(matrix2)
    .min(2)
    .max(8)
    .optional()
    .describe("one 2×2 covariance per class; default Holbrook's for 2 classes, else the identity"),
  priors: priorsOption,
});

function create(opts: z.output<typeof schema>): Simulator {
  const classes = opts.means?.length ?? opts.classes ?? opts.covs?.length ?? 2;
  if (opts.classes !== undefined && opts.classes !== classes) {
    throw new UserError(`expected ${classes} classes (one per mean), got classes: ${opts.classes}`, 'data.classes');
  }
  const means = opts.means ?? (classes === 2 ? HOLBROOK_MEANS : circleMeans(classes, [1, 1], 2 * Math.SQRT2));
  const covs = opts.covs ?? (classes === 2 ? HOLBROOK_COVS : new Array<Mat2>(classes).fill(IDENTITY));
  if (covs.length !== classes) {
    throw new UserError(`expected ${classes} covariance matrices (one per class), got ${covs.length}`, 'data.covs');
  }
  const normals = means.map((m, c) => normal2(m, covs[c], `data.covs[${c}]`));
  const priors = resolvePriors(opts.priors, classes);
  return {
    classes,
    priors,
    sample: (n, rng) => sampleByClass(n, priors, rng, (c, r, X, o) => drawNormal2(normals[c], r, X, o)),
    logDensity: (x, y, c) => logNormal2(normals[c], x, y),
  };
}

export const gaussians: DataSourceSpec<typeof schema> = {
  source: 'gaussians',
  title: 'Gaussian classes',
  schema,
  create,
};
