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

  it("puts a sure linear model's boundary exactly where its log-odds are zero, not mid-cell", () => {
    // Logit 40·(i − 3.3): a column away from x = 3.3 the float32 probabilities are 0 or 1 to
    // within 1e-7 (at i = 5, exactly), so interpolating them would put the line at x = 3.5
    // (i = 3 → 4) rather than 3.3 + ½ (grid units put value (i, j) at i + ½).
    const grid = { nx: 8, ny: 5, xmin: 0, xmax: 1, ymin: 0, ymax: 1 };
    const proba = field(8, 5, 2, (i) => {
      const z = 40 * (i - 3.3);
      return [1 / (1 + Math.exp(z)), 1 / (1 + Math.exp(-z))];
    });
    const lines = boundaries(proba, grid, 2);
    expect(lines).toHaveLength(1);
    for (let v = 0; v < lines[0].length; v += 2) expect(lines[0][v]).toBeCloseTo(3.8, 5);
  });

  it('passes through every sign change of the field once, at its interpolated point, cell by cell', () => {
    // Wavy random fields: many lines, closed rings and saddles.
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let trial = 0; trial < 20; trial++) {
      const [nx, ny] = [5 + Math.floor(random() * 20), 5 + Math.floor(random() * 20)];
      const [fx, fy, phase] = [random() * 1.5, random() * 1.5, random() * 6];
      const p1 = (i: number, j: number) =>
        0.5 + 0.4 * Math.sin(fx * i + phase) * Math.cos(fy * j) + 0.05 * (random() - 0.5);
      const proba = field(nx, ny, 2, (i, j) => {
        const p = p1(i, j);
        return [1 - p, p];
      });
      const grid = { nx, ny, xmin: 0, xmax: 1, ymin: 0, ymax: 1 };
      const value = (i: number, j: number) => proba[2 * (j * nx + i) + 1] - proba[2 * (j * nx + i)];
      const logOdds = (i: number, j: number) =>
        Math.log(proba[2 * (j * nx + i) + 1]) - Math.log(proba[2 * (j * nx + i)]);
      // Every crossing: on each edge between two nodes on opposite sides of zero, where the
      // log-odds interpolated along the edge are zero.
      const expected: string[] = [];
      const key = (x: number, y: number) => `${x.toFixed(9)},${y.toFixed(9)}`;
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          for (const [di, dj] of [
            [1, 0],
            [0, 1],
          ]) {
            if (i + di >= nx || j + dj >= ny) continue;
            if (value(i, j) >= 0 === value(i + di, j + dj) >= 0) continue;
            const [a, b] = [logOdds(i, j), logOdds(i + di, j + dj)];
            const t = a / (a - b);
            expected.push(key(i + 0.5 + di * t, j + 0.5 + dj * t));
          }
        }
      }
      const lines = boundaries(proba, grid, 2);
      const seen: string[] = [];
      for (const line of lines) {
        const closed = line[0] === line[line.length - 2] && line[1] === line[line.length - 1] && line.length > 4;
        for (let v = 0; v < line.length - (closed ? 2 : 0); v += 2) seen.push(key(line[v], line[v + 1]));
        // Consecutive points sit on edges of one cell.
        for (let v = 2; v < line.length; v += 2) {
          expect(Math.abs(line[v] - line[v - 2])).toBeLessThanOrEqual(1);
          expect(Math.abs(line[v + 1] - line[v - 1])).toBeLessThanOrEqual(1);
        }
      }
      expect(seen.sort()).toEqual(expected.sort());
    }
  });

  it('splits a saddle cell by its centre', () => {
    const grid = { nx: 2, ny: 2, xmin: 0, xmax: 1, ymin: 0, ymax: 1 };
    // Corners (0,0) and (1,1) class 1, the other two class 0.
    const saddle = (centreUp: number) =>
      boundaries(
        field(2, 2, 2, (i, j) => {
          const p = i === j ? 0.8 : 0.2 - centreUp;
          return [1 - p, p];
        }),
        grid,
        2,
      );
    // Centre on class 1's side (mean p1 > 1/2): class 1's corners connect, the others are cut off.
    const joined = saddle(-0.1).map((l) => [l[0] + l[2], l[1] + l[3]]);
    const cut = saddle(0.1).map((l) => [l[0] + l[2], l[1] + l[3]]);
    expect(joined).toHaveLength(2);
    expect(cut).toHaveLength(2);
    // Each segment's midpoint lies towards the corner it cuts off: (1,0) and (0,1) when joined.
    const corners = (mids: number[][]) => mids.map(([x, y]) => `${x / 2 > 1 ? 1 : 0}${y / 2 > 1 ? 1 : 0}`).sort();
    expect(corners(joined)).toEqual(['01', '10']);
    expect(corners(cut)).toEqual(['00', '11']);
  });
});
