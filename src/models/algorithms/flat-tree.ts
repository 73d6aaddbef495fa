/**
 * A binary tree of axis-aligned splits stored in flat typed arrays, so that evaluating it on a
 * 25,600-point grid is a tight loop over numbers rather than a walk over objects (the layout of
 * scikit-learn's `Tree`). Node 0 is the root; an internal node sends x to `left` when
 * x[feature] <= threshold and to `left + 1` otherwise (children are always made in pairs).
 * Every node, internal or not, holds `width` values: a tree that is still growing predicts with
 * the nodes that are leaves so far.
 *
 * Each node also keeps its box, the region lower < x ≤ upper (per feature) that reaches it, so
 * bulk evaluation (addRuns) can tell in four comparisons that a point is in the previous one's leaf.
 */
import { integerLeaves, latticeIntegerSums, scatteredIntegerSums } from './integer-sums.js';
import { asLattice, type Lattice, LatticeBlocks } from './lattice.js';

export { asLattice, type Lattice } from './lattice.js';

export class FlatTree {
  /** Number of nodes. */
  size = 1;
  /** Split feature of each node; −1 for a leaf. */
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  /** Left child of each internal node; the right child is left + 1. */
  readonly left: Int32Array;
  /** `width` values per node (class shares, or a leaf weight). */
  readonly value: Float64Array;
  /** Box of each node: lower[2·node + f] < x_f ≤ upper[2·node + f]. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;

  /** Room for `capacity` nodes, all in one buffer (one allocation per tree). */
  constructor(
    readonly width: number,
    readonly capacity: number,
  ) {
    const cap = Math.max(1, capacity);
    const buffer = new ArrayBuffer(8 * cap * (5 + width) + 4 * 2 * cap);
    let at = 0;
    const f64 = (length: number) => {
      const array = new Float64Array(buffer, at, length);
      at += 8 * length;
      return array;
    };
    const i32 = (length: number) => {
      const array = new Int32Array(buffer, at, length);
      at += 4 * length;
      return array;
    };
    this.threshold = f64(cap);
    this.value = f64(cap * width);
    this.lower = f64(2 * cap);
    this.upper = f64(2 * cap);
    this.feature = i32(cap);
    this.left = i32(cap);
    this.reset();
  }

  /** Back to a single root leaf with no values. */
  reset(): void {
    this.size = 1;
    this.feature[0] = -1;
    this.value.fill(0, 0, this.width);
    this.lower.fill(Number.NEGATIVE_INFINITY, 0, 2);
    this.upper.fill(Number.POSITIVE_INFINITY, 0, 2);
  }

  /** Turns leaf `node` into a split and returns its left child (the right one is left + 1). */
  split(node: number, feature: number, threshold: number): number {
    if (this.size + 2 > this.capacity) throw new Error(`tree is full (${this.capacity} nodes)`);
    const left = this.size;
    this.size += 2;
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.left[node] = left;
    this.feature[left] = -1;
    this.feature[left + 1] = -1;
    // Both children inherit the box; the split feature's side is cut at the threshold.
    for (let j = 0; j < 4; j++) {
      this.lower[2 * left + j] = this.lower[2 * node + (j & 1)];
      this.upper[2 * left + j] = this.upper[2 * node + (j & 1)];
    }
    this.upper[2 * left + feature] = threshold;
    this.lower[2 * (left + 1) + feature] = threshold;
    return left;
  }

  /** A copy with no spare room. */
  copy(): FlatTree {
    const n = this.size;
    const tree = new FlatTree(this.width, n);
    tree.size = n;
    tree.threshold.set(this.threshold.subarray(0, n));
    tree.value.set(this.value.subarray(0, n * this.width));
    tree.lower.set(this.lower.subarray(0, 2 * n));
    tree.upper.set(this.upper.subarray(0, 2 * n));
    tree.feature.set(this.feature.subarray(0, n));
    tree.left.set(this.left.subarray(0, n));
    return tree;
  }

