/**
 * Growing one binary tree of axis-aligned splits by exact greedy search, as in CART (Breiman,
 * Friedman, Olshen & Stone 1984, ch. 2–4) and in XGBoost's exact algorithm (Chen & Guestrin
 * 2016, Algorithm 1): at a node, every boundary between two distinct values of a feature is a
 * candidate, split at the midpoint, and the candidate with the largest gain wins (ties: the lower
 * feature, then the lower threshold). What "gain" means is the SplitRule's business: impurity
 * decrease for CART (gini or entropy for classes, squared error for regression, below), the
 * second-order loss reduction for boosting. A regression's 1-D inputs come as points (x, 0)
 * (line-points.ts): a feature constant in a node is never searched, so only x is split on.
 *
 * Speed: each feature's order is sorted once per data set (`presort`). A node owns one segment of
 * every feature's order; splitting it partitions each segment stably, so the children's segments
 * are sorted too and no node ever sorts (the pre-sorting of SLIQ, Mehta, Agrawal & Rissanen 1996,
 * and scikit-learn's former `presort`). One split costs O(node size × features).
 *
 * Growth is best-first: the pending split with the largest gain is made next (ties: the older
 * node). Under the same limits every node that depth-first growth would split is split here too,
 * with the same split, so the finished tree is the same; stopping early gives the best partial one.
 */
import type { Rng } from '../../random.js';
import { FlatTree } from './flat-tree.js';

/** Inputs are points in the plane. */
const FEATURES = 2;

/** What a split is worth, and what a node predicts, given the sums of its samples' statistics. */
export interface SplitRule {
  /** Statistics per sample: class weights for CART, gradient and hessian for boosting. */
  readonly channels: number;
  /** Values stored per node. */
  readonly width: number;
  /** A split is made only if its gain exceeds this. */
  readonly minGain: number;
  /** Node score; a split's gain is score(left) + score(right) − score(node). */
  score(sums: Float64Array, offset: number): number;
  /** The node's part of the training objective, which a split of it lowers by the split's gain. */
  impurity(sums: Float64Array, offset: number): number;
  /** Whether a child with these sums may exist (XGBoost's minimum hessian per child). */
  admissible(sums: Float64Array, offset: number): boolean;
  /** Whether a node needs no split at all (CART: it holds one class only). */
  settled(sums: Float64Array, offset: number): boolean;
  /** Writes the node's `width` values. */
  value(sums: Float64Array, offset: number, out: Float64Array, outOffset: number): void;
}

export interface GrowLimits {
  /** Depth of the deepest split node + 1; the root has depth 0. Infinity = none. */
  maxDepth: number;
  /** Fewest samples (distinct points) in a leaf. */
  minSamplesLeaf: number;
  /** Fewest samples in a node that may be split. */
  minSamplesSplit: number;
  /** Features searched per split (random ones, from the Rng, when fewer than all). */
  maxFeatures: number;
}

/** Each feature's sample indices sorted by value (ties by index): FEATURES × n, row per feature. */
export function presort(X: Float64Array, n: number): Int32Array {
  const sorted = new Int32Array(FEATURES * n);
  for (let f = 0; f < FEATURES; f++) {
    const order = sorted.subarray(f * n, (f + 1) * n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => X[2 * a + f] - X[2 * b + f] || a - b);
  }
  return sorted;
}

/**
 * Grows trees on one data set: begin() starts a tree on some of its points, step() makes one
 * split. Working memory is allocated once and reused for every tree (a forest, boosting rounds).
 */
export class TreeGrower {
  private readonly S: number;
  private readonly order: Int32Array;
  private readonly scratch: Int32Array;
  private readonly goesLeft: Uint8Array;
  private stats: Float64Array = new Float64Array(0);
  private rng: Rng | null = null;
  private readonly tree: FlatTree;
  // Per node (ids shared with the FlatTree): its segment [start, end) of every feature order,
  // depth, statistic sums, and its best pending split, if any.
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  private readonly depth: Int32Array;
  private readonly sums: Float64Array;
  private readonly splitFeature: Int32Array;
  private readonly splitThreshold: Float64Array;
  private readonly splitLeft: Int32Array;
  /** The statistic sums of the left child of each node's best split (found while scanning). */
  private readonly leftSums: Float64Array;
  private readonly gain: Float64Array;
  private readonly heap: Int32Array;
  private heapSize = 0;
  private last = 0;
  private readonly left: Float64Array;
  private readonly right: Float64Array;
  private readonly features = new Int32Array(FEATURES);
  private readonly pool = new Int32Array(FEATURES);
  /** Two-class gini (a forest's, a tree's usual rule): scanned by a loop of its own. */
  private readonly gini2: boolean;

