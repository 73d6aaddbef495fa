/**
 * Kernels of the support vector machine, as LIBSVM defines them (Chang & Lin 2011, §2):
 * rbf exp(−γ‖a − b‖²), linear ⟨a, b⟩, poly (γ⟨a, b⟩ + coef0)^degree. Two consumers: the SMO
 * solver reads rows of the training Gram matrix through a row cache (LIBSVM's kernel cache), and
 * prediction evaluates a kernel expansion Σ_j c_j K(s_j, x) over the support vectors only.
 */
import { asLattice, type Lattice, rowsInOrder } from './lattice.js';

export type KernelName = 'rbf' | 'linear' | 'poly';

export interface Kernel {
  name: KernelName;
  gamma: number;
  degree: number;
  coef0: number;
}

/** base^degree by repeated squaring (degree is a small positive integer). */
function power(base: number, degree: number): number {
  let result = 1;
  let b = base;
  for (let e = degree; e > 0; e >>= 1) {
    if (e & 1) result *= b;
    b *= b;
  }
  return result;
}

export function kernelValue(k: Kernel, ax: number, ay: number, bx: number, by: number): number {
  switch (k.name) {
    case 'rbf': {
      const dx = ax - bx;
      const dy = ay - by;
      return Math.exp(-k.gamma * (dx * dx + dy * dy));
    }
    case 'linear':
      return ax * bx + ay * by;
    case 'poly':
      return power(k.gamma * (ax * bx + ay * by) + k.coef0, k.degree);
  }
}

/**
 * Rows of the Gram matrix K(x_i, x_j) of n training points, computed on first use and kept up to
 * a memory budget; past it the least recently used row is dropped (SMO revisits a few rows often).
 */
export class KernelRows {
  readonly diagonal: Float64Array;
  private readonly rows = new Map<number, Float64Array>();
  private readonly capacity: number;

  constructor(
    private readonly kernel: Kernel,
    private readonly X: Float64Array,
    readonly n: number,
    budgetBytes = 64 * 1024 * 1024,
  ) {
    this.capacity = Math.max(2, Math.floor(budgetBytes / (8 * Math.max(1, n))));
    this.diagonal = new Float64Array(n);
    for (let i = 0; i < n; i++) this.diagonal[i] = kernelValue(kernel, X[2 * i], X[2 * i + 1], X[2 * i], X[2 * i + 1]);
  }

  row(i: number): Float64Array {
    const cached = this.rows.get(i);
    if (cached) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
      this.rows.delete(i);
      this.rows.set(i, cached);
      return cached;
    }
    if (this.rows.size >= this.capacity) {
      const oldest = this.rows.keys().next().value as number;
      this.rows.delete(oldest);
    }
    const { X, kernel } = this;
    const r = new Float64Array(this.n);
    const ax = X[2 * i];
    const ay = X[2 * i + 1];
    for (let j = 0; j < this.n; j++) r[j] = kernelValue(kernel, ax, ay, X[2 * j], X[2 * j + 1]);
    this.rows.set(i, r);
    return r;
  }
}

/** Σ_j coef[c + j]·exp(−γ·|(x, y) − S_j|²): one point's RBF decision sum, one exp per vector. */
function rbfSum(
  x: number,
  y: number,
  gamma: number,
  S: Float64Array,
  m: number,
  coef: Float64Array,
  c: number,
): number {
  let s = 0;
  for (let j = 0; j < m; j++) {
    const dx = x - S[2 * j];
    const dy = y - S[2 * j + 1];
    s += coef[c + j] * Math.exp(-gamma * (dx * dx + dy * dy));
  }
  return s;
}

/**
 * out[i·E + e] = Σ_j coef[e·m + j]·K(s_j, x_i): E kernel expansions over the same m support
 * vectors S (m×2), at the n points X. For rbf the kernel factorises, exp(−γdx²)·exp(−γdy²), so
 * the x factors (already weighted by the coefficients) are memoised per distinct x value and the
 * y factors kept while y repeats: on a row-major grid this removes nearly every exp() and leaves
 * m multiply-adds per point and expansion. Scattered points (a new x and a new y) are summed
 * directly.
 */