  /** The leaf that point (x0, x1) falls in. */
  leafOf(x0: number, x1: number): number {
    const feature = this.feature;
    const threshold = this.threshold;
    const left = this.left;
    let node = 0;
    let f = feature[0];
    while (f >= 0) {
      node = left[node] + ((f === 0 ? x0 : x1) <= threshold[node] ? 0 : 1);
      f = feature[node];
    }
    return node;
  }

  /** Number of leaves reachable from the root. */
  leafCount(): number {
    let leaves = 0;
    const stack = [0];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (this.feature[node] < 0) leaves++;
      else stack.push(this.left[node], this.left[node] + 1);
    }
    return leaves;
  }

  /** For each of the n points in X (n×2): out[i·stride + offset + j] += scale · value[leaf·width + j]. */
  accumulate(X: Float64Array, out: Float64Array, stride: number, offset: number, scale: number): void {
    const n = X.length >> 1;
    const width = this.width;
    for (let i = 0; i < n; i++) {
      const v = this.leafOf(X[2 * i], X[2 * i + 1]) * width;
      for (let j = 0; j < width; j++) out[i * stride + offset + j] += scale * this.value[v + j];
    }
  }

  /**
   * accumulate() for many trees over many points, done as changes: adds to `runs`, at each point
   * whose leaf differs from the previous point's, scale × (new leaf value − previous leaf value).
   * After every tree has added its runs, sumRuns() turns them into the sums accumulate() gives.
   * Neighbouring points mostly share a leaf, so most points cost four comparisons against the
   * current leaf's box and no write; on a lattice (see asLattice) no point is visited at all.
   */
  addRuns(
    X: Float64Array,
    runs: Float64Array,
    stride: number,
    offset: number,
    scale: number,
    lattice: Lattice | null = null,
  ): void {
    if (lattice) {
      this.addLatticeRuns(lattice, runs, stride, offset, scale);
      return;
    }
    const n = X.length >> 1;
    const { lower, upper } = this;
    let leaf = -1;
    let lo0 = Number.POSITIVE_INFINITY;
    let hi0 = Number.NEGATIVE_INFINITY;
    let lo1 = Number.POSITIVE_INFINITY;
    let hi1 = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const x0 = X[2 * i];
      const x1 = X[2 * i + 1];
      if (x0 > lo0 && x0 <= hi0 && x1 > lo1 && x1 <= hi1) continue;
      const node = this.leafOf(x0, x1);
      this.addChange(runs, i * stride + offset, scale, leaf, node);
      leaf = node;
      lo0 = lower[2 * node];
      hi0 = upper[2 * node];
      lo1 = lower[2 * node + 1];
      hi1 = upper[2 * node + 1];
    }
  }

  /**
   * On a lattice each leaf adds its runs directly: its box covers a block of rows and, in each,
   * one stretch of columns, found by binary search; the stretch starts with +value and the point
   * after it gets −value. No point is visited.
   */
  private addLatticeRuns(lattice: Lattice, runs: Float64Array, stride: number, offset: number, scale: number): void {
    const blocks = new LatticeBlocks(lattice);
    const block = new Int32Array(4);
    const columns = lattice.xs.length;
    const n = columns * lattice.rows.length;
    const { feature, lower, upper, value, width } = this;
    for (let node = 0; node < this.size; node++) {
      if (feature[node] >= 0 || !blocks.block(lower, upper, node, block)) continue;
      const [c0, c1, r0, r1] = [block[0], block[1], block[2], block[3]];
      for (let r = r0; r < r1; r++) {
        const start = (r * columns + c0) * stride + offset;
        const end = r * columns + c1;
        for (let j = 0; j < width; j++) {
          const v = scale * value[node * width + j];
          runs[start + j] += v;
          if (end < n) runs[end * stride + offset + j] -= v;
        }
      }
    }
  }

  /** runs[o + j] += scale · (value of leaf `to` − value of leaf `from`; none if from < 0). */
  private addChange(runs: Float64Array, o: number, scale: number, from: number, to: number): void {
    const { value, width } = this;
    for (let j = 0; j < width; j++) {
      runs[o + j] += scale * (value[to * width + j] - (from >= 0 ? value[from * width + j] : 0));
    }
  }
}

