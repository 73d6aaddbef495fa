import { contours } from 'd3-contour';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random.js';
import { contourRings } from '../../src/render/contours.js';

/** d3-contour's rings for the same field: each polygon's exterior ring, then its holes. */
function d3Rings(values: Float64Array, dx: number, dy: number, value: number): number[][] {
  const polygons = contours()
    .size([dx, dy])
    .contour(values as unknown as number[], value).coordinates;
  return polygons.flatMap((polygon) => polygon.map((ring) => ring.flat()));
}

describe('contourRings', () => {
  it.each([
    ['a tilted plane', 23, 17, (i: number, j: number) => i - 0.7 * j - 3.2],
    ['rings and holes', 40, 31, (i: number, j: number) => Math.sin(i / 3) * Math.cos(j / 4) - 0.1],
    ['one row', 12, 1, (i: number) => Math.cos(i)],
    ['one column', 1, 9, (_i: number, j: number) => Math.cos(j)],
  ])('gives d3-contour’s rings, point for point and in order (%s)', (_what, dx, dy, f) => {
    const values = new Float64Array(dx * dy);
    for (let j = 0; j < dy; j++) for (let i = 0; i < dx; i++) values[j * dx + i] = f(i, j);
    const ours = contourRings(values, dx, dy, 0);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours).toEqual(d3Rings(values, dx, dy, 0));
  });

  it('gives d3-contour’s rings on random fields, with exact zeros and NaN', () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 40; trial++) {
      const dx = 1 + rng.int(15);
      const dy = 1 + rng.int(15);
      const values = Float64Array.from({ length: dx * dy }, () => {
        const u = rng.uniform();
        return u < 0.1 ? 0 : u < 0.13 ? Number.NaN : rng.normal();
      });
      expect(contourRings(values, dx, dy, 0)).toEqual(d3Rings(values, dx, dy, 0));
    }
  });
});
