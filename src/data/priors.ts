/** Class priors option: omitted = equal; given = one positive weight per class, normalised. */
import { z } from 'zod';
import { UserError } from '../errors.js';

export const priorsOption = z
  .array(z.number().positive())
  .min(2)
  .max(8)
  .optional()
  .describe('class probabilities (normalised); default equal');

export function resolvePriors(priors: readonly number[] | undefined, classes: number, where = 'data.priors'): number[] {
  if (!priors) return new Array<number>(classes).fill(1 / classes);
  if (priors.length !== classes) {
    throw new UserError(`expected ${classes} class priors (one per class), got ${priors.length}`, where);
  }
  const total = priors.reduce((a, b) => a + b, 0);
  return priors.map((p) => p / total);
}
