/**
 * The regression versions of the models against scikit-learn 1.2.1 and R's earth on the fixtures
 * of tests/fixtures/regression (made by make.py and make_earth.R there): test MSE within 5 %
 * relative or 0.01 absolute, the predictions themselves where both fits are deterministic, and
 * for the random ones (forest, mlp) the mean over 10 seeds within the noise of two such means.
 * MARS is compared with earth's weighted code path (Force.weights, every weight 1), which scores
 * every candidate knot as mlgif does; earth's default path skips some (see make_earth.R).
 */
import { describe, expect, it } from 'vitest';
import type { Series } from '../../src/dataset.js';
import { gcv, type Term } from '../../src/models/algorithms/mars-passes.js';
import { boosting } from '../../src/models/boosting.js';
import { forest } from '../../src/models/forest.js';
import { knn } from '../../src/models/knn.js';
import { type MarsRegression, mars } from '../../src/models/mars.js';
import { mlp } from '../../src/models/mlp.js';
import type { Regressor } from '../../src/models/model.js';
import { type RegressionTree, tree } from '../../src/models/tree.js';
import { createRng } from '../../src/random.js';
import { earth, meanSquaredError, regressionData, regressionSets, sklearn, testMse } from './regression-reference.js';

/** The tolerance on test MSE: 5 % relative or 0.01 absolute. */
function expectCloseMse(ours: number, reference: number): void {
  expect(Math.abs(ours - reference)).toBeLessThanOrEqual(Math.max(0.05 * reference, 0.01));
}

function expectPredictions(model: Regressor, x: Float64Array, reference: number[], tolerance: number): void {
  const predicted = model.predict(x.subarray(0, reference.length));
  let worst = 0;
  reference.forEach((v, i) => {
    worst = Math.max(worst, Math.abs(predicted[i] - v));
  });
  expect(worst).toBeLessThanOrEqual(tolerance);
}

/**
 * The mean test MSE of a random model over seeds 1..10 against the reference's mean over 10
 * random_states: within the tolerance, and within 4 standard errors of the difference of
 * two means of 10 fits (sd·√(2/10), the larger of the two spreads).
 */
function expectSameMeanOverSeeds(
  make: () => Regressor,
  train: Series,
  test: Series,
  reference: { test_mse: number; test_mse_sd?: number },
): void {
  const count = 10;
  const errors = Array.from({ length: count }, (_, s) => testMse(make(), train, test, s + 1));
  const mean = errors.reduce((a, b) => a + b, 0) / count;
  const sd = Math.sqrt(errors.reduce((a, e) => a + (e - mean) ** 2, 0) / count);
  expectCloseMse(mean, reference.test_mse);
  const spread = Math.max(sd, reference.test_mse_sd ?? 0) * Math.sqrt(2 / count);
  expect(Math.abs(mean - reference.test_mse)).toBeLessThanOrEqual(4 * spread);
}

describe.each(regressionSets)('%s', (name) => {
  const { train, test } = regressionData(name);
  const ref = sklearn[name];

  it.each(['uniform', 'distance'] as const)(
    'knn: KNeighborsRegressor(5, weights=%s), prediction for prediction',
    (weights) => {
      const model = knn.regressor!(knn.schema.parse({ weights }));
      const reference = ref[`knn_${weights}`];
      expectCloseMse(testMse(model, train, test), reference.test_mse);
      // scikit-learn's brute-force distances, √(x² − 2xa + a²), are rounded to about 1e-8 of x².
      expectPredictions(model, test.x, reference.predictions!, weights === 'uniform' ? 1e-12 : 1e-9);
    },
  );

  it('tree: DecisionTreeRegressor(max_depth=8), prediction for prediction', () => {
    const model = tree.regressor!(tree.schema.parse({})) as RegressionTree;
    expectCloseMse(testMse(model, train, test), ref.tree.test_mse);
    expectPredictions(model, test.x, ref.tree.predictions!, 1e-12);
    expect(model.tree.leafCount()).toBe(ref.tree.leaves);
  });

  it('forest: RandomForestRegressor(100 trees), mean test MSE over 10 seeds', () => {
    expectSameMeanOverSeeds(() => forest.regressor!(forest.schema.parse({})), train, test, ref.forest);
  });

  it('boosting: HistGradientBoostingRegressor with XGBoost’s settings, prediction for prediction', () => {
    const model = boosting.regressor!(boosting.schema.parse({}));
    expectCloseMse(testMse(model, train, test), ref.boosting.test_mse);
    // HGB keeps gradients and leaf values in float32: agreement to about 1e-9 of y.
    expectPredictions(model, test.x, ref.boosting.predictions!, 1e-7);
  });

  it('mars: earth(y ~ x) with its defaults: forward terms, pruned terms, coefficients, GCV, predictions', () => {
    const reference = earth[name];
    const model = mars.regressor!(mars.schema.parse({})) as MarsRegression;
    let forward: Term[] = [];
    let loss = 0;
    for (const step of model.train(train, createRng(1))) {
      if (step.label.startsWith('term ')) forward = model.terms;
      loss = step.loss ?? Number.NaN;
    }
    const hinge = (term: Term) => ({ knot: term[0].knot, sign: term[0].sign });
    expect(forward.slice(1).map(hinge)).toEqual(reference.forward);
    // earth numbers the terms from 1, the intercept first, in the forward pass's order.
    expect(model.terms).toEqual(reference.selected.map((j) => forward[j - 1]));
    model.coefficients.forEach((c, j) => {
      expect(c).toBeCloseTo(reference.coefficients[j], 8);
    });
    expect(loss * train.n).toBeCloseTo(reference.rss, 8);
    expect(gcv(loss * train.n, train.n, model.terms.length, 2)).toBeCloseTo(reference.gcv, 10);
    expectPredictions(model, test.x, reference.predictions, 1e-9);
    expectCloseMse(meanSquaredError(model.predict(test.x), test), reference.test_mse);
  });

  it('mlp: MLPRegressor((8, 8), tanh, adam, 200 epochs) on standardized x and y, mean test MSE over 10 seeds', () => {
    expectSameMeanOverSeeds(() => mlp.regressor!(mlp.schema.parse({})), train, test, ref.mlp);
  });
});
