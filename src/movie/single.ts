/**
 * The one-model animation: the panel of the plan's data (its task's: a classification map, a
 * regression's fit, a function's landscape), then one frame per stage of training (by the
 * model's own stages or by a growing sample), drawn as it is pulled.
 */
import type { SinglePlan } from '../plan/plan.js';
import type { RGB } from '../render/palette.js';
import { timed } from '../timings.js';
import type { Movie, MovieContext } from './movie.js';
import { panelKind } from './panels.js';

export function singleMovie(
  plan: SinglePlan,
  context: MovieContext,
  size?: { width: number; height: number },
  accents?: readonly RGB[],
): Movie {
  const { scenario, model, mode } = plan;
  const panel = panelKind(plan.task).panel({
    data: plan.data,
    scenario,
    timings: context.timings,
    fullColour: context.fullColour,
    title: plan.title,
    subtitle: plan.subtitle,
    ...size,
    accents,
  });
  for (const warning of panel.warnings) context.warn?.(warning);
  return {
    width: panel.width,
    height: panel.height,
    palette: panel.palette,
    *frames() {
      for (const shot of panel.frames(model, mode, context)) {
        const indices = timed(context.timings, 'draw', () => shot.draw());
        yield {
          indices,
          frame: shot.frame,
          frames: shot.frames,
          figures: shot.figures,
          program: shot.program,
          x: shot.stage,
          axis: {
            name: mode === 'samples' ? 'n' : (model.spec.stage ?? 'stage'),
            from: shot.stages[0],
            to: shot.stages[1],
            log: scenario.animate.spacing === 'log' && mode === 'stages',
          },
        };
      }
    },
  };
}
