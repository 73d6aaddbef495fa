/**
 * The movie a plan asks for: one per kind of figure, with the code panel when the model is a
 * program (an evolved algorithm) and the curves panel where asked.
 */

import { sharesLandscape } from '../plan/landscape.js';
import type { RenderPlan } from '../plan/plan.js';
import { type CurvesMeasure, curvesSplit } from '../render/curves.js';
import { THEMES } from '../render/palette.js';
import { programAccents } from '../render/program-panel.js';
import { compareMovie } from './compare.js';
import { LOSS_NAMES, lossMeasure } from './figure-panel.js';
import type { Movie, MovieContext } from './movie.js';
import { searchMovie } from './search.js';
import { sharedLandscapeMovie } from './shared-landscape.js';
import { singleMovie } from './single.js';
import { sweepMovie } from './sweep.js';
import { withCurves } from './with-curves.js';
import { programFrame, programSplit, withProgram } from './with-program.js';

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
  const theme = THEMES[r.theme];
  const coded = (plan.kind === 'sweep' ? plan.frames[0].model : plan.model).spec.program === true;
  const accents = coded ? programAccents(theme) : undefined;
  const plain = (size: { width: number; height: number }) =>
    plan.kind === 'sweep' ? sweepMovie(plan, context, size, accents) : singleMovie(plan, context, size, accents);
  const figure = coded
    ? (size: { width: number; height: number }) => {
        const split = programSplit(size.width, size.height);
        return withProgram(plain(split.figure), split, theme);
      }
    : plain;
  const whole = coded ? programFrame(r.width, r.height) : { width: r.width, height: r.height };
  if (!r.curves) return figure(whole);
  const split = curvesSplit(whole.width, whole.height, coded ? 'below' : undefined);
  return withCurves(figure(split.map), split, theme, curvesMeasure(plan));
}
