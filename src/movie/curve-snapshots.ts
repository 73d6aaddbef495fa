/**
 * Where regressors meet the figure: curveSnapshots() trains a regressor (training.ts: by its
 * stages or by a growing sample) and, at each chosen stage, evaluates it at the plot's x values,
 * at the training points in use and at the test points: one CurveSnapshot per frame, pulled one
 * at a time. With `path`, it also records the model's two parameters after every step (its
 * landscape), the optimizer's path for the loss-landscape panel.
 *
 * A model whose predictions stop being finite (a learning rate that diverges in a model that does
 * not catch it) ends the animation at the frame before, with a warning: the figure is drawn as far
 * as it is finite, never with NaN.
 */
import { headSeries, type Series } from '../dataset.js';
import { type RegressionLoss, regressionLoss } from '../losses.js';
import type { Landscape, ProgramView, Regressor } from '../models/model.js';
import type { AnimationMode, ModelChoice } from '../plan/plan.js';
import type { Path } from '../render/figure-scene.js';
import { timed } from '../timings.js';
import { growingSizes, type Learner, placeOf, type RunSettings, type StagePlace, stages } from './training.js';

/** The loss a figure measures a regressor by: the model's own (its `loss` option), squared by default. */
export interface LossMeasure {
  loss: RegressionLoss;
  /** Huber's threshold. */
  delta: number;
}

export interface CurveTrainPlan extends RunSettings {
  model: ModelChoice;
  mode: AnimationMode;
  train: Series;
  test: Series;
  /** Where the fitted curve is evaluated (the plot's pixel columns). */
  xs: Float64Array;
  measure: LossMeasure;
  /** Whether to record the path over the model's two parameters. */
  path: boolean;
}

export interface CurveSnapshot extends StagePlace {
  /** The training points used: the first trainUsed. */
  trainUsed: number;
  /** Predictions at xs, and at the training points in use (buffers the next snapshot reuses). */
  fit: Float64Array;
  trainFit: Float64Array;
  /** Mean loss (the measure's) and mean squared error, on the training points in use and on the test points. */
  train: number;
  test: number | null;
  trainMse: number;
  testMse: number | null;
  /** The objective the model reported. */
  loss: number | null;
  /** The path so far and the model's landscape now, when recorded. */
  path: Path | null;
  landscape: Landscape | null;
  /** The program the model is, for a model that is one. */
  program?: ProgramView;
}

/** A growable list of (first, second) pairs. */
export class PathRecorder implements Path {
  points = new Float64Array(64);
  count = 0;

  push(a: number, b: number): void {
    if (2 * this.count === this.points.length) {
      const grown = new Float64Array(2 * this.points.length);
      grown.set(this.points);
      this.points = grown;
    }
    this.points[2 * this.count] = a;
    this.points[2 * this.count + 1] = b;
    this.count++;
  }

  /** Adds where a landscape's model is now, after its start when the path is empty. */
  follow(landscape: Landscape): void {
    if (this.count === 0 && landscape.start) this.push(landscape.start[0], landscape.start[1]);
    this.push(landscape.at[0], landscape.at[1]);
  }
}

/** A regressor, the training points it is fitted to, and its path. */
interface RegressorRun extends Learner {
  model: Regressor;
  data: Series;
  path: PathRecorder | null;
}

function regressorOf(model: ModelChoice): Regressor {
  const regressor = model.spec.regressor?.(model.options);
  // The plan has checked that the model does regression.
  if (!regressor) throw new Error(`${model.spec.type} has no regressor`);
  return regressor;
}

function regressorRun(plan: CurveTrainPlan, n: number | null, previous: RegressorRun | null): RegressorRun {
  const model = regressorOf(plan.model);
  if (previous && model.warmStart) model.warmStart(previous.model);
  const data = n === null ? plan.train : headSeries(plan.train, n);
  return {
    model,
    data,
    path: plan.path && model.landscape ? new PathRecorder() : null,
    train: (rng) => model.train(data, rng),
    warnings: () => model.warnings?.() ?? [],
  };
}

/** Mean loss and mean squared error of predictions against y (the first n). */
function losses(measure: LossMeasure, y: Float64Array, predicted: Float64Array, n: number): [number, number] {
  let loss = 0;
  let squared = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i] - predicted[i];
    loss += regressionLoss(measure.loss, r, measure.delta);
    squared += r * r;
  }
  return n > 0 ? [loss / n, squared / n] : [Number.NaN, Number.NaN];
}

function allFinite(values: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

interface Buffers {
  fit?: Float64Array;
  train?: Float64Array;
  test?: Float64Array;
}

export function* curveSnapshots(plan: CurveTrainPlan): Generator<CurveSnapshot, void, undefined> {
  const buffers: Buffers = {};
  const first = Math.max(2, plan.animate.start);
  const frames = stages<RegressorRun>({
    ...plan,
    sizes: () => growingSizes(first, plan.train.n, plan.animate.frames),
    learner: (n, previous) => regressorRun(plan, n, previous),
    stepped: (run) => {
      if (run.path && run.model.landscape) run.path.follow(run.model.landscape());
    },
  });
  for (const stage of frames) {
    const { model, data, path } = stage.learner;
    const shot = timed(plan.timings, 'evaluate', () => {
      buffers.fit = model.predict(plan.xs, buffers.fit);
      buffers.train = model.predict(data.x, buffers.train);
      const [train, trainMse] = losses(plan.measure, data.y, buffers.train, data.n);
      let test: number | null = null;
      let testMse: number | null = null;
      let finite = allFinite(buffers.fit, plan.xs.length) && allFinite(buffers.train, data.n);
      if (plan.test.n > 0) {
        buffers.test = model.predict(plan.test.x, buffers.test);
        [test, testMse] = losses(plan.measure, plan.test.y, buffers.test, plan.test.n);
        finite &&= allFinite(buffers.test, plan.test.n);
      }
      return { fit: buffers.fit, trainFit: buffers.train, train, test, trainMse, testMse, finite };
    });
    if (!shot.finite) {
      plan.warn?.(
        `${plan.model.spec.type}: its predictions stopped being finite at ${stage.label}, so the animation ends at the frame before`,
      );
      return;
    }
    const { finite: _finite, ...figures } = shot;
    yield {
      ...placeOf(stage),
      trainUsed: data.n,
      ...figures,
      loss: stage.loss,
      path,
      landscape: path && model.landscape ? model.landscape() : null,
      program: stage.program,
    };
  }
}