  constructor(
    private readonly X: Float64Array,
    private readonly n: number,
    private readonly sorted: Int32Array,
    private readonly rule: SplitRule,
    private readonly limits: GrowLimits,
  ) {
    this.S = rule.channels;
    this.order = new Int32Array(FEATURES * n);
    this.scratch = new Int32Array(n);
    this.goesLeft = new Uint8Array(n);
    // Any binary tree on n points has at most 2n − 1 nodes.
    const cap = 2 * n + 1;
    this.start = new Int32Array(cap);
    this.end = new Int32Array(cap);
    this.depth = new Int32Array(cap);
    this.sums = new Float64Array(cap * this.S);
    this.splitFeature = new Int32Array(cap);
    this.splitThreshold = new Float64Array(cap);
    this.splitLeft = new Int32Array(cap);
    this.leftSums = new Float64Array(cap * this.S);
    this.gain = new Float64Array(cap);
    this.heap = new Int32Array(cap);
    this.left = new Float64Array(this.S);
    this.right = new Float64Array(this.S);
    this.tree = new FlatTree(rule.width, cap);
    this.gini2 = rule instanceof ClassRule && rule.twoClassGini;
  }

  /** A whole tree, grown as far as the limits allow; see begin(). */
  grow(stats: Float64Array, active: Uint8Array | null, rng: Rng | null): FlatTree {
    this.begin(stats, active, rng);
    while (this.step()) {}
    return this.tree.copy();
  }

  /**
   * Starts a tree on the points with active[i] ≠ 0 (all if null), whose statistics are
   * stats[i·channels ..]. `rng` draws the features tried per split when maxFeatures < 2.
   * Returns the growing tree: the grower's own workspace, reused by the next begin().
   */
  begin(stats: Float64Array, active: Uint8Array | null, rng: Rng | null): FlatTree {
    this.stats = stats;
    this.rng = rng;
    const n = this.n;
    let m = 0;
    for (let f = 0; f < FEATURES; f++) {
      m = 0;
      for (let p = 0; p < n; p++) {
        const i = this.sorted[f * n + p];
        if (!active || active[i]) this.order[f * n + m++] = i;
      }
    }
    this.tree.reset();
    this.heapSize = 0;
    this.start[0] = 0;
    this.end[0] = m;
    this.depth[0] = 0;
    this.sumSegment(0, 0, m, 0);
    this.rule.value(this.sums, 0, this.tree.value, 0);
    this.consider(0);
    return this.tree;
  }

  /** Makes the best pending split; false when no split is left. */
  step(): boolean {
    if (this.heapSize === 0) return false;
    const t = this.pop();
    this.last = this.gain[t];
    this.split(t);
    return true;
  }

  /** Gain of the split step() made last. */
  lastGain(): number {
    return this.last;
  }

  /** Impurity of a node (for a training-loss figure: the leaves' impurities sum to the tree's). */
  impurityOf(node: number): number {
    return this.rule.impurity(this.sums, node * this.S);
  }

