/**
 * The linear model: its fits against scikit-learn 1.2.1 on the fixtures of tests/fixtures/linear
 * (made by make_reference.py there), the descent against the exact optimum, the landscape, and
 * what it refuses.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { objectives } from '../../src/data/objectives.js';
import { accuracy, type Series } from '../../src/dataset.js';
import { UserError } from '../../src/errors.js';
import { linear } from '../../src/models/linear.js';
import { createRng } from '../../src/random.js';
import { readFixtureCsv, readSeriesCsv, separatedGaussians, stepsOf, trainToEnd } from '../helpers.js';

const dir = fileURLToPath(new URL('../fixtures/linear/', import.meta.url));
const models1 = fileURLToPath(new URL('../fixtures/models-1/', import.meta.url));
interface RegressionReference {
  data: string;
  options: Record<string, unknown> & { degree: number; loss: string };
  estimator: string;
  coef: number[];
  testMse: number;
  predictions: number[];
  exactCoef?: number[];
  exactTestMse?: number;
}

interface ClassificationReference {
  data: string;
  options: Record<string, unknown>;
  accuracy: number;
  proba: number[][] | null;
  decision: number[][];
}

const expected = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8')) as {
  regression: Record<string, RegressionReference>;
  classification: Record<string, ClassificationReference>;
};

const regressor = (options: Record<string, unknown>) => {
  const model = linear.regressor?.(linear.schema.parse(options));
  if (!model) throw new Error('linear does regression');
  return model;
};

function trained(options: Record<string, unknown>, data: Series) {
  const model = regressor(options);
  const steps = stepsOf(model.train(data, createRng(1)));
  return { model, steps };
}

function mse(predicted: Float64Array, data: Series): number {
  let sum = 0;
  for (let i = 0; i < data.n; i++) sum += (predicted[i] - data.y[i]) ** 2;
  return sum / data.n;
}

/** Within 5 % relative or 0.01 absolute: the issue's yardstick for a test MSE. */
function expectCloseMse(ours: number, theirs: number) {
  expect(Math.abs(ours - theirs) <= Math.max(0.05 * theirs, 0.01)).toBe(true);
}

describe('linear regression against scikit-learn', () => {
  const cases = Object.entries(expected.regression);

  it.each(cases)('%s', (_name, reference) => {
    const train = readSeriesCsv(`${dir}${reference.data}-train.csv`);
    const test = readSeriesCsv(`${dir}${reference.data}-test.csv`);
    const { model } = trained({ ...reference.options, epochs: 1000 }, train);
    const predicted = model.predict(test.x);
    const ours = mse(predicted, test);
    expectCloseMse(ours, reference.testMse);
    // The exact optimum where scikit-learn's estimator is at it (not SGD).
    const coef = reference.exactCoef ?? reference.coef;
    const exactMse = reference.exactTestMse ?? reference.testMse;
    const scale = Math.max(...coef.map(Math.abs));
    if (reference.options.degree === 1) {
      const [w, b] = model.landscape?.().at ?? [Number.NaN, Number.NaN];
      const tolerance = reference.options.loss === 'absolute' ? 1e-4 : 1e-7;
      expect(Math.abs(b - coef[0])).toBeLessThan(tolerance * scale);
      expect(Math.abs(w - coef[1])).toBeLessThan(tolerance * scale);
    }
    if (reference.estimator !== 'SGDRegressor' && reference.estimator !== 'QuantileRegressor') {
      reference.predictions.forEach((p, i) => {
        expect(predicted[i]).toBeCloseTo(p, 5);
      });
    }
    expect(Math.abs(ours - exactMse)).toBeLessThan(1e-5 * exactMse);
  });

  it('fits degree 9 through Bishop’s ten points (the interpolating polynomial)', () => {
    const train = readSeriesCsv(`${dir}sine-train.csv`);
    const { model } = trained({ degree: 9, optimizer: 'exact' }, train);
    const back = model.predict(train.x);
    for (let i = 0; i < train.n; i++) expect(back[i]).toBeCloseTo(train.y[i], 7);
  });
});

