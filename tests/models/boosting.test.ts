/**
 * Gradient boosting, XGBoost style: the training loss never rises with λ > 0; the first tree is
 * the best second-order stump by exhaustive search with Newton leaf weights −G/(H + λ); γ and
 * minChildWeight hold; bulk prediction matches tree-by-tree walks; accuracy against scikit-learn's
 * HistGradientBoostingClassifier with XGBoost's settings (fixtures made by
 * tests/fixtures/models-2-trees/make_reference.py).
 */
import { describe, expect, it } from 'vitest';
import { accuracy, type Dataset } from '../../src/dataset.js';
import { type BoostedRegression, boosting, type GradientBoosting } from '../../src/models/boosting.js';
import type { Step } from '../../src/models/model.js';
import { createRng } from '../../src/random.js';
import { sineSeries, trainToEnd } from '../helpers.js';
import { meanSquaredError } from './regression-reference.js';
import { agreement, lattice, reference, referenceData, referenceLattice, referenceSets } from './trees-reference.js';

type BoostingOptions = ReturnType<typeof boosting.schema.parse>;

function grow(data: Dataset, options: Partial<BoostingOptions> = {}, seed = 1) {
  const model = boosting.classifier(boosting.schema.parse(options), data.classes) as GradientBoosting;
  const steps = trainToEnd(model, data, createRng(seed));
  return { model, steps };
}

/** Gradient and hessian of the logistic loss at the class-1 share (the first round's start). */
function firstRoundStats(data: Dataset) {
  const q = data.y.reduce((s, c) => s + c, 0) / data.n;
  const g = Array.from(data.y, (c) => q - c);
  const h = Array.from(data.y, () => q * (1 - q));
  return { q, g, h };
}

