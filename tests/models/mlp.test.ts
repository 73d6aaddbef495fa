/** The multilayer perceptron: its gradients, what it can fit, and how it compares with scikit-learn. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accuracy, type Dataset, type Series } from '../../src/dataset.js';
import { mlp, Network, tanh } from '../../src/models/mlp.js';
import { createRng, permutation, type Rng } from '../../src/random.js';
import { readFixtureCsv, sineSeries, trainToEnd } from '../helpers.js';
import { meanSquaredError } from './regression-reference.js';

const fixtures = new URL('../fixtures/models-2-mlp/', import.meta.url);

/** Four Gaussian clusters at (±1, ±1), labelled by the sign of x·y: no line separates them. */
function xor(n: number, seed: number): Dataset {
  const rng = createRng(seed);
  const X = new Float64Array(2 * n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const sx = i % 2 ? 1 : -1;
    const sy = i % 4 < 2 ? 1 : -1;
    X[2 * i] = sx + 0.25 * rng.normal();
    X[2 * i + 1] = sy + 0.25 * rng.normal();
    y[i] = sx * sy > 0 ? 1 : 0;
  }
  return { X, y, n, classes: 2 };
}

/**
 * Checks every partial derivative of one batch's objective against central differences, for a
 * batch of 300 points from the middle of a shuffled order: more than one block of the network.
 */
function expectGradientsMatch(net: Network, X: Float64Array, labels: Uint8Array | Float64Array, rng: Rng): void {
  const params = net.init(rng);
  // Non-zero biases, so their gradients are exercised away from the initial point.
  net.biasAt.forEach((at, l) => {
    for (let j = 0; j < net.sizes[l + 1]; j++) params[at + j] = 0.5 * rng.normal();
  });
  const order = permutation(labels.length, rng);
  const [start, end] = [20, 320];
  const l2 = 0.3;
  const grad = new Float64Array(net.size);
  const scratch = new Float64Array(net.size);
  const objective = (p: Float64Array) => net.batchStep(p, { X, labels, order, start, end }, l2, scratch);
  const h = 1e-5;
  const numeric = new Float64Array(net.size);
  for (let j = 0; j < net.size; j++) {
    const saved = params[j];
    params[j] = saved + h;
    const up = objective(params);
    params[j] = saved - h;
    const down = objective(params);
    params[j] = saved;
    numeric[j] = (up - down) / (2 * h);
  }
  // After the probes, so scratch buffers left dirty by earlier passes would show.
  net.batchStep(params, { X, labels, order, start, end }, l2, grad);
  let worst = 0;
  for (let j = 0; j < net.size; j++) {
    const scale = Math.max(1e-3, Math.abs(numeric[j]) + Math.abs(grad[j]));
    worst = Math.max(worst, Math.abs(numeric[j] - grad[j]) / scale);
  }
  expect(worst).toBeLessThan(1e-6);
}

