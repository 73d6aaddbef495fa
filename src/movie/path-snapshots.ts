/**
 * Where an optimizer alone meets the figure (data.source: function): pathSnapshots() walks a
 * minimizer over the function (training.ts, by its steps) and records where it is after every
 * step; each chosen step is a frame with the path so far and the function's value there. A
 * function has no points, so there is no growing sample: the plan allows only the steps.
 */
import type { Objective } from '../dataset.js';
import type { Minimizer } from '../models/model.js';
import type { ModelChoice } from '../plan/plan.js';
import { PathRecorder } from './curve-snapshots.js';
import { type Learner, placeOf, type RunSettings, type StagePlace, stages } from './training.js';

export interface PathTrainPlan extends RunSettings {
  model: ModelChoice;
  objective: Objective;
}

export interface PathSnapshot extends StagePlace {
  /** The function's value at the point reached. */
  value: number;
  path: PathRecorder;
}

interface MinimizerRun extends Learner {
  model: Minimizer;
  path: PathRecorder;
}

function minimizerRun(plan: PathTrainPlan): MinimizerRun {
  const model = plan.model.spec.minimizer?.(plan.model.options);
  // The plan has checked that the model minimises functions.
  if (!model) throw new Error(`${plan.model.spec.type} has no minimizer`);
  return {
    model,
    path: new PathRecorder(),
    train: (rng) => model.train(plan.objective, rng),
    warnings: () => model.warnings?.() ?? [],
  };
}

export function* pathSnapshots(plan: PathTrainPlan): Generator<PathSnapshot, void, undefined> {
  const frames = stages<MinimizerRun>({
    ...plan,
    mode: 'stages',
    sizes: () => [],
    learner: () => minimizerRun(plan),
    stepped: (run) => run.path.follow(run.model.landscape()),
  });
  for (const stage of frames) {
    const [x, y] = stage.learner.model.landscape().at;
    yield {
      ...placeOf(stage),
      value: plan.objective.value(x, y),
      path: stage.learner.path,
    };
  }
}
