/**
 * The references of tests/fixtures/regression (made by make.py and make_earth.R there): four 1-D
 * data sets as train/test CSVs (header x,y), scikit-learn's test MSE (and predictions where the
 * fit is deterministic) per model, and R's earth fit per data set.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Series } from '../../src/dataset.js';
import type { Regressor } from '../../src/models/model.js';
import { createRng } from '../../src/random.js';

const dir = fileURLToPath(new URL('../fixtures/regression/', import.meta.url));

export const regressionSets = ['sine', 'step', 'outliers', 'heteroscedastic'] as const;
export type RegressionSet = (typeof regressionSets)[number];

interface Fit {
  test_mse: number;
  /** Spread over random_states, for the random models. */
  test_mse_sd?: number;
  /** At the first test points, for the deterministic ones. */
  predictions?: number[];
  leaves?: number;
}

export const sklearn = JSON.parse(readFileSync(`${dir}sklearn.json`, 'utf8')) as Record<
  RegressionSet,
  Record<'knn_uniform' | 'knn_distance' | 'tree' | 'forest' | 'boosting' | 'mlp', Fit> & { mean_mse: number }
>;

export interface EarthFit {
  /** Forward-pass terms after the intercept, in order: knot and direction (+1: max(0, x − knot)). */
  forward: { knot: number; sign: 1 | -1 }[];
  /** 1-based indices of the forward terms the pruning kept (1 = intercept). */
  selected: number[];
  coefficients: number[];
  rss: number;
  gcv: number;
  test_mse: number;
  predictions: number[];
  /** earth without Force.weights: its unweighted code skips some knots (see make_earth.R). */
  default: { gcv: number; test_mse: number };
}

export const earth = JSON.parse(readFileSync(`${dir}earth.json`, 'utf8')) as Record<RegressionSet, EarthFit>;

/** A fixture CSV with header x,y. */
export function readSeries(path: string): Series {
  const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  const n = rows.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  rows.forEach((row, i) => {
    const [a, b] = row.split(',').map(Number);
    x[i] = a;
    y[i] = b;
  });
  return { x, y, n };
}

export function regressionData(name: RegressionSet): { train: Series; test: Series } {
  return { train: readSeries(`${dir}${name}-train.csv`), test: readSeries(`${dir}${name}-test.csv`) };
}

export function meanSquaredError(predicted: ArrayLike<number>, data: Series): number {
  let sum = 0;
  for (let i = 0; i < data.n; i++) sum += (predicted[i] - data.y[i]) ** 2;
  return sum / data.n;
}

/** Trains to the last stage on `train` with a seeded Rng; returns the test MSE. */
export function testMse(model: Regressor, train: Series, test: Series, seed = 1): number {
  for (const _ of model.train(train, createRng(seed))) {
    // every stage
  }
  return meanSquaredError(model.predict(test.x), test);
}
