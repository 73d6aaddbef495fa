/** The 2-d tree's nearest neighbours against a full scan. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KdTree } from '../../../src/models/algorithms/kdtree.js';

/** The k nearest by a full scan, ordered by (squared distance, index). */
function bruteForce(points: readonly (readonly [number, number])[], q: readonly [number, number], k: number) {
  return points
    .map(([x, y], i) => ({ i, d2: (x - q[0]) ** 2 + (y - q[1]) ** 2 }))
    .sort((a, b) => a.d2 - b.d2 || a.i - b.i)
    .slice(0, k);
}

describe('kd-tree', () => {
  it('finds the same neighbours, in the same order, as brute force (ties and duplicates included)', () => {
    // Small integer coordinates force many equal distances and repeated points.
    const coordinate = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.double({ min: -5, max: 5, noNaN: true }));
    const pointArb = fc.tuple(coordinate, coordinate);
    fc.assert(
      fc.property(
        fc.array(pointArb, { minLength: 0, maxLength: 120 }),
        fc.array(pointArb, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 30 }),
        (points, queries, k) => {
          const tree = new KdTree(Float64Array.from(points.flat()));
          const ids = new Int32Array(k);
          const d2 = new Float64Array(k);
          for (const q of queries) {
            const found = tree.nearest(q[0], q[1], k, ids, d2);
            const expected = bruteForce(points, q, k);
            expect(found).toBe(expected.length);
            expect(Array.from(ids.subarray(0, found))).toEqual(expected.map((e) => e.i));
            expect(Array.from(d2.subarray(0, found))).toEqual(expected.map((e) => e.d2));
          }
        },
      ),
      { numRuns: 300, seed: 20261126 },
    );
  });
});
