/**
 * A 2-d tree for exact k-nearest-neighbour queries (Bentley 1975; the search of Friedman,
 * Bentley & Finkel 1977): points are split at the median of the wider axis down to small
 * buckets; a query descends to its own bucket first, then visits the other side of a split only
 * when the splitting line is no farther than the k-th best distance so far. Neighbours are
 * ordered by (distance, index), so ties in distance always go to the lower training index and
 * the answer equals a sorted brute-force scan.
 */

/** Bucket size: below this a linear scan beats further splitting. */
const LEAF = 8;

export class KdTree {
  readonly n: number;
  /** Points in tree order, and their original indices. */
  private readonly px: Float64Array;
  private readonly py: Float64Array;
  private readonly ids: Int32Array;
  /**
   * For the internal node whose range has its median at position m: split axis (0 x, 1 y) and
   * split value (later sorts of the children move other points to m, so it is kept here).
   */
  private readonly axis: Uint8Array;
  private readonly split: Float64Array;
  /** The search's stack of far sides to visit: ranges and their per-axis offsets from the query. */
  private readonly stackLo: Int32Array;
  private readonly stackHi: Int32Array;
  private readonly stackOffX: Float64Array;
  private readonly stackOffY: Float64Array;

  /** Indexes the n points of X (n×2 row-major); X is copied. */
  constructor(X: Float64Array, n = X.length / 2) {
    this.n = n;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    this.axis = new Uint8Array(n);
    this.split = new Float64Array(n);
    this.build(X, order, 0, n);
    this.px = new Float64Array(n);
    this.py = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      this.px[i] = X[2 * order[i]];
      this.py[i] = X[2 * order[i] + 1];
    }
    this.ids = order;
    // One far side per level at most: the depth of the tree bounds the stack.
    const depth = Math.ceil(Math.log2(Math.max(n, 1))) + 2;
    this.stackLo = new Int32Array(depth);
    this.stackHi = new Int32Array(depth);
    this.stackOffX = new Float64Array(depth);
    this.stackOffY = new Float64Array(depth);
  }

  private build(X: Float64Array, order: Int32Array, lo: number, hi: number): void {
    if (hi - lo <= LEAF) return;
    let minX = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (let i = lo; i < hi; i++) {
      const x = X[2 * order[i]];
      const y = X[2 * order[i] + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    const a = maxY - minY > maxX - minX ? 1 : 0;
    // Sorting (not just partitioning) keeps the build simple; ties by index keep it deterministic.
    order.subarray(lo, hi).sort((i, j) => X[2 * i + a] - X[2 * j + a] || i - j);
    const mid = (lo + hi) >> 1;
    this.axis[mid] = a;
    this.split[mid] = X[2 * order[mid] + a];
    this.build(X, order, lo, mid);
    this.build(X, order, mid, hi);
  }

  /**
   * The min(k, n) nearest points to (x, y), nearest first (ties: lower index first): their
   * indices into ids and squared distances into d2. Returns how many were found.
   *
   * Depth-first and iterative (an explicit stack of the far sides still to visit, each with its
   * offsets from the query), without calls or allocations: the grid asks tens of thousands of
   * queries per frame.
   */
  nearest(x: number, y: number, k: number, ids: Int32Array, d2: Float64Array): number {
    const m = Math.min(k, this.n);
    if (m <= 0) return 0;
    const { px, py, ids: pid, axis, split, stackLo, stackHi, stackOffX, stackOffY } = this;
    let found = 0;
    // The m-th best so far (∞ until m are found): a point must beat it in (d2, index) order.
    let worstD = Number.POSITIVE_INFINITY;
    let worstId = 0x7fffffff;
    stackLo[0] = 0;
    stackHi[0] = this.n;
    stackOffX[0] = 0;
    stackOffY[0] = 0;
    let top = 1;
    while (top > 0) {
      top--;
      // The range's squared distance from the query, computed as a point's would be, so that it
      // never exceeds any of its points' in floating point. "≤" rather than "<" to visit: a point
      // exactly as far as the m-th best may still win on index.
      const offX = stackOffX[top];
      const offY = stackOffY[top];
      if (offX * offX + offY * offY > worstD) continue;
      let lo = stackLo[top];
      let hi = stackHi[top];
      while (hi - lo > LEAF) {
        const mid = (lo + hi) >> 1;
        // Left [lo, mid) has coordinates ≤ the split, right [mid, hi) has coordinates ≥ it.
        const a = axis[mid];
        const diff = (a === 0 ? x : y) - split[mid];
        if (diff < 0) {
          stackLo[top] = mid;
          stackHi[top] = hi;
          hi = mid;
        } else {
          stackLo[top] = lo;
          stackHi[top] = mid;
          lo = mid;
        }
        // The far side's offsets: the near cell's, with this axis's replaced by the split's (the
        // incremental distance of Arya & Mount 1993: tighter than the split's distance alone).
        stackOffX[top] = a === 0 ? Math.abs(diff) : offX;
        stackOffY[top] = a === 0 ? offY : Math.abs(diff);
        top++;
      }
      for (let i = lo; i < hi; i++) {
        const dx = px[i] - x;
        const dy = py[i] - y;
        const d = dx * dx + dy * dy;
        const id = pid[i];
        if (d > worstD || (d === worstD && id > worstId)) continue;
        // Insertion into the sorted best list, ordered by (d2, index).
        let j = found < m ? found++ : m - 1;
        while (j > 0 && (d2[j - 1] > d || (d2[j - 1] === d && ids[j - 1] > id))) {
          d2[j] = d2[j - 1];
          ids[j] = ids[j - 1];
          j--;
        }
        d2[j] = d;
        ids[j] = id;
        if (found === m) {
          worstD = d2[m - 1];
          worstId = ids[m - 1];
        }
      }
    }
    return found;
  }
}
