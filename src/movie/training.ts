/**
 * How a model is trained for an animation, whatever its task (a classifier on points, a regressor
 * on a series, a minimizer on a function): the frames are the stages at which it is looked at,
 * pulled one at a time (a generator), so nothing accumulates however many frames there are.
 *
 * Two ways to animate:
 * - by the model's own stages (epochs, splits, trees, rounds, terms, steps): one training run,
 *   frames taken at evenly (or log-) spaced stages;
 * - by samples (Holbrook's animations): frame i refits on the first n_i training points, n_i
 *   growing from the first size the task allows to n; from scratch, except that a learner may
 *   start from the previous frame's (a warm start, for convex problems);
 * - by generations (an evolution): one run, frames at each new best (a lower loss) and at
 *   regular intervals between (generation-frames.ts).
 * What a frame shows of the model is the caller's (snapshots.ts for the classification map,
 * curve-snapshots.ts for a regression, path-snapshots.ts for a function).
 */
import type { ProgramView, Step } from '../models/model.js';
import type { AnimationMode } from '../plan/plan.js';
import type { Rng } from '../random.js';
import type { AnimateOptions } from '../scenario/schema.js';
import { type Timings, timed } from '../timings.js';
import { GenerationFrames } from './generation-frames.js';

/** A model bound to its training data: it trains as a generator of steps, and may warn. */
export interface Learner {
  train(rng: Rng): Generator<Step, void, undefined>;
  warnings(): string[];
}

export interface Training<L extends Learner> {
  mode: AnimationMode;
  animate: Pick<AnimateOptions, 'frames' | 'spacing' | 'start'>;
  rng: Rng;
  timings: Timings;
  /** Called once per distinct warning a model raises. */
  warn?: (message: string) => void;
  /** By samples: the training-set size of each frame, increasing. */
  sizes(): number[];
  /** A new learner on the first n training points (all of them: null), given the previous frame's. */
  learner(n: number | null, previous: L | null): L;
  /** Called after every step of a run that frames are taken from (to record a path). */
  stepped?(learner: L, step: Step): void;
}

/** Where in training a frame is. */
export interface StagePlace {
  /** 0-based frame number and the number of frames in the animation. */
  frame: number;
  frames: number;
  /** "epoch 12 / 60", "n = 140". */
  label: string;
  /** Where on the animation's axis this frame is: the stage number, or n when by samples. */
  stage: number;
  /** The axis' first and last frame (stages or n). */
  stages: [number, number];
}

/** Just where a stage is (to spread into a frame of another shape). */
export function placeOf(stage: StagePlace): StagePlace {
  const { frame, frames, label, stage: at, stages } = stage;
  return { frame, frames, label, stage: at, stages };
}

/** A frame's fitted learner and where in training it is. */
export interface Stage<L> extends StagePlace {
  learner: L;
  /** The loss the model reported at this stage. */
  loss: number | null;
  /** The program the model is at this stage, for a model that is one (an evolved algorithm). */
  program?: ProgramView;
}

/** What a run of training is given besides its model and data. */
export type RunSettings = Pick<Training<Learner>, 'animate' | 'rng' | 'timings' | 'warn'>;

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

/** `frames` sizes growing evenly from first to n (each once), ending at n. */
export function growingSizes(first: number, n: number, frames: number): number[] {
  const from = Math.min(n, first);
  const count = Math.max(1, Math.min(frames, n - from + 1));
  if (count === 1) return [n];
  return Array.from({ length: count }, (_, i) => Math.round(from + ((n - from) * i) / (count - 1)));
}

export function* stages<L extends Learner>(training: Training<L>): Generator<Stage<L>, void, undefined> {
  if (training.mode === 'samples') yield* bySamples(training);
  else yield* byStages(training, training.mode === 'generations' ? generations : spacedStages);
}

function warnOnce(training: Training<Learner>, learner: Learner, said: Set<string>): void {
  for (const w of learner.warnings()) {
    if (!said.has(w)) {
      said.add(w);
      training.warn?.(w);
    }
  }
}

