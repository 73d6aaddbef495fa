/**
 * What a model is to the rest of mlgif. For each task the data poses, a model type may build
 * one thing: a Classifier (2-D points → class probabilities), a Regressor (x → y), a Minimizer
 * (the path of an optimizer over a function of two variables). Each trains as a generator that
 * yields one Step per stage of its own (an epoch, a split, a tree, a round, a term, a step);
 * after every yield it can predict. Models never see the canvas or the scenario file; the
 * evaluation grid reaches them only as a Grid (window and size), for the models that can predict
 * on it faster than point by point (predictGrid).
 *
 * A factory may refuse options that do not go together (a UserError whose path is the option,
 * e.g. "optimizer"): the plan calls every factory a render will call, and reports the problem
 * under the model's own path.
 */
import type { z } from 'zod';
import type { Dataset, Objective, Point2, Series, Task } from '../dataset.js';
import type { Grid } from '../grid.js';
import type { Rng } from '../random.js';

export interface Step {
  /** 1-based stage number. */
  stage: number;
  /** Total number of stages, when the model knows it in advance. */
  total?: number;
  /** Human-readable stage, e.g. "epoch 12", "tree 40", "split 7", "term 5 (pruning)". */
  label: string;
  /** Training loss at this stage, where the model has one. */
  loss?: number;
  /** A model that is a program (an evolved algorithm): the program now, for the code panel. */
  program?: ProgramView;
}

/** A program as a figure shows it: its lines as printed, and how the search that found it stands. */
export interface ProgramView {
  /** One per line; `changed` marks the live lines the latest improvement changed. */
  lines: { text: string; kind: 'header' | 'live' | 'dead' | 'noop'; changed: boolean }[];
  evaluations: number;
  /** The search's whole budget of evaluations. */
  budget: number;
  bestFitness: number;
  medianFitness: number;
  /** Whether this stage found a better program than the stage before. */
  improved: boolean;
  /** The search so far, for a fitness curve: one entry per stage up to this one. */
  history: SearchHistory;
}

/**
 * Evaluations, best and median fitness after each stage: the first `count` entries. The arrays
 * are shared with the later stages' views, which only ever append, so an earlier view's entries
 * never change (copying them at every stage would cost the square of the stages).
 */
export interface SearchHistory {
  count: number;
  evaluations: readonly number[];
  best: readonly number[];
  median: readonly number[];
}

export interface Classifier {
  readonly classes: number;
  /**
   * Fits to `data`, yielding after every stage. Models without stages of their own fit in one
   * go and yield once. The caller may stop early (return from the generator).
   */
  train(data: Dataset, rng: Rng): Generator<Step, void, undefined>;
  /** Class probabilities of the n points in X (n×2): n×classes row-major, rows sum to 1. */
  predictProba(X: Float64Array, out?: Float32Array): Float32Array;
  /**
   * Optional: predictProba(gridPoints(grid), out), bit for bit, computed from the grid's axes
   * (what depends on x once per column, on y once per row, a leaf's block of cells at once).
   */
  predictGrid?(grid: Grid, out?: Float32Array): Float32Array;
  /** Warnings about this fit for the user (e.g. "k = 15 > 8 training points: using all"). */
  warnings?(): string[];
  /**
   * Optional, for models whose fit is the optimum of a convex problem: called before train() with
   * the fitted model of the previous growing-sample frame (same type and options, trained on a
   * prefix of this frame's data). train() may then start its solver from that solution and must
   * reach the optimum a cold start reaches, within the solver's own tolerance.
   */
  warmStart?(previous: Classifier): void;
}

/**
 * A regression model on 1-D points: the same training contract as a Classifier (one Step per
 * stage, usable after every yield), predicting y for each x.
 */
