import { describe, expect, it } from 'vitest';
import { boundaries } from '../src/render/contours.js';

function field(nx: number, ny: number, classes: number, p: (i: number, j: number) => number[]): Float32Array {
  const out = new Float32Array(nx * ny * classes);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) out.set(p(i, j), (j * nx + i) * classes);
  return out;
}

describe('boundaries', () => {
  it('finds a straight two-class boundary between the cells where p crosses 1/2, inside the frame', () => {
    const grid = { nx: 6, ny: 4, xmin: 0, xmax: 1, ymin: 0, ymax: 1 };
    // p1 rises linearly with i and crosses 0.5 halfway between columns 2 and 3 (x = 3 in grid units).
    const lines = boundaries(
      field(6, 4, 2, (i) => [1 - i / 5, i / 5]),
      grid,
      2,
    );
    expect(lines).toHaveLength(1);
    const xs = lines[0].filter((_, k) => k % 2 === 0);
    const ys = lines[0].filter((_, k) => k % 2 === 1);
    for (const x of xs) expect(x).toBeCloseTo(3, 6);
    expect(Math.min(...ys)).toBeCloseTo(0.5, 6);
    expect(Math.max(...ys)).toBeCloseTo(3.5, 6);
  });

  it('draws nothing when one class wins everywhere', () => {
    const grid = { nx: 5, ny: 5, xmin: 0, xmax: 1, ymin: 0, ymax: 1 };
    expect(
      boundaries(
        field(5, 5, 2, () => [0.8, 0.2]),
        grid,
        2,
      ),
    ).toEqual([]);
  });

  it('closes a ring that never touches the frame', () => {
    const grid = { nx: 9, ny: 9, xmin: 0, xmax: 1, ymin: 0, ymax: 1 };
    const inside = (i: number, j: number) => (i - 4) ** 2 + (j - 4) ** 2 < 5;
    const lines = boundaries(
      field(9, 9, 2, (i, j) => (inside(i, j) ? [0.1, 0.9] : [0.9, 0.1])),
      grid,
      2,
    );
    expect(lines).toHaveLength(1);
    const l = lines[0];
    expect([l[0], l[1]]).toEqual([l[l.length - 2], l[l.length - 1]]);
  });

  it('draws each boundary of three classes once', () => {
    const grid = { nx: 9, ny: 3, xmin: 0, xmax: 1, ymin: 0, ymax: 1 };
    // Class 0 on the left third, 1 in the middle, 2 on the right: two vertical boundaries.
    const lines = boundaries(
      field(9, 3, 3, (i) => (i < 3 ? [0.8, 0.1, 0.1] : i < 6 ? [0.1, 0.8, 0.1] : [0.1, 0.1, 0.8])),
      grid,
      3,
    );
    const xs = lines.map((l) => l[0]).sort((a, b) => a - b);
    expect(xs).toEqual([3, 6]);
  });
});
