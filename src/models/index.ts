/** The model registry: every model type a scenario may name. One line per model. */

import { boosting } from './boosting.js';
import { evolve } from './evolve.js';
import { forest } from './forest.js';
import { knn } from './knn.js';
import { lda } from './lda.js';
import { linear } from './linear.js';
import { logistic } from './logistic.js';
import { mars } from './mars.js';
import { mlp } from './mlp.js';
import type { ModelSpec } from './model.js';
import { naiveBayes } from './naive-bayes.js';
import { qda } from './qda.js';
import { svm } from './svm.js';
import { tree } from './tree.js';

export const models: readonly ModelSpec[] = [
  logistic,
  linear,
  lda,
  qda,
  naiveBayes,
  knn,
  mlp,
  svm,
  mars,
  tree,
  forest,
  boosting,
  evolve,
];

/** The registered model of this type. Scenarios are validated against the registry first, so an unknown type here is a bug. */
export function modelSpec(type: string): ModelSpec {
  const spec = models.find((m) => m.type === type);
  if (!spec) throw new Error(`unregistered model ${type}`);
  return spec;
}
