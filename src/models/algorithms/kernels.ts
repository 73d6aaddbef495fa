/**
 * Kernels of the support vector machine, as LIBSVM defines them (Chang & Lin 2011, §2):
 * rbf exp(−γ‖a − b‖²), linear ⟨a, b⟩, poly (γ⟨a, b⟩ + coef0)^degree. Two consumers: the SMO
 * solver reads rows of the training Gram matrix through a row cache (LIBSVM's kernel cache), and
 * prediction evaluates kernel expansions over the support vectors (kernel-expansion.ts).
 */

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
