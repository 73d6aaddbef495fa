/**
 * Kernel expansions: the memo over points in order equals the direct sum to rounding, and the
 * grid's rows are, bit for bit, the memo's numbers at gridPoints taken in order (also past the
 * memo's bound, and where the grid falls back to the memo itself).
 */
import { describe, expect, it } from 'vitest';
import { type Grid, gridAxes, gridPoints } from '../../../src/grid.js';
import { type Expansion, evaluateExpansion, gridRows } from '../../../src/models/algorithms/kernel-expansion.js';
import { type Kernel, kernelValue } from '../../../src/models/algorithms/kernels.js';
import { createRng } from '../../../src/random.js';

function randomExpansion(kernel: Kernel, m: number, outputs: number, seed: number): Expansion {
  const rng = createRng(seed);
  const vectors = Float64Array.from({ length: 2 * m }, () => rng.normal() * 2);
  const coef = Float64Array.from({ length: outputs * m }, () => rng.normal());
  return { kernel, vectors, count: m, coef, outputs };
}

const rbf: Kernel = { name: 'rbf', gamma: 0.7, degree: 3, coef0: 0 };

describe('kernel expansions', () => {
  it.each<Kernel>([
    rbf,
    { name: 'linear', gamma: 1, degree: 3, coef0: 0 },
    { name: 'poly', gamma: 0.5, degree: 3, coef0: 1 },
  ])('at points in order equal the direct sum ($name)', (kernel) => {
    const rng = createRng(9);
    const expansion = randomExpansion(kernel, 13, 2, 4);
    // A 5×4 grid (repeated coordinates) followed by scattered points.
    const pts: number[] = [];
    for (let r = 0; r < 4; r++) for (let c = 0; c < 5; c++) pts.push(c * 0.5 - 1, r * 0.5 - 1);
    for (let i = 0; i < 10; i++) pts.push(rng.normal(), rng.normal());
    const X = Float64Array.from(pts);
    const out = new Float64Array(X.length);
    evaluateExpansion(expansion, X, out);
    const { vectors: S, coef, count: m } = expansion;
    for (let i = 0; i < X.length / 2; i++) {
      for (let e = 0; e < 2; e++) {
        let direct = 0;
        for (let j = 0; j < m; j++)
          direct += coef[e * m + j] * kernelValue(kernel, S[2 * j], S[2 * j + 1], X[2 * i], X[2 * i + 1]);
        expect(out[2 * i + e]).toBeCloseTo(direct, 12);
      }
    }
  });

  const window = { xmin: -3, xmax: 3.5, ymin: -2.5, ymax: 3 };
  it.each<[number, number, Grid]>([
    [1, 40, { ...window, nx: 37, ny: 29 }],
    [3, 25, { ...window, nx: 5, ny: 4 }],
    [2, 1, { ...window, nx: 9, ny: 1 }],
    [2, 6, { ...window, nx: 1, ny: 7 }],
    // More columns than the memo keeps x factors for (4e6 / (E·m) = 1600): the memo forgets and
    // recomputes, the grid's rows go point by point; the numbers are the same.
    [2, 1250, { ...window, nx: 1700, ny: 2 }],
    // Degenerate windows: columns (or rows) that repeat a coordinate take the memo itself.
    [2, 6, { ...window, xmax: window.xmin, nx: 4, ny: 5 }],
    [2, 6, { ...window, ymax: window.ymin, nx: 4, ny: 5 }],
  ])(
    'on a grid, row by row, equal the memo at the grid points exactly (%i expansions, %i vectors, %j)',
    (E, m, grid) => {
      const expansion = randomExpansion(rbf, m, E, E * 100 + m);
      const { nx, ny } = grid;
      const memo = new Float64Array(nx * ny * E);
      evaluateExpansion(expansion, gridPoints(grid), memo);
      const rows = gridRows(expansion, gridAxes(grid));
      const row = new Float64Array(nx * E);
      for (let r = 0; r < ny; r++) {
        rows.row(r, row);
        expect(Array.from(row)).toEqual(Array.from(memo.subarray(r * nx * E, (r + 1) * nx * E)));
      }
    },
  );
});