function* bySamples<L extends Learner>(training: Training<L>): Generator<Stage<L>, void, undefined> {
  const sizes = training.sizes();
  const said = new Set<string>();
  let previous: L | null = null;
  for (let frame = 0; frame < sizes.length; frame++) {
    const learner = training.learner(sizes[frame], previous);
    previous = learner;
    let last: Step | undefined;
    timed(training.timings, 'train', () => {
      for (const step of learner.train(training.rng.fork('model'))) {
        training.stepped?.(learner, step);
        last = step;
      }
    });
    // A few points cannot settle what the model does with all of them (k above n, classes that
    // happen to separate): early frames show what a small sample gives, and what a user should
    // hear about is the fit to every point.
    if (frame === sizes.length - 1) warnOnce(training, learner, said);
    yield {
      learner,
      frame,
      frames: sizes.length,
      label: `n = ${sizes[frame]}`,
      stage: sizes[frame],
      stages: [sizes[0], sizes[sizes.length - 1]],
      loss: last?.loss ?? null,
      program: last?.program,
    };
  }
}

/** Number of stages the model will go through: from its first step, or by a dry run. */
function countStages<L extends Learner>(training: Training<L>): number {
  const learner = training.learner(null, null);
  let count = 0;
  return timed(training.timings, 'train', () => {
    for (const step of learner.train(training.rng.fork('model'))) {
      if (step.total !== undefined) return step.total;
      count++;
    }
    return count;
  });
}

/** Which stages of one run become frames, decided stage by stage. */
interface StageChooser {
  /** How many frames. */
  count: number;
  /** The axis' first and last frame. */
  ends: [number, number];
  /** Whether a stage becomes a frame; `improved`: its loss is the lowest so far. */
  take(stage: number, improved: boolean): boolean;
}

/** Evenly (or log-) spaced stages. */
function spacedStages(total: number, animate: Training<Learner>['animate']): StageChooser {
  const wanted = chooseStages(total, animate.frames, animate.spacing);
  let next = 0;
  return {
    count: wanted.length,
    ends: [wanted[0], wanted[wanted.length - 1]],
    take(stage) {
      if (stage !== wanted[next]) return false;
      next++;
      return true;
    },
  };
}

/** Each new best and regular intervals (generation-frames.ts). */
function generations(total: number, animate: Training<Learner>['animate']): StageChooser {
  const chooser = new GenerationFrames(total, animate.frames);
  return { count: chooser.count, ends: [1, total], take: (stage, improved) => chooser.take(stage, improved) };
}

function* byStages<L extends Learner>(
  training: Training<L>,
  choose: (total: number, animate: Training<Learner>['animate']) => StageChooser,
): Generator<Stage<L>, void, undefined> {
  const chooser = choose(countStages(training), training.animate);
  const learner = training.learner(null, null);
  const steps = learner.train(training.rng.fork('model'));
  const said = new Set<string>();
  const stageOf = (step: Step, frame: number): Stage<L> => ({
    learner,
    frame,
    frames: chooser.count,
    label: step.total !== undefined ? `${step.label} / ${step.total}` : step.label,
    stage: step.stage,
    stages: chooser.ends,
    loss: step.loss ?? null,
    program: step.program,
  });
  let frame = 0;
  let best = Number.POSITIVE_INFINITY;
  // The last step taken and not shown: a run that ends early (a step that overflowed) ends on it.
  let unshown: Step | null = null;
  try {
    while (frame < chooser.count) {
      const next = timed(training.timings, 'train', () => steps.next());
      if (next.done) break;
      const step = next.value;
      training.stepped?.(learner, step);
      unshown = step;
      const loss = step.loss ?? Number.POSITIVE_INFINITY;
      const improved = loss < best;
      best = Math.min(best, loss);
      if (!chooser.take(step.stage, improved)) continue;
      warnOnce(training, learner, said);
      yield stageOf(step, frame);
      unshown = null;
      frame++;
    }
    // A run that ended before its last stage says why, and its last frame is its last step.
    warnOnce(training, learner, said);
    if (frame < chooser.count && unshown) yield stageOf(unshown, frame);
  } finally {
    steps.return(undefined);
  }
}
