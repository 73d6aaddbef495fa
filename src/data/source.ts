/**
 * What a data source is. Its simulator poses one task, told apart by `task`:
 * - classification: labelled 2-D points from a seeded Rng and, where the source knows them, the
 *   class densities, so the optimal (Bayes) boundary is exact: classify x to
 *   argmax_c log π_c + log p(x | c);
 * - regression: points (x, y) with y = f(x) + σ(x)·ε, ε ~ N(0, 1), and, where the source knows
 *   them, f = E[y | x] and σ, so the true curve and the optimal expected loss are exact;
 * - optimization: no points, a function of two variables to minimise (an Objective).
 */
import type { z } from 'zod';
import type { Dataset, Objective, Series, Task } from '../dataset.js';
import type { Rng } from '../random.js';

export interface ClassificationSimulator {
  readonly task: 'classification';
  readonly classes: number;
  /** Class names for the legend (CSV labels); default "class 0", "class 1", .... */
  readonly classNames?: readonly string[];
  /** The points are a file's: sample() ignores n, and the test split is the test file's. */
  readonly fromFile?: boolean;
  /** The files the points were read from (absolute paths): a render must never write over them. */
  readonly files?: readonly string[];
  /** Class prior probabilities π_c (sum to 1), where the source has them. */
  readonly priors?: readonly number[];
  /**
   * n labelled points. Simulators ignore `split`; a file-backed source (CSV) reads the train or
   * the test file and ignores n.
   */
  sample(n: number, rng: Rng, split?: 'train' | 'test'): Dataset;
  /** log p(x, y | class c): the class-conditional density; absent when unknown (CSV). */
  logDensity?(x: number, y: number, c: number): number;
}

export interface RegressionSimulator {
  readonly task: 'regression';
  /**
   * Where x lies: a simulated source draws x uniformly on it (or evenly spaced over it, the same
   * distribution's fixed design); a file's is the range of its points.
   */
  readonly domain: readonly [number, number];
  /** As ClassificationSimulator's. */
  readonly fromFile?: boolean;
  readonly files?: readonly string[];
  /** n points, the test split drawn as the training split is (a file: its own points, n ignored). */
  sample(n: number, rng: Rng, split?: 'train' | 'test'): Series;
  /** E[y | x], the true regression function; absent when unknown (CSV). */
  mean?(x: number): number;
  /** σ(x), the standard deviation of the Gaussian noise at x; absent when unknown (CSV). */
  sd?(x: number): number;
}

export interface OptimizationSimulator {
  readonly task: 'optimization';
  /** The function to minimise. */
  readonly objective: Objective;
}

export type Simulator = ClassificationSimulator | RegressionSimulator | OptimizationSimulator;

/** A simulator that poses one of the tasks in T. */
export type SimulatorOf<T extends Task> = Simulator & { readonly task: T };

/** What a data source is created with besides its options. CSV paths are relative to baseDir. */
export interface DataContext {
  baseDir: string;
  /** For draws that define the distribution itself (the mixture's component means). */
  rng: Rng;
}

/** Reports a problem among a source's options: the path below the data entry, and what was expected. */
export type ReportProblem = (path: (string | number)[], message: string) => void;

export interface DataSourceSpec<Schema extends z.ZodObject = z.ZodObject, T extends Task = Task> {
  /** The scenario's data.source. */
  source: string;
  /** Caption/legend description, e.g. "two Gaussians". */
  title: string;
  /** The task its data poses; a file's header tells which (CSV: classification or regression). */
  tasks: readonly T[];
  /**
   * Options (without "source", "n", "test", which every source with points has), each with a
   * default. A source with a fixed number of classes omits "classes".
   */
  schema: Schema;
  /** The default of data.n, the number of training points (400 unless the source says). */
  defaultN?: number;
  /** Classification: the number of classes the options give; undefined when only a file can tell (CSV). */
  classes?(options: z.output<Schema>): number | undefined;
  /**
   * Problems that no single option shows (one covariance per mean, a positive-definite
   * covariance), found while the scenario is validated so that each is reported at its path.
   * create() may then assume options that passed.
   */
  check?(options: z.output<Schema>, report: ReportProblem): void;
  create(options: z.output<Schema>, context: DataContext): SimulatorOf<T>;
}

/** A source for the registry, its option types checked against its schema. */
export function defineSource<Schema extends z.ZodObject, T extends Task>(
  spec: DataSourceSpec<Schema, T>,
): DataSourceSpec<Schema, T> {
  return spec;
}
