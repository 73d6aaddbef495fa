/**
 * Sums of tree values over many points when every leaf value is an integer, as in a forest grown
 * to pure leaves (class shares 0 and 1). Integer sums are exact in floating point whatever the
 * order of the additions, so these give bit for bit the sums tree-sums.ts adds tree by tree, in
 * fewer steps; each leaf is a rectangle of the plane and adds its value over it:
 * - on a grid, at the four corners of a two-dimensional difference array, which prefix sums
 *   along the rows and down the columns turn into the sums (a summed-area table; Crow 1984):
 *   four writes per leaf instead of one per cell;
 * - at scattered points, by a sweep in x with a Fenwick tree over the y ranks (Fenwick 1994):
 *   a few logarithmic steps per leaf instead of a box test per point and tree.
 */
import type { FlatTree, SumLayout } from './flat-tree.js';
import type { Block, GridBlocks } from './grid-blocks.js';

/** Whether every leaf of every tree holds integers: then sums of them do not depend on order. */
export function integerLeaves(trees: readonly FlatTree[]): boolean {
  for (const tree of trees) {
    const { feature, value, width } = tree;
    for (let node = 0; node < tree.size; node++) {
      if (feature[node] >= 0) continue;
      for (let j = 0; j < width; j++) if (!Number.isInteger(value[node * width + j])) return false;
    }
  }
  return true;
}

/**
 * Σ_t value(tree t's leaf of x) for each point of a grid (gridPoints' order), as n×stride laid
 * out by `layout`. Integer-valued trees only (see integerLeaves).
 */
export function gridIntegerSums(trees: readonly FlatTree[], blocks: GridBlocks, layout: SumLayout): Float64Array {
  const { stride } = layout;
  const block: Block = { c0: 0, c1: 0, r0: 0, r1: 0 };
  const C = blocks.nx;
  const R = blocks.ny;
  // D[(r·(C + 1) + c)·stride + j]; the extra row and column take the far corners.
  const W = C + 1;
  const D = new Float64Array((R + 1) * W * stride);
  for (let t = 0; t < trees.length; t++) {
    const { feature, lower, upper, value, width } = trees[t];
    const offset = layout.column(t);
    for (let node = 0; node < trees[t].size; node++) {
      if (feature[node] >= 0 || !blocks.block(lower, upper, node, block)) continue;
      const { c0, c1, r0, r1 } = block;
      for (let j = 0; j < width; j++) {
        const v = value[node * width + j];
        if (v === 0) continue;
        const o = offset + j;
        D[(r0 * W + c0) * stride + o] += v;
        D[(r0 * W + c1) * stride + o] -= v;
        D[(r1 * W + c0) * stride + o] -= v;
        D[(r1 * W + c1) * stride + o] += v;
      }
    }
  }
  const sums = new Float64Array(R * C * stride);
  const line = new Float64Array(C * stride);
  for (let r = 0; r < R; r++) {
    // line = the column sums of rows 0..r; a running sum along it gives row r's values.
    for (let c = 0; c < C; c++) {
      for (let j = 0; j < stride; j++) line[c * stride + j] += D[(r * W + c) * stride + j];
    }
    const out = r * C * stride;
    for (let j = 0; j < stride; j++) {
      let s = 0;
      for (let c = 0; c < C; c++) {
        s += line[c * stride + j];
        sums[out + c * stride + j] = s;
      }
    }
  }
  return sums;
}

/**
 * The same sums at scattered points (n×2, every coordinate finite), as n×stride laid out by
 * `layout`, for integer-valued trees. A sweep over the points in x order: a leaf's value enters at its first
 * point in x and leaves after its last, as a range update over the y ranks of a Fenwick tree per
 * column (Fenwick 1994); each point then reads its column sums at its y rank. A leaf's x and y
 * ranges come from its ancestors' thresholds, each located once per tree.
 */
