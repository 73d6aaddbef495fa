/**
 * The mixture of Elements of Statistical Learning §2.3.3 (Hastie, Tibshirani & Friedman 2009):
 * for each class, `components` means are drawn once from N(center_c, I) (centers (0,1) and
 * (1,0)); a point picks one of its class's means uniformly and adds N(0, spread·I), spread = 1/5.
 * The means come from the seed, so they are part of the scenario. Class densities are the exact
 * mixtures, so the Bayes boundary (ESL figure 2.5) is exact; its error is about 0.21.
 * With `classes: K` and no `centers`, the K centers lie evenly on the circle through ESL's two,
 * widened so that neighbours stay √2 apart.
 */
import { z } from 'zod';
import { options, point } from '../options.js';
import { circleMeans } from './circle-means.js';
import { drawNormal2, isotropic, logNormal2, logSumExp, type Normal2, sampleByClass, type Vec2 } from './normal.js';
import { priorsOption, resolvePriors } from './priors.js';
import { type ClassificationSimulator, type DataContext, defineSource, type ReportProblem } from './source.js';

const ESL_CENTERS: Vec2[] = [
  [0, 1],
  [1, 0],
];

const schema = options({
  components: z.number().int().min(1).max(100).default(10).describe('mixture components per class'),
  // Not below 1e-6: the covariance's determinant, spread², must not underflow to 0.
  spread: z.number().min(1e-6).max(100).default(0.2).describe('variance of each component'),
  classes: z.number().int().min(2).max(8).optional().describe('number of classes; default 2, or the number of centers'),
  centers: z
    .array(point)
    .min(2)
    .max(8)
    .optional()
    .describe('per class, the mean around which its component means are drawn; default (0,1), (1,0), or K on a circle'),
  priors: priorsOption,
});

function classesOf(opts: z.output<typeof schema>): number {
  return opts.centers?.length ?? opts.classes ?? 2;
}

function check(opts: z.output<typeof schema>, report: ReportProblem): void {
  const classes = classesOf(opts);
  if (opts.classes !== undefined && opts.classes !== classes) {
    report(['classes'], `expected ${classes} classes (one per center), got classes: ${opts.classes}`);
  }
}

function create(opts: z.output<typeof schema>, context: DataContext): ClassificationSimulator {
  const classes = classesOf(opts);
  const centers = opts.centers ?? (classes === 2 ? ESL_CENTERS : circleMeans(classes, [0.5, 0.5], Math.SQRT2));
  const priors = resolvePriors(opts.priors, classes);
  const meansRng = context.rng.fork('mixture-means');
  const parts: Normal2[][] = centers.map(([cx, cy]) =>
    Array.from({ length: opts.components }, () =>
      isotropic([cx + meansRng.normal(), cy + meansRng.normal()], opts.spread),
    ),
  );
  const logK = Math.log(opts.components);
  const scratch = new Float64Array(opts.components);
  return {
    task: 'classification',
    classes,
    priors,
    sample: (n, rng) =>
      sampleByClass(n, priors, rng, (c, r, X, o) => drawNormal2(parts[c][r.int(opts.components)], r, X, o)),
    logDensity(x, y, c) {
      const comps = parts[c];
      for (let j = 0; j < comps.length; j++) scratch[j] = logNormal2(comps[j], x, y);
      return logSumExp(scratch) - logK;
    },
  };
}

export const mixture = defineSource({
  source: 'mixture',
  title: 'ESL mixture',
  tasks: ['classification'],
  schema,
  classes: classesOf,
  check,
  create,
});
