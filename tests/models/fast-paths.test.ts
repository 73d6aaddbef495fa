/**
 * predictGrid(grid) is, bit for bit, predictProba(gridPoints(grid)), for every registered model
 * that has predictGrid: for two and three classes, after a noisy fit, on grids of several shapes
 * (square, wide, one row, one column, a window far from 0, a degenerate one), into fresh and
 * used buffers, and stage by stage (models that remember a point set between calls must give the
 * numbers of one call over the finished model).
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset.js';
import { type Grid, gridPoints } from '../../src/grid.js';
import { modelSpec, models } from '../../src/models/index.js';
import type { Classifier } from '../../src/models/model.js';
import { createRng } from '../../src/random.js';
import { expectSameBits, separatedGaussians, trainToEnd } from '../helpers.js';

/** Overlapping classes, so that boundaries cross the grid and probabilities are not all 0 or 1. */
function noisy(n: number, k: number, seed: number): Dataset {
  return separatedGaussians(n, k, seed, 1);
}

const grids: [string, Grid][] = [
  ['square', { xmin: -4.5, xmax: 4.2, ymin: -3.9, ymax: 4.4, nx: 37, ny: 37 }],
  // More columns than the MLP's block of 256 points.
  ['wide', { xmin: -4, xmax: 4, ymin: -4, ymax: 4, nx: 300, ny: 3 }],
  ['one row', { xmin: -4, xmax: 4, ymin: -1, ymax: 1, nx: 41, ny: 1 }],
  ['one column', { xmin: -1, xmax: 1, ymin: -4, ymax: 4, nx: 1, ny: 29 }],
  ['off centre', { xmin: 1.5, xmax: 9, ymin: -11, ymax: -2.5, nx: 20, ny: 15 }],
  // Every column at the same x: the SVM's grid rows must fall back to its memo's own numbers.
  ['zero width', { xmin: 0.7, xmax: 0.7, ymin: -3, ymax: 3, nx: 6, ny: 9 }],
];

/** Registered models that have predictGrid. */
const withGrid = models.filter((spec) => spec.classifier(spec.schema.parse({}), 2).predictGrid !== undefined);

it('predictGrid is offered by the models with a faster way over a grid', () => {
  expect(withGrid.map((m) => m.type).sort()).toEqual(['boosting', 'forest', 'logistic', 'mlp', 'svm', 'tree']);
});

function expectGridMatches(model: Classifier, grid: Grid): void {
  const k = model.classes;
  const expected = model.predictProba(gridPoints(grid));
  const predictGrid = model.predictGrid?.bind(model);
  if (!predictGrid) throw new Error('no predictGrid');
  expectSameBits(predictGrid(grid), expected);
  // Into a used buffer, larger than needed: every value is written, the rest left alone.
  const used = new Float32Array(grid.nx * grid.ny * k + 3).fill(7);
  expect(predictGrid(grid, used)).toBe(used);
  expectSameBits(used.subarray(0, grid.nx * grid.ny * k), expected);
  expect(Array.from(used.subarray(grid.nx * grid.ny * k))).toEqual([7, 7, 7]);
}

describe.each(withGrid.map((m) => [m.type, m] as const))('model %s', (_type, spec) => {
  const defaults = spec.schema.parse({});

  it.each([2, 3])('predictGrid is predictProba at the grid points, bit for bit (%i classes)', (k) => {
    const model = spec.classifier(defaults, k);
    trainToEnd(model, noisy(120, k, 21 + k), createRng(3));
    for (const [, grid] of grids) expectGridMatches(model, grid);
  });

  it('the same before training, and at every stage; remembered sums are those of one call', () => {
    const model = spec.classifier(defaults, 3);
    const grid = grids[0][1];
    const points = gridPoints(grid);
    const test = noisy(60, 3, 8).X;
    expectGridMatches(model, grid);
    let stage = 0;
    for (const _ of model.train(noisy(90, 3, 5), createRng(6))) {
      if (++stage % 7 !== 1) continue;
      // The same arrays every time: models that remember them add only what is new.
      expectSameBits(model.predictGrid!(grid), model.predictProba(points));
      model.predictProba(test);
    }
    expectSameBits(model.predictGrid!(grid), model.predictProba(points));
    expectSameBits(model.predictProba(points), model.predictProba(points.slice()));
    expectSameBits(model.predictProba(test), model.predictProba(test.slice()));
  });
});

const variants: [string, Record<string, unknown>][] = [
  ['mlp', { hidden: [5], activation: 'relu' }],
  ['mlp', { hidden: [3, 4, 5], activation: 'sigmoid' }],
  ['mlp', { hidden: [6], activation: 'tanh', l2: 0.1 }],
  ['svm', { kernel: 'linear' }],
  ['svm', { kernel: 'poly', degree: 2 }],
  ['svm', { gamma: 3, C: 10 }],
  ['forest', { trees: 7, maxDepth: 3 }],
  ['forest', { trees: 5 }],
  ['boosting', { rounds: 5, subsample: 0.5 }],
  ['logistic', { l2: 0.5, epochs: 5 }],
  ['logistic', { optimizer: 'newton' }],
  ['tree', { maxDepth: 3, criterion: 'entropy' }],
];

describe.each(variants)('model %s with %j', (type, options) => {
  it.each([2, 3])('predictGrid is predictProba at the grid points, bit for bit (%i classes)', (k) => {
    const spec = modelSpec(type);
    const model = spec.classifier(spec.schema.parse(options), k);
    trainToEnd(model, noisy(90, k, 7 + k), createRng(4));
    for (const [, grid] of grids) expectGridMatches(model, grid);
  });
});