export function evaluateExpansion(
  kernel: Kernel,
  S: Float64Array,
  m: number,
  coef: Float64Array,
  E: number,
  X: Float64Array,
  out: Float64Array,
): void {
  const n = X.length / 2;
  out.fill(0, 0, n * E);
  if (m === 0) return;
  if (kernel.name !== 'rbf') {
    const k = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      const x = X[2 * i];
      const y = X[2 * i + 1];
      for (let j = 0; j < m; j++) k[j] = kernelValue(kernel, S[2 * j], S[2 * j + 1], x, y);
      for (let e = 0; e < E; e++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += coef[e * m + j] * k[j];
        out[i * E + e] = s;
      }
    }
    return;
  }
  const gamma = kernel.gamma;
  const maxMemo = Math.max(16, Math.floor(4_000_000 / (E * m)));
  const lattice = asLattice(X);
  // The memo below never fills on such a lattice: evaluateLattice makes its very operations.
  if (lattice && lattice.xs.length - 1 <= maxMemo) {
    evaluateLattice(gamma, S, m, coef, E, lattice, out);
    return;
  }
  const memoX = new Map<number, Float64Array>();
  const weightedX = (x: number) => {
    const f = new Float64Array(E * m);
    for (let j = 0; j < m; j++) {
      const t = x - S[2 * j];
      const fx = Math.exp(-gamma * t * t);
      for (let e = 0; e < E; e++) f[e * m + j] = coef[e * m + j] * fx;
    }
    return f;
  };
  // fy holds exp(−γ(y − s_y)²) for the y of the previous point, computed only when first needed.
  let lastY = Number.NaN;
  let fyFresh = false;
  const fy = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const x = X[2 * i];
    const y = X[2 * i + 1];
    const sameY = y === lastY;
    lastY = y;
    if (!sameY) fyFresh = false;
    let fx = memoX.get(x);
    if (!fx && !sameY) {
      // Neither coordinate seen just before (scattered points): one exp per vector, no memo.
      for (let e = 0; e < E; e++) out[i * E + e] = rbfSum(x, y, gamma, S, m, coef, e * m);
      continue;
    }
    if (!fx) {
      if (memoX.size >= maxMemo) memoX.clear();
      fx = weightedX(x);
      memoX.set(x, fx);
    }
    if (!fyFresh) {
      for (let j = 0; j < m; j++) {
        const t = y - S[2 * j + 1];
        fy[j] = Math.exp(-gamma * t * t);
      }
      fyFresh = true;
    }
    for (let e = 0; e < E; e++) {
      let s = 0;
      const c = e * m;
      for (let j = 0; j < m; j++) s += fx[c + j] * fy[j];
      out[i * E + e] = s;
    }
  }
}

/**
 * The rbf expansion on a lattice, number for number what evaluateExpansion's memo gives there:
 * each row's first point has a new x and a new y and is summed directly; every other point
 * multiplies its column's weighted x factors by its row's y factors. Four columns at a time, so
 * that four independent sums (each in its own order, as before) keep the adder busy.
 */
function evaluateLattice(
  gamma: number,
  S: Float64Array,
  m: number,
  coef: Float64Array,
  E: number,
  lattice: Lattice,
  out: Float64Array,
): void {
  const xs = lattice.xs;
  const C = xs.length;
  const Em = E * m;
  const fx = new Float64Array(C * Em);
  for (let c = 1; c < C; c++) {
    for (let j = 0; j < m; j++) {
      const t = xs[c] - S[2 * j];
      const f = Math.exp(-gamma * t * t);
      for (let e = 0; e < E; e++) fx[c * Em + e * m + j] = coef[e * m + j] * f;
    }
  }
  const fy = new Float64Array(m);
  const rows = rowsInOrder(lattice);
  for (let r = 0; r < rows.length; r++) {
    const y = rows[r];
    const i0 = r * C;
    const x = xs[0];
    for (let e = 0; e < E; e++) out[i0 * E + e] = rbfSum(x, y, gamma, S, m, coef, e * m);
    if (C < 2) continue;
    for (let j = 0; j < m; j++) {
      const t = y - S[2 * j + 1];
      fy[j] = Math.exp(-gamma * t * t);
    }
    let col = 1;
    for (; col + 4 <= C; col += 4) {
      for (let e = 0; e < E; e++) {
        const a = col * Em + e * m;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let j = 0; j < m; j++) {
          const f = fy[j];
          s0 += fx[a + j] * f;
          s1 += fx[a + Em + j] * f;
          s2 += fx[a + 2 * Em + j] * f;
          s3 += fx[a + 3 * Em + j] * f;
        }
        const o = (i0 + col) * E + e;
        out[o] = s0;
        out[o + E] = s1;
        out[o + 2 * E] = s2;
        out[o + 3 * E] = s3;
      }
    }
    for (; col < C; col++) {
      for (let e = 0; e < E; e++) {
        const a = col * Em + e * m;
        let s = 0;
        for (let j = 0; j < m; j++) s += fx[a + j] * fy[j];
        out[(i0 + col) * E + e] = s;
      }
    }
  }
}
