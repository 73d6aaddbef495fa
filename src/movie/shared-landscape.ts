/**
 * A comparison on one landscape (`compare:` with render.landscape, or of optimizers on a
 * function): one figure instead of a grid — every model's fitted line on one fit plot and every
 * path on one landscape, each in its own colour, named with its figure in the caption's legend.
 * The plan has checked that the models minimise the same objective on one data set.
 */
import type { ComparePlan } from '../plan/plan.js';
import { dataTitle } from '../plan/titles.js';
import { timed } from '../timings.js';
import { figurePanel } from './figure-panel.js';
import type { Figures, Movie, MovieContext, MovieFrame } from './movie.js';

export function sharedLandscapeMovie(plan: ComparePlan, context: MovieContext): Movie {
  const { scenario, models } = plan;
  const data = dataTitle(plan.datasets[0].entry.source, plan.datasets[0].entry);
  const panel = figurePanel({
    data: plan.datasets[0],
    scenario,
    timings: context.timings,
    fullColour: context.fullColour,
    title: scenario.title ?? 'Optimizer comparison',
    subtitle: data,
    tracks: models.length,
  });
  for (const warning of panel.warnings) context.warn?.(warning);
  return {
    width: panel.width,
    height: panel.height,
    palette: panel.palette,
    *frames(): Generator<MovieFrame, void, undefined> {
      for (const shot of panel.together(models, plan.titles, context)) {
        const indices = timed(context.timings, 'draw', () => shot.draw());
        const figures: Figures = shot.figures;
        yield {
          indices,
          frame: shot.frame,
          frames: shot.frames,
          figures,
          panels: plan.titles.map((model, i) => ({ model, data, figures: shot.tracks?.[i] ?? null })),
          x: shot.frame,
          axis: { name: 'frame', from: 0, to: shot.frames - 1, log: false },
        };
      }
    },
  };
}