export function scatteredIntegerSums(trees: readonly FlatTree[], X: Float64Array, layout: SumLayout): Float64Array {
  const { stride } = layout;
  const n = X.length >> 1;
  const byX = new Uint32Array(n);
  for (let i = 0; i < n; i++) byX[i] = i;
  byX.sort((a, b) => X[2 * a] - X[2 * b] || a - b);
  const sorted = [Float64Array.from(byX, (i) => X[2 * i]), new Float64Array(n)];
  for (let i = 0; i < n; i++) sorted[1][i] = X[2 * i + 1];
  sorted[1].sort();
  // Leaves with a nonzero value, as events: enter at x position p0, leave at p1 (n: never).
  let events = 0;
  let nodes = 0;
  for (const tree of trees) {
    nodes = Math.max(nodes, tree.size);
    for (let node = 0; node < tree.size; node++) if (tree.feature[node] < 0) events += 2 * tree.width;
  }
  const at = new Int32Array(events);
  const y0 = new Int32Array(events);
  const y1 = new Int32Array(events);
  const col = new Int32Array(events);
  const val = new Float64Array(events);
  // Per node: the rank range [lo, hi) of its box along each feature.
  const lo = new Int32Array(2 * nodes);
  const hi = new Int32Array(2 * nodes);
  let e = 0;
  for (let t = 0; t < trees.length; t++) {
    const { feature, threshold, left, value, width, size } = trees[t];
    const offset = layout.column(t);
    lo[0] = 0;
    lo[1] = 0;
    hi[0] = n;
    hi[1] = n;
    for (let node = 0; node < size; node++) {
      const f = feature[node];
      if (f >= 0) {
        const r = countAtMost(sorted[f], threshold[node]);
        const l = left[node];
        for (let d = 0; d < 2; d++) {
          lo[2 * l + d] = lo[2 * node + d];
          hi[2 * l + d] = hi[2 * node + d];
          lo[2 * (l + 1) + d] = lo[2 * node + d];
          hi[2 * (l + 1) + d] = hi[2 * node + d];
        }
        hi[2 * l + f] = Math.min(hi[2 * node + f], r);
        lo[2 * (l + 1) + f] = Math.max(lo[2 * node + f], r);
        continue;
      }
      const p0 = lo[2 * node];
      const p1 = hi[2 * node];
      const q0 = lo[2 * node + 1];
      const q1 = hi[2 * node + 1];
      if (p0 >= p1 || q0 >= q1) continue;
      for (let j = 0; j < width; j++) {
        const v = value[node * width + j];
        if (v === 0) continue;
        at[e] = p0;
        y0[e] = q0;
        y1[e] = q1;
        col[e] = offset + j;
        val[e] = v;
        e++;
        if (p1 >= n) continue;
        at[e] = p1;
        y0[e] = q0;
        y1[e] = q1;
        col[e] = offset + j;
        val[e] = -v;
        e++;
      }
    }
  }
  // Events in order of x position (counting sort).
  const first = new Int32Array(n + 1);
  for (let q = 0; q < e; q++) first[at[q] + 1]++;
  for (let p = 0; p < n; p++) first[p + 1] += first[p];
  const fill = first.slice(0, n);
  const order = new Int32Array(e);
  for (let q = 0; q < e; q++) order[fill[at[q]]++] = q;
  // fenwick[j·(n + 1) + k], k = 1..n: column j's tree over the y ranks.
  const F = n + 1;
  const fenwick = new Float64Array(stride * F);
  const sums = new Float64Array(n * stride);
  for (let p = 0; p < n; p++) {
    for (let s = first[p]; s < first[p + 1]; s++) {
      const q = order[s];
      const base = col[q] * F;
      const v = val[q];
      for (let k = y0[q] + 1; k <= n; k += k & -k) fenwick[base + k] += v;
      for (let k = y1[q] + 1; k <= n; k += k & -k) fenwick[base + k] -= v;
    }
    const i = byX[p];
    // Sum over ranks 0..rank(y), rank(y) = the last sorted y equal to this y.
    const rank = countAtMost(sorted[1], X[2 * i + 1]);
    for (let j = 0; j < stride; j++) {
      let s = 0;
      for (let k = rank; k > 0; k -= k & -k) s += fenwick[j * F + k];
      sums[i * stride + j] = s;
    }
  }
  return sums;
}

/** Number of values ≤ t in an ascending array. */
function countAtMost(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
