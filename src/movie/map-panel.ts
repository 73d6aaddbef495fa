/**
 * The panel of a classification: the 2-D map (scene.ts sets it, snapshots.ts trains the model and
 * evaluates it on the grid, frame.ts draws it), its figure the accuracy and its best the Bayes
 * accuracy.
 */
import { drawData, type Simulation } from '../data/simulate.js';
import type { ClassificationSimulator } from '../data/source.js';
import { plotWindow } from '../grid.js';
import type { DataChoice } from '../plan/plan.js';
import { createRng } from '../random.js';
import { formatAccuracy } from '../render/caption.js';
import { createFrameRenderer, type FrameRenderer } from '../render/frame.js';
import { panelLayout } from '../render/grid-frame.js';
import type { Scenario } from '../scenario/schema.js';
import type { Panel, PanelKind, PanelRequest } from './panel.js';
import { prepareScene } from './scene.js';
import { snapshots } from './snapshots.js';

function classification(choice: DataChoice): ClassificationSimulator {
  // The plan gives each task its own panel.
  if (choice.simulator.task !== 'classification') throw new Error('a map panel of data without classes');
  return choice.simulator;
}

function simulate(choice: DataChoice, scenario: Scenario): Simulation {
  return drawData(classification(choice), choice.entry, scenario.seed);
}

function mapPanel(request: PanelRequest): Panel {
  const { scenario } = request;
  const simulation = simulate(request.data, scenario);
  const { panel } = request;
  const prepared = prepareScene(scenario.render, simulation, request.timings, {
    title: request.title,
    subtitle: request.subtitle,
    width: request.width,
    height: request.height,
    layout: panel ? (legend) => panelLayout(panel.side, legend, panel.minUnit) : undefined,
    window: request.window,
    fullColour: request.fullColour,
    accents: request.accents,
  });
  const { scene, points, bayesAccuracy } = prepared;
  const hasTest = simulation.test.n > 0;
  // A renderer draws each frame from the one before (the shading changes where the model did):
  // an animation has its own, and a sweep's final fits, drawn one after another, share one.
  let shared: FrameRenderer | null = null;
  return {
    width: scene.layout.width,
    height: scene.layout.height,
    palette: scene.palette,
    warnings: prepared.warnings,
    optimal: bayesAccuracy,
    optimalLine: scene.bayesLines !== null,
    hasTest,
    figure: {
      name: (test) => `${test ? 'test' : 'train'} accuracy`,
      format: formatAccuracy,
      of: (f, test) => (f.measure === 'accuracy' ? (test ? f.testAccuracy : f.trainAccuracy) : null),
    },
    *frames(model, pace, context) {
      const paint = pace === 'final' ? (shared ??= createFrameRenderer(scene)) : createFrameRenderer(scene);
      // A final fit is the one a plain render ends on: one growing-sample frame of all n points
      // trains to the end once, without by-stages' counting run.
      const final = pace === 'final';
      for (const snapshot of snapshots({
        model,
        mode: final ? 'samples' : pace,
        train: simulation.train,
        test: simulation.test,
        grid: scene.grid,
        points,
        animate: final ? { ...scenario.animate, frames: 1, start: simulation.train.n } : scenario.animate,
        rng: createRng(scenario.seed).fork('model'),
        ...context,
      })) {
        yield {
          frame: snapshot.frame,
          frames: snapshot.frames,
          label: snapshot.label,
          stage: snapshot.stage,
          stages: snapshot.stages,
          figures: {
            measure: 'accuracy',
            trainAccuracy: snapshot.trainAccuracy,
            testAccuracy: snapshot.testAccuracy,
            bayesAccuracy,
            loss: snapshot.loss,
          },
          program: snapshot.program,
          draw: (label) => paint.render(label === undefined ? snapshot : { ...snapshot, label }),
        };
      }
    },
  };
}

export const mapPanels: PanelKind = {
  panel: mapPanel,
  sweepWindow(first, last, scenario) {
    const r = scenario.render;
    if (r.xlim && r.ylim) return undefined;
    const [a, b] = [simulate(first, scenario), simulate(last, scenario)];
    return plotWindow([a.train, a.test, b.train, b.test], r.xlim, r.ylim);
  },
};
