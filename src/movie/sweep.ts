/**
 * The sweep animation (`animate.by: sweep`): frame i is the model fitted to the end (all the
 * training points, every stage) at the plan's i-th value, the value in the caption. A data sweep
 * draws the data anew for each frame, from the same seed, so neighbouring frames differ only by
 * the option; its plot window is fixed from the first and last frames' data, so the axes do not
 * move.
 */
import { drawData, type Simulation } from '../data/simulate.js';
import { plotWindow, type Window } from '../grid.js';
import type { DataChoice, SweepPlan } from '../plan/plan.js';
import { createRng } from '../random.js';
import { createFrameRenderer } from '../render/frame.js';
import { timed } from '../timings.js';
import { classificationSimulator } from './classification-only.js';
import type { Movie, MovieContext, MovieFrame } from './movie.js';
import { prepareScene } from './scene.js';
import { snapshots } from './snapshots.js';

export function sweepMovie(plan: SweepPlan, context: MovieContext, size?: { width: number; height: number }): Movie {
  const { scenario, values, labels } = plan;
  const r = scenario.render;
  const draw = (choice: DataChoice) => drawData(classificationSimulator(choice), choice.entry, scenario.seed);
  const dataSweep = plan.path.startsWith('data.');
  const first = draw(plan.frames[0].data);
  let window: Window | undefined;
  if (dataSweep && !(r.xlim && r.ylim)) {
    const last = draw(plan.frames[plan.frames.length - 1].data);
    window = plotWindow([first.train, first.test, last.train, last.test], r.xlim, r.ylim);
  }
  const sceneOf = (sim: Simulation) =>
    prepareScene(r, sim, context.timings, { title: plan.title, subtitle: plan.subtitle, ...size, window });
  const firstScene = sceneOf(first);
  for (const warning of firstScene.warnings) context.warn?.(warning);

  return {
    width: firstScene.scene.layout.width,
    height: firstScene.scene.layout.height,
    palette: firstScene.scene.palette,
    *frames(): Generator<MovieFrame, void, undefined> {
      let simulation = first;
      let prepared = firstScene;
      let renderer = createFrameRenderer(prepared.scene);
      for (let i = 0; i < values.length; i++) {
        const { model, data } = plan.frames[i];
        if (dataSweep && i > 0) {
          simulation = draw(data);
          prepared = sceneOf(simulation);
          renderer = createFrameRenderer(prepared.scene);
        }
        // The fit a plain render ends on: one growing-sample frame of all n points trains to the
        // end once, without by-stages' counting run.
        let snapshot = null;
        for (const shot of snapshots({
          model,
          mode: 'samples',
          train: simulation.train,
          test: simulation.test,
          grid: prepared.scene.grid,
          points: prepared.points,
          animate: { ...scenario.animate, frames: 1, start: simulation.train.n },
          rng: createRng(scenario.seed).fork('model'),
          timings: context.timings,
          warn: context.warn,
        })) {
          snapshot = shot;
        }
        if (!snapshot) continue;
        const shown = { ...snapshot, label: labels[i] };
        const indices = timed(context.timings, 'draw', () => renderer.render(shown));
        yield {
          indices,
          frame: i,
          frames: values.length,
          figures: {
            trainAccuracy: snapshot.trainAccuracy,
            testAccuracy: snapshot.testAccuracy,
            bayesAccuracy: prepared.bayesAccuracy,
            loss: snapshot.loss,
          },
          x: values[i],
          axis: { name: plan.axis.name, from: values[0], to: values[values.length - 1], log: plan.axis.log },
        };
      }
    },
  };
}