describe('boosting', () => {
  it.each([
    ['mixture', {}],
    ['moons', { lambda: 0.1, learningRate: 0.6, maxDepth: 3 }],
    ['blobs3', {}],
    ['blobs3', { lambda: 3, learningRate: 1, maxDepth: 2, minChildWeight: 0 }],
  ])('never raises the training loss from round to round (%s, %o)', (name, options) => {
    const { train } = referenceData(name as 'mixture');
    const { steps } = grow(train, { rounds: 60, ...options });
    expect(steps).toHaveLength(60);
    const start = -Math.log(0.5);
    expect(steps[0].loss!).toBeLessThan(start);
    for (let r = 1; r < steps.length; r++) expect(steps[r].loss!).toBeLessThanOrEqual(steps[r - 1].loss! + 1e-12);
    expect(steps.at(-1)!.loss!).toBeLessThan(steps[0].loss! / 2);
  });

  it.each([0, 1])('fits the best second-order stump in its first round, leaves −G/(H + λ) (λ = %i)', (lambda) => {
    const { train: data } = referenceData('moons');
    const { model } = grow(data, { rounds: 1, maxDepth: 1, learningRate: 1, lambda, minChildWeight: 0 });
    const { q, g, h } = firstRoundStats(data);
    expect(model.base[0]).toBeCloseTo(Math.log(q / (1 - q)), 12);
    const sides = (f: number, t: number) => {
      const s = { GL: 0, HL: 0, GR: 0, HR: 0 };
      for (let i = 0; i < data.n; i++) {
        if (data.X[2 * i + f] <= t) {
          s.GL += g[i];
          s.HL += h[i];
        } else {
          s.GR += g[i];
          s.HR += h[i];
        }
      }
      return s;
    };
    const gain = (f: number, t: number) => {
      const { GL, HL, GR, HR } = sides(f, t);
      return GL ** 2 / (HL + lambda) + GR ** 2 / (HR + lambda) - (GL + GR) ** 2 / (HL + HR + lambda);
    };
    let best = Number.NEGATIVE_INFINITY;
    for (let f = 0; f < 2; f++) {
      const values = [...new Set(Array.from({ length: data.n }, (_, i) => data.X[2 * i + f]))].sort((a, b) => a - b);
      for (let j = 0; j + 1 < values.length; j++) best = Math.max(best, gain(f, (values[j] + values[j + 1]) / 2));
    }
    const t = model.trees[0];
    expect(t.leafCount()).toBe(2);
    expect(gain(t.feature[0], t.threshold[0])).toBeCloseTo(best, 9);
    const { GL, HL, GR, HR } = sides(t.feature[0], t.threshold[0]);
    expect(t.value[t.left[0]]).toBeCloseTo(-GL / (HL + lambda), 12);
    expect(t.value[t.left[0] + 1]).toBeCloseTo(-GR / (HR + lambda), 12);
  });

  it('keeps minChildWeight and splits only for a gain above gamma', () => {
    const { train: data } = referenceData('mixture');
    const { q } = firstRoundStats(data);
    const { model } = grow(data, { rounds: 1, minChildWeight: 6 });
    const first = model.trees[0];
    const perLeaf = new Map<number, number>();
    for (let i = 0; i < data.n; i++) {
      const leaf = first.leafOf(data.X[2 * i], data.X[2 * i + 1]);
      perLeaf.set(leaf, (perLeaf.get(leaf) ?? 0) + q * (1 - q));
    }
    expect(perLeaf.size).toBeGreaterThan(4);
    for (const hessian of perLeaf.values()) expect(hessian).toBeGreaterThanOrEqual(6 - 1e-9);
    // The best first split gains less than 1000: with gamma 1000 every tree is a single leaf.
    const stumps = grow(data, { rounds: 5, gamma: 1000 }).model.trees;
    expect(stumps.map((t) => t.leafCount())).toEqual([1, 1, 1, 1, 1]);
    const leaves = (gamma: number) => grow(data, { rounds: 1, gamma }).model.trees[0].leafCount();
    expect(leaves(0.5)).toBeLessThan(leaves(0));
  });

  it('predicts from its trees’ leaf weights (sigmoid for two classes, softmax for three)', () => {
    for (const name of ['mixture', 'blobs3'] as const) {
      const { train, test } = referenceData(name);
      const { model } = grow(train, { rounds: 15 });
      const k = train.classes;
      const R = k === 2 ? 1 : k;
      expect(model.trees).toHaveLength(15 * R);
      for (const points of [lattice(50, -3, 5), test.X]) {
        const n = points.length / 2;
        const p = model.predictProba(points);
        let worst = 0;
        for (let i = 0; i < n; i++) {
          const F = Array.from(model.base);
          model.trees.forEach((t, j) => {
            F[j % R] += t.value[t.leafOf(points[2 * i], points[2 * i + 1])];
          });
          const want =
            R === 1
              ? [1 / (1 + Math.exp(F[0])), 1 / (1 + Math.exp(-F[0]))]
              : F.map((f) => Math.exp(f) / F.reduce((s, e) => s + Math.exp(e), 0));
          for (let c = 0; c < k; c++) worst = Math.max(worst, Math.abs(p[i * k + c] - want[c]));
        }
        expect(worst).toBeLessThan(1e-6);
      }
    }
  });

  it('subsamples with the Rng, and without subsampling does not depend on it', () => {
    const { train, test } = referenceData('moons');
    const run = (options: Partial<BoostingOptions>, seed: number) =>
      Array.from(grow(train, { rounds: 10, ...options }, seed).model.predictProba(test.X));
    expect(run({}, 1)).toEqual(run({}, 2));
    expect(run({ subsample: 0.5 }, 1)).toEqual(run({ subsample: 0.5 }, 1));
    expect(run({ subsample: 0.5 }, 1)).not.toEqual(run({ subsample: 0.5 }, 2));
  });

  it('yields one stage per round, each with the training log-loss', () => {
    const { train } = referenceData('blobs3');
    const model = boosting.classifier(boosting.schema.parse({ rounds: 4 }), 3) as GradientBoosting;
    const steps: Step[] = [];
    const grid = lattice(30, -3, 5);
    for (const step of model.train(train, createRng(1))) {
      steps.push(step);
      // The same array again only adds the new round's trees; a fresh copy is evaluated anew.
      const again = model.predictProba(grid);
      const fresh = model.predictProba(grid.slice());
      expect(again.every((v, j) => Math.abs(v - fresh[j]) < 1e-6)).toBe(true);
    }
    expect(steps.map((s) => s.label)).toEqual(['round 1', 'round 2', 'round 3', 'round 4']);
    const p = model.predictProba(train.X);
    let loss = 0;
    for (let i = 0; i < train.n; i++) loss -= Math.log(p[i * 3 + train.y[i]]);
    expect(steps[3].loss!).toBeCloseTo(loss / train.n, 5);
  });

  it.each(referenceSets)('predicts scikit-learn’s class on at least 90 % of a lattice over %s', (name) => {
    const { train } = referenceData(name);
    const p = grow(train).model.predictProba(referenceLattice(train));
    expect(agreement(p, train.classes, reference[name].boosting.lattice_classes)).toBeGreaterThanOrEqual(0.9);
  });

  it.each(referenceSets)('has test accuracy within 0.03 of scikit-learn’s on %s', (name) => {
    const { train, test } = referenceData(name);
    const ours = accuracy(grow(train).model.predictProba(test.X), test);
    expect(Math.abs(ours - reference[name].boosting.test_accuracy)).toBeLessThanOrEqual(0.03);
  });
});

