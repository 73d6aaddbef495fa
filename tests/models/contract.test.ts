/** The contract every registered model keeps, run over the whole registry. */
import { describe, expect, it } from 'vitest';
import { accuracy } from '../../src/dataset.js';
import { gridPoints } from '../../src/grid.js';
import { models } from '../../src/models/index.js';
import { createRng } from '../../src/random.js';
import { expectSameBits, separatedGaussians, trainToEnd } from '../helpers.js';

describe.each(models.map((m) => [m.type, m] as const))('model %s', (_type, spec) => {
  const defaults = spec.schema.parse({});
  const kinds = Math.min(3, spec.maxClasses ?? 3);

  it.each([2, 3].filter((k) => k <= kinds))('fits %i well-separated Gaussian classes with rows that sum to 1', (k) => {
    const train = separatedGaussians(300, k, 11);
    const test = separatedGaussians(300, k, 12);
    const model = spec.classifier(defaults, k);
    const steps = trainToEnd(model, train);
    expect(steps.length).toBeGreaterThan(0);
    const p = model.predictProba(test.X);
    expect(p.length).toBe(test.n * k);
    for (let i = 0; i < test.n; i++) {
      let sum = 0;
      for (let c = 0; c < k; c++) {
        expect(p[i * k + c]).toBeGreaterThanOrEqual(0);
        sum += p[i * k + c];
      }
      expect(sum).toBeCloseTo(1, 5);
    }
    expect(accuracy(p, test)).toBeGreaterThanOrEqual(0.9);
  });

  it('is deterministic for one seed', () => {
    const train = separatedGaussians(200, 2, 5, 1);
    const grid = separatedGaussians(100, 2, 6, 1).X;
    const run = () => {
      const model = spec.classifier(defaults, 2);
      trainToEnd(model, train, createRng(42));
      return Array.from(model.predictProba(grid));
    };
    expect(run()).toEqual(run());
  });

  it('predicts a point among others as it predicts it alone, into fresh and used buffers', () => {
    const model = spec.classifier(defaults, kinds);
    trainToEnd(model, separatedGaussians(120, kinds, 21, 1), createRng(3));
    // Scattered points, then rows of points that share coordinates.
    const X = Float64Array.of(
      ...separatedGaussians(80, 3, 22, 1).X,
      ...gridPoints({ xmin: -3, xmax: 3, ymin: -3, ymax: 3, nx: 9, ny: 7 }),
    );
    const together = model.predictProba(X);
    const used = new Float32Array(together.length + 2).fill(7);
    expectSameBits(model.predictProba(X, used).subarray(0, together.length), together);
    const alone = new Float32Array(together.length);
    for (let i = 0; i < X.length / 2; i++)
      alone.set(model.predictProba(X.slice(2 * i, 2 * i + 2)).subarray(0, kinds), kinds * i);
    if (spec.type !== 'svm') {
      expectSameBits(together, alone);
      return;
    }
    // The SVM's rbf memo reuses the factors of the point before when it shares a coordinate: the
    // same sums, rounded differently.
    for (let j = 0; j < alone.length; j++) expect(Math.abs(together[j] - alone[j])).toBeLessThan(1e-6);
  });

  it('yields steps numbered from 1, and can predict after the first', () => {
    const train = separatedGaussians(100, 2, 3);
    const model = spec.classifier(defaults, 2);
    const generator = model.train(train, createRng(1));
    const first = generator.next();
    expect(first.done).toBe(false);
    expect(first.value?.stage).toBe(1);
    const p = model.predictProba(train.X);
    expect(Number.isFinite(p[0])).toBe(true);
    generator.return(undefined);
  });
});
