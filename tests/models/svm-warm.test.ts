/**
 * SVM warm start (train.ts's growing-sample frames): each frame's machine starts from the last
 * frame's α. The dual is convex, so it must reach the optimum a cold start reaches, within SMO's
 * stopping tolerance: both satisfy the KKT conditions to eps, their dual objectives agree to
 * about eps per point, and their decision values agree closely.
 */
import { describe, expect, it } from 'vitest';
import { type Dataset, head } from '../../src/dataset.js';
import { type SupportVectorMachine, svm } from '../../src/models/svm.js';
import { createRng } from '../../src/random.js';
import { separatedGaussians, trainToEnd } from '../helpers.js';

function fitted(data: Dataset, options: Record<string, unknown>, previous?: SupportVectorMachine) {
  const model = svm.classifier(svm.schema.parse(options), data.classes) as SupportVectorMachine;
  if (previous) model.warmStart(previous);
  trainToEnd(model, data, createRng(1));
  return model;
}

describe('svm warm start', () => {
  it.each([
    [2, {}],
    [2, { C: 10, gamma: 2 }],
    [3, { C: 0.5 }],
    [2, { kernel: 'linear', C: 1 }],
  ])('reaches the cold start’s optimum on growing prefixes (%i classes, %j)', (k, options) => {
    const data = separatedGaussians(240, k, 17, 0.9);
    const probe = separatedGaussians(300, k, 18, 0.9).X;
    let previous: SupportVectorMachine | undefined;
    let warmIterations = 0;
    let coldIterations = 0;
    for (let n = 20; n <= data.n; n += 20) {
      const prefix = head(data, n);
      const warm = fitted(prefix, options, previous);
      const cold = fitted(prefix, options);
      previous = warm;
      expect(warm.pairs.length).toBe(cold.pairs.length);
      warm.pairs.forEach((pair, p) => {
        const other = cold.pairs[p].solver;
        expect(pair.solver.converged).toBe(true);
        expect(other.converged).toBe(true);
        // Both stop at a KKT violation below eps = 1e-3: objectives agree to about eps per point.
        expect(Math.abs(pair.solver.objective() - other.objective())).toBeLessThan(1e-3 * pair.index.length);
        warmIterations += pair.solver.iterations;
        coldIterations += other.iterations;
      });
      const fw = warm.decisionFunction(probe);
      const fc = cold.decisionFunction(probe);
      let worst = 0;
      for (let i = 0; i < fw.length; i++) worst = Math.max(worst, Math.abs(fw[i] - fc[i]));
      expect(worst).toBeLessThan(0.02);
    }
    // Starting near the optimum saves SMO steps.
    expect(warmIterations).toBeLessThan(coldIterations);
  });

  it('ignores a machine with another C', () => {
    const data = separatedGaussians(60, 2, 3, 0.9);
    const other = fitted(head(data, 30), { C: 5 });
    const warm = fitted(data, {}, other);
    const cold = fitted(data, {});
    expect(Array.from(warm.pairs[0].solver.alpha)).toEqual(Array.from(cold.pairs[0].solver.alpha));
  });
});
