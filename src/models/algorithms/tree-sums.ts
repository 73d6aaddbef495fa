/**
 * Sums of many trees' leaf values, at points and on grids (a forest's class shares, boosting's
 * scores): per point, Σ_t value(tree t's leaf of x), added tree by tree in the trees' order.
 * Floating-point addition is not associative, so that order is part of the result, and every path
 * here keeps it: a point gets the same sum, bit for bit, as a scattered point or on a grid, and
 * whether the trees came in one call or stage by stage.
 * - At scattered points each point walks down each tree, or finds itself in the leaf the point
 *   before reached: points are taken in Z-order (Morton 1966), close in the plane, so that
 *   consecutive ones mostly share a leaf and four comparisons replace the walk.
 * - On a grid each leaf adds its value over its block of cells (grid-blocks.ts), with no walk.
 * - When every leaf value so far is an integer the sums are exact in any order, and
 *   integer-sums.ts takes its shorter ways to the same numbers.
 */
import type { Grid } from '../../grid.js';
import type { FlatTree, SumLayout } from './flat-tree.js';
import { type Block, GridBlocks } from './grid-blocks.js';
import { gridIntegerSums, integerLeaves, scatteredIntegerSums } from './integer-sums.js';

/** Trees of one value each (a regression tree's mean, a boosting tree's weight), summed in one column. */
export const oneColumn: SumLayout = { stride: 1, column: () => 0 };

/** Sums of the first `count` trees of a list at one point set; `integer`: every value in them is. */
interface Entry {
  count: number;
  sums: Float64Array;
  integer: boolean;
  /** Scattered points only: their Z-order, once computed. */
  order?: Uint32Array;
}

/** Σ_t value(tree t's leaf of x) at the n points X (n×2), n×stride laid out by `layout`. */
export function sumTreesAt(trees: readonly FlatTree[], X: Float64Array, layout: SumLayout): Float64Array {
  const entry = startEntry(trees, X.length >> 1, layout);
  addAtPoints(trees, 0, X, layout, entry);
  return entry.sums;
}

/** The same sums at the points of a grid (gridPoints' order). */
export function sumTreesOnGrid(trees: readonly FlatTree[], grid: Grid, layout: SumLayout): Float64Array {
  const entry = startEntry(trees, grid.nx * grid.ny, layout);
  addOnGrid(trees, 0, new GridBlocks(grid), layout, entry);
  return entry.sums;
}

/** An entry for all of `trees` at n points, its sums still to be added. */
function startEntry(trees: readonly FlatTree[], n: number, layout: SumLayout): Entry {
  return { count: trees.length, sums: new Float64Array(n * layout.stride), integer: integerLeaves(trees) };
}

/**
 * The sums over a list of trees that only grows, remembered per point set between calls: a model
 * evaluated after every stage on the same grid, training and test points then adds only the trees
 * added since (scikit-learn's staged_predict_proba, without the caller keeping the state). The
 * sums are those of one call over all the trees (see above). Points are remembered for the same
 * array with unchanged contents, grids for the same window and size.
 */
export class StagedSums {
  private points: (Entry & { X: Float64Array; copy: Float64Array })[] = [];
  private grids: (Entry & { grid: Grid; blocks: GridBlocks })[] = [];

  constructor(private readonly layout: SumLayout) {}

  /** Forgets everything: the trees were replaced, not extended. */
  clear(): void {
    this.points = [];
    this.grids = [];
  }

  /** Σ_t value(tree t's leaf of x) over trees[0..] at the points X: n×stride, read-only, owned by this cache. */
  atPoints(trees: readonly FlatTree[], X: Float64Array): Float64Array {
    let entry = this.points.find((e) => e.X === X && e.count <= trees.length && sameValues(e.copy, X));
    if (!entry) {
      entry = { X, copy: X.slice(), ...this.empty(X.length >> 1) };
      remember(this.points, entry);
    }
    const from = entry.count;
    if (this.extend(entry, trees)) addAtPoints(trees, from, X, this.layout, entry);
    return entry.sums;
  }

  /** The same sums at the points of a grid (gridPoints' order). */
  onGrid(trees: readonly FlatTree[], grid: Grid): Float64Array {
    let entry = this.grids.find((e) => e.count <= trees.length && sameGrid(e.grid, grid));
    if (!entry) {
      entry = { grid: { ...grid }, blocks: new GridBlocks(grid), ...this.empty(grid.nx * grid.ny) };
      remember(this.grids, entry);
    }
    const from = entry.count;
    if (this.extend(entry, trees)) addOnGrid(trees, from, entry.blocks, this.layout, entry);
    return entry.sums;
  }

  private empty(n: number): Entry {
    return { count: 0, sums: new Float64Array(n * this.layout.stride), integer: true };
  }

  /** Moves the entry on to the whole list (its sums to be added by the caller); false if there is nothing to add. */
  private extend(entry: Entry, trees: readonly FlatTree[]): boolean {
    if (entry.count >= trees.length) return false;
    entry.integer &&= integerLeaves(trees.slice(entry.count));
    entry.count = trees.length;
    return true;
  }
}

