/** Class priors option: omitted = equal; given = one positive weight per class, normalised. */
import { z } from 'zod';

export const priorsOption = z
  .array(z.number().positive())
  .min(2)
  .max(8)
  .optional()
  .describe('class probabilities (normalised); default equal');

/** `classes` on a source that always has two: accepted when it says 2, so scenarios can be explicit. */
export const twoClasses = z.literal(2).optional().describe('always 2 for this source');

/** The problem with a priors option for this many classes, or null. */
export function priorsProblem(priors: readonly number[] | undefined, classes: number): string | null {
  return priors && priors.length !== classes
    ? `expected ${classes} class priors (one per class), got ${priors.length}`
    : null;
}

/** The priors, normalised (equal when omitted); the count was checked with the scenario. */
export function resolvePriors(priors: readonly number[] | undefined, classes: number): number[] {
  if (!priors) return new Array<number>(classes).fill(1 / classes);
  const problem = priorsProblem(priors, classes);
  if (problem) throw new Error(`unchecked data.priors: ${problem}`);
  const total = priors.reduce((a, b) => a + b, 0);
  return priors.map((p) => p / total);
}
