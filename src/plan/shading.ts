/**
 * render.levels bands the probability shading of a classification map: anywhere else it would
 * change nothing, and an option that changes nothing is refused rather than ignored.
 */
import { UserError } from '../errors.js';
import type { RenderPlan } from './plan.js';

export function checkShadingLevels(plan: RenderPlan): void {
  const { levels, shading } = plan.scenario.render;
  if (levels === undefined) return;
  if (plan.task !== 'classification') {
    throw new UserError(`bands the shading of class probabilities; the data pose a ${plan.task} task`, 'render.levels');
  }
  if (shading !== 'probability') {
    throw new UserError(`bands the probability shading, but render.shading is ${shading}`, 'render.levels');
  }
}
