/**
 * Every model's predictProba on a grid (a lattice, where models take their fast paths) equals,
 * bit for bit, its predictions point by point (one point at a time is never a lattice), and
 * equals them again when called a second time on the same arrays (models that remember a point
 * set between calls). Over the whole registry, for two and three classes and a noisy fit.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset.js';
import { gridPoints } from '../../src/grid.js';
import { models } from '../../src/models/index.js';
import type { Classifier } from '../../src/models/types.js';
import { createRng } from '../../src/random.js';
import { separatedGaussians, trainToEnd } from '../helpers.js';

function pointByPoint(model: Classifier, X: Float64Array): Float32Array {
  const k = model.classes;
  const n = X.length / 2;
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) out.set(model.predictProba(X.slice(2 * i, 2 * i + 2)).subarray(0, k), i * k);
  return out;
}

/** Overlapping classes, so that boundaries cross the grid and probabilities are not all 0 or 1. */
function noisy(n: number, k: number, seed: number): Dataset {
  return separatedGaussians(n, k, seed, 1);
}

describe.each(models.map((m) => [m.type, m] as const))('model %s', (_type, spec) => {
  const defaults = spec.schema.parse({});

  it.each([2, 3])('predicts the same on a lattice as point by point (%i classes)', (k) => {
    const train = noisy(120, k, 21 + k);
    const model = spec.create(defaults, k);
    trainToEnd(model, train, createRng(3));
    for (const ny of [31, 1]) {
      const grid = gridPoints({ xmin: -4.5, xmax: 4.2, ymin: -3.9, ymax: 4.4, nx: 37, ny });
      const expected = pointByPoint(model, grid);
      expect(model.predictProba(grid)).toEqual(expected);
      // Into a used buffer: every value is written.
      expect(model.predictProba(grid, new Float32Array((grid.length / 2) * k).fill(7))).toEqual(expected);
    }
    const test = noisy(50, k, 40 + k).X;
    expect(model.predictProba(test)).toEqual(pointByPoint(model, test));
  });
});
