/**
 * Decision boundaries as polylines: marching squares (Lorensen & Cline's cube cases in two
 * dimensions, with linear interpolation along the cell edges, so lines are smooth, not
 * staircase) on the evaluation grid. Two classes: the zero contour of p1 − p0. K classes: for
 * each class k the zero contour of p_k − max_{j≠k} p_j, keeping each stretch once (from the side
 * of the lower-numbered class). Coordinates are in grid units (value (i, j) at (i + .5, j + .5)).
 *
 * Written here rather than taken from d3-contour: d3 builds closed polygons (rings closed along
 * the grid's frame), and a boundary is an open line; building lines directly is simpler than
 * cutting the frame out of rings, and several times faster (this runs once per frame).
 * Saddle cells (diagonal corners alike) are split by the mean of the four corners.
 *
 * Which cells a boundary crosses is decided by the sign of the probability difference; where
 * along a cell edge it crosses, by linear interpolation of the log-odds (log p_k − log p_other)
 * between the edge's two nodes. The log-odds of a linear model are linear, so its boundary comes
 * out exactly straight, even when the model is so sure that its probabilities are 0 or 1 a cell
 * away from the boundary, where interpolating probabilities would put every crossing mid-edge
 * and draw a staircase.
 */
import type { Grid } from '../grid.js';

export type Polyline = number[]; // x0, y0, x1, y1, ...

/**
 * The segments of one cell, as pairs of its edges: 0 bottom (j), 1 right (i + 1), 2 top (j + 1),
 * 3 left (i); indexed by the case (bit 0: corner (i, j) inside, 1: (i + 1, j), 2: (i + 1, j + 1),
 * 3: (i, j + 1)). The saddles (5, 10) are settled by the centre, in zeroContour.
 */
const SEGMENTS: readonly (readonly number[])[] = [
  [],
  [3, 0],
  [0, 1],
  [3, 1],
  [1, 2],
  [],
  [0, 2],
  [3, 2],
  [2, 3],
  [0, 2],
  [],
  [1, 2],
  [1, 3],
  [0, 1],
  [3, 0],
  [],
];

/** The saddle cases' two ways to pair the edges (see zeroContour). */
const SADDLE_LEFT_BOTTOM = [3, 0, 1, 2] as const;
const SADDLE_BOTTOM_RIGHT = [0, 1, 2, 3] as const;

function grow(buffer: Int32Array): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(2 * buffer.length);
  grown.set(buffer);
  return grown;
}

/**
 * Edge `side` of the cell whose lower-left node is `a` (sides as in SEGMENTS); an edge is
 * 2·node for the edge to the right of a node, 2·node + 1 for the edge below it.
 */
function edgeOf(a: number, side: number, nx: number): number {
  return side === 0 ? 2 * a : side === 1 ? 2 * (a + 1) + 1 : side === 2 ? 2 * (a + nx) : 2 * a + 1;
}

/** log p, with log 0 just below the log of the smallest float32 (≈ −103.3): finite. */
function logOf(p: number): number {
  return p > 0 ? Math.log(p) : -104;
}

/** The largest probability at `node` of a class other than k. */
function bestOther(proba: Float32Array, node: number, classes: number, k: number): number {
  let other = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < classes; c++) if (c !== k && proba[node * classes + c] > other) other = proba[node * classes + c];
  return other;
}

/**
 * Finds the boundaries of one grid's probabilities, frame after frame. Its buffers are sized
 * once for the grid and reused by every call, so a frame allocates only the lines it returns.
 */
export class Contourer {
  /** The field whose zero contour is traced (per node). */
  private readonly values: Float64Array;
  /** Log-odds at the corners of the crossed cells (the other nodes are never read). */
  private readonly odds: Float64Array;
  /** Per edge, the first and second segment ending there (−1: none). */
  private readonly firstSegment: Int32Array;
  private readonly secondSegment: Int32Array;
  /** The cells the zero contour crosses. */
  private cells = new Int32Array(1024);
  /** The kept segments as pairs of edges. */
  private ends = new Int32Array(1024);
  /** Which segments a line already took. */
  private used = new Uint8Array(512);

  constructor(private readonly grid: Grid) {
    const nodes = grid.nx * grid.ny;
    this.values = new Float64Array(nodes);
    this.odds = new Float64Array(nodes);
    this.firstSegment = new Int32Array(2 * nodes).fill(-1);
    this.secondSegment = new Int32Array(2 * nodes).fill(-1);
  }