export interface Regressor {
  train(data: Series, rng: Rng): Generator<Step, void, undefined>;
  /** Predictions at the n values of x. */
  predict(x: Float64Array, out?: Float64Array): Float64Array;
  warnings?(): string[];
  /** As Classifier.warmStart, for the previous growing-sample frame's fitted regressor. */
  warmStart?(previous: Regressor): void;
  /**
   * Only for models with exactly two trainable parameters (y = w·x + b): their values now and
   * the training objective as a function of them, for the loss-landscape panel.
   */
  landscape?(): Landscape;
  /**
   * The number of trainable parameters, for models whose options fix it (a basis, a network's
   * layers); absent for those that grow with the data (neighbours, trees). The plan names it
   * when a landscape is asked of a model that has more than two.
   */
  readonly parameters?: number;
}

/** A model's two parameters and its training objective over them. */
export interface Landscape {
  /** The parameters' names, e.g. ["w", "b"]. */
  names: readonly [string, string];
  /** Their values after the latest stage. */
  at: Point2;
  /** Where the optimizer started (the path's first point), where the model knows it. */
  start?: Point2;
  /** The training objective (loss + penalty) at any values. */
  loss(first: number, second: number): number;
  /** Where the objective is least, where the model knows it (to mark it). */
  minimum?: Point2;
}

/**
 * An optimizer on its own, walking over a function of two variables from a start point: the
 * model of a pure optimization scenario (data.source: function). Its landscape is the function
 * itself; `at` is the point after the latest step.
 */
export interface Minimizer {
  train(objective: Objective, rng: Rng): Generator<Step, void, undefined>;
  landscape(): Landscape;
  warnings?(): string[];
}

/**
 * A model type: its scenario name, caption title, options, and what it builds for each task:
 * every model classifies 2-D points; those that also fit 1-D regressions have `regressor`, those
 * that minimise a given function (data.source: function) have `minimizer`.
 */
export interface ModelSpec<Schema extends z.ZodObject = z.ZodObject> {
  /** The scenario's model.type. */
  type: string;
  /** Caption name, e.g. "Logistic regression". */
  title: string;
  /**
   * Noun for one stage of training ("epoch", "split", "tree", "round", "term", "pass"), or null
   * when the model fits in one go (then `animate.by: auto` means by samples).
   */
  stage: string | null;
  /** The most classes it can tell apart, when fewer than any data set has (AutoML-Zero's are binary). */
  maxClasses?: number;
  /** Whether its steps carry the program it is (Step.program): its figure then adds the code panel. */
  program?: boolean;
  /** Options (without "type"), each with a default. */
  schema: Schema;
  /**
   * A classifier for `classes` classes with these options (the schema's output). A method, not a
   * function-valued property: a spec with its own options then stands in the registry's list of
   * ModelSpec, whose callers pass options the scenario schema has already parsed.
   */
  classifier(options: z.output<Schema>, classes: number): Classifier;
  /** A regressor with these options, for models that do regression. */
  regressor?(options: z.output<Schema>): Regressor;
  /** A minimizer with these options, for models that minimise a given function. */
  minimizer?(options: z.output<Schema>): Minimizer;
}

/** The tasks a model type takes on, in the order of Task. */
export function tasksOf(spec: ModelSpec): Task[] {
  return [
    'classification',
    ...(spec.regressor ? (['regression'] as const) : []),
    ...(spec.minimizer ? (['optimization'] as const) : []),
  ];
}

/** A model's spec, its option types inferred from its schema. */
export function defineModel<Schema extends z.ZodObject>(spec: ModelSpec<Schema>): ModelSpec<Schema> {
  return spec;
}

/** Allocate or check the output buffer of predictProba. */
export function probaBuffer(n: number, classes: number, out?: Float32Array): Float32Array {
  if (out && out.length >= n * classes) return out;
  return new Float32Array(n * classes);
}

/** Allocate or check the output buffer of predict. */
export function valueBuffer(n: number, out?: Float64Array): Float64Array {
  if (out && out.length >= n) return out;
  return new Float64Array(n);
}
