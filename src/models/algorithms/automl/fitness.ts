/**
 * Scoring a program on one task, as automl_zero/executor.h (Real et al. 2020, §4):
 * - memory wiped, Setup once;
 * - per training example, in order: v0 = features, s0 = 0, Predict; for a classification
 *   s1 = sigmoid(s1) (in memory, so Learn sees the probability); stop with the minimum fitness, 0,
 *   if |label − s1| is NaN or above 100; then v0 = features, s0 = label, Learn. Memory is carried
 *   from one example to the next;
 * - per validation example: v0 = features, s0 = 0, Predict only (memory still carried, labels
 *   never shown); an error that is NaN or above 100 again gives 0;
 * - fitness: classification 1 − error rate (class 1 when sigmoid(s1) > 0.5, against label > 0.5);
 *   regression 1 − (2/π)·atan(RMSE), so 1 is perfect and 0 the worst.
 */
import type { Machine } from './executor.js';
import { PREDICTION } from './memory.js';
import type { Examples, Task } from './task.js';

export const MAX_ABS_ERROR = 100;
export const MIN_FITNESS = 0;

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** False for an error that stops the run: NaN or larger than MAX_ABS_ERROR. */
export function errorOk(error: number): boolean {
  return Math.abs(error) <= MAX_ABS_ERROR;
}

/** 1 − (2/π)·atan(RMSE): maps [0, ∞] onto [1, 0]; NaN gives 0. */
export function regressionFitness(rmse: number): number {
  const fitness = 1 - (2 / Math.PI) * Math.atan(rmse);
  return Number.isNaN(fitness) ? MIN_FITNESS : fitness;
}

/**
 * Wipes memory, runs Setup, then trains on the first `count` examples (Predict, sigmoid for a
 * classification, error check, Learn). Returns false if the run stopped on an error that is NaN
 * or above MAX_ABS_ERROR. With `record`, predictions go there from `at`; those a stopped run
 * never made are NaN.
 */
export function train(
  machine: Machine,
  examples: Examples,
  squash: boolean,
  count = examples.n,
  record?: Float64Array,
  at = 0,
): boolean {
  machine.wipe();
  machine.setup();
  for (let i = 0; i < count; i++) {
    let p = machine.predict(examples.X, i);
    if (squash) machine.memory[PREDICTION] = p = sigmoid(p);
    if (record) record[at + i] = p;
    if (!errorOk(examples.y[i] - p)) {
      if (record) record.fill(Number.NaN, at + i + 1, at + count);
      return false;
    }
    machine.learn(examples.X, i, examples.y[i]);
  }
  return true;
}

/** Predict only, on the first `count` examples, memory carried; the fitness (MIN_FITNESS on a bad error). `record` as train(). */
export function validate(
  machine: Machine,
  examples: Examples,
  squash: boolean,
  count = examples.n,
  record?: Float64Array,
  at = 0,
): number {
  let loss = 0;
  for (let i = 0; i < count; i++) {
    let p = machine.predict(examples.X, i);
    if (squash) machine.memory[PREDICTION] = p = sigmoid(p);
    if (record) record[at + i] = p;
    const error = examples.y[i] - p;
    if (!errorOk(error)) {
      if (record) record.fill(Number.NaN, at + i + 1, at + count);
      return MIN_FITNESS;
    }
    loss += squash ? (examples.y[i] > 0.5 !== p > 0.5 ? 1 : 0) : error * error;
  }
  return squash ? 1 - loss / count : regressionFitness(Math.sqrt(loss / count));
}

/**
 * The fitness of the machine's loaded program on a task, trained on its first `trainCount`
 * examples and validated on its first `validCount`. With `record`, the predictions (training
 * ones, then validation ones) are written there from `at`.
 */
export function runTask(
  machine: Machine,
  task: Task,
  trainCount = task.train.n,
  validCount = task.valid.n,
  record?: Float64Array,
  at = 0,
): number {
  const squash = task.kind === 'classification';
  if (!train(machine, task.train, squash, trainCount, record, at)) {
    if (record) record.fill(Number.NaN, at + trainCount, at + trainCount + validCount);
    return MIN_FITNESS;
  }
  return validate(machine, task.valid, squash, validCount, record, at + trainCount);
}
