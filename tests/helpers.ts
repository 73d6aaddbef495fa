/** Shared test helpers: small, well-understood data sets and a way to run a model to the end. */
import type { Dataset } from '../src/dataset.js';
import type { Classifier, Step } from '../src/models/types.js';
import { createRng, type Rng } from '../src/random.js';

/** k isotropic Gaussian classes with unit variance, means 6 apart on a circle: nearly separable. */
export function separatedGaussians(n: number, k: number, seed: number, radius = 3): Dataset {
  const rng = createRng(seed);
  const X = new Float64Array(2 * n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    const angle = (2 * Math.PI * c) / k;
    y[i] = c;
    X[2 * i] = radius * Math.cos(angle) + rng.normal() * 0.7;
    X[2 * i + 1] = radius * Math.sin(angle) + rng.normal() * 0.7;
  }
  return { X, y, n, classes: k };
}

/** Trains to the last stage; returns the steps it yielded. */
export function trainToEnd(model: Classifier, data: Dataset, rng: Rng = createRng(1)): Step[] {
  const steps: Step[] = [];
  for (const step of model.train(data, rng)) steps.push(step);
  return steps;
}
