/**
 * A RenderPlan is everything a render needs, resolved and checked: which figure (one model, a
 * comparison grid, a sweep), the models and data sets with their options, how frames advance,
 * the frame size and the output path. planRender makes one from a validated scenario, and every
 * check a render makes happens there: `mlgif validate` stops at the plan, so it accepts exactly
 * what `mlgif render` accepts. A movie (src/movie/) then only draws what the plan says.
 *
 * The kinds form a discriminated union: a new kind of figure adds a member here, a case to
 * planRender and a movie for it.
 */
import type { DataEntry } from '../data/simulate.js';
import type { Simulator } from '../data/source.js';
import type { Task } from '../dataset.js';
import type { ModelSpec } from '../models/model.js';
import type { Scenario, SearchOptions } from '../scenario/schema.js';
import type { OutputFormat } from './output-format.js';

/**
 * How frames advance: the model's own stages (epochs, trees, ...), a growing training sample, or
 * an evolution's generations (a frame at each new best and at regular intervals).
 */
export type AnimationMode = 'stages' | 'samples' | 'generations';

/** A model and its options (validated, defaults filled, without type and title). */
export interface ModelChoice {
  spec: ModelSpec;
  options: Record<string, unknown>;
}

/** A data set: its validated entry and its simulator (a CSV file has been read), which says its task. */
export interface DataChoice {
  entry: DataEntry;
  simulator: Simulator;
}

interface PlanBase {
  /** The validated scenario (defaults filled, --set applied). */
  scenario: Scenario;
  /** Directory that relative data paths resolve against. */
  baseDir: string;
  /** Output path; '-' = stdout. */
  output: string;
  /** What the output is: from its extension, or --format for stdout. */
  format: OutputFormat;
  /** The files the render reads (the scenario's, the data's; absolute paths): never written. */
  inputs: readonly string[];
  /** What every data set of the figure asks of its models (one task per figure). */
  task: Task;
}

/** One model on one data set, by its stages or by samples. */
export interface SinglePlan extends PlanBase {
  kind: 'single';
  model: ModelChoice;
  data: DataChoice;
  mode: AnimationMode;
  /** Caption title and the muted subtitle beside it. */
  title: string;
  subtitle: string;
}

/** One panel per model (and one row per data set with `rows:`), all advancing together. */
export interface ComparePlan extends PlanBase {
  kind: 'compare';
  models: ModelChoice[];
  /** One data set, or one per row. */
  datasets: DataChoice[];
  /** Whether the grid is data sets × models (`rows:`) rather than models laid out in rows. */
  byRows: boolean;
  rows: number;
  columns: number;
  mode: AnimationMode;
  /** Panel titles, one per model. */
  titles: string[];
}

/** One frame per value of a model or data option, each the model fitted to the end. */
export interface SweepPlan extends PlanBase {
  kind: 'sweep';
  /** The option swept, e.g. "model.k", "data.priors". */
  path: string;
  values: number[];
  /** The caption's text per value, e.g. "k = 5", "P(class 1) = 0.3". */
  labels: string[];
  /** The curves' axis: the option's name, and whether values are log-spaced. */
  axis: { name: string; log: boolean };
  /** The model and data of each frame (data choices differ only in a data sweep). */
  frames: { model: ModelChoice; data: DataChoice }[];
  title: string;
  subtitle: string;
}

/** A search's configuration to train: the model with all its options, and the values drawn for it. */
export interface SearchConfig {
  model: ModelChoice;
  /** Which entry of search.models it was drawn from. */
  entry: number;
  /** The searched options' values, in the entry's order (what a leaderboard shows). */
  drawn: [string, unknown][];
}

/** Model and hyper-parameter search: one frame per configuration trained (plan/search.ts). */
export interface SearchPlan extends PlanBase {
  kind: 'search';
  data: DataChoice;
  method: SearchOptions['method'];
  /** The configurations drawn, in the order they are first tried. */
  configs: SearchConfig[];
  /** How many configurations each round trains (random: one round of all). */
  rounds: number[];
  eta: number;
  /** Share of the training points held out to score configurations. */
  validation: number;
  title: string;
  subtitle: string;
}

export type RenderPlan = SinglePlan | ComparePlan | SweepPlan | SearchPlan;
