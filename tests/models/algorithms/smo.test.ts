/** SMO on the C-SVM dual: α, intercept and dual objective against scikit-learn's SVC on 10 points. */
import { describe, expect, it } from 'vitest';
import { type Kernel, KernelRows, kernelValue } from '../../../src/models/algorithms/kernels.js';
import { SmoSolver } from '../../../src/models/algorithms/smo.js';
import { expected, loadCsv } from '../../fixtures/models-1-svm-mars/load.js';

describe('svm dual against scikit-learn on a 10-point set', () => {
  const tiny = loadCsv('tiny.csv');
  it.each(['rbf', 'linear', 'poly'])('%s kernel: α, intercept and dual objective', (name) => {
    const ref = expected.svm.tiny[name];
    const kernel: Kernel = {
      name: name as Kernel['name'],
      gamma: ref.params.gamma ?? 1,
      degree: ref.params.degree ?? 3,
      coef0: ref.params.coef0 ?? 0,
    };
    const rows = new KernelRows(kernel, tiny.X, tiny.n);
    const index = Int32Array.from({ length: tiny.n }, (_, i) => i);
    const y = Int8Array.from(tiny.y, (c) => (c === 1 ? 1 : -1));
    const solver = new SmoSolver(rows, index, y, ref.params.C, 1e-9);
    solver.run(100000);
    expect(solver.converged).toBe(true);
    for (let i = 0; i < tiny.n; i++) expect(solver.alpha[i]).toBeCloseTo(ref.alpha[i], 4);
    expect(-solver.rho()).toBeCloseTo(ref.intercept, 4);
    // The dual objective of scikit-learn's α, computed here from the kernel directly.
    let quad = 0;
    let lin = 0;
    for (let i = 0; i < tiny.n; i++) {
      lin += ref.alpha[i];
      for (let j = 0; j < tiny.n; j++) {
        const k = kernelValue(kernel, tiny.X[2 * i], tiny.X[2 * i + 1], tiny.X[2 * j], tiny.X[2 * j + 1]);
        quad += ref.alpha[i] * ref.alpha[j] * y[i] * y[j] * k;
      }
    }
    expect(solver.objective()).toBeCloseTo(quad / 2 - lin, 6);
  });
});
