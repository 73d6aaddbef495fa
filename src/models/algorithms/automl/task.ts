/**
 * The tasks AutoML-Zero scores a program on (Real et al. 2020, §4): each a training set, learned
 * one example at a time in order, and a validation set the program only predicts. Over several
 * tasks the fitness is the mean, so a program that scores well must learn each task's function
 * rather than contain it. Labels are numbers: 0 or 1 for a binary classification, any real for a
 * regression. The paper's linear-regression tasks are built here; tasks from a data set's points
 * by splitTask.
 */
import { permutation, type Rng } from '../../../random.js';

export type TaskKind = 'classification' | 'regression';

export interface Examples {
  /** n×F, row-major. */
  X: Float64Array;
  y: Float64Array;
  n: number;
}

export interface Task {
  kind: TaskKind;
  /** F, the size of v0. */
  features: number;
  train: Examples;
  valid: Examples;
}

export interface LinearRegressionOptions {
  features: number;
  tasks: number;
  train: number;
  valid: number;
}

/**
 * The paper's demo tasks (run_demo.sh, "scalar linear regression"): y = w·x with x ~ N(0, I) and,
 * per task, its own w ~ N(0, I); no noise.
 */
export function linearRegressionTasks(options: LinearRegressionOptions, rng: Rng): Task[] {
  const F = options.features;
  return Array.from({ length: options.tasks }, (_, t) => {
    const taskRng = rng.fork(`task ${t}`);
    const w = Float64Array.from({ length: F }, () => taskRng.normal());
    const examples = (n: number): Examples => {
      const X = new Float64Array(n * F);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < F; k++) {
          X[i * F + k] = taskRng.normal();
          s += w[k] * X[i * F + k];
        }
        y[i] = s;
      }
      return { X, y, n };
    };
    return { kind: 'regression', features: F, train: examples(options.train), valid: examples(options.valid) };
  });
}

/**
 * One task from n points (X n×F, labels y), shuffled (the program learns in order, and a data
 * set sorted by class would teach it only the last class), the first ⌈(1 − validFraction)·n⌉ for
 * training, the rest for validation.
 */
export function splitTask(
  kind: TaskKind,
  features: number,
  X: ArrayLike<number>,
  y: ArrayLike<number>,
  validFraction: number,
  rng: Rng,
): Task {
  const n = y.length;
  if (X.length !== n * features) throw new RangeError(`X has ${X.length} numbers, expected ${n}×${features}`);
  const order = permutation(n, rng);
  const nTrain = Math.ceil((1 - validFraction) * n);
  const take = (from: number, to: number): Examples => {
    const count = to - from;
    const Xs = new Float64Array(count * features);
    const ys = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const j = order[from + i];
      for (let k = 0; k < features; k++) Xs[i * features + k] = X[j * features + k];
      ys[i] = y[j];
    }
    return { X: Xs, y: ys, n: count };
  };
  return { kind, features, train: take(0, nTrain), valid: take(nTrain, n) };
}