  /** Finds node t's best split and queues it, if the node may and can be split. */
  private consider(t: number): void {
    const { maxDepth, minSamplesLeaf, minSamplesSplit } = this.limits;
    const S = this.S;
    const s = this.start[t];
    const e = this.end[t];
    const m = e - s;
    this.gain[t] = Number.NEGATIVE_INFINITY;
    if (this.depth[t] >= maxDepth || m < minSamplesSplit || m < 2 * minSamplesLeaf) return;
    if (this.rule.settled(this.sums, t * S)) return;
    const X = this.X;
    const n = this.n;
    const order = this.order;
    const stats = this.stats;
    const rule = this.rule;
    const left = this.left;
    const right = this.right;
    const sums = this.sums;
    const parent = rule.score(sums, t * S);
    let best = Number.NEGATIVE_INFINITY;
    let bestFeature = -1;
    let bestThreshold = 0;
    let bestLeft = 0;
    const count = this.chooseFeatures(s, e);
    for (let q = 0; q < count; q++) {
      const f = this.features[q];
      const base = f * n;
      if (this.gini2) {
        // The loop below with S = 2 and ClassRule's gini score written out, operation for operation.
        const t0 = sums[2 * t];
        const t1 = sums[2 * t + 1];
        let l0 = 0;
        let l1 = 0;
        let j = order[base + s];
        let next = X[2 * j + f];
        for (let p = s; p < e - 1; p++) {
          const i = j;
          const x = next;
          j = order[base + p + 1];
          next = X[2 * j + f];
          l0 += stats[2 * i];
          l1 += stats[2 * i + 1];
          if (next <= x) continue;
          const nLeft = p - s + 1;
          if (nLeft < minSamplesLeaf) continue;
          if (m - nLeft < minSamplesLeaf) break;
          const r0 = t0 - l0;
          const r1 = t1 - l1;
          const wl = 0 + l0 + l1;
          const wr = 0 + r0 + r1;
          const sl = wl > 0 ? (0 + l0 * l0 + l1 * l1) / wl - wl : 0;
          const sr = wr > 0 ? (0 + r0 * r0 + r1 * r1) / wr - wr : 0;
          const g = sl + sr - parent;
          if (g > best) {
            best = g;
            bestFeature = f;
            bestLeft = nLeft;
            const mid = x / 2 + next / 2;
            bestThreshold = mid < next ? mid : x;
            this.leftSums[2 * t] = l0;
            this.leftSums[2 * t + 1] = l1;
          }
        }
        continue;
      }
      left.fill(0);
      let j = order[base + s];
      let next = X[2 * j + f];
      for (let p = s; p < e - 1; p++) {
        const i = j;
        const x = next;
        j = order[base + p + 1];
        next = X[2 * j + f];
        for (let c = 0; c < S; c++) left[c] += stats[i * S + c];
        if (next <= x) continue;
        const nLeft = p - s + 1;
        if (nLeft < minSamplesLeaf) continue;
        if (m - nLeft < minSamplesLeaf) break;
        for (let c = 0; c < S; c++) right[c] = sums[t * S + c] - left[c];
        if (!rule.admissible(left, 0) || !rule.admissible(right, 0)) continue;
        const g = rule.score(left, 0) + rule.score(right, 0) - parent;
        if (g > best) {
          best = g;
          bestFeature = f;
          bestLeft = nLeft;
          // The midpoint, unless rounding puts it on the right-hand value.
          const mid = x / 2 + next / 2;
          bestThreshold = mid < next ? mid : x;
          for (let c = 0; c < S; c++) this.leftSums[t * S + c] = left[c];
        }
      }
    }
    if (bestFeature < 0 || !(best > rule.minGain)) return;
    this.gain[t] = best;
    this.splitFeature[t] = bestFeature;
    this.splitThreshold[t] = bestThreshold;
    this.splitLeft[t] = bestLeft;
    this.push(t);
  }

  /**
   * Puts the features to search at node [s, e) into this.features, ascending; returns how many.
   * With maxFeatures < 2 they are drawn at random, and, as in scikit-learn, features constant in
   * the node do not count, so a node is never left unsplit for want of a usable feature.
   */
  private chooseFeatures(s: number, e: number): number {
    const features = this.features;
    const pool = this.pool;
    let count = 0;
    if (this.limits.maxFeatures >= FEATURES || !this.rng) {
      for (let f = 0; f < FEATURES; f++) if (this.usable(f, s, e)) features[count++] = f;
      return count;
    }
    for (let f = 0; f < FEATURES; f++) pool[f] = f;
    for (let k = 0; k < FEATURES && count < this.limits.maxFeatures; k++) {
      const j = k + this.rng.int(FEATURES - k);
      const f = pool[j];
      pool[j] = pool[k];
      pool[k] = f;
      if (this.usable(f, s, e)) features[count++] = f;
    }
    // Ascending (two features at most: one swap; no sorted view allocated per node).
    if (count === 2 && features[0] > features[1]) {
      const first = features[1];
      features[1] = features[0];
      features[0] = first;
    }
    return count;
  }

