/** Where boxes fall on a grid: Axis counts, and the blocks of cells a box covers. */
import { describe, expect, it } from 'vitest';
import { type Grid, gridPoints } from '../../../src/grid.js';
import { Axis, type Block, GridBlocks } from '../../../src/models/algorithms/grid-blocks.js';
import { createRng } from '../../../src/random.js';

describe('Axis.countAtMost', () => {
  function reference(sorted: Float64Array, t: number): number {
    let count = 0;
    for (const v of sorted) if (v <= t) count++;
    return count;
  }

  it('counts the values ≤ t in even, uneven, repeated and infinite arrays', () => {
    const rng = createRng(4);
    const arrays = [
      Float64Array.from({ length: 160 }, (_, i) => -3 + (i + 0.5) * 0.05),
      Float64Array.from({ length: 50 }, () => rng.normal() ** 3).sort(),
      Float64Array.from({ length: 40 }, () => Math.round(rng.normal() * 3)).sort(),
      Float64Array.of(Number.NEGATIVE_INFINITY, -1, 0, 2, Number.POSITIVE_INFINITY),
      Float64Array.of(5),
      new Float64Array(0),
    ];
    for (const values of arrays) {
      const axis = new Axis(values);
      const probes = [
        ...values,
        ...Array.from(values, (v) => v + 1e-9),
        ...Array.from({ length: 100 }, () => rng.normal() * 10),
        Number.NEGATIVE_INFINITY,
        Number.POSITIVE_INFINITY,
        Number.NaN,
      ];
      for (const t of probes) expect(axis.countAtMost(t)).toBe(reference(values, t));
    }
  });
});

describe('GridBlocks', () => {
  it.each<Grid>([
    { xmin: -2, xmax: 3, ymin: -1, ymax: 4, nx: 23, ny: 17 },
    { xmin: 0, xmax: 1, ymin: 0, ymax: 1, nx: 1, ny: 9 },
    { xmin: 5, xmax: 5, ymin: -1, ymax: 1, nx: 4, ny: 3 },
  ])('a box covers exactly the block of grid points inside it (%j)', (grid) => {
    const rng = createRng(grid.nx);
    const points = gridPoints(grid);
    const blocks = new GridBlocks(grid);
    const block: Block = { c0: 0, c1: 0, r0: 0, r1: 0 };
    // Bounds at random, at grid coordinates (on the edge of a cell) and unbounded.
    const bound = (lo: number, hi: number) => {
      const u = rng.uniform();
      if (u < 0.15) return Number.NEGATIVE_INFINITY;
      if (u < 0.3) return Number.POSITIVE_INFINITY;
      if (u < 0.5) return points[2 * Math.floor(rng.uniform() * (points.length / 2)) + (lo === grid.xmin ? 0 : 1)];
      return lo + (hi - lo) * (1.2 * rng.uniform() - 0.1);
    };
    for (let trial = 0; trial < 300; trial++) {
      const lower = Float64Array.of(bound(grid.xmin, grid.xmax), bound(grid.ymin, grid.ymax));
      const upper = Float64Array.of(bound(grid.xmin, grid.xmax), bound(grid.ymin, grid.ymax));
      const inside = new Set<number>();
      for (let i = 0; i < points.length / 2; i++) {
        const [x, y] = [points[2 * i], points[2 * i + 1]];
        if (x > lower[0] && x <= upper[0] && y > lower[1] && y <= upper[1]) inside.add(i);
      }
      const covered = new Set<number>();
      if (blocks.block(lower, upper, 0, block)) {
        for (let r = block.r0; r < block.r1; r++)
          for (let c = block.c0; c < block.c1; c++) covered.add(r * grid.nx + c);
        expect(covered.size).toBeGreaterThan(0);
      }
      expect([...covered].sort((a, b) => a - b)).toEqual([...inside].sort((a, b) => a - b));
    }
  });
});
