/** The movie a plan asks for: one per kind of figure, with the curves panel where asked. */
import type { RenderPlan } from '../plan/plan.js';
import { curvesSplit } from '../render/curves.js';
import { THEMES } from '../render/palette.js';
import { classificationSimulator } from './classification-only.js';
import { compareMovie } from './compare.js';
import type { Movie, MovieContext } from './movie.js';
import { singleMovie } from './single.js';
import { sweepMovie } from './sweep.js';
import { withCurves } from './with-curves.js';

export function movieOf(plan: RenderPlan, context: MovieContext): Movie {
  if (plan.kind === 'compare') return compareMovie(plan, context);
  const r = plan.scenario.render;
  const map = (size?: { width: number; height: number }) =>
    plan.kind === 'sweep' ? sweepMovie(plan, context, size) : singleMovie(plan, context, size);
  if (!r.curves) return map();
  const split = curvesSplit(r.width, r.height);
  const classes = classificationSimulator(plan.kind === 'sweep' ? plan.frames[0].data : plan.data).classes;
  return withCurves(map(split.map), split, THEMES[r.theme], classes);
}