  /** Whether feature f takes more than one value in segment [s, e). */
  private usable(f: number, s: number, e: number): boolean {
    const base = f * this.n;
    return this.X[2 * this.order[base + s] + f] < this.X[2 * this.order[base + e - 1] + f];
  }

  /** Splits node t as found by consider(t), and considers its children. */
  private split(t: number): void {
    const n = this.n;
    const f = this.splitFeature[t];
    const s = this.start[t];
    const e = this.end[t];
    const mid = s + this.splitLeft[t];
    const order = this.order;
    const goesLeft = this.goesLeft;
    const scratch = this.scratch;
    const base = f * n;
    for (let p = s; p < mid; p++) goesLeft[order[base + p]] = 1;
    for (let p = mid; p < e; p++) goesLeft[order[base + p]] = 0;
    // Stable partition of the other features' segments keeps them sorted.
    for (let g = 0; g < FEATURES; g++) {
      if (g === f) continue;
      let l = g * n + s;
      let r = 0;
      for (let p = g * n + s; p < g * n + e; p++) {
        const i = order[p];
        if (goesLeft[i]) order[l++] = i;
        else scratch[r++] = i;
      }
      for (let q = 0; q < r; q++) order[l + q] = scratch[q];
    }
    const child = this.tree.split(t, f, this.splitThreshold[t]);
    const S = this.S;
    for (let side = 0; side < 2; side++) {
      const c = child + side;
      this.start[c] = side === 0 ? s : mid;
      this.end[c] = side === 0 ? mid : e;
      this.depth[c] = this.depth[t] + 1;
      // The scan summed the left child's points already, in this order, from 0.
      if (side === 0) for (let k = 0; k < S; k++) this.sums[c * S + k] = this.leftSums[t * S + k];
      else this.sumSegment(c, this.start[c], this.end[c], f);
      this.rule.value(this.sums, c * S, this.tree.value, c * this.tree.width);
    }
    this.consider(child);
    this.consider(child + 1);
  }

  /** sums[node] = the statistics of the points in [s, e) of feature f's order. */
  private sumSegment(node: number, s: number, e: number, f: number): void {
    const { S, sums, stats, order } = this;
    const o = node * S;
    const base = f * this.n;
    for (let c = 0; c < S; c++) sums[o + c] = 0;
    for (let p = s; p < e; p++) {
      const i = order[base + p];
      for (let c = 0; c < S; c++) sums[o + c] += stats[i * S + c];
    }
  }

  /** Heap order: larger gain first, then the older (smaller) node. */
  private before(a: number, b: number): boolean {
    const ga = this.gain[a];
    const gb = this.gain[b];
    return ga > gb || (ga === gb && a < b);
  }

  private push(t: number): void {
    const heap = this.heap;
    let k = this.heapSize++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!this.before(t, heap[parent])) break;
      heap[k] = heap[parent];
      k = parent;
    }
    heap[k] = t;
  }

  private pop(): number {
    const heap = this.heap;
    const top = heap[0];
    const last = heap[--this.heapSize];
    let k = 0;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= this.heapSize) break;
      if (child + 1 < this.heapSize && this.before(heap[child + 1], heap[child])) child++;
      if (!this.before(heap[child], last)) break;
      heap[k] = heap[child];
      k = child;
    }
    heap[k] = last;
    return top;
  }
}

export type Criterion = 'gini' | 'entropy';

/**
 * CART's class-probability rule for k classes: statistics are per-class sample weights, a node
 * predicts its weighted class shares, and the score is minus the node's total impurity, weight ×
 * (gini 1 − Σ p² or entropy −Σ p log p), so a split's gain is its impurity decrease.
 */
