/**
 * Points that form a lattice (the renderer's grid): rows of points sharing one y, every row with
 * the same increasing x values. Models that recognise one evaluate per column and per row what
 * depends on one coordinate only, and combine the two per point with the very operations the
 * point-by-point path uses, so both paths give the same numbers.
 */

/** Points laid out as a lattice: row r, column j is (xs[j], y of row r), row-major. */
export interface Lattice {
  /** Column x values, ascending. */
  xs: Float64Array;
  /** Row y values, ascending. */
  rows: Float64Array;
  /** Whether X's rows run from the largest y down (the renderer's grid) rather than up. */
  descending: boolean;
}

/**
 * X as a lattice, if it is one: rows of points sharing one y, rows in strictly increasing or
 * decreasing y, every row with the same strictly increasing x values. Null otherwise. One pass.
 */
export function asLattice(X: Float64Array): Lattice | null {
  const n = X.length >> 1;
  if (n < 2) return null;
  let columns = 1;
  while (columns < n && X[2 * columns + 1] === X[1]) columns++;
  if (n % columns !== 0) return null;
  const xs = new Float64Array(columns);
  for (let j = 0; j < columns; j++) {
    xs[j] = X[2 * j];
    if (j > 0 && !(xs[j] > xs[j - 1])) return null;
  }
  const R = n / columns;
  const ys = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    ys[r] = X[2 * r * columns + 1];
    for (let j = 0; j < columns; j++) {
      const o = 2 * (r * columns + j);
      if (X[o] !== xs[j] || X[o + 1] !== ys[r]) return null;
    }
  }
  const descending = R > 1 && ys[1] < ys[0];
  for (let r = 1; r < R; r++) if (descending ? !(ys[r] < ys[r - 1]) : !(ys[r] > ys[r - 1])) return null;
  return { xs, rows: descending ? ys.reverse() : ys, descending };
}

/** The y of each row in X's own order (lattice.rows is ascending). */
export function rowsInOrder(lattice: Lattice): Float64Array {
  return lattice.descending ? lattice.rows.slice().reverse() : lattice.rows;
}

/**
 * The number of values ≤ t in one ascending array, asked many times: the search starts where t would fall if
 * the values were evenly spaced (a grid's are) and steps from there, one or two steps instead of
 * a binary search. Any ascending array gives the right count, just more slowly if uneven.
 */
export class Axis {
  private readonly first: number;
  private readonly perStep: number;

  constructor(readonly values: Float64Array) {
    const n = values.length;
    this.first = n > 0 ? values[0] : 0;
    const perStep = n > 1 ? (n - 1) / (values[n - 1] - values[0]) : 0;
    this.perStep = Number.isFinite(perStep) ? perStep : 0;
  }

  /** Number of values ≤ t. */
  countAtMost(t: number): number {
    const v = this.values;
    const n = v.length;
    let g = Math.floor((t - this.first) * this.perStep) + 1;
    // NaN (t infinite or NaN) and out-of-range guesses start at an end.
    if (!(g >= 0)) g = 0;
    else if (g > n) g = n;
    while (g > 0 && v[g - 1] > t) g--;
    while (g < n && v[g] <= t) g++;
    return g;
  }
}

/** Where boxes fall on a lattice: the block of its points inside lower < x ≤ upper. */
export class LatticeBlocks {
  private readonly xs: Axis;
  private readonly rows: Axis;
  private readonly R: number;

  constructor(private readonly lattice: Lattice) {
    this.xs = new Axis(lattice.xs);
    this.rows = new Axis(lattice.rows);
    this.R = lattice.rows.length;
  }

  /**
   * The block inside node `node`'s box (bounds at 2·node for x, 2·node + 1 for y): columns
   * out[0]..out[1]−1 and rows out[2]..out[3]−1, rows in X's order (rows[] is ascending, X's rows
   * may run the other way). False when the block is empty.
   */
  block(lower: Float64Array, upper: Float64Array, node: number, out: Int32Array): boolean {
    const c0 = this.xs.countAtMost(lower[2 * node]);
    const c1 = this.xs.countAtMost(upper[2 * node]);
    if (c0 >= c1) return false;
    const a0 = this.rows.countAtMost(lower[2 * node + 1]);
    const a1 = this.rows.countAtMost(upper[2 * node + 1]);
    if (a0 >= a1) return false;
    const { descending } = this.lattice;
    out[0] = c0;
    out[1] = c1;
    out[2] = descending ? this.R - a1 : a0;
    out[3] = descending ? this.R - a0 : a1;
    return true;
  }
}