/**
 * Σ_t scale · value(tree t's leaf of x) for each of the n points in X: an n×stride array where
 * tree t adds its `width` values at columns column(t)... (a forest's class shares, boosting's
 * per-class scores). Trees add runs (see addRuns): on a lattice row by row; scattered points are
 * visited in Z-order (Morton 1966), so that consecutive points are mostly close in the plane too
 * and share leaves. Trees whose leaves hold integers take integer-sums.ts's shorter ways to the
 * same (exact) sums.
 */
export function sumTrees(
  trees: readonly FlatTree[],
  X: Float64Array,
  stride: number,
  column: (t: number) => number,
  scale: number,
): Float64Array {
  const n = X.length >> 1;
  const lattice = asLattice(X);
  if (scale === 1 && integerLeaves(trees)) {
    if (lattice) return latticeIntegerSums(trees, lattice, stride, column);
    // The sweep costs a few logarithmic steps per leaf, the runs one box test per point: the
    // sweep pays off once points outnumber leaves a few times (2000 test points, not 400).
    if (n >= 4 * meanLeaves(trees) && allFinite(X)) return scatteredIntegerSums(trees, X, stride, column);
  }
  const sums = new Float64Array(n * stride);
  if (lattice || n < 2) {
    for (let t = 0; t < trees.length; t++) trees[t].addRuns(X, sums, stride, column(t), scale, lattice);
    sumRuns(sums, n, stride);
    return sums;
  }
  const order = zOrder(X);
  const Y = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    Y[2 * i] = X[2 * order[i]];
    Y[2 * i + 1] = X[2 * order[i] + 1];
  }
  const runs = new Float64Array(n * stride);
  for (let t = 0; t < trees.length; t++) trees[t].addRuns(Y, runs, stride, column(t), scale, null);
  sumRuns(runs, n, stride);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < stride; j++) sums[order[i] * stride + j] = runs[i * stride + j];
  }
  return sums;
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

/**
 * sumTrees (scale 1) over a list of trees that only grows, remembered per point set between
 * calls: a model evaluated after every stage on the same grid, training and test points then
 * evaluates only the trees added since (scikit-learn's staged_predict_proba, without the caller
 * keeping the state). An entry is reused only for the same array with unchanged contents.
 */
export class StagedSums {
  private entries: { X: Float64Array; copy: Float64Array; count: number; sums: Float64Array }[] = [];

  constructor(
    private readonly stride: number,
    private readonly column: (t: number) => number,
  ) {}

  /** Forgets everything: the trees were replaced, not extended. */
  clear(): void {
    this.entries = [];
  }

  /** Σ_t value(tree t's leaf of x) over trees[0..], n×stride; read-only, owned by this cache. */
  get(trees: readonly FlatTree[], X: Float64Array): Float64Array {
    let entry = this.entries.find((e) => e.X === X && e.count <= trees.length && sameValues(e.copy, X));
    if (!entry) {
      entry = { X, copy: X.slice(), count: 0, sums: new Float64Array((X.length >> 1) * this.stride) };
      this.entries.unshift(entry);
      if (this.entries.length > 4) this.entries.pop();
    }
    const done = entry.count;
    if (done < trees.length) {
      const added = sumTrees(trees.slice(done), X, this.stride, (t) => this.column(done + t), 1);
      for (let j = 0; j < added.length; j++) entry.sums[j] += added[j];
      entry.count = trees.length;
    }
    return entry.sums;
  }
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
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

/** Turns the changes that addRuns() wrote into running sums over the n points, per column. */
export function sumRuns(runs: Float64Array, n: number, stride: number): void {
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < stride; j++) runs[i * stride + j] += runs[(i - 1) * stride + j];
  }
}