describe('linear classification against scikit-learn', () => {
  const cases = Object.entries(expected.classification);

  it.each(cases)('%s', (_name, reference) => {
    const classes = reference.data === 'three' ? 3 : 2;
    const train = readFixtureCsv(`${models1}${reference.data}-train.csv`, classes);
    const test = readFixtureCsv(`${models1}${reference.data}-test.csv`, classes);
    const model = linear.classifier(linear.schema.parse(reference.options), classes);
    trainToEnd(model, train);
    const p = model.predictProba(test.X);
    const ours = accuracy(p, test);
    expect(Math.abs(ours - reference.accuracy)).toBeLessThanOrEqual(0.005);
    if (reference.proba) {
      reference.proba.forEach((row, i) => {
        row.forEach((q, c) => {
          expect(Math.abs(p[i * classes + c] - q)).toBeLessThan(1e-5);
        });
      });
    } else {
      // Least squares on ±1 targets: P(class) ≈ (1 + score)/2, normalised over one-vs-rest rows.
      reference.decision.forEach((scores, i) => {
        const q = classes === 2 ? [1 - (1 + scores[0]) / 2, (1 + scores[0]) / 2] : scores.map((s) => (1 + s) / 2);
        const clipped = q.map((v) => Math.max(0, classes === 2 ? Math.min(1, v) : v));
        const sum = clipped.reduce((a, b) => a + b, 0);
        clipped.forEach((v, c) => {
          expect(Math.abs(p[i * classes + c] - v / sum)).toBeLessThan(1e-6);
        });
      });
    }
  });
});

describe('the descent', () => {
  const line = readSeriesCsv(`${dir}line-train.csv`);
  const optimum = expected.regression['line: least squares'].coef as number[];

  it('steps once per stage, each loss J at the point after the step, towards the least-squares line', () => {
    const { model, steps } = trained({ optimizer: 'momentum', learningRate: 0.01, epochs: 2000 }, line);
    expect(steps).toHaveLength(2000);
    expect(steps[0]).toMatchObject({ stage: 1, total: 2000, label: 'step 1' });
    const landscape = model.landscape?.();
    if (!landscape) throw new Error('a line has a landscape');
    expect(landscape.names).toEqual(['w', 'b']);
    expect(landscape.at[0]).toBeCloseTo(optimum[1], 9);
    expect(landscape.at[1]).toBeCloseTo(optimum[0], 9);
    expect(steps[1999].loss).toBeCloseTo(landscape.loss(...landscape.at), 12);
    expect(landscape.minimum?.[0]).toBeCloseTo(optimum[1], 9);
  });

  it('walks the elongated bowl in raw units: at rate 0.001, w is nearly right long before b', () => {
    const { model } = trained({ optimizer: 'gd', learningRate: 0.001, epochs: 300 }, line);
    const [w, b] = model.landscape?.().at ?? [0, 0];
    // ∂²J/∂w² = 2·mean(x²) ≈ 17 against ∂²J/∂b² = 2: w converges about 8.5 times faster.
    expect(Math.abs(w - optimum[1]) / optimum[1]).toBeLessThan(0.01);
    expect(b / optimum[0]).toBeLessThan(0.5);
  });

  it('undoes a step that overflows, stops, and says so', () => {
    const { model, steps } = trained({ optimizer: 'gd', learningRate: 50, epochs: 500 }, line);
    expect(steps.length).toBeLessThan(500);
    expect(steps.every((s) => Number.isFinite(s.loss))).toBe(true);
    expect(model.warnings?.()).toEqual([
      `linear: the loss became infinite at step ${steps.length + 1}, so training stopped at step ${steps.length}: learningRate 50 is too large for this objective`,
    ]);
    expect(model.predict(Float64Array.of(0)).every(Number.isFinite)).toBe(true);
  });

  it('starts where told, reads the loss of any (w, b), and has no landscape beyond two parameters', () => {
    const model = regressor({ start: [-3, 5], epochs: 1 });
    const generator = model.train(line, createRng(1));
    expect(model.landscape?.().at).toEqual([-3, 5]);
    generator.next();
    const { loss } = model.landscape?.() ?? { loss: () => Number.NaN };
    let direct = 0;
    for (let i = 0; i < line.n; i++) direct += (line.y[i] - (2 * line.x[i] + 20)) ** 2;
    expect(loss(2, 20)).toBeCloseTo(direct / line.n, 12);
    expect(regressor({ degree: 2 }).landscape).toBeUndefined();
    expect(regressor({ degree: 1, rbf: 3 }).landscape).toBeUndefined();
  });

  it('minimises a function from its start: Ma’s goldfield, each optimizer into a minimum', () => {
    const ends = (['gd', 'momentum'] as const).map((optimizer) => {
      const minimizer = linear.minimizer?.(linear.schema.parse({ optimizer, epochs: 2000 }));
      if (!minimizer) throw new Error('linear minimises');
      const steps = stepsOf(minimizer.train(objectives.goldfield, createRng(1)));
      expect(steps[steps.length - 1].loss).toBeCloseTo(1, 8);
      return minimizer.landscape().at;
    });
    // From (−1, 1.5), gradient descent falls into (1, 1), momentum over the saddle into (−1, −1).
    expect(ends[0][0]).toBeCloseTo(1, 4);
    expect(ends[1][0]).toBeCloseTo(-1, 4);
  });
});