describe('mlp gradients', () => {
  const cases = (['tanh', 'relu', 'sigmoid'] as const).flatMap((act) => [2, 3].map((k) => [act, k] as const));
  const n = 330;
  it.each(cases)('match central differences for every parameter (%s, %i classes, l2 > 0)', (act, k) => {
    // Wide enough for the four-at-a-time sweeps and their remainders.
    const net = new Network([5, 6], k, act);
    const rng = createRng(3);
    const X = new Float64Array(2 * n).map(() => rng.normal());
    expectGradientsMatch(
      net,
      X,
      new Uint8Array(n).map((_, i) => i % k),
      rng,
    );
  });

  it.each(['tanh', 'relu', 'sigmoid'] as const)(
    'match central differences for a regression (%s, half squared error, l2 > 0)',
    (act) => {
      const net = new Network([5, 6], 1, act, 1, 'regression');
      expect(net.sizes).toEqual([1, 5, 6, 1]);
      const rng = createRng(4);
      const x = new Float64Array(n).map(() => rng.normal());
      expectGradientsMatch(
        net,
        x,
        x.map((v) => Math.sin(v) + 0.3 * rng.normal()),
        rng,
      );
    },
  );

  it('use a tanh within 1e-15 of Math.tanh', () => {
    let worst = 0;
    for (let x = -40; x <= 40; x += 0.001) worst = Math.max(worst, Math.abs(tanh(x) - Math.tanh(x)));
    expect(worst).toBeLessThan(1e-15);
    expect([tanh(0), tanh(1e-300), tanh(800), tanh(-800)]).toEqual([0, 0, 1, -1]);
  });

  it('include the l2 penalty on weights but not on biases', () => {
    const net = new Network([2], 2, 'tanh');
    const params = net.init(createRng(1));
    const X = new Float64Array([0.5, -1]);
    const labels = new Uint8Array([1]);
    const without = new Float64Array(net.size);
    const withL2 = new Float64Array(net.size);
    net.batchStep(params, { X, labels, order: [0], start: 0, end: 1 }, 0, without);
    net.batchStep(params, { X, labels, order: [0], start: 0, end: 1 }, 2, withL2);
    for (let l = 0; l < net.weightAt.length; l++) {
      for (let j = net.weightAt[l]; j < net.biasAt[l]; j++)
        expect(withL2[j] - without[j]).toBeCloseTo(2 * params[j], 12);
      for (let j = net.biasAt[l]; j < net.biasAt[l] + net.sizes[l + 1]; j++) expect(withL2[j]).toBe(without[j]);
    }
  });
});