  /** The decision boundaries of `proba` (grid points × classes), in grid units. */
  boundaries(proba: Float32Array, classes: number): Polyline[] {
    const { grid, values } = this;
    const n = grid.nx * grid.ny;
    if (classes === 2) {
      for (let i = 0; i < n; i++) values[i] = proba[2 * i + 1] - proba[2 * i];
      return this.zeroContour(
        () => true,
        (i) => logOf(proba[2 * i + 1]) - logOf(proba[2 * i]),
      );
    }
    const cellOf = (x: number, y: number) =>
      Math.min(grid.ny - 1, Math.max(0, Math.floor(y))) * grid.nx + Math.min(grid.nx - 1, Math.max(0, Math.floor(x)));
    const lines: Polyline[] = [];
    for (let k = 0; k < classes; k++) {
      for (let i = 0; i < n; i++) values[i] = proba[i * classes + k] - bestOther(proba, i, classes, k);
      // Keep a stretch only where the class across it is numbered above k: each boundary once.
      const keep = (x: number, y: number) => {
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
      const logOdds = (i: number) => logOf(proba[i * classes + k]) - logOf(bestOther(proba, i, classes, k));
      lines.push(...this.zeroContour(keep, logOdds));
    }
    return lines;
  }

  /** Where along an edge the boundary crosses it (0 at its node, 1 at the other end), from the log-odds. */
  private crossingAt(edge: number): number {
    const node = edge >> 1;
    const a = this.odds[node];
    const b = this.odds[edge & 1 ? node + this.grid.nx : node + 1];
    // a and b have opposite signs (or a is 0); equal only when both are 0, at one rounding apart.
    return a === b ? 0.5 : a / (a - b);
  }

  /** The crossing point of an edge, in grid units: x (coordinate 0) or y (coordinate 1). */
  private crossing(edge: number, coordinate: 0 | 1): number {
    const { nx } = this.grid;
    const node = edge >> 1;
    const i = node % nx;
    const along = (edge & 1) === coordinate ? this.crossingAt(edge) : 0;
    return (coordinate === 0 ? i : (node - i) / nx) + 0.5 + along;
  }

  /**
   * The zero contour of `values` as polylines, keeping the segments whose midpoint `keep`
   * accepts; `logOdds(node)` has the sign of values[node] and places the crossings. Each crossing
   * is identified by its grid edge, shared by the two cells on either side; segments meeting at
   * an edge are joined into one line.
   */
  private zeroContour(keep: (x: number, y: number) => boolean, logOdds: (node: number) => number): Polyline[] {
    const { values: field, odds, firstSegment, secondSegment } = this;
    const { nx, ny } = this.grid;
    // The cells whose corners are not all on one side of zero.
    let count = 0;
    for (let j = 0; j + 1 < ny; j++) {
      for (let a = j * nx; a < j * nx + nx - 1; a++) {
        const up = field[a] >= 0;
        if (up === field[a + 1] >= 0 && up === field[a + nx] >= 0 && up === field[a + nx + 1] >= 0) continue;
        if (count === this.cells.length) this.cells = grow(this.cells);
        this.cells[count++] = a;
      }
    }
    const { cells } = this;
    for (let c = 0; c < count; c++) {
      const a = cells[c];
      odds[a] = logOdds(a);
      odds[a + 1] = logOdds(a + 1);
      odds[a + nx] = logOdds(a + nx);
      odds[a + nx + 1] = logOdds(a + nx + 1);
    }
    // Segments as edge pairs.
    let segments = 0;
    for (let c = 0; c < count; c++) {
      const a = cells[c];
      const kind =
        (field[a] >= 0 ? 1 : 0) |
        (field[a + 1] >= 0 ? 2 : 0) |
        (field[a + 1 + nx] >= 0 ? 4 : 0) |
        (field[a + nx] >= 0 ? 8 : 0);
      let pairs = SEGMENTS[kind];
      if (kind === 5 || kind === 10) {
        // Corners on the centre's side connect through it: cut off the other two.
        const centreInside = field[a] + field[a + 1] + field[a + 1 + nx] + field[a + nx] >= 0;
        pairs = (kind === 5) !== centreInside ? SADDLE_LEFT_BOTTOM : SADDLE_BOTTOM_RIGHT;
      }
      for (let s = 0; s < pairs.length; s += 2) {
        const e0 = edgeOf(a, pairs[s], nx);
        const e1 = edgeOf(a, pairs[s + 1], nx);
        const midX = (this.crossing(e0, 0) + this.crossing(e1, 0)) / 2;
        const midY = (this.crossing(e0, 1) + this.crossing(e1, 1)) / 2;
        if (!keep(midX, midY)) continue;
        if (2 * segments + 2 > this.ends.length) this.ends = grow(this.ends);
        this.ends[2 * segments] = e0;
        this.ends[2 * segments + 1] = e1;
        if (firstSegment[e0] < 0) firstSegment[e0] = segments;
        else secondSegment[e0] = segments;
        if (firstSegment[e1] < 0) firstSegment[e1] = segments;
        else secondSegment[e1] = segments;
        segments++;
      }
    }

    // Walk the segments into lines: open lines from their free ends first, then closed rings.
    if (this.used.length < segments) this.used = new Uint8Array(2 * segments);
    const { ends, used } = this;
    used.fill(0, 0, segments);
    const lines: Polyline[] = [];
    const walk = (first: number, from: number) => {
      const line: Polyline = [this.crossing(from, 0), this.crossing(from, 1)];
      let segment = first;
      let edge = from;
      while (segment >= 0 && !used[segment]) {
        used[segment] = 1;
        edge = ends[2 * segment] === edge ? ends[2 * segment + 1] : ends[2 * segment];
        line.push(this.crossing(edge, 0), this.crossing(edge, 1));
        segment = firstSegment[edge] === segment ? secondSegment[edge] : firstSegment[edge];
      }
      lines.push(line);
    };
    for (let e = 0; e < 2 * segments; e++) {
      const edge = ends[e];
      if (secondSegment[edge] < 0 && !used[e >> 1]) walk(e >> 1, edge);
    }
    for (let s = 0; s < segments; s++) if (!used[s]) walk(s, ends[2 * s]);
    for (let e = 0; e < 2 * segments; e++) {
      firstSegment[ends[e]] = -1;
      secondSegment[ends[e]] = -1;
    }
    return lines;
  }
}

/** The decision boundaries of one grid of probabilities (grid points × classes), in grid units. */
export function boundaries(proba: Float32Array, grid: Grid, classes: number): Polyline[] {
  return new Contourer(grid).boundaries(proba, classes);
}
