/**
 * Logistic regression with `optimizer: newton`: the exact maximum-likelihood fit. Checked against
 * an independent reference (tests/fixtures/logistic-newton/make_reference.py: a numpy IRLS for
 * two classes, scipy's BFGS on the same penalised objective otherwise), against long first-order
 * runs, and on separable data, where no optimum exists and the fit must stay finite and warn once
 * per render. The solver's own properties: tests/models/algorithms/glm-newton.test.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset.js';
import { gridPoints } from '../../src/grid.js';
import { ignoredWarning, logistic, SATURATED_WARNING } from '../../src/models/logistic.js';
import { mlp } from '../../src/models/mlp.js';
import { snapshots } from '../../src/movie/snapshots.js';
import { createRng } from '../../src/random.js';
import { validateScenario } from '../../src/scenario/load.js';
import { newTimings } from '../../src/timings.js';
import { readFixtureCsv, separatedGaussians, trainToEnd } from '../helpers.js';

const dir = fileURLToPath(new URL('../fixtures/', import.meta.url));
const expected = JSON.parse(readFileSync(`${dir}logistic-newton/expected.json`, 'utf8')) as Record<
  string,
  { set: string; classes: number; l2: number; coef: number[][]; meanLoss: number; proba: number[][] }
>;
const load = (set: string, part: string, classes: number) =>
  readFixtureCsv(`${dir}models-1/${set}-${part}.csv`, classes);

function fitted(data: Dataset, options: Record<string, unknown>) {
  const model = logistic.classifier(logistic.schema.parse(options), data.classes);
  const steps = trainToEnd(model, data);
  return { model, steps };
}

/** Log-odds log(p_c / p_0) of class c at the point (x, y), from the model's probabilities. */
function logOdds(proba: Float32Array, k: number, point: number, c: number): number {
  return Math.log(proba[point * k + c]) - Math.log(proba[point * k]);
}

