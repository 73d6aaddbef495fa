/**
 * Where axis-aligned boxes (the leaves of a tree) fall on an evaluation grid: each box covers a
 * block of the grid's cells, a range of columns in a range of rows, found from the grid's axes
 * alone, so that a tree on a grid is evaluated per leaf rather than per point.
 */
import { type Grid, gridAxes } from '../../grid.js';

/**
 * The number of values ≤ t in one ascending array, asked many times: the search starts where t
 * would fall if the values were evenly spaced (a grid's are) and steps from there, one or two
 * steps instead of a binary search. Any ascending array gives the right count, more slowly if uneven.
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

/** A block of grid cells: columns c0..c1−1 of rows r0..r1−1 (rows from the top, as the grid's points). */
export interface Block {
  c0: number;
  c1: number;
  r0: number;
  r1: number;
}

/** The blocks of a grid's cells that boxes lower < x ≤ upper cover. */
export class GridBlocks {
  readonly nx: number;
  readonly ny: number;
  private readonly columns: Axis;
  /** The rows' y values ascending (the grid's rows run from the top down). */
  private readonly rows: Axis;

  constructor(grid: Grid) {
    const { xs, ys } = gridAxes(grid);
    this.nx = grid.nx;
    this.ny = grid.ny;
    this.columns = new Axis(xs);
    this.rows = new Axis(ys.reverse());
  }

  /**
   * The block inside node `node`'s box (bounds at 2·node for x, 2·node + 1 for y, as FlatTree
   * keeps them), into `out`. False when the box holds no grid point.
   */
  block(lower: Float64Array, upper: Float64Array, node: number, out: Block): boolean {
    const c0 = this.columns.countAtMost(lower[2 * node]);
    const c1 = this.columns.countAtMost(upper[2 * node]);
    if (c0 >= c1) return false;
    const a0 = this.rows.countAtMost(lower[2 * node + 1]);
    const a1 = this.rows.countAtMost(upper[2 * node + 1]);
    if (a0 >= a1) return false;
    out.c0 = c0;
    out.c1 = c1;
    out.r0 = this.ny - a1;
    out.r1 = this.ny - a0;
    return true;
  }
}
