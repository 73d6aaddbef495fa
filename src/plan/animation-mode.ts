/**
 * How frames advance, one rule for every figure: `samples` grows the training sample (Holbrook's
 * animations); `epochs` takes the models' own stages, which a model that fits in one go does not
 * have; `auto` means stages when every model has its own, else samples (a grid where some panels
 * grow their data and others do not would not compare).
 */
import { UserError } from '../errors.js';
import type { ModelSpec } from '../models/model.js';
import type { AnimateOptions } from '../scenario/schema.js';
import type { AnimationMode } from './plan.js';

export function animationMode(specs: readonly ModelSpec[], by: AnimateOptions['by']): AnimationMode {
  if (by === 'samples') return 'samples';
  const stageless = specs.find((s) => s.stage === null);
  if (by === 'epochs' && stageless) {
    throw new UserError(
      `model "${stageless.type}" fits in one go and has no training stages to animate; use animate.by: samples (or auto)`,
      'animate.by',
    );
  }
  return stageless ? 'samples' : 'stages';
}
