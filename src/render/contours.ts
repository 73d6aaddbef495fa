/**
 * Decision boundaries as polylines, by marching squares with linear interpolation (lines are
 * smooth, not staircase) on the evaluation grid. Two classes: the zero contour of p1 − p0.
 * K classes: for each class k the zero contour of p_k − max_{j≠k} p_j, keeping each stretch once
 * (from the side of the lower-numbered class). Coordinates are in grid units (value (i, j) at
 * (i + .5, j + .5)); the frame of the grid, which the rings close along, is cut away.
 *
 * The rings are d3-contour's (Bostock, d3-contour 4: isorings, whose stitching follows
 * topojson's, smoothLinear, and the grouping of holes under the rings around them), computed the
 * same way, point for point and in the same order, on flat arrays and a map of open fragments:
 * d3's arrays of point arrays and sparse fragment tables made this the costliest step of drawing
 * a frame.
 */
import type { Grid } from '../grid.js';

export type Polyline = number[]; // x0, y0, x1, y1, ...

function onBorder(x: number, y: number, grid: Grid): boolean {
  return x <= 0 || y <= 0 || x >= grid.nx || y >= grid.ny;
}

/**
 * Splits the closed rings into open polylines, dropping every segment that touches the grid's
 * frame or that `keep` rejects. A ring cut somewhere comes out in pieces; the piece after the last
 * cut runs on into the piece before the first, through the ring's start, so those two are joined.
 */
