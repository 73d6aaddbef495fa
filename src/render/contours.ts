/**
 * Decision boundaries as polylines, from d3-contour's marching squares (with linear
 * interpolation, so lines are smooth, not staircase) on the evaluation grid. Two classes: the
 * zero contour of p1 − p0. K classes: for each class k the zero contour of p_k − max_{j≠k} p_j,
 * keeping each stretch once (from the side of the lower-numbered class). Coordinates are in grid
 * units (value (i, j) at (i + .5, j + .5)); the frame of the grid, which d3 closes rings along,
 * is cut away.
 */
import { contours } from 'd3-contour';
import type { Grid } from '../grid.js';

export type Polyline = number[]; // x0, y0, x1, y1, ...

function onBorder(x: number, y: number, grid: Grid): boolean {
  return x <= 0 || y <= 0 || x >= grid.nx || y >= grid.ny;
}

/**
 * Splits d3's closed rings into open polylines, dropping every segment that touches the grid's
 * frame or that `keep` rejects. A ring cut somewhere comes out in pieces; the piece after the last
 * cut runs on into the piece before the first, through the ring's start, so those two are joined.
 */
function ringsToPolylines(rings: number[][][], grid: Grid, keep: (x: number, y: number) => boolean): Polyline[] {
  const lines: Polyline[] = [];
  for (const ring of rings) {
    const pieces: Polyline[] = [];
    let current: Polyline = [];
    let firstKept = false;
    let lastKept = false;
    for (let s = 0; s + 1 < ring.length; s++) {
      const [x0, y0] = ring[s];
      const [x1, y1] = ring[s + 1];
      const ok = !onBorder(x0, y0, grid) && !onBorder(x1, y1, grid) && keep((x0 + x1) / 2, (y0 + y1) / 2);
      if (s === 0) firstKept = ok;
      lastKept = ok;
      if (ok) {
        if (current.length === 0) current.push(x0, y0);
        current.push(x1, y1);
      } else if (current.length > 0) {
        pieces.push(current);
        current = [];
      }
    }
    if (current.length > 0) pieces.push(current);
    if (pieces.length > 1 && firstKept && lastKept) {
      const tail = pieces.pop() as Polyline;
      pieces[0] = tail.concat(pieces[0].slice(2));
    }
    lines.push(...pieces);
  }
  return lines;
}

/** The field buffer, kept between calls: one allocation per grid size, not per frame. */
let values = new Float64Array(0);

export function boundaries(proba: Float32Array, grid: Grid, classes: number): Polyline[] {
  const n = grid.nx * grid.ny;
  if (values.length !== n) values = new Float64Array(n);
  const generator = contours().size([grid.nx, grid.ny]).thresholds([0]);
  const lines: Polyline[] = [];
  const cellOf = (x: number, y: number) =>
    Math.min(grid.ny - 1, Math.max(0, Math.floor(y))) * grid.nx + Math.min(grid.nx - 1, Math.max(0, Math.floor(x)));
  // Two classes have one boundary, the zero contour of p1 − p0.
  for (let k = classes === 2 ? 1 : 0; k < classes; k++) {
    for (let i = 0; i < n; i++) {
      let other = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < classes; c++) if (c !== k && proba[i * classes + c] > other) other = proba[i * classes + c];
      values[i] = proba[i * classes + k] - other;
    }
    // Keep a stretch only where the class across it is numbered above k: each boundary once.
    const keep =
      classes === 2
        ? () => true
        : (x: number, y: number) => {
            const cell = cellOf(x, y);
            let best = -1;
            let bestP = Number.NEGATIVE_INFINITY;
            for (let c = 0; c < classes; c++) {
              if (c !== k && proba[cell * classes + c] > bestP) {
                bestP = proba[cell * classes + c];
                best = c;
              }
            }
            return best > k;
          };
    const [contour] = generator(values as unknown as number[]);
    for (const polygon of contour.coordinates) lines.push(...ringsToPolylines(polygon, grid, keep));
  }
  return lines;
}
