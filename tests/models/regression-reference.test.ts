/**
 * The regression versions of the models against scikit-learn 1.2.1 and R's earth on the fixtures
 * of tests/fixtures/regression (made by make.py and make_earth.R there): test MSE within 5 %
 * relative or 0.01 absolute, the predictions themselves where both fits are deterministic, and
 * for the random ones (forest, mlp) the mean over 10 seeds within the noise of two such means.
 * MARS is compared with earth's weighted code path (Force.weights, every weight 1), which scores
 * every candidate knot as mlgif does; earth's default path skips some (see make_earth.R).
 */
import { describe, expect, it } from 'vitest';
import type { Regressor } from '../../src/models/model.js';
import { type RegressionTree, tree } from '../../src/models/tree.js';
import { regressionData, regressionSets, sklearn, testMse } from './regression-reference.js';

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

describe.each(regressionSets)('%s', (name) => {
  const { train, test } = regressionData(name);
  const ref = sklearn[name];

  it('tree: DecisionTreeRegressor(max_depth=8), prediction for prediction', () => {
    const model = tree.regressor!(tree.schema.parse({})) as RegressionTree;
    expectCloseMse(testMse(model, train, test), ref.tree.test_mse);
    expectPredictions(model, test.x, ref.tree.predictions!, 1e-12);
    expect(model.tree.leafCount()).toBe(ref.tree.leaves);
  });
});