function ringsToPolylines(rings: number[][], grid: Grid, keep: (x: number, y: number) => boolean): Polyline[] {
  const lines: Polyline[] = [];
  for (const ring of rings) {
    const pieces: Polyline[] = [];
    let current: Polyline = [];
    let firstKept = false;
    let lastKept = false;
    for (let s = 0; s + 3 < ring.length; s += 2) {
      const x0 = ring[s];
      const y0 = ring[s + 1];
      const x1 = ring[s + 2];
      const y1 = ring[s + 3];
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

/** Marching-squares segments per cell case (d3-contour's table), as x0, y0, x1, y1[, x0, y0, x1, y1]. */
const CASES: readonly (readonly number[])[] = [
  [],
  [1.0, 1.5, 0.5, 1.0],
  [1.5, 1.0, 1.0, 1.5],
  [1.5, 1.0, 0.5, 1.0],
  [1.0, 0.5, 1.5, 1.0],
  [1.0, 1.5, 0.5, 1.0, 1.0, 0.5, 1.5, 1.0],
  [1.0, 0.5, 1.0, 1.5],
  [1.0, 0.5, 0.5, 1.0],
  [0.5, 1.0, 1.0, 0.5],
  [1.0, 1.5, 1.0, 0.5],
  [0.5, 1.0, 1.0, 0.5, 1.5, 1.0, 1.0, 1.5],
  [1.5, 1.0, 1.0, 0.5],
  [0.5, 1.0, 1.5, 1.0],
  [1.0, 1.5, 1.5, 1.0],
  [0.5, 1.0, 1.0, 1.5],
  [],
];

interface Fragment {
  start: number;
  end: number;
  /** x0, y0, x1, y1, ... */
  ring: number[];
}

/** Invalid values (NaN) count as below everything, as in d3. */
function valid(v: number | undefined): number {
  return v === undefined || Number.isNaN(v) ? Number.NEGATIVE_INFINITY : v;
}

/** Where between two grid values the contour at `value` crosses (d3's smooth1). */
function smooth1(x: number, v0: number, v1: number, value: number): number {
  const a = value - v0;
  const b = v1 - v0;
  const d = Number.isFinite(a) || Number.isFinite(b) ? a / b : Math.sign(a) / Math.sign(b);
  return Number.isNaN(d) ? x : x + d - 0.5;
}

/** Moves a ring's points from cell edges' midpoints to where the values cross `value`. */
function smooth(ring: number[], values: Float64Array, dx: number, dy: number, value: number): void {
  for (let i = 0; i < ring.length; i += 2) {
    const x = ring[i];
    const y = ring[i + 1];
    const xt = x | 0;
    const yt = y | 0;
    const v1 = valid(values[yt * dx + xt]);
    if (x > 0 && x < dx && xt === x) ring[i] = smooth1(x, valid(values[yt * dx + xt - 1]), v1, value);
    if (y > 0 && y < dy && yt === y) ring[i + 1] = smooth1(y, valid(values[(yt - 1) * dx + xt]), v1, value);
  }
}

/** The closed rings of the contour at `value` of a dx × dy field, each ending where it starts. */
export function isorings(values: Float64Array, dx: number, dy: number, value: number): number[][] {
  const rings: number[][] = [];
  const byStart = new Map<number, Fragment>();
  const byEnd = new Map<number, Fragment>();
  const index = (px: number, py: number) => px * 2 + py * (dx + 1) * 4;
  const above = (v: number) => (v >= value ? 1 : 0);
  let x = -1;
  let y = -1;

  const stitch = (c: number): void => {
    const segments = CASES[c];
    for (let s = 0; s < segments.length; s += 4) {
      const sx = segments[s] + x;
      const sy = segments[s + 1] + y;
      const ex = segments[s + 2] + x;
      const ey = segments[s + 3] + y;
      const startIndex = index(sx, sy);
      const endIndex = index(ex, ey);
      let f = byEnd.get(startIndex);
      if (f) {
        const g = byStart.get(endIndex);
        if (g) {
          byEnd.delete(f.end);
          byStart.delete(g.start);
          if (f === g) {
            f.ring.push(ex, ey);
            rings.push(f.ring);
          } else {
            const joined = { start: f.start, end: g.end, ring: f.ring.concat(g.ring) };
            byStart.set(f.start, joined);
            byEnd.set(g.end, joined);
          }
        } else {
          byEnd.delete(f.end);
          f.ring.push(ex, ey);
          f.end = endIndex;
          byEnd.set(endIndex, f);
        }
      } else if ((f = byStart.get(endIndex))) {
        // (No fragment ends at this segment's start: the first branch would have taken it.)
        byStart.delete(f.start);
        f.ring.unshift(sx, sy);
        f.start = startIndex;
        byStart.set(startIndex, f);
      } else {
        const fresh = { start: startIndex, end: endIndex, ring: [sx, sy, ex, ey] };
        byStart.set(startIndex, fresh);
        byEnd.set(endIndex, fresh);
      }
    }
  };

  // The first row (y = -1: the cells above the grid, whose upper corners count as below).
  let t0: number;
  let t1 = above(values[0]);
  let t2: number;
  let t3: number;
  stitch(t1 << 1);
  while (++x < dx - 1) {
    t0 = t1;
    t1 = above(values[x + 1]);
    stitch(t0 | (t1 << 1));
  }
  stitch(t1);
  // The rows in between.
  while (++y < dy - 1) {
    x = -1;
    t1 = above(values[y * dx + dx]);
    t2 = above(values[y * dx]);
    stitch((t1 << 1) | (t2 << 2));
    while (++x < dx - 1) {
      t0 = t1;
      t1 = above(values[y * dx + dx + x + 1]);
      t3 = t2;
      t2 = above(values[y * dx + x + 1]);
      stitch(t0 | (t1 << 1) | (t2 << 2) | (t3 << 3));
    }
    stitch(t1 | (t2 << 3));
  }
  // The last row (y = dy - 1: the cells below the grid).
  x = -1;
  t2 = above(values[y * dx]);
  stitch(t2 << 2);
  while (++x < dx - 1) {
    t3 = t2;
    t2 = above(values[y * dx + x + 1]);
    stitch((t2 << 2) | (t3 << 3));
  }
  stitch(t2 << 3);

  for (const ring of rings) smooth(ring, values, dx, dy, value);
  return rings;
}

/** Twice the signed area of a closed ring (d3's area: positive for an exterior ring). */
function area(ring: number[]): number {
  const n = ring.length;
  let sum = ring[n - 1] * ring[0] - ring[n - 2] * ring[1];
  for (let i = 2; i < n; i += 2) sum += ring[i - 1] * ring[i] - ring[i - 2] * ring[i + 1];
  return sum;
}

/** 1 inside, −1 outside, 0 on the ring (d3's ringContains). */
function ringContains(ring: number[], x: number, y: number): number {
  let inside = -1;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = ring[i];
    const yi = ring[i + 1];
    const xj = ring[j];
    const yj = ring[j + 1];
    // On the segment: collinear, and between its ends along the axis it is not constant in.
    if ((xj - xi) * (y - yi) === (x - xi) * (yj - yi)) {
      const [p, q, r] = xi === xj ? [yi, y, yj] : [xi, x, xj];
      if ((p <= q && q <= r) || (r <= q && q <= p)) return 0;
    }
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = -inside;
  }
  return inside;
}

/** Whether a hole lies in a ring: its first point that is not on the ring decides (d3's contains). */
function contains(ring: number[], hole: number[]): number {
  for (let i = 0; i < hole.length; i += 2) {
    const c = ringContains(ring, hole[i], hole[i + 1]);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * d3-contour's contour(): exterior rings in the order they close, each followed by the holes
 * inside it; a hole inside none (only degenerate, zero-area rings) is dropped.
 */
export function contourRings(values: Float64Array, dx: number, dy: number, value: number): number[][] {
  const polygons: number[][][] = [];
  const holes: number[][] = [];
  for (const ring of isorings(values, dx, dy, value)) {
    if (area(ring) > 0) polygons.push([ring]);
    else holes.push(ring);
  }
  for (const hole of holes) {
    const polygon = polygons.find((p) => contains(p[0], hole) !== -1);
    polygon?.push(hole);
  }
  return polygons.flat();
}

/** The field being contoured, kept between calls: a fresh 200 kB array per frame kept the GC busy. */
let scratch = new Float64Array(0);

export function boundaries(proba: Float32Array, grid: Grid, classes: number): Polyline[] {
  const n = grid.nx * grid.ny;
  if (scratch.length < n) scratch = new Float64Array(n);
  // Exactly n long: reads past the grid's end must find nothing, as in a fresh array.
  const values = scratch.subarray(0, n);
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
    lines.push(...ringsToPolylines(contourRings(values, grid.nx, grid.ny, 0), grid, keep));
  }
  return lines;
}