describe('logistic regression, optimizer newton', () => {
  it.each(Object.keys(expected))('matches the independent reference fit: %s', (name) => {
    const ref = expected[name];
    const k = ref.classes;
    const train = load(ref.set, 'train', k);
    const test = load(ref.set, 'test', k);
    const { model, steps } = fitted(train, { optimizer: 'newton', l2: ref.l2 });
    // glm-like convergence: a handful of steps, far below the cap.
    expect(steps.length).toBeLessThanOrEqual(12);
    const last = steps[steps.length - 1];
    const proba = model.predictProba(test.X);
    ref.proba.forEach((row, i) => {
      row.forEach((p, c) => {
        expect(Math.abs(proba[i * k + c] - p)).toBeLessThan(1e-6);
      });
    });
    // Coefficients in data units, read back as log-odds at (0, 0), (1, 0) and (0, 1).
    const at = model.predictProba(Float64Array.from([0, 0, 1, 0, 0, 1]));
    ref.coef.forEach(([b0, b1, b2], row) => {
      const c = row + 1;
      const intercept = logOdds(at, k, 0, c);
      expect(intercept).toBeCloseTo(b0, 5);
      expect(logOdds(at, k, 1, c) - intercept).toBeCloseTo(b1, 5);
      expect(logOdds(at, k, 2, c) - intercept).toBeCloseTo(b2, 5);
    });
    if (ref.l2 === 0) expect(last.loss!).toBeCloseTo(ref.meanLoss, 12);
  });

  it.each([
    [2, 0],
    [2, 0.05],
    [3, 0],
  ] as const)('reaches the optimum a long gradient-descent run reaches (%s classes, l2 = %s)', (k, l2) => {
    const data = separatedGaussians(300, k, 11, 1.2);
    const newton = fitted(data, { optimizer: 'newton', l2 });
    const gd = fitted(data, { optimizer: 'gd', learningRate: 1, epochs: 20000, l2 });
    const adam = fitted(data, { optimizer: 'adam', learningRate: 0.01, epochs: 5000, l2 });
    const grid = Float64Array.from({ length: 200 }, (_, i) => ((i * 37) % 101) / 10 - 5);
    const pn = newton.model.predictProba(grid);
    const pg = gd.model.predictProba(grid);
    const pa = adam.model.predictProba(grid);
    for (let i = 0; i < pn.length; i++) {
      expect(Math.abs(pn[i] - pg[i])).toBeLessThan(1e-5);
      // Adam at a constant learning rate hovers around the optimum rather than settling on it.
      expect(Math.abs(pn[i] - pa[i])).toBeLessThan(1e-2);
    }
    // Same objective on both paths: the reported losses agree at convergence, and none is lower.
    expect(newton.steps.at(-1)!.loss!).toBeCloseTo(gd.steps.at(-1)!.loss!, 9);
    expect(newton.steps.at(-1)!.loss!).toBeLessThanOrEqual(gd.steps.at(-1)!.loss! + 1e-12);
    expect(newton.steps.at(-1)!.loss!).toBeLessThanOrEqual(adam.steps.at(-1)!.loss! + 1e-12);
    expect(adam.steps.at(-1)!.loss! - newton.steps.at(-1)!.loss!).toBeLessThan(1e-6);
  });

  it('is deterministic: the same steps and bit-identical probabilities, whatever the rng', () => {
    const data = separatedGaussians(120, 3, 5, 1.5);
    const a = logistic.classifier(logistic.schema.parse({ optimizer: 'newton' }), 3);
    const b = logistic.classifier(logistic.schema.parse({ optimizer: 'newton' }), 3);
    const sa = trainToEnd(a, data, createRng(1));
    const sb = trainToEnd(b, data, createRng(2));
    expect(sb).toEqual(sa);
    const grid = Float64Array.from({ length: 100 }, (_, i) => Math.sin(i) * 4);
    expect(b.predictProba(grid)).toEqual(a.predictProba(grid));
  });

  it('one stage per Newton step, labelled, with a falling loss; `epochs` caps the steps', () => {
    const data = load('gaussians', 'train', 2);
    const { steps } = fitted(data, { optimizer: 'newton' });
    expect(steps.map((s) => s.stage)).toEqual(steps.map((_, i) => i + 1));
    expect(steps[0]).toMatchObject({ label: 'Newton step 1' });
    expect(steps.every((s) => s.total === undefined)).toBe(true);
    for (let i = 1; i < steps.length; i++) expect(steps[i].loss!).toBeLessThanOrEqual(steps[i - 1].loss!);
    expect(fitted(data, { optimizer: 'newton', epochs: 2 }).steps).toHaveLength(2);
  });

  it('by epochs, the animation has one frame per step taken (training ends at convergence)', () => {
    const data = load('gaussians', 'train', 2);
    const steps = fitted(data, { optimizer: 'newton' }).steps.length;
    const s = validateScenario({
      model: { type: 'logistic', optimizer: 'newton' },
      animate: { by: 'epochs', frames: 60 },
    });
    const frames = [
      ...snapshots({
        model: { spec: logistic, options: logistic.schema.parse({ optimizer: 'newton' }) },
        mode: 'stages',
        train: data,
        test: data,
        grid: { xmin: 0, xmax: 1, ymin: 0, ymax: 1, nx: 2, ny: 1 },
        points: gridPoints({ xmin: 0, xmax: 1, ymin: 0, ymax: 1, nx: 2, ny: 1 }),
        animate: s.animate,
        rng: createRng(1),
        timings: newTimings(),
      }),
    ];
    expect(frames.map((f) => f.label)).toEqual(Array.from({ length: steps }, (_, i) => `Newton step ${i + 1}`));
  });

  describe('separable classes (no maximum-likelihood fit)', () => {
    // Class 1 right of x = 0, class 0 left, a few points far out: separable by any near-vertical line.
    const xs = [-30, -12, -3, -1, -0.5, -0.2, 0.3, 0.6, 1.5, 4, 10, 25];
    const separable: Dataset = {
      X: Float64Array.from(xs.flatMap((x, i) => [x, Math.cos(i * 2.3) * 3])),
      y: Uint8Array.from(xs.map((x) => (x > 0 ? 1 : 0))),
      n: xs.length,
      classes: 2,
    };

    it('stays finite at the cap: large weights, probabilities in [0, 1], glm’s warning', () => {
      for (const epochs of [3, 25, 100]) {
        const { model, steps } = fitted(separable, { optimizer: 'newton', epochs });
        expect(steps.length).toBeLessThanOrEqual(epochs);
        for (const s of steps) expect(Number.isFinite(s.loss)).toBe(true);
        const grid = Float64Array.from({ length: 2000 }, (_, i) => (i % 2 ? 50 : 100) * Math.sin(i * 0.77));
        const p = model.predictProba(grid);
        for (const v of p) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        if (epochs < 25) continue;
        // Near-certain away from the gap between the classes.
        const sure = model.predictProba(Float64Array.from([-3, 0, 4, 0]));
        expect(sure[0]).toBeGreaterThan(0.99);
        expect(sure[3]).toBeGreaterThan(0.99);
        expect(model.warnings?.()).toEqual([SATURATED_WARNING]);
      }
      // With a penalty the optimum exists: no warning.
      const ridge = fitted(separable, { optimizer: 'newton', l2: 0.1 }).model;
      expect(ridge.warnings?.()).toEqual([]);
    });

    it('three classes, one of them separable from the rest: finite', () => {
      const data: Dataset = {
        ...separable,
        y: Uint8Array.from(xs.map((x, i) => (x > 0 ? 2 : i % 2))),
        classes: 3,
      };
      const { model, steps } = fitted(data, { optimizer: 'newton' });
      expect(steps.length).toBeLessThanOrEqual(100);
      for (const v of model.predictProba(Float64Array.from([-1e3, 5, 0, 0, 1e3, -5]))) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    });

    it('by samples: warnings are those of the fit to every point, said once (separable early prefixes are not)', () => {
      // The first prefixes are separable (class 0 left, class 1 right), the later ones overlap.
      const overlap = separatedGaussians(60, 2, 3, 0.8);
      const data: Dataset = {
        X: Float64Array.of(...separable.X, ...overlap.X),
        y: Uint8Array.of(...separable.y, ...overlap.y),
        n: separable.n + overlap.n,
        classes: 2,
      };
      const said: string[] = [];
      const s = validateScenario({ model: { type: 'logistic' }, animate: { by: 'samples', frames: 20, start: 4 } });
      const options = logistic.schema.parse({ optimizer: 'newton', learningRate: 0.5 });
      let frames = 0;
      for (const f of snapshots({
        model: { spec: logistic, options },
        mode: 'samples',
        train: data,
        test: data,
        grid: { xmin: 0, xmax: 50, ymin: -50, ymax: 0, nx: 2, ny: 1 },
        points: gridPoints({ xmin: 0, xmax: 50, ymin: -50, ymax: 0, nx: 2, ny: 1 }),
        animate: s.animate,
        rng: createRng(1),
        timings: newTimings(),
        warn: (m) => said.push(m),
      })) {
        for (const v of f.proba) expect(Number.isFinite(v)).toBe(true);
        frames++;
      }
      expect(frames).toBe(20);
      expect(said).toEqual([ignoredWarning(['learningRate'])]);
      // Separable to the last point: the saturation is said, once.
      const alone: string[] = [];
      for (const _ of snapshots({
        model: { spec: logistic, options },
        mode: 'samples',
        train: separable,
        test: separable,
        grid: { xmin: 0, xmax: 50, ymin: -50, ymax: 0, nx: 2, ny: 1 },
        points: gridPoints({ xmin: 0, xmax: 50, ymin: -50, ymax: 0, nx: 2, ny: 1 }),
        animate: s.animate,
        rng: createRng(1),
        timings: newTimings(),
        warn: (m) => alone.push(m),
      }));
      expect(alone.sort()).toEqual([ignoredWarning(['learningRate']), SATURATED_WARNING].sort());
    });
  });

  it.each([
    ['collinear inputs', [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5], [0, 1, 0, 1, 1, 0], 2],
    ['a constant input', [1, 0, 1, 1, 1, 2, 1, 3], [0, 0, 1, 1], 2],
    ['one point repeated', [1, 2, 1, 2, 1, 2, 1, 2], [0, 1, 1, 0], 2],
    ['a class with no points', [0, 0, 1, 1, 2, 0, 3, 1, 0.5, 0.2, 2.5, 0.9], [0, 1, 0, 1, 1, 0], 3],
  ] as const)('singular Hessians stay finite: %s', (_, X, y, k) => {
    const data: Dataset = { X: Float64Array.from(X), y: Uint8Array.from(y), n: y.length, classes: k };
    for (const l2 of [0, 0.1]) {
      const { model, steps } = fitted(data, { optimizer: 'newton', l2 });
      for (const s of steps) expect(Number.isFinite(s.loss)).toBe(true);
      const p = model.predictProba(Float64Array.from([0, 0, 100, -100, -1e4, 1e4, 1, 2]));
      for (const v of p) expect(v >= 0 && v <= 1).toBe(true);
    }
  });

  it('warns that learningRate and batchSize are ignored, only when they are set', () => {
    const data = load('gaussians', 'train', 2);
    expect(fitted(data, { optimizer: 'newton' }).model.warnings?.()).toEqual([]);
    expect(fitted(data, { optimizer: 'newton', batchSize: 16 }).model.warnings?.()).toEqual([
      'logistic: batchSize does not apply to optimizer newton; ignored',
    ]);
    expect(fitted(data, { optimizer: 'newton', learningRate: 0.01, batchSize: 8 }).model.warnings?.()).toEqual([
      'logistic: learningRate and batchSize do not apply to optimizer newton; ignored',
    ]);
    expect(fitted(data, { optimizer: 'adam', learningRate: 0.01 }).model.warnings?.()).toEqual([]);
  });

  it('is logistic regression’s alone: the MLP’s optimizer option still lists only the first-order ones', () => {
    expect(logistic.schema.parse({ optimizer: 'newton' }).optimizer).toBe('newton');
    const result = mlp.schema.safeParse({ optimizer: 'newton' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(/"gd"\|"sgd"\|"momentum"\|"adam"/);
  });
});
