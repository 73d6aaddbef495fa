/**
 * What a figure's options ask of its data, checked before anything is drawn: one palette colour
 * per class (two classes in one colour would be a figure that lies), and a growing sample that
 * has room to grow.
 */
import { UserError } from '../errors.js';
import type { RenderPlan } from './plan.js';

export function checkFigureData(plan: RenderPlan): void {
  const { scenario } = plan;
  const datasets =
    plan.kind === 'single' || plan.kind === 'search'
      ? [plan.data]
      : plan.kind === 'sweep'
        ? [plan.frames[0].data]
        : plan.datasets;
  const palette = scenario.render.palette;
  const classes = Math.max(
    ...datasets.map(({ simulator }) => (simulator.task === 'classification' ? simulator.classes : 0)),
  );
  if (Array.isArray(palette) && palette.length < classes) {
    throw new UserError(
      `${palette.length} colours for ${classes} classes: give one colour per class (at least ${classes}), or a named palette`,
      'render.palette',
    );
  }
  const growing = plan.kind === 'single' ? plan.mode === 'samples' : plan.kind === 'compare' && plan.mode === 'samples';
  if (!growing) return;
  const { start } = scenario.animate;
  for (const [i, { entry, simulator }] of datasets.entries()) {
    if (simulator.task === 'optimization') {
      throw new UserError(
        `data.source ${entry.source} has no points to grow: animate by the optimizer's steps (by: epochs)`,
        'animate.by',
      );
    }
    // A file's points are all its rows (n does not apply).
    if (simulator.fromFile || start < entry.n) continue;
    const where = plan.kind === 'compare' && scenario.rows ? `rows[${i}].n` : 'data.n';
    throw new UserError(
      `the growing sample starts at ${start} points but ${where} is ${entry.n}: the animation would be one frame; set animate.start below ${entry.n}`,
      'animate.start',
    );
  }
}
