/**
 * A scenario's data from its data entry and seed: the simulator (created once, when the scenario
 * is planned: a CSV file is read then) and the points it draws, a training set shuffled once and
 * a test set. Each part draws from its own fork of the seed, so the same entry and seed always
 * give the same points, whoever asks.
 */
import { type Dataset, reorder, reorderSeries, type Series } from '../dataset.js';
import { createRng, permutation } from '../random.js';
import { dataSource } from './index.js';
import type { ClassificationSimulator, RegressionSimulator, Simulator } from './source.js';

/**
 * A validated data entry: the source, n and test, and the source's own options. A source without
 * points (a function to minimise) has n = test = 0.
 */
export interface DataEntry {
  source: string;
  n: number;
  test: number;
  [option: string]: unknown;
}

export interface Simulation {
  simulator: ClassificationSimulator;
  train: Dataset;
  test: Dataset;
}

export interface SeriesSimulation {
  simulator: RegressionSimulator;
  train: Series;
  test: Series;
}

/** The entry's simulator; a CSV source reads its files here. */
export function createSimulator(entry: DataEntry, seed: number, baseDir: string): Simulator {
  const { source, n: _n, test: _test, ...options } = entry;
  return dataSource(source).create(options, { baseDir, rng: createRng(seed).fork('data').fork('source') });
}

/** The training points (in a random order: growing-sample frames take prefixes) and the test points. */
export function drawData(simulator: ClassificationSimulator, entry: DataEntry, seed: number): Simulation {
  const rng = createRng(seed).fork('data');
  const drawn = simulator.sample(entry.n, rng.fork('train'), 'train');
  // Files may come sorted by class.
  const train = reorder(drawn, permutation(drawn.n, rng.fork('order')));
  const test =
    entry.test > 0 || simulator.fromFile ? simulator.sample(entry.test, rng.fork('test'), 'test') : emptyLike(train);
  return { simulator, train, test };
}

/**
 * drawData for a regression: the training points in a random order (an evenly spaced design or a
 * file comes sorted by x; growing-sample frames take prefixes) and the test points, drawn as the
 * training points are from their own stream.
 */
export function drawSeries(simulator: RegressionSimulator, entry: DataEntry, seed: number): SeriesSimulation {
  const rng = createRng(seed).fork('data');
  const drawn = simulator.sample(entry.n, rng.fork('train'), 'train');
  const train = reorderSeries(drawn, permutation(drawn.n, rng.fork('order')));
  const test =
    entry.test > 0 || simulator.fromFile
      ? simulator.sample(entry.test, rng.fork('test'), 'test')
      : { x: new Float64Array(0), y: new Float64Array(0), n: 0 };
  return { simulator, train, test };
}

function emptyLike(data: Dataset): Dataset {
  return { X: new Float64Array(0), y: new Uint8Array(0), n: 0, classes: data.classes };
}
