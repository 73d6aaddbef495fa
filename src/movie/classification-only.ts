/**
 * SEAM, until the regression figure exists (issue 15): the movies draw classification maps only.
 * A regression or function scenario passes the plan — its data read, its model checked against
 * the task and built, as a render will — and its render stops here with exit 2, before anything
 * is written. The regression figure's movies replace this file (and `mlgif validate` then means
 * again that the render succeeds).
 */
import type { ClassificationSimulator } from '../data/source.js';
import { UserError } from '../errors.js';
import type { DataChoice } from '../plan/plan.js';

export function classificationSimulator({ simulator, entry }: DataChoice): ClassificationSimulator {
  if (simulator.task === 'classification') return simulator;
  throw new UserError(
    `the ${simulator.task} figure is not built yet: data.source ${entry.source} poses a ${simulator.task} task, ` +
      'and only classification maps can be drawn so far',
    'data.source',
  );
}
