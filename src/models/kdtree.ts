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
  // Query state, kept on the instance so a query allocates nothing.
  private qx = 0;
  private qy = 0;
  private k = 0;
  private found = 0;
  private bestIds: Int32Array = new Int32Array(0);
  private bestD2: Float64Array = new Float64Array(0);

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
   */
  nearest(x: number, y: number, k: number, ids: Int32Array, d2: Float64Array): number {
    this.qx = x;
    this.qy = y;
    this.k = Math.min(k, this.n);
    this.found = 0;
    this.bestIds = ids;
    this.bestD2 = d2;
    if (this.k > 0) this.search(0, this.n);
    return this.found;
  }

  private search(lo: number, hi: number): void {
    if (hi - lo <= LEAF) {
      for (let i = lo; i < hi; i++) {
        const dx = this.px[i] - this.qx;
        const dy = this.py[i] - this.qy;
        this.offer(dx * dx + dy * dy, this.ids[i]);
      }
      return;
    }
    const mid = (lo + hi) >> 1;
    // Left [lo, mid) has coordinates ≤ the split, right [mid, hi) has coordinates ≥ it.
    const diff = (this.axis[mid] === 0 ? this.qx : this.qy) - this.split[mid];
    if (diff < 0) {
      this.search(lo, mid);
      if (diff * diff <= this.worst()) this.search(mid, hi);
    } else {
      this.search(mid, hi);
      if (diff * diff <= this.worst()) this.search(lo, mid);
    }
  }

  /** The k-th best squared distance so far (∞ until k are found); "≤" keeps equal-distance ties. */
  private worst(): number {
    return this.found < this.k ? Number.POSITIVE_INFINITY : this.bestD2[this.k - 1];
  }

  /** Insertion into the sorted list of the best k, ordered by (d2, index). */
  private offer(d2: number, id: number): void {
    const ids = this.bestIds;
    const ds = this.bestD2;
    const k = this.k;
    if (this.found === k) {
      const last = k - 1;
      if (d2 > ds[last] || (d2 === ds[last] && id > ids[last])) return;
    } else {
      this.found++;
    }
    let j = this.found - 1;
    while (j > 0 && (ds[j - 1] > d2 || (ds[j - 1] === d2 && ids[j - 1] > id))) {
      ds[j] = ds[j - 1];
      ids[j] = ids[j - 1];
      j--;
    }
    ds[j] = d2;
    ids[j] = id;
  }
}
