/**
 * No points: a named function of two variables to minimise (objectives.ts), for scenarios about
 * the optimizer alone — the path of gradient descent, momentum or Adam over the function. The
 * scenario names the function here, `data: { source: function, function: goldfield }`, and the
 * start point with the optimizer, as the model's option (`model: { type: descent, start: [x, y] }`),
 * so that a comparison of starts or optimizers shares one function.
 */
import { z } from 'zod';
import { options } from '../options.js';
import { type ObjectiveName, objectives } from './objectives.js';
import { defineSource } from './source.js';

const names = Object.keys(objectives) as [ObjectiveName, ...ObjectiveName[]];

const schema = options({
  function: z
    .enum(names)
    .default('goldfield')
    .describe("goldfield (Ma's 2x² − 4xy + y⁴ + 2), rosenbrock or himmelblau"),
});

export const objectiveFunction = defineSource({
  source: 'function',
  title: 'a function',
  tasks: ['optimization'],
  schema,
  create: (opts) => ({ task: 'optimization', objective: objectives[opts.function] }),
});
