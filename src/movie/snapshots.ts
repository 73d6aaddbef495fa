/**
 * Where classifiers meet the grid. snapshots() trains a classifier (training.ts: by its stages or
 * by a growing sample) and, at each chosen stage, evaluates it on the grid and on the data: one
 * Snapshot per frame, pulled one at a time. By samples, the sample grows from the first prefix
 * with two points of every class, and a classifier with warmStart (a convex problem: the SVM,
 * logistic regression by Newton) starts its solver at the previous frame's optimum.
 */
import { accuracy, classCounts, type Dataset, head } from '../dataset.js';
import type { Grid } from '../grid.js';
import type { Classifier, ProgramView } from '../models/model.js';
import type { AnimationMode, ModelChoice } from '../plan/plan.js';
import type { Rng } from '../random.js';
import type { PlotState } from '../render/scene.js';
import type { AnimateOptions } from '../scenario/schema.js';
import { type Timings, timed } from '../timings.js';
import { growingSizes, type Learner, stages } from './training.js';

export { chooseStages } from './training.js';

/**
 * One frame's fitted model, evaluated: the plot's state (probabilities on the grid, overwritten
 * by the next snapshot, and the accuracies) and where in training it is.
 */
export interface Snapshot extends PlotState {
  /** 0-based frame number and the number of frames in the animation. */
  frame: number;
  frames: number;
  /** Where on the animation's axis this frame is: the stage number, or n when by samples. */
  stage: number;
  /** The axis' first and last frame (stages or n), for training curves drawn against it. */
  stages: [number, number];
  loss: number | null;
  /** The program the model is, for a model that is one. */
  program?: ProgramView;
}

export interface TrainPlan {
  model: ModelChoice;
  mode: AnimationMode;
  train: Dataset;
  test: Dataset;
  /** The evaluation grid, and its points (n×2) in the same order. */
  grid: Grid;
  points: Float64Array;
  animate: Pick<AnimateOptions, 'frames' | 'spacing' | 'start'>;
  rng: Rng;
  timings: Timings;
  /** Called once per distinct warning a model raises. */
  warn?: (message: string) => void;
}

/** Training-set sizes for the growing-sample frames: from the first size with ≥ 2 points of every class. */
export function sampleSizes(train: Dataset, frames: number, start: number): number[] {
  const need = classCounts(train).map((c) => Math.min(2, c));
  const seen = new Array<number>(train.classes).fill(0);
  let first = train.n;
  for (let i = 0; i < train.n; i++) {
    seen[train.y[i]]++;
    if (seen.every((s, c) => s >= need[c])) {
      first = i + 1;
      break;
    }
  }
  return growingSizes(Math.max(first, start), train.n, frames);
}

/**
 * Output buffers of one animation, reused frame after frame (models fill `out` when it is large
 * enough): a fresh 25,600-row array per frame kept the garbage collector busy. A snapshot's
 * proba is therefore only valid until the next snapshot is pulled.
 */
interface Buffers {
  grid?: Float32Array;
  train?: Float32Array;
  test?: Float32Array;
}

function evaluate(plan: TrainPlan, model: Classifier, used: Dataset, buffers: Buffers) {
  return timed(plan.timings, 'evaluate', () => {
    const classes = plan.train.classes;
    buffers.train ??= new Float32Array(plan.train.n * classes);
    buffers.grid = model.predictGrid?.(plan.grid, buffers.grid) ?? model.predictProba(plan.points, buffers.grid);
    buffers.train = model.predictProba(used.X, buffers.train);
    const trainAccuracy = accuracy(buffers.train, used);
    let testAccuracy: number | null = null;
    if (plan.test.n > 0) {
      buffers.test = model.predictProba(plan.test.X, buffers.test);
      testAccuracy = accuracy(buffers.test, plan.test);
    }
    return { proba: buffers.grid, trainAccuracy, testAccuracy };
  });
}

/** A classifier and the training points it is fitted to. */
interface ClassifierRun extends Learner {
  model: Classifier;
  data: Dataset;
}

function classifierRun(plan: TrainPlan, n: number | null, previous: ClassifierRun | null): ClassifierRun {
  const model = plan.model.spec.classifier(plan.model.options, plan.train.classes);
  // Each frame's data extends the last one's: a convex fit may start from the last optimum.
  if (previous && model.warmStart) model.warmStart(previous.model);
  const data = n === null ? plan.train : head(plan.train, n);
  return { model, data, train: (rng) => model.train(data, rng), warnings: () => model.warnings?.() ?? [] };
}

export function* snapshots(plan: TrainPlan): Generator<Snapshot, void, undefined> {
  const buffers: Buffers = {};
  const frames = stages<ClassifierRun>({
    ...plan,
    sizes: () => sampleSizes(plan.train, plan.animate.frames, plan.animate.start),
    learner: (n, previous) => classifierRun(plan, n, previous),
  });
  for (const { learner, label, frame, frames: count, stage, stages: ends, loss, program } of frames) {
    yield {
      frame,
      frames: count,
      label,
      trainUsed: learner.data.n,
      stage,
      stages: ends,
      ...evaluate(plan, learner.model, learner.data, buffers),
      loss,
      program,
    };
  }
}