/** Adds the sums of trees[from..] at the points X (n×2) into entry.sums. */
function addAtPoints(trees: readonly FlatTree[], from: number, X: Float64Array, layout: SumLayout, entry: Entry) {
  const added = trees.slice(from);
  // The sweep costs a few logarithmic steps per leaf, the walk a few steps per point and tree:
  // the sweep pays off once points outnumber leaves a few times (2000 test points, not 400).
  if (entry.integer && X.length >> 1 >= 4 * meanLeaves(added) && allFinite(X)) {
    addInto(entry.sums, scatteredIntegerSums(added, X, shifted(layout, from)));
    return;
  }
  entry.order ??= zOrder(X);
  const { sums, order } = entry;
  const { stride } = layout;
  for (let t = from; t < trees.length; t++) {
    const tree = trees[t];
    const { lower, upper, value, width } = tree;
    const offset = layout.column(t);
    let leaf = 0;
    let lo0 = Number.POSITIVE_INFINITY;
    let hi0 = Number.NEGATIVE_INFINITY;
    let lo1 = Number.POSITIVE_INFINITY;
    let hi1 = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      const x0 = X[2 * i];
      const x1 = X[2 * i + 1];
      if (!(x0 > lo0 && x0 <= hi0 && x1 > lo1 && x1 <= hi1)) {
        leaf = tree.leafOf(x0, x1);
        lo0 = lower[2 * leaf];
        hi0 = upper[2 * leaf];
        lo1 = lower[2 * leaf + 1];
        hi1 = upper[2 * leaf + 1];
      }
      for (let j = 0; j < width; j++) sums[i * stride + offset + j] += value[leaf * width + j];
    }
  }
}

/** Adds the sums of trees[from..] at the grid's points into entry.sums, leaf block by leaf block. */
function addOnGrid(trees: readonly FlatTree[], from: number, blocks: GridBlocks, layout: SumLayout, entry: Entry) {
  if (entry.integer) {
    addInto(entry.sums, gridIntegerSums(trees.slice(from), blocks, shifted(layout, from)));
    return;
  }
  const { sums } = entry;
  const { stride } = layout;
  const nx = blocks.nx;
  const block: Block = { c0: 0, c1: 0, r0: 0, r1: 0 };
  for (let t = from; t < trees.length; t++) {
    const { feature, lower, upper, value, width, size } = trees[t];
    const offset = layout.column(t);
    for (let node = 0; node < size; node++) {
      if (feature[node] >= 0 || !blocks.block(lower, upper, node, block)) continue;
      const { c0, c1, r0, r1 } = block;
      for (let j = 0; j < width; j++) {
        const v = value[node * width + j];
        for (let r = r0; r < r1; r++) {
          const end = (r * nx + c1) * stride;
          for (let o = (r * nx + c0) * stride + offset + j; o < end; o += stride) sums[o] += v;
        }
      }
    }
  }
}

/** The layout of trees[from..] as a list of their own: tree t of it is tree from + t. */
function shifted(layout: SumLayout, from: number): SumLayout {
  return { stride: layout.stride, column: (t) => layout.column(from + t) };
}

function addInto(sums: Float64Array, part: Float64Array): void {
  for (let j = 0; j < part.length; j++) sums[j] += part[j];
}

function meanLeaves(trees: readonly FlatTree[]): number {
  let nodes = 0;
  for (const tree of trees) nodes += tree.size;
  // A binary tree of s nodes has (s + 1) / 2 leaves.
  return trees.length > 0 ? (nodes + trees.length) / (2 * trees.length) : 0;
}

function allFinite(X: Float64Array): boolean {
  for (let i = 0; i < X.length; i++) if (!Number.isFinite(X[i])) return false;
  return true;
}

/** Indices of the points in Z-order: coordinates scaled to 16 bits, bits interleaved. */
function zOrder(X: Float64Array): Uint32Array {
  const n = X.length >> 1;
  const lo = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  const hi = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < 2; d++) {
      const v = X[2 * i + d];
      if (v < lo[d]) lo[d] = v;
      if (v > hi[d]) hi[d] = v;
    }
  }
  const spread = (v: number, d: number) => {
    // Non-finite coordinates (NaN) go to cell 0: order only affects speed, never the result.
    let b = hi[d] > lo[d] ? Math.floor(((v - lo[d]) / (hi[d] - lo[d])) * 65535) || 0 : 0;
    b = (b | (b << 8)) & 0x00ff00ff;
    b = (b | (b << 4)) & 0x0f0f0f0f;
    b = (b | (b << 2)) & 0x33333333;
    return (b | (b << 1)) & 0x55555555;
  };
  const code = new Uint32Array(n);
  for (let i = 0; i < n; i++) code[i] = (spread(X[2 * i], 0) | (spread(X[2 * i + 1], 1) << 1)) >>> 0;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => code[a] - code[b] || a - b);
}

/** Keeps the most recent few entries (a grid, training points, test points). */
function remember<T>(entries: T[], entry: T): void {
  entries.unshift(entry);
  if (entries.length > 4) entries.pop();
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

function sameGrid(a: Grid, b: Grid): boolean {
  return (
    a.nx === b.nx && a.ny === b.ny && a.xmin === b.xmin && a.xmax === b.xmax && a.ymin === b.ymin && a.ymax === b.ymax
  );
}