describe('mlp', () => {
  const defaults = mlp.schema.parse({});

  it('has the documented defaults and limits', () => {
    expect(defaults).toEqual({
      hidden: [8, 8],
      activation: 'tanh',
      optimizer: 'adam',
      learningRate: 0.01,
      batchSize: 32,
      epochs: 200,
      l2: 0,
    });
    expect(() => mlp.schema.parse({ hidden: [8, 8, 8, 8, 8, 8, 8] })).toThrow();
    expect(() => mlp.schema.parse({ hidden: [65] })).toThrow();
    expect(() => mlp.schema.parse({ hidden: [] })).toThrow();
    expect(() => mlp.schema.parse({ activation: 'elu' })).toThrow();
    expect(mlp.schema.safeParse({ hiden: [4] }).error?.issues[0].message).toContain('did you mean "hidden"');
  });

  it.each(['tanh', 'relu', 'sigmoid'] as const)('fits XOR to ≥ 0.95 training accuracy (%s)', (activation) => {
    const data = xor(200, 4);
    const model = mlp.classifier({ ...defaults, activation }, 2);
    trainToEnd(model, data, createRng(9));
    expect(accuracy(model.predictProba(data.X), data)).toBeGreaterThanOrEqual(0.95);
  });

  it('yields one step per epoch, labelled, with a loss that falls', () => {
    const data = xor(100, 2);
    const steps = trainToEnd(mlp.classifier({ ...defaults, epochs: 30 }, 2), data);
    expect(steps.map((s) => s.stage)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(steps[11].label).toBe('epoch 12');
    expect(steps.every((s) => s.total === 30)).toBe(true);
    expect(steps[29].loss!).toBeLessThan(0.5 * steps[0].loss!);
  });

  it('is deterministic for one seed and differs between seeds', () => {
    const data = xor(80, 3);
    const run = (seed: number) => {
      const model = mlp.classifier({ ...defaults, epochs: 20 }, 2);
      trainToEnd(model, data, createRng(seed));
      return Array.from(model.predictProba(data.X));
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('predicts the same for a point alone as in a batch of several blocks', () => {
    const data = xor(100, 7);
    const model = mlp.classifier({ ...defaults, hidden: [6, 5, 4], epochs: 5 }, 2);
    trainToEnd(model, data);
    const grid = new Float64Array(2 * 600).map((_, i) => (i % 7) - 3 + i / 1200);
    const all = model.predictProba(grid);
    for (const i of [0, 255, 256, 511, 512, 599]) {
      const alone = model.predictProba(grid.slice(2 * i, 2 * i + 2));
      expect([all[2 * i], all[2 * i + 1]]).toEqual(Array.from(alone));
    }
  });

  it('handles 8 classes and a full batch with every optimizer', () => {
    const n = 160;
    const rng = createRng(8);
    const X = new Float64Array(2 * n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 8;
      const angle = (2 * Math.PI * y[i]) / 8;
      X[2 * i] = 4 * Math.cos(angle) + 0.3 * rng.normal();
      X[2 * i + 1] = 4 * Math.sin(angle) + 0.3 * rng.normal();
    }
    const data = { X, y, n, classes: 8 };
    for (const optimizer of ['gd', 'momentum', 'adam'] as const) {
      const model = mlp.classifier(
        { ...defaults, hidden: [16], optimizer, batchSize: 0, learningRate: 0.1, epochs: 300 },
        8,
      );
      trainToEnd(model, data);
      expect(accuracy(model.predictProba(data.X), data), optimizer).toBeGreaterThanOrEqual(0.95);
    }
  });
});

interface Case {
  data: string;
  options: Record<string, unknown>;
  seeds: number;
  testAccuracy: number;
  finalLoss: number;
}
const expected = JSON.parse(readFileSync(new URL('expected.json', fixtures), 'utf8')) as {
  cases: Record<string, Case>;
};

describe("mlp against scikit-learn's MLPClassifier (same options, mean over seeds)", () => {
  it.each(Object.keys(expected.cases))('%s: test accuracy within 0.03, final loss within a relative 0.15', (name) => {
    const c = expected.cases[name];
    const train = readFixtureCsv(new URL(`${c.data}-train.csv`, fixtures));
    const test = readFixtureCsv(new URL(`${c.data}-test.csv`, fixtures));
    const options = mlp.schema.parse(c.options);
    const seeds = 5;
    let acc = 0;
    let loss = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const model = mlp.classifier(options, train.classes);
      const steps = trainToEnd(model, train, createRng(seed));
      loss += steps[steps.length - 1].loss! / seeds;
      acc += accuracy(model.predictProba(test.X), test) / seeds;
    }
    expect(Math.abs(acc - c.testAccuracy)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(loss - c.finalLoss) / c.finalLoss).toBeLessThan(0.15);
  });
});

describe('mlp regression', () => {
  it('fits y in its own units: y scaled by 10 and shifted by 3 gives the same fit, scaled and shifted, and 100 times the loss', () => {
    const data = sineSeries(100, 61, 0.3);
    const scaled: Series = { x: data.x, y: data.y.map((v) => 10 * v + 3), n: data.n };
    const options = mlp.schema.parse({ epochs: 30 });
    const [a, b] = [data, scaled].map((d) => {
      const model = mlp.regressor!(options);
      return { model, steps: trainToEnd(model, d, createRng(2)) };
    });
    const x = Float64Array.from({ length: 50 }, (_, i) => i / 49);
    const pa = a.model.predict(x);
    const pb = b.model.predict(x);
    pa.forEach((v, i) => {
      expect(pb[i]).toBeCloseTo(10 * v + 3, 9);
    });
    a.steps.forEach((s, i) => {
      expect(b.steps[i].loss!).toBeCloseTo(100 * s.loss!, 9);
    });
  });

  it('reports half the training MSE (l2 = 0, full batch: the loss of the epoch’s one step, before it)', () => {
    const data = sineSeries(80, 62, 0.3);
    const model = mlp.regressor!(mlp.schema.parse({ epochs: 3, batchSize: 0, optimizer: 'gd', learningRate: 1e-9 }));
    const steps = trainToEnd(model, data);
    // A step of 1e-9 barely moves the fit: the loss before it is the MSE after it, to 1e-8.
    expect(steps[2].loss!).toBeCloseTo(meanSquaredError(model.predict(data.x), data) / 2, 8);
  });
});