describe('boosting regression', () => {
  const data = sineSeries(120, 51, 0.3);
  const regress = (options: Partial<BoostingOptions> = {}, seed = 1) => {
    const model = boosting.regressor!(boosting.schema.parse(options)) as BoostedRegression;
    const steps = trainToEnd(model, data, createRng(seed));
    return { model, steps };
  };

  it.each([0, 1])(
    'starts from the mean of y; its first tree is the best stump on the residuals, leaves −G/(n + λ) (λ = %i)',
    (lambda) => {
      const { model } = regress({ rounds: 1, maxDepth: 1, learningRate: 1, lambda, minChildWeight: 0 });
      const mean = data.y.reduce((a, b) => a + b, 0) / data.n;
      expect(model.base).toBeCloseTo(mean, 12);
      // g = F − y = mean − y, h = 1: the gain is G_L²/(n_L + λ) + G_R²/(n_R + λ) − G²/(n + λ).
      const sides = (t: number) => {
        const s = { GL: 0, NL: 0, GR: 0, NR: 0 };
        for (let i = 0; i < data.n; i++) {
          if (data.x[i] <= t) {
            s.GL += mean - data.y[i];
            s.NL++;
          } else {
            s.GR += mean - data.y[i];
            s.NR++;
          }
        }
        return s;
      };
      const gain = (t: number) => {
        const { GL, NL, GR, NR } = sides(t);
        return GL ** 2 / (NL + lambda) + GR ** 2 / (NR + lambda) - (GL + GR) ** 2 / (NL + NR + lambda);
      };
      const xs = Array.from(data.x).sort((a, b) => a - b);
      let best = Number.NEGATIVE_INFINITY;
      for (let j = 0; j + 1 < xs.length; j++) best = Math.max(best, gain((xs[j] + xs[j + 1]) / 2));
      const t = model.trees[0];
      expect(t.leafCount()).toBe(2);
      expect(gain(t.threshold[0])).toBeCloseTo(best, 9);
      const { GL, NL, GR, NR } = sides(t.threshold[0]);
      expect(model.predict(Float64Array.of(t.threshold[0]))[0]).toBeCloseTo(mean - GL / (NL + lambda), 12);
      expect(model.predict(Float64Array.of(t.threshold[0] + 1e-9))[0]).toBeCloseTo(mean - GR / (NR + lambda), 12);
    },
  );

  it('yields one stage per round with half the training MSE, which never rises', () => {
    const { model, steps } = regress({ rounds: 30 });
    expect(steps.map((s) => s.stage)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    for (let r = 1; r < steps.length; r++) expect(steps[r].loss!).toBeLessThanOrEqual(steps[r - 1].loss! + 1e-12);
    expect(steps.at(-1)!.loss!).toBeCloseTo(meanSquaredError(model.predict(data.x), data) / 2, 10);
  });

  it('subsamples with the Rng, and without subsampling does not depend on it', () => {
    const run = (options: Partial<BoostingOptions>, seed: number) =>
      Array.from(regress({ rounds: 10, ...options }, seed).model.predict(data.x));
    expect(run({}, 1)).toEqual(run({}, 2));
    expect(run({ subsample: 0.5 }, 1)).not.toEqual(run({ subsample: 0.5 }, 2));
  });
});
