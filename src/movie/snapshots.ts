/**
 * The only place where models meet the grid. snapshots() trains a model and, at each chosen
 * stage, evaluates it on the grid and on the data: one Snapshot per frame, pulled one at a time
 * (a generator), so nothing accumulates however many frames there are.
 *
 * Two ways to animate:
 * - by the model's own stages (epochs, splits, trees, rounds, terms): one training run, frames
 *   taken at evenly (or log-) spaced stages;
 * - by samples (Holbrook's animations): frame i refits on the first n_i training points, n_i
 *   growing evenly from `start` to n; from scratch, except that a model with warmStart (a convex
 *   problem: the SVM, logistic regression by Newton) starts its solver at the previous frame's
 *   optimum.
 */
import { accuracy, classCounts, type Dataset, head } from '../dataset.js';
import type { Grid } from '../grid.js';
import type { Classifier, Step } from '../models/model.js';
import type { AnimationMode, ModelChoice } from '../plan/plan.js';
import type { Rng } from '../random.js';
import type { PlotState } from '../render/scene.js';
import type { AnimateOptions } from '../scenario/schema.js';
import { type Timings, timed } from '../timings.js';

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

/** `frames` strictly increasing stage numbers in 1..total, ending at total. */
export function chooseStages(total: number, frames: number, spacing: 'linear' | 'log'): number[] {
  const count = Math.max(1, Math.min(frames, total));
  if (count === 1) return [total];
  const stages: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = i / (count - 1);
    const ideal = spacing === 'log' ? total ** t : 1 + (total - 1) * t;
    // Keep room for the frames still to come, and never repeat a stage.
    const lo = i === 0 ? 1 : stages[i - 1] + 1;
    const hi = total - (count - 1 - i);
    stages.push(Math.min(hi, Math.max(lo, Math.round(ideal))));
  }
  return stages;
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
  first = Math.min(train.n, Math.max(first, start));
  const count = Math.max(1, Math.min(frames, train.n - first + 1));
  if (count === 1) return [train.n];
  return Array.from({ length: count }, (_, i) => Math.round(first + ((train.n - first) * i) / (count - 1)));
}

export function* snapshots(plan: TrainPlan): Generator<Snapshot, void, undefined> {
  yield* plan.mode === 'samples' ? bySamples(plan) : byStages(plan);
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

function warnOnce(plan: TrainPlan, model: Classifier, said: Set<string>): void {
  for (const w of model.warnings?.() ?? []) {
    if (!said.has(w)) {
      said.add(w);
      plan.warn?.(w);
    }
  }
}

function* bySamples(plan: TrainPlan): Generator<Snapshot, void, undefined> {
  const sizes = sampleSizes(plan.train, plan.animate.frames, plan.animate.start);
  const said = new Set<string>();
  const buffers: Buffers = {};
  let previous: Classifier | null = null;
  for (let frame = 0; frame < sizes.length; frame++) {
    const used = head(plan.train, sizes[frame]);
    const model = plan.model.spec.classifier(plan.model.options, plan.train.classes);
    // Each frame's data extends the last one's: a convex fit may start from the last optimum.
    if (previous && model.warmStart) model.warmStart(previous);
    previous = model;
    let last: Step | undefined;
    timed(plan.timings, 'train', () => {
      for (const step of model.train(used, plan.rng.fork('model'))) last = step;
    });
    // A few points cannot settle what the model does with all of them (k above n, classes that
    // happen to separate): early frames show what a small sample gives, and what a user should
    // hear about is the fit to every point.
    if (frame === sizes.length - 1) warnOnce(plan, model, said);
    yield {
      frame,
      frames: sizes.length,
      label: `n = ${used.n}`,
      trainUsed: used.n,
      stage: used.n,
      stages: [sizes[0], sizes[sizes.length - 1]],
      ...evaluate(plan, model, used, buffers),
      loss: last?.loss ?? null,
    };
  }
}

/** Number of stages the model will go through: from its first step, or by a dry run. */
function countStages(plan: TrainPlan): number {
  const model = plan.model.spec.classifier(plan.model.options, plan.train.classes);
  let count = 0;
  return timed(plan.timings, 'train', () => {
    for (const step of model.train(plan.train, plan.rng.fork('model'))) {
      if (step.total !== undefined) return step.total;
      count++;
    }
    return count;
  });
}

function* byStages(plan: TrainPlan): Generator<Snapshot, void, undefined> {
  const total = countStages(plan);
  const wanted = chooseStages(total, plan.animate.frames, plan.animate.spacing);
  const model = plan.model.spec.classifier(plan.model.options, plan.train.classes);
  const steps = model.train(plan.train, plan.rng.fork('model'));
  const said = new Set<string>();
  const buffers: Buffers = {};
  let frame = 0;
  try {
    while (frame < wanted.length) {
      const next = timed(plan.timings, 'train', () => steps.next());
      if (next.done) break;
      const step = next.value;
      if (step.stage !== wanted[frame]) continue;
      warnOnce(plan, model, said);
      yield {
        frame,
        frames: wanted.length,
        label: step.total !== undefined ? `${step.label} / ${step.total}` : step.label,
        trainUsed: plan.train.n,
        stage: step.stage,
        stages: [wanted[0], wanted[wanted.length - 1]],
        ...evaluate(plan, model, plan.train, buffers),
        loss: step.loss ?? null,
      };
      frame++;
    }
  } finally {
    steps.return(undefined);
  }
}
