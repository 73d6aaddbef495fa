/** The contract every model that does regression keeps, run over the registry's regressors. */
import { describe, expect, it } from 'vitest';
import type { Series } from '../../src/dataset.js';
import { models } from '../../src/models/index.js';
import { createRng } from '../../src/random.js';

/** y = sin(x) + noise on [−3, 3]. */
function wave(n: number, seed: number): Series {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 6 * rng.uniform() - 3;
    y[i] = Math.sin(x[i]) + 0.1 * rng.normal();
  }
  return { x, y, n };
}

const regressors = models.filter((m) => m.regressor).map((m) => [m.type, m] as const);

describe.each(regressors)('regressor %s', (_type, spec) => {
  const make = () => {
    const model = spec.regressor?.(spec.schema.parse({}));
    if (!model) throw new Error('a regressor');
    return model;
  };

  it('yields steps numbered from 1, predicts after the first, and finite numbers at the end', () => {
    const model = make();
    const generator = model.train(wave(100, 1), createRng(1));
    expect(generator.next().value?.stage).toBe(1);
    expect(Number.isFinite(model.predict(Float64Array.of(0.5))[0])).toBe(true);
    for (const step of generator) expect(step.stage).toBeGreaterThan(1);
    expect(model.predict(wave(50, 2).x).every(Number.isFinite)).toBe(true);
  });

  it('is deterministic for one seed, and predicts a point among others as alone, into used buffers', () => {
    const run = () => {
      const model = make();
      for (const _ of model.train(wave(100, 3), createRng(42)));
      return model;
    };
    const x = wave(30, 4).x;
    const a = run().predict(x);
    const model = run();
    expect(Array.from(model.predict(x))).toEqual(Array.from(a));
    const used = new Float64Array(40).fill(7);
    expect(Array.from(model.predict(x, used).subarray(0, 30))).toEqual(Array.from(a));
    x.forEach((v, i) => {
      expect(model.predict(Float64Array.of(v))[0]).toBe(a[i]);
    });
  });

  it('has a landscape only with two parameters, its point and loss finite after each stage', () => {
    const model = make();
    for (const step of model.train(wave(60, 5), createRng(1))) {
      const landscape = model.landscape?.();
      if (!landscape) continue;
      expect(landscape.at.every(Number.isFinite)).toBe(true);
      expect(landscape.loss(...landscape.at)).toBeCloseTo(step.loss ?? Number.NaN, 9);
    }
  });
});
