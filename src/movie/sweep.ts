/**
 * The sweep animation (`animate.by: sweep`): frame i is the model fitted to the end (all the
 * training points, every stage) at the plan's i-th value, the value in the caption. A data sweep
 * draws the data anew for each frame, from the same seed, so neighbouring frames differ only by
 * the option; its plot window is fixed from the first and last frames' data, so the axes do not
 * move. A model sweep keeps one panel (and its renderer) for every frame.
 */
import type { DataChoice, SweepPlan } from '../plan/plan.js';
import type { RGB } from '../render/palette.js';
import { timed } from '../timings.js';
import type { Movie, MovieContext, MovieFrame } from './movie.js';
import type { Panel } from './panel.js';
import { panelKind } from './panels.js';

export function sweepMovie(
  plan: SweepPlan,
  context: MovieContext,
  size?: { width: number; height: number },
  accents?: readonly RGB[],
): Movie {
  const { scenario, values, labels } = plan;
  const kind = panelKind(plan.task);
  const dataSweep = plan.path.startsWith('data.');
  const firstData = plan.frames[0].data;
  const window = dataSweep
    ? kind.sweepWindow(firstData, plan.frames[plan.frames.length - 1].data, scenario)
    : undefined;
  const panelOf = (data: DataChoice): Panel =>
    kind.panel({
      data,
      scenario,
      timings: context.timings,
      fullColour: context.fullColour,
      title: plan.title,
      subtitle: plan.subtitle,
      ...size,
      window,
      accents,
    });
  const first = panelOf(firstData);
  for (const warning of first.warnings) context.warn?.(warning);

  return {
    width: first.width,
    height: first.height,
    palette: first.palette,
    *frames(): Generator<MovieFrame, void, undefined> {
      let panel = first;
      for (let i = 0; i < values.length; i++) {
        const { model, data } = plan.frames[i];
        if (dataSweep && i > 0) panel = panelOf(data);
        let shot = null;
        for (const s of panel.frames(model, 'final', context)) shot = s;
        if (!shot) continue;
        const { figures, program } = shot;
        const indices = timed(context.timings, 'draw', () => shot.draw(labels[i]));
        yield {
          indices,
          frame: i,
          frames: values.length,
          figures,
          program,
          x: values[i],
          axis: { name: plan.axis.name, from: values[0], to: values[values.length - 1], log: plan.axis.log },
        };
      }
    },
  };
}
