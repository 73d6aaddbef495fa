/**
 * A binary tree of axis-aligned splits stored in flat typed arrays, so that evaluating it on a
 * 25,600-point grid is a tight loop over numbers rather than a walk over objects (the layout of
 * scikit-learn's `Tree`). Node 0 is the root; an internal node sends x to `left` when
 * x[feature] <= threshold and to `left + 1` otherwise (children are always made in pairs).
 * Every node, internal or not, holds `width` values: a tree that is still growing predicts with
 * the nodes that are leaves so far.
 *
 * Each node also keeps its box, the region lower < x ≤ upper (per feature) that reaches it: a
 * leaf's box is the block of grid cells it decides (see grid-blocks.ts).
 */
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
    // Both children inherit the box; the split feature's side is cut at the threshold (clamped to
    // the box, so that a box is exactly the region whose points reach the node).
    for (let j = 0; j < 4; j++) {
      this.lower[2 * left + j] = this.lower[2 * node + (j & 1)];
      this.upper[2 * left + j] = this.upper[2 * node + (j & 1)];
    }
    const f = 2 * node + feature;
    this.upper[2 * left + feature] = Math.max(this.lower[f], Math.min(this.upper[f], threshold));
    this.lower[2 * (left + 1) + feature] = Math.max(this.lower[f], Math.min(this.upper[f], threshold));
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

  /** For each of the n points in X (n×2): out[i·stride + offset + j] += value[leaf·width + j]. */
  accumulate(X: Float64Array, out: Float64Array, stride: number, offset: number): void {
    const n = X.length >> 1;
    const width = this.width;
    for (let i = 0; i < n; i++) {
      const v = this.leafOf(X[2 * i], X[2 * i + 1]) * width;
      for (let j = 0; j < width; j++) out[i * stride + offset + j] += this.value[v + j];
    }
  }
}

/**
 * Where trees' values go when many trees are summed: an n×stride array in which tree t adds its
 * `width` values at columns column(t).. (a forest's class shares, all at 0; boosting's per-class
 * scores, tree t at t mod K).
 */
export interface SumLayout {
  stride: number;
  column(t: number): number;
}