describe('bases and losses', () => {
  it('exact IRLS never raises J, for huber and absolute loss', () => {
    const data = readSeriesCsv(`${dir}outliers-train.csv`);
    for (const loss of ['huber', 'absolute']) {
      const { steps } = trained({ loss, optimizer: 'exact', degree: 2, l2: 0.01 }, data);
      for (let i = 1; i < steps.length; i++)
        expect(steps[i].loss).toBeLessThanOrEqual((steps[i - 1].loss ?? 0) + 1e-12);
    }
  });

  it('fits sin(2πx) exactly with one Fourier pair on [0, 1]', () => {
    const x = Float64Array.from({ length: 50 }, (_, i) => i / 49);
    const y = x.map((v) => 3 + Math.sin(2 * Math.PI * v));
    const { model } = trained({ degree: 0, fourier: 1, period: 1, optimizer: 'exact' }, { x, y, n: 50 });
    const at = Float64Array.of(0.1, 0.37, 0.9);
    model.predict(at).forEach((v, i) => {
      expect(v).toBeCloseTo(3 + Math.sin(2 * Math.PI * at[i]), 9);
    });
  });

  it('fits a bump with Gaussian basis functions better than a line', () => {
    const x = Float64Array.from({ length: 200 }, (_, i) => -3 + (6 * i) / 199);
    const y = x.map((v) => Math.exp(-v * v));
    const line = trained({ optimizer: 'exact' }, { x, y, n: 200 }).model.predict(x);
    const bumps = trained({ degree: 0, rbf: 9, optimizer: 'exact' }, { x, y, n: 200 }).model.predict(x);
    const error = (p: Float64Array) => p.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / 200;
    expect(error(bumps)).toBeLessThan(1e-3 * error(line));
  });

  it.each(['hinge', 'perceptron', 'squared'])('%s loss separates three classes one-vs-rest', (loss) => {
    const train = separatedGaussians(300, 3, 1);
    const model = linear.classifier(linear.schema.parse({ loss, epochs: 300 }), 3);
    trainToEnd(model, train);
    expect(
      accuracy(model.predictProba(separatedGaussians(300, 3, 2).X), separatedGaussians(300, 3, 2)),
    ).toBeGreaterThan(0.95);
  });
});

describe('refusals', () => {
  /** The UserError a factory throws. */
  function refusal(f: () => unknown): UserError {
    try {
      f();
    } catch (error) {
      if (error instanceof UserError) return error;
      throw error;
    }
    throw new Error('expected a UserError');
  }

  it('refuses exact for hinge and perceptron, and on a function', () => {
    for (const loss of ['hinge', 'perceptron']) {
      const error = refusal(() => linear.classifier(linear.schema.parse({ loss, optimizer: 'exact' }), 2));
      expect(error.problems[0].path).toBe('optimizer');
      expect(error.message).toMatch(new RegExp(`exact has no solver for ${loss} loss`));
    }
    expect(refusal(() => linear.minimizer?.(linear.schema.parse({ optimizer: 'exact' }))).problems[0].path).toBe(
      'optimizer',
    );
  });

  it('refuses a start of the wrong length and a learning rate with exact', () => {
    expect(refusal(() => regressor({ degree: 2, start: [1, 2] })).message).toMatch(
      /expected 3 starting parameters \(2 coefficients of the basis, then the intercept b\), got 2/,
    );
    expect(refusal(() => linear.minimizer?.(linear.schema.parse({ start: [1, 2, 3] }))).problems[0].path).toBe('start');
    expect(refusal(() => regressor({ optimizer: 'exact', learningRate: 0.1 })).problems[0].path).toBe('learningRate');
    expect(refusal(() => regressor({ loss: 'absolute', delta: 2 })).message).toMatch(
      /delta: delta is huber's threshold; loss absolute has none/,
    );
    expect(refusal(() => regressor({ period: 2 })).problems[0].path).toBe('period');
    expect(regressor({ loss: 'huber', delta: 2, fourier: 1, period: 2 }).landscape).toBeUndefined();
  });
});
