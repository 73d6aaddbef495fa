/** The contract every model with a regressor keeps, run over the registry's regressors. */
import { describe, expect, it } from 'vitest';
import type { Series } from '../../src/dataset.js';
import { models } from '../../src/models/index.js';
import type { Regressor, Step } from '../../src/models/model.js';
import { createRng } from '../../src/random.js';
import { sineSeries, trainToEnd } from '../helpers.js';
import { meanSquaredError } from './regression-reference.js';

const regressors = models.filter((m) => m.regressor).map((m) => [m.type, m] as const);

/** x from below the training range to above it, with repeats: where the figure draws the curve. */
const curve = Float64Array.from({ length: 161 }, (_, i) => -0.5 + i / 80);

function expectFinite(values: Float64Array): void {
  expect(values.findIndex((v) => !Number.isFinite(v))).toBe(-1);
}

it('covers the regression versions the issue names', () => {
  expect(regressors.map(([type]) => type).sort()).toEqual(
    expect.arrayContaining(['boosting', 'forest', 'knn', 'mars', 'mlp', 'tree']),
  );
});

/** Options that let a model bend: a straight line cannot learn a sine. */
const FLEXIBLE: Record<string, Record<string, unknown>> = { linear: { degree: 5, optimizer: 'exact' } };

describe.each(regressors)('regressor %s', (type, spec) => {
  const defaults = spec.schema.parse(FLEXIBLE[type] ?? {});
  const make = (): Regressor => spec.regressor!(defaults);

  it('learns a noisy sine: half the test MSE of predicting the mean, or better', () => {
    const train = sineSeries(300, 11, 0.2);
    const test = sineSeries(500, 12, 0.2);
    const model = make();
    trainToEnd(model, train);
    const predicted = model.predict(test.x);
    expect(predicted.length).toBe(test.n);
    expectFinite(predicted);
    const mean = train.y.reduce((a, b) => a + b, 0) / train.n;
    expect(meanSquaredError(predicted, test)).toBeLessThan(
      0.5 *
        meanSquaredError(
          test.x.map(() => mean),
          test,
        ),
    );
  });

  it('yields steps numbered from 1, each with a finite loss if any, and predicts finite values after every one', () => {
    const model = make();
    const steps: Step[] = [];
    for (const step of model.train(sineSeries(60, 3), createRng(1))) {
      steps.push(step);
      expect(step.stage).toBe(steps.length);
      if (step.total !== undefined) expect(step.stage).toBeLessThanOrEqual(step.total);
      if (step.loss !== undefined) expect(Number.isFinite(step.loss) && step.loss >= 0).toBe(true);
      expectFinite(model.predict(curve));
    }
    expect(steps.length).toBeGreaterThan(0);
  });

  it('stops early at a stage and then predicts as a full run did at that stage', () => {
    const data = sineSeries(80, 4);
    const atStage = new Map<number, Float64Array>();
    const full = make();
    for (const step of full.train(data, createRng(5))) atStage.set(step.stage, full.predict(curve).slice());
    const stop = Math.ceil(atStage.size / 2);
    const early = make();
    const generator = early.train(data, createRng(5));
    for (let s = 1; s <= stop; s++) generator.next();
    generator.return(undefined);
    expect(Array.from(early.predict(curve))).toEqual(Array.from(atStage.get(stop) as Float64Array));
  });

  it('is deterministic for one seed', () => {
    const data = sineSeries(100, 6);
    const run = () => {
      const model = make();
      trainToEnd(model, data, createRng(42));
      return Array.from(model.predict(curve));
    };
    expect(run()).toEqual(run());
  });

  it('predicts a value among others as it predicts it alone, into fresh and used buffers', () => {
    const model = make();
    trainToEnd(model, sineSeries(90, 7), createRng(3));
    const together = model.predict(curve);
    const used = new Float64Array(curve.length + 3).fill(7);
    expect(Array.from(model.predict(curve, used).subarray(0, curve.length))).toEqual(Array.from(together));
    const alone = Array.from(curve, (x) => model.predict(Float64Array.of(x))[0]);
    expect(alone).toEqual(Array.from(together));
  });

  it('predicts finite values before training, and after training on one point or none', () => {
    expectFinite(make().predict(curve));
    const one: Series = { x: Float64Array.of(0.3), y: Float64Array.of(2), n: 1 };
    const none: Series = { x: new Float64Array(0), y: new Float64Array(0), n: 0 };
    for (const data of [one, none]) {
      const model = make();
      expect(trainToEnd(model, data).length).toBeGreaterThan(0);
      expectFinite(model.predict(curve));
    }
  });

  it('warns only in text', () => {
    const model = make();
    trainToEnd(model, sineSeries(20, 8));
    for (const w of model.warnings?.() ?? []) expect(typeof w).toBe('string');
  });

  it.runIf(make().warmStart !== undefined)('reaches the cold start’s fit when warm-started from a prefix’s', () => {
    const data = sineSeries(120, 9);
    const prefix: Series = { x: data.x.subarray(0, 60), y: data.y.subarray(0, 60), n: 60 };
    const previous = make();
    trainToEnd(previous, prefix, createRng(2));
    const warm = make();
    warm.warmStart?.(previous);
    trainToEnd(warm, data, createRng(2));
    const cold = make();
    trainToEnd(cold, data, createRng(2));
    const a = warm.predict(curve);
    const b = cold.predict(curve);
    for (let i = 0; i < curve.length; i++) expect(a[i]).toBeCloseTo(b[i], 6);
  });
});
