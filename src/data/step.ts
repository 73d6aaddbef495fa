/**
 * A step function with Gaussian noise: E[y | x] = levels[j] on the j-th interval between the
 * breakpoints `at` (sorted, inside the range), x uniform on the range. The regression analogue of
 * a class boundary: a tree or k-NN fits it with a few splits, a line or a smooth basis cannot
 * follow its jumps (the Gibbs-like overshoot of a polynomial fit is the lesson).
 */
import { z } from 'zod';
import { options } from '../options.js';
import { noisyFunction, rangeOption, sigmaOption, spacingOption } from './noisy-function.js';
import { defineSource, type ReportProblem } from './source.js';

const schema = options({
  at: z.array(z.number()).min(1).max(20).default([0.3, 0.7]).describe('the x of each jump, increasing'),
  levels: z
    .array(z.number())
    .min(2)
    .max(21)
    .default([0, 1, 0.5])
    .describe('E[y | x] left of the first jump, then after each (one more than at)'),
  noise: sigmaOption(0.15),
  range: rangeOption([0, 1]),
  spacing: spacingOption('random'),
});

type Options = z.output<typeof schema>;

function check(opts: Options, report: ReportProblem): void {
  if (opts.levels.length !== opts.at.length + 1) {
    report(
      ['levels'],
      `expected ${opts.at.length + 1} levels (one more than the ${opts.at.length} jumps of at), got ${opts.levels.length}`,
    );
  }
  opts.at.forEach((x, i) => {
    if (i > 0 && !(x > opts.at[i - 1]))
      report(['at', i], `expected the jumps in increasing order, got ${x} after ${opts.at[i - 1]}`);
    if (!(x > opts.range[0] && x < opts.range[1])) {
      report(['at', i], `expected a jump inside the range (${opts.range[0]}, ${opts.range[1]}), got ${x}`);
    }
  });
}

/** The level of the interval x falls in (a jump belongs to the interval on its right). */
function stepAt(opts: Options, x: number): number {
  let j = 0;
  while (j < opts.at.length && x >= opts.at[j]) j++;
  return opts.levels[j];
}

export const step = defineSource({
  source: 'step',
  title: 'a step function',
  tasks: ['regression'],
  schema,
  check,
  create: (opts) =>
    noisyFunction({ mean: (x) => stepAt(opts, x), sd: () => opts.noise, domain: opts.range, spacing: opts.spacing }),
});
