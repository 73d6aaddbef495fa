/**
 * What a data source is. A Simulator draws labelled points from a seeded Rng and, where it knows
 * them, gives the class densities, so the optimal (Bayes) boundary is exact:
 * classify x to argmax_c log π_c + log p(x | c).
 */
import type { z } from 'zod';
import type { Dataset } from '../dataset.js';
import type { Rng } from '../random.js';

export interface Simulator {
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

/** What a data source is created with besides its options. CSV paths are relative to baseDir. */
export interface DataContext {
  baseDir: string;
  /** For draws that define the distribution itself (the mixture's component means). */
  rng: Rng;
}

/** Reports a problem among a source's options: the path below the data entry, and what was expected. */
export type ReportProblem = (path: (string | number)[], message: string) => void;

export interface DataSourceSpec<Schema extends z.ZodObject = z.ZodObject> {
  /** The scenario's data.source. */
  source: string;
  /** Caption/legend description, e.g. "two Gaussians". */
  title: string;
  /**
   * Options (without "source", "n", "test", which every source has), each with a default.
   * A source with a fixed number of classes omits "classes".
   */
  schema: Schema;
  /** The number of classes the options give; undefined when only a file can tell (CSV). */
  classes(options: z.output<Schema>): number | undefined;
  /**
   * Problems that no single option shows (one covariance per mean, a positive-definite
   * covariance), found while the scenario is validated so that each is reported at its path.
   * create() may then assume options that passed.
   */
  check?(options: z.output<Schema>, report: ReportProblem): void;
  create(options: z.output<Schema>, context: DataContext): Simulator;
}

/** A source for the registry, its option types checked against its schema. */
export function defineSource<Schema extends z.ZodObject>(spec: DataSourceSpec<Schema>): DataSourceSpec<Schema> {
  return spec;
}