export class ClassRule implements SplitRule {
  readonly channels: number;
  readonly width: number;
  readonly minGain = Number.NEGATIVE_INFINITY;
  private readonly gini: boolean;
  /** Gini with two classes: TreeGrower scans these splits with score() written out. */
  readonly twoClassGini: boolean;

  constructor(
    criterion: Criterion,
    private readonly classes: number,
  ) {
    this.channels = classes;
    this.width = classes;
    this.gini = criterion === 'gini';
    this.twoClassGini = this.gini && classes === 2;
  }

  score(sums: Float64Array, o: number): number {
    const k = this.classes;
    let w = 0;
    for (let c = 0; c < k; c++) w += sums[o + c];
    if (!(w > 0)) return 0;
    let s = 0;
    if (this.gini) {
      for (let c = 0; c < k; c++) s += sums[o + c] * sums[o + c];
      return s / w - w;
    }
    for (let c = 0; c < k; c++) if (sums[o + c] > 0) s += sums[o + c] * Math.log(sums[o + c] / w);
    return s;
  }

  /** Weight × impurity: minus the score. */
  impurity(sums: Float64Array, o: number): number {
    return -this.score(sums, o);
  }

  admissible(): boolean {
    return true;
  }

  settled(sums: Float64Array, o: number): boolean {
    let nonEmpty = 0;
    for (let c = 0; c < this.classes; c++) if (sums[o + c] > 0) nonEmpty++;
    return nonEmpty <= 1;
  }

  value(sums: Float64Array, o: number, out: Float64Array, oo: number): void {
    const k = this.classes;
    let w = 0;
    for (let c = 0; c < k; c++) w += sums[o + c];
    for (let c = 0; c < k; c++) out[oo + c] = w > 0 ? sums[o + c] / w : 1 / k;
  }
}

/** CART statistics: one-hot class weights, stats[i·k + y_i] = weight_i (1 if no weights). */
export function classStats(
  y: Uint8Array,
  n: number,
  classes: number,
  weights?: ArrayLike<number>,
  out = new Float64Array(n * classes),
): Float64Array {
  out.fill(0, 0, n * classes);
  for (let i = 0; i < n; i++) out[i * classes + y[i]] = weights ? weights[i] : 1;
  return out;
}

/** scikit-learn's EPSILON for a pure node: machine epsilon. */
const PURE = 2 ** -52;

/**
 * CART's regression rule (squared error, as scikit-learn's DecisionTreeRegressor): statistics
 * per sample are (w, w·y, w·y²) and a node predicts its weighted mean S/W. The score is
 * scikit-learn's proxy S²/W: the squared error of a node is Q − S²/W, and Q adds up over the
 * children, so a split's gain in score is exactly its decrease in squared error, without the
 * rounding of Q. A node whose mean squared error is at most machine epsilon is not split.
 */
export class SquaredErrorRule implements SplitRule {
  readonly channels = 3;
  readonly width = 1;
  readonly minGain = Number.NEGATIVE_INFINITY;

  score(sums: Float64Array, o: number): number {
    const w = sums[o];
    return w > 0 ? (sums[o + 1] * sums[o + 1]) / w : 0;
  }

  /** The weighted squared error Q − S²/W. */
  impurity(sums: Float64Array, o: number): number {
    return sums[o + 2] - this.score(sums, o);
  }

  admissible(): boolean {
    return true;
  }

  settled(sums: Float64Array, o: number): boolean {
    const w = sums[o];
    const mean = sums[o + 1] / w;
    return sums[o + 2] / w - mean * mean <= PURE;
  }

  value(sums: Float64Array, o: number, out: Float64Array, oo: number): void {
    const w = sums[o];
    out[oo] = w > 0 ? sums[o + 1] / w : 0;
  }
}

/** Squared-error statistics: stats[3i..3i+3) = (w_i, w_i·y_i, w_i·y_i²), w_i = weight_i (1 if no weights). */
export function squaredErrorStats(
  y: Float64Array,
  n: number,
  weights?: ArrayLike<number>,
  out = new Float64Array(3 * n),
): Float64Array {
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    out[3 * i] = w;
    out[3 * i + 1] = w * y[i];
    out[3 * i + 2] = w * y[i] * y[i];
  }
  return out;
}
