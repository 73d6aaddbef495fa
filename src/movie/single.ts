/**
 * The one-model animation: the plan's data drawn, the scene set, then one frame per snapshot of
 * training (by the model's own stages or by a growing sample), drawn as it is pulled.
 */
import { drawData } from '../data/simulate.js';
import type { SinglePlan } from '../plan/plan.js';
import { createRng } from '../random.js';
import { createFrameRenderer } from '../render/frame.js';
import { timed } from '../timings.js';
import { classificationSimulator } from './classification-only.js';
import type { Movie, MovieContext } from './movie.js';
import { prepareScene } from './scene.js';
import { snapshots } from './snapshots.js';

export function singleMovie(plan: SinglePlan, context: MovieContext, size?: { width: number; height: number }): Movie {
  const { scenario, model, mode } = plan;
  const simulation = drawData(classificationSimulator(plan.data), plan.data.entry, scenario.seed);
  const { scene, points, bayesAccuracy, warnings } = prepareScene(scenario.render, simulation, context.timings, {
    title: plan.title,
    subtitle: plan.subtitle,
    ...size,
  });
  for (const warning of warnings) context.warn?.(warning);
  const renderer = createFrameRenderer(scene);
  return {
    width: scene.layout.width,
    height: scene.layout.height,
    palette: scene.palette,
    *frames() {
      const stream = snapshots({
        model,
        mode,
        train: simulation.train,
        test: simulation.test,
        grid: scene.grid,
        points,
        animate: scenario.animate,
        rng: createRng(scenario.seed).fork('model'),
        timings: context.timings,
        warn: context.warn,
      });
      for (const snapshot of stream) {
        const indices = timed(context.timings, 'draw', () => renderer.render(snapshot));
        yield {
          indices,
          frame: snapshot.frame,
          frames: snapshot.frames,
          figures: {
            trainAccuracy: snapshot.trainAccuracy,
            testAccuracy: snapshot.testAccuracy,
            bayesAccuracy,
            loss: snapshot.loss,
          },
          x: snapshot.stage,
          axis: {
            name: mode === 'samples' ? 'n' : (model.spec.stage ?? 'stage'),
            from: snapshot.stages[0],
            to: snapshot.stages[1],
            log: scenario.animate.spacing === 'log' && mode === 'stages',
          },
        };
      }
    },
  };
}
