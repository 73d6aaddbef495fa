/**
 * Gaussian classes: class c ~ N(means[c], covs[c]), drawn with probability priors[c] (so class
 * sizes are Binomial(n, π), as in Holbrook's animations). The defaults are Holbrook's `mvn`:
 * class 0 ~ N((0,2), [[1,.3],[.3,1]]), class 1 ~ N((2,0), [[1,−.3],[−.3,1]]), equal priors.
 * With `classes: K` and no `means`, the K means lie evenly on a circle around (1, 1) with
 * neighbours 2√2 apart (as Holbrook's two are), each with covariance I.
 * The Bayes boundary is exact: log π_c + log N(x; μ_c, Σ_c) in closed form.
 */
import { z } from 'zod';
import { matrix2, options, point } from '../options.js';
import { circleMeans } from './circle-means.js';
import { covarianceProblem, drawNormal2, logNormal2, type Mat2, normal2, sampleByClass, type Vec2 } from './normal.js';
import { priorsOption, resolvePriors } from './priors.js';
import { type ClassificationSimulator, defineSource, type ReportProblem } from './source.js';

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

function classesOf(opts: z.output<typeof schema>): number {
  return opts.means?.length ?? opts.classes ?? opts.covs?.length ?? 2;
}

function check(opts: z.output<typeof schema>, report: ReportProblem): void {
  const classes = classesOf(opts);
  if (opts.classes !== undefined && opts.classes !== classes) {
    report(['classes'], `expected ${classes} classes (one per mean), got classes: ${opts.classes}`);
  }
  if (opts.covs && opts.covs.length !== classes) {
    report(['covs'], `expected ${classes} covariance matrices (one per class), got ${opts.covs.length}`);
  }
  opts.covs?.forEach((cov, c) => {
    const problem = covarianceProblem(cov);
    if (problem) report(['covs', c], problem);
  });
}

function create(opts: z.output<typeof schema>): ClassificationSimulator {
  const classes = classesOf(opts);
  const means = opts.means ?? (classes === 2 ? HOLBROOK_MEANS : circleMeans(classes, [1, 1], 2 * Math.SQRT2));
  const covs = opts.covs ?? (classes === 2 ? HOLBROOK_COVS : new Array<Mat2>(classes).fill(IDENTITY));
  const normals = means.map((m, c) => normal2(m, covs[c]));
  const priors = resolvePriors(opts.priors, classes);
  return {
    task: 'classification',
    classes,
    priors,
    sample: (n, rng) => sampleByClass(n, priors, rng, (c, r, X, o) => drawNormal2(normals[c], r, X, o)),
    logDensity: (x, y, c) => logNormal2(normals[c], x, y),
  };
}

export const gaussians = defineSource({
  source: 'gaussians',
  title: 'Gaussian classes',
  tasks: ['classification'],
  schema,
  classes: classesOf,
  check,
  create,
});
