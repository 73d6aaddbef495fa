/**
 * How frames advance, one rule for every figure: `samples` grows the training sample (Holbrook's
 * animations); `epochs` takes the models' own stages, which a model that fits in one go does not
 * have; `generations` takes an evolution's, at each new best and at regular intervals; `auto`
 * means generations when every model evolves, stages when every model has its own, else samples
 * (a grid where some panels grow their data and others do not would not compare).
 */
import { UserError } from '../errors.js';
import type { ModelSpec } from '../models/model.js';
import type { AnimateOptions } from '../scenario/schema.js';
import type { AnimationMode } from './plan.js';

export function animationMode(specs: readonly ModelSpec[], by: AnimateOptions['by']): AnimationMode {
  if (by === 'samples') return 'samples';
  const stageless = specs.find((s) => s.stage === null);
  if ((by === 'epochs' || by === 'generations') && stageless) {
    throw new UserError(
      `model "${stageless.type}" fits in one go and has no training stages to animate; use animate.by: samples (or auto)`,
      'animate.by',
    );
  }
  const other = specs.find((s) => s.stage !== 'generation');
  if (by === 'generations' && other) {
    throw new UserError(
      `model "${other.type}" does not evolve: it has no generations; use animate.by: epochs (its ${other.stage}s) or auto`,
      'animate.by',
    );
  }
  if (stageless) return 'samples';
  return by === 'generations' || (by === 'auto' && !other) ? 'generations' : 'stages';
}
