/**
 * Logistic regression by Newton, warm-started (train.ts's growing-sample frames): each frame
 * starts from the last frame's fit, re-expressed for its own standardization. The penalised
 * likelihood is convex, so the fit must be the cold start's to within glm's stopping rule, in
 * fewer steps; a fit that saturated (separable data: no optimum) is not carried over.
 */
import { describe, expect, it } from 'vitest';
import { type Dataset, head } from '../../src/dataset.js';
import { logistic, SATURATED_WARNING } from '../../src/models/logistic.js';
import type { Classifier } from '../../src/models/model.js';
import { separatedGaussians, trainToEnd } from '../helpers.js';

function fitted(data: Dataset, options: Record<string, unknown>, previous?: Classifier) {
  const model = logistic.classifier(logistic.schema.parse({ optimizer: 'newton', ...options }), data.classes);
  if (previous) model.warmStart?.(previous);
  const steps = trainToEnd(model, data).length;
  return { model, steps };
}

/** Largest difference between two models' probabilities at the points X. */
function gap(a: Classifier, b: Classifier, X: Float64Array): number {
  const pa = a.predictProba(X);
  const pb = b.predictProba(X);
  let worst = 0;
  for (let i = 0; i < pa.length; i++) worst = Math.max(worst, Math.abs(pa[i] - pb[i]));
  return worst;
}

describe('logistic (newton) warm start', () => {
  it.each([
    [2, {}],
    [2, { l2: 0.1 }],
    [3, {}],
  ])('reaches the cold start’s fit on growing prefixes, in fewer steps (%i classes, %j)', (k, options) => {
    // Overlapping classes (radius 0.9, sd 0.7): every prefix has a maximum-likelihood fit.
    const data = separatedGaussians(300, k, 5, 0.9);
    const probe = separatedGaussians(400, k, 6, 2).X;
    let previous: Classifier | undefined;
    let warmSteps = 0;
    let coldSteps = 0;
    for (let n = 30; n <= data.n; n += 15) {
      const warm = fitted(head(data, n), options, previous);
      const cold = fitted(head(data, n), options);
      previous = warm.model;
      // glm's rule stops both within ~1e-8 relative deviance of the optimum: float32 probabilities agree.
      expect(gap(warm.model, cold.model, probe)).toBeLessThan(1e-5);
      warmSteps += warm.steps;
      coldSteps += cold.steps;
    }
    expect(warmSteps).toBeLessThan(0.7 * coldSteps);
  });

  it('carries the fitted function over, not its standardized weights', () => {
    // Two points far out, each on its own class's side: the standardization changes a lot (the
    // spread of x grows ~4-fold), the maximum-likelihood fit in data units hardly at all.
    const data = separatedGaussians(200, 2, 5, 0.9);
    const far: Dataset = {
      X: Float64Array.from([...data.X, 40, 0, -40, 0]),
      y: Uint8Array.from([...data.y, 0, 1]),
      n: data.n + 2,
      classes: 2,
    };
    const previous = fitted(data, {}).model;
    const warm = fitted(far, {}, previous);
    const cold = fitted(far, {});
    expect(gap(warm.model, cold.model, far.X)).toBeLessThan(1e-5);
    expect(warm.steps).toBeLessThanOrEqual(3);
    expect(cold.steps).toBeGreaterThan(5);
  });

  it('starts from 0 after a fit that saturated, as glm does', () => {
    // Class 1 right of x = 0, class 0 left: separable; then two points on the wrong sides.
    const xs = [-30, -12, -3, -1, -0.5, -0.2, 0.3, 0.6, 1.5, 4, 10, 25, -0.4, 0.4];
    const more: Dataset = {
      X: Float64Array.from(xs.flatMap((x, i) => [x, Math.cos(i * 2.3) * 3])),
      y: Uint8Array.from(xs.map((x, i) => (x > 0 === i < 12 ? 1 : 0))),
      n: xs.length,
      classes: 2,
    };
    const saturated = fitted(head(more, 12), {}).model;
    expect(saturated.warnings?.()).toEqual([SATURATED_WARNING]);
    const warm = fitted(more, {}, saturated);
    const cold = fitted(more, {});
    expect(warm.steps).toBe(cold.steps);
    expect(gap(warm.model, cold.model, more.X)).toBe(0);
  });

  it('ignores a fit with another penalty, or by another optimizer', () => {
    const data = separatedGaussians(80, 2, 9, 0.9);
    const cold = fitted(data, {});
    for (const other of [
      fitted(head(data, 40), { l2: 1 }).model,
      fitted(head(data, 40), { optimizer: 'adam' }).model,
    ]) {
      const warm = fitted(data, {}, other);
      expect(warm.steps).toBe(cold.steps);
      expect(gap(warm.model, cold.model, data.X)).toBe(0);
    }
  });
});
