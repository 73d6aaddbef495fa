/** The movie a plan asks for: one per kind of figure, with the curves panel where asked. */

import { sharesLandscape } from '../plan/landscape.js';
import type { RenderPlan } from '../plan/plan.js';
import { type CurvesMeasure, curvesSplit } from '../render/curves.js';
import { THEMES } from '../render/palette.js';
import { compareMovie } from './compare.js';
import { LOSS_NAMES, lossMeasure } from './figure-panel.js';
import type { Movie, MovieContext } from './movie.js';
import { searchMovie } from './search.js';
import { sharedLandscapeMovie } from './shared-landscape.js';
import { singleMovie } from './single.js';
import { sweepMovie } from './sweep.js';
import { withCurves } from './with-curves.js';

/** What the curves panel of a one-model plan measures. */
function curvesMeasure(plan: Exclude<RenderPlan, { kind: 'compare' | 'search' }>): CurvesMeasure {
  const { simulator } = plan.kind === 'sweep' ? plan.frames[0].data : plan.data;
  if (simulator.task === 'classification') return { measure: 'accuracy', classes: simulator.classes };
  if (simulator.task === 'optimization') return { measure: 'loss', name: 'f' };
  const model = plan.kind === 'sweep' ? plan.frames[0].model : plan.model;
  return { measure: 'loss', name: LOSS_NAMES[lossMeasure(model).loss] };
}

export function movieOf(plan: RenderPlan, context: MovieContext): Movie {
  if (plan.kind === 'compare') {
    return sharesLandscape(plan) ? sharedLandscapeMovie(plan, context) : compareMovie(plan, context);
  }
  // The schema refuses render.curves with a search.
  if (plan.kind === 'search') return searchMovie(plan, context);
  const r = plan.scenario.render;
  const figure = (size?: { width: number; height: number }) =>
    plan.kind === 'sweep' ? sweepMovie(plan, context, size) : singleMovie(plan, context, size);
  if (!r.curves) return figure();
  const split = curvesSplit(r.width, r.height);
  return withCurves(figure(split.map), split, THEMES[r.theme], curvesMeasure(plan));
}
