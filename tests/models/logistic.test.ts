import { describe, expect, it } from 'vitest';
import { bayesAccuracy } from '../../src/data/bayes.js';
import { gaussians } from '../../src/data/gaussians.js';
import { accuracy } from '../../src/dataset.js';
import { logistic } from '../../src/models/logistic.js';
import { createRng } from '../../src/random.js';
import { separatedGaussians, trainToEnd } from '../helpers.js';

describe('logistic regression', () => {
  const sim = gaussians.create(gaussians.schema.parse({}), { baseDir: '.', rng: createRng(1) });
  const train = sim.sample(400, createRng(2));
  const test = sim.sample(4000, createRng(3));
  const bayes = bayesAccuracy(sim, test);

  it.each(['gd', 'momentum', 'adam'] as const)('reaches Bayes accuracy − 0.03 on gaussians with %s', (optimizer) => {
    const model = logistic.classifier(
      logistic.schema.parse({ optimizer, learningRate: optimizer === 'adam' ? 0.1 : 0.5, epochs: 200 }),
      2,
    );
    const steps = trainToEnd(model, train);
    expect(steps).toHaveLength(200);
    expect(steps[199].loss!).toBeLessThan(steps[0].loss!);
    expect(accuracy(model.predictProba(test.X), test)).toBeGreaterThanOrEqual(bayes - 0.03);
  });

  it('matches the maximum-likelihood fit: the score equations hold at convergence', () => {
    const model = logistic.classifier(logistic.schema.parse({ optimizer: 'gd', learningRate: 1, epochs: 3000 }), 2);
    trainToEnd(model, train);
    const p = model.predictProba(train.X);
    // At the MLE, Σ (y_i − p_i) x_i = 0 for the intercept and both inputs.
    const score = [0, 0, 0];
    for (let i = 0; i < train.n; i++) {
      const r = train.y[i] - p[2 * i + 1];
      score[0] += r;
      score[1] += r * train.X[2 * i];
      score[2] += r * train.X[2 * i + 1];
    }
    for (const s of score) expect(Math.abs(s) / train.n).toBeLessThan(1e-3);
  });

  it('shrinks the weights with l2, and uses mini-batches when asked', () => {
    const data = separatedGaussians(200, 2, 4);
    const sureness = (opts: object) => {
      const model = logistic.classifier(logistic.schema.parse(opts), 2);
      trainToEnd(model, data);
      return Math.abs(model.predictProba(Float64Array.from([3, 0]))[1] - 0.5);
    };
    expect(sureness({ l2: 1 })).toBeLessThan(sureness({ l2: 0 }));
    const batched = logistic.classifier(logistic.schema.parse({ batchSize: 16, optimizer: 'sgd', epochs: 5 }), 2);
    trainToEnd(batched, data);
    expect(accuracy(batched.predictProba(data.X), data)).toBeGreaterThan(0.95);
  });
});
