/**
 * The loss landscape's rules, checked before anything is drawn. `render.landscape` draws the
 * objective over a model's two trainable parameters, so the model must have exactly two (y = w·x +
 * b: `linear` with degree 1) and the data must be a regression's; it follows the optimizer's
 * steps, so the animation goes by them (a growing sample would change the objective every
 * frame). Function data is a landscape already. A comparison draws every path on one landscape:
 * one data set, and models that minimise the same objective — differing only in how they descend
 * (the optimizer, its learning rate, the number of steps, the start).
 */
import { UserError } from '../errors.js';
import type { ModelChoice, RenderPlan } from './plan.js';

/** Options that say how a model descends, not what it minimises. */
const DESCENT_OPTIONS = new Set(['optimizer', 'learningRate', 'epochs', 'start']);

/** Whether two models minimise the same objective (on the same data): same type, same options but descent's. */
export function sameObjective(a: ModelChoice, b: ModelChoice): boolean {
  if (a.spec !== b.spec) return false;
  const keys = new Set([...Object.keys(a.options), ...Object.keys(b.options)]);
  for (const key of keys) {
    if (DESCENT_OPTIONS.has(key)) continue;
    if (JSON.stringify(a.options[key]) !== JSON.stringify(b.options[key])) return false;
  }
  return true;
}

/** Whether the figure draws a landscape: function data always, a regression when asked. */
export function drawsLandscape(plan: RenderPlan): boolean {
  return plan.task === 'optimization' || (plan.task === 'regression' && plan.scenario.render.landscape);
}

/** Whether a comparison draws its models on one figure (one landscape, one fit) rather than a grid. */
export function sharesLandscape(plan: RenderPlan): boolean {
  return plan.kind === 'compare' && drawsLandscape(plan);
}

/** Every model the figure trains, with where the scenario gives it. */
function models(plan: RenderPlan): [ModelChoice, string][] {
  if (plan.kind === 'single') return [[plan.model, 'model']];
  if (plan.kind === 'sweep') return plan.frames.map((f) => [f.model, 'model']);
  if (plan.kind === 'search') return plan.configs.map((c) => [c.model, `search.models[${c.entry}]`]);
  return plan.models.map((m, i) => [m, `compare[${i}]`]);
}

/** The number of trainable parameters a model's regressor has, or null when its options do not fix it. */
function parameterCount(model: ModelChoice): number | null {
  return model.spec.regressor?.(model.options).parameters ?? null;
}

export function checkLandscape(plan: RenderPlan): void {
  const { render } = plan.scenario;
  if (render.residuals && plan.task !== 'regression') {
    const task = `${plan.task === 'optimization' ? 'an' : 'a'} ${plan.task} task`;
    throw new UserError(`draws a segment from each point to a fitted curve; the data pose ${task}`, 'render.residuals');
  }
  if (render.residuals && sharesLandscape(plan)) {
    throw new UserError(
      'the models share one fit plot, where their residuals would cross: give one model, or no landscape',
      'render.residuals',
    );
  }
  if (render.landscape && plan.task === 'classification') {
    throw new UserError(
      'draws the loss over two parameters (w, b) of a 1-D regression or a function; a classifier of 2-D points has at least three (w₁, w₂, b)',
      'render.landscape',
    );
  }
  if (!drawsLandscape(plan)) return;
  if (plan.task === 'regression') {
    for (const [model, path] of models(plan)) {
      if (model.spec.regressor?.(model.options).landscape) continue;
      const which = `${path === 'model' ? 'the model' : path} (${model.spec.type})`;
      const count = parameterCount(model);
      throw new UserError(
        'draws the loss over two trainable parameters (y = w·x + b: linear with degree 1); ' +
          (count === null ? `${which} has no fixed set of them (it grows with the data)` : `${which} has ${count}`),
        'render.landscape',
      );
    }
  }
  const mode = plan.kind === 'sweep' || plan.kind === 'search' ? 'stages' : plan.mode;
  if (mode === 'samples' && plan.task === 'regression') {
    throw new UserError(
      `the landscape follows the optimizer's steps; a growing sample would change the loss under it every frame: use by: epochs (or auto)`,
      'animate.by',
    );
  }
  if (plan.kind !== 'compare') return;
  if (plan.byRows) {
    throw new UserError('the models share one landscape, so one data set: use data, not rows', 'rows');
  }
  plan.models.forEach((model, i) => {
    if (i > 0 && !sameObjective(plan.models[0], model)) {
      throw new UserError(
        'the paths share one landscape, so every model must minimise the same objective: the same type and options ' +
          'but optimizer, learningRate, epochs and start',
        `compare[${i}]`,
      );
    }
  });
}
