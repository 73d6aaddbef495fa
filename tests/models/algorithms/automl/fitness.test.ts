/**
 * How a program is run and scored (executor.h's order): s0 is 0 during Predict and the label
 * during Learn, memory carries from example to example, validation never sees labels nor runs
 * Learn, a classification's s1 is squashed in memory before Learn, runs stop at an error above
 * 100 or NaN with fitness 0, and the fitness formulas. The paper's SGD program learns the
 * linear-regression tasks.
 */
import { describe, expect, it } from 'vitest';
import { Evaluator } from '../../../../src/models/algorithms/automl/evaluator.js';
import { Machine } from '../../../../src/models/algorithms/automl/executor.js';
import { regressionFitness, runTask, train } from '../../../../src/models/algorithms/automl/fitness.js';
import { MemoryLayout } from '../../../../src/models/algorithms/automl/memory.js';
import { linearRegressionTasks } from '../../../../src/models/algorithms/automl/task.js';
import { createRng } from '../../../../src/random.js';
import { ins, program, sgdProgram, smallTask } from './programs.js';

const layout1 = new MemoryLayout(1);

function machineFor(p: ReturnType<typeof program>): Machine {
  const machine = new Machine(layout1, createRng(1));
  machine.load(p);
  return machine;
}

/** Predictions of a run, training ones then validation ones. */
function predictions(p: ReturnType<typeof program>, task: ReturnType<typeof smallTask>): number[] {
  const record = new Float64Array(task.train.n + task.valid.n);
  runTask(machineFor(p), task, undefined, undefined, record);
  return [...record];
}

const task = smallTask(
  'regression',
  [
    [1, 3],
    [2, 5],
    [3, 7],
  ],
  [
    [4, 9],
    [5, 11],
  ],
);

describe('running a program on a task', () => {
  it('shows Predict s0 = 0, never the label', () => {
    // Predict: s1 = s0 + s3 (s3 stays 0): the prediction is whatever s0 holds.
    const p = program([], [ins('scalar_sum', 0, 3, 1)], []);
    expect(predictions(p, task)).toEqual([0, 0, 0, 0, 0]);
  });

  it('shows Learn the label and carries memory from one example to the next; validation runs Predict only', () => {
    // Learn: s2 = s0 + s3 (the label); Predict: s1 = s2 + s3, the previous example's label.
    const p = program([], [ins('scalar_sum', 2, 3, 1)], [ins('scalar_sum', 0, 3, 2)]);
    // Validation keeps the last training label: it never sees its own labels, nor runs Learn.
    expect(predictions(p, task)).toEqual([0, 3, 5, 7, 7]);
  });

  it('runs Setup once, before the first example, from wiped memory', () => {
    // Setup: s2 = s2 + 1 via s3 = 1; Predict reports s2. Twice Setup would give 2; unwiped memory too.
    const p = program(
      [ins('scalar_const_set', 0, 0, 3, 1), ins('scalar_sum', 2, 3, 2)],
      [ins('scalar_sum', 2, 0, 1)],
      [],
    );
    const machine = machineFor(p);
    const record = new Float64Array(5);
    runTask(machine, task, undefined, undefined, record);
    runTask(machine, task, undefined, undefined, record);
    expect([...record]).toEqual([1, 1, 1, 1, 1]);
  });

  it('squashes a classification prediction with the sigmoid before Learn sees s1', () => {
    // Predict: s1 = s3 + s3 = 0; Learn: s2 = s1 + s3 copies what Learn sees.
    const p = program([], [ins('scalar_sum', 3, 3, 1)], [ins('scalar_sum', 1, 3, 2)]);
    const machine = machineFor(p);
    expect(train(machine, smallTask('classification', [[1, 1]], [[1, 1]]).train, true)).toBe(true);
    expect(machine.memory[2]).toBe(0.5);
  });

  it('stops with fitness 0 when a training error is above 100 or NaN', () => {
    const constant = (c: number) => program([ins('scalar_const_set', 0, 0, 1, c)], [], []);
    expect(runTask(machineFor(constant(50)), task)).toBeGreaterThan(0);
    expect(runTask(machineFor(constant(150)), task)).toBe(0);
    // s1 = log(−1) is NaN.
    const nan = program([ins('scalar_const_set', 0, 0, 2, -1)], [ins('scalar_log', 2, 0, 1)], []);
    const record = new Float64Array(5);
    expect(runTask(machineFor(nan), task, undefined, undefined, record)).toBe(0);
    expect([...record].every(Number.isNaN)).toBe(true);
  });

  it('gives 0 when only a validation error is too large', () => {
    // One training example: Predict gives s2 = 0, then Learn sets s2 = 1000 for validation.
    const p = program([], [ins('scalar_sum', 2, 3, 1)], [ins('scalar_const_set', 0, 0, 2, 1000)]);
    const oneExample = smallTask('regression', [[1, 0]], [[1, 0]]);
    const record = new Float64Array(2);
    expect(runTask(machineFor(p), oneExample, undefined, undefined, record)).toBe(0);
    expect([...record]).toEqual([0, 1000]);
  });

  it('scores regression by 1 − (2/π)·atan(RMSE) and classification by accuracy', () => {
    const constant = (c: number) => program([ins('scalar_const_set', 0, 0, 1, c)], [], []);
    const rmse = Math.sqrt(((9 - 2) ** 2 + (11 - 2) ** 2) / 2);
    expect(runTask(machineFor(constant(2)), task)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(rmse), 12);
    expect(regressionFitness(Number.NaN)).toBe(0);
    expect(regressionFitness(Number.POSITIVE_INFINITY)).toBe(0);
    const classes = smallTask(
      'classification',
      [[0, 1]],
      [
        [0, 1],
        [0, 0],
        [0, 1],
        [0, 1],
      ],
    );
    // Predict s1 = s2 + s3 = c: for c = 3, sigmoid > 0.5, class 1 everywhere; for c = −3, class 0.
    const logit = (c: number) => program([ins('scalar_const_set', 0, 0, 2, c)], [ins('scalar_sum', 2, 3, 1)], []);
    expect(runTask(machineFor(logit(3)), classes)).toBe(0.75);
    expect(runTask(machineFor(logit(-3)), classes)).toBe(0.25);
    // The squashed s1 stays in memory: a Predict that leaves s1 alone squashes it again each time.
    expect(runTask(machineFor(constant(-3)), classes)).toBe(0.75);
  });
});

describe('random ops', () => {
  // Setup draws s2 (and Learn draws v1): the predictions depend on the draws.
  const noisy = program(
    [ins('scalar_gaussian_set', 0, 0, 2, 0, 1)],
    [ins('scalar_sum', 2, 0, 1)],
    [ins('scalar_uniform_set', 0, 0, 2, -1, 1)],
  );

  it('draw the same numbers at every run of a program: its fitness is reproducible', () => {
    const machine = machineFor(noisy);
    const first = new Float64Array(5);
    const second = new Float64Array(5);
    runTask(machine, task, undefined, undefined, first);
    runTask(machine, task, undefined, undefined, second);
    expect([...second]).toEqual([...first]);
    // Three training predictions from three draws, then the last draw twice.
    expect(new Set(first).size).toBe(4);
    // A shorter run (the cache's probe) makes the same draws first.
    const probe = new Float64Array(3);
    runTask(machine, task, 2, 1, probe);
    expect([...probe]).toEqual([first[0], first[1], first[2]]);
  });

  it('draw from the Rng given: another Rng, other numbers', () => {
    const other = new Machine(layout1, createRng(2));
    other.load(noisy);
    const a = new Float64Array(5);
    const b = new Float64Array(5);
    runTask(machineFor(noisy), task, undefined, undefined, a);
    runTask(other, task, undefined, undefined, b);
    expect([...b]).not.toEqual([...a]);
  });
});

describe("the paper's SGD program", () => {
  const tasks = linearRegressionTasks({ features: 2, tasks: 10, train: 100, valid: 100 }, createRng(11));
  const evaluator = () => new Evaluator(tasks, new MemoryLayout(2), createRng(1), null);

  it('learns each task’s weights: fitness > 0.999 on 10 linear-regression tasks (F = 2)', () => {
    expect(evaluator().fitness(sgdProgram(0.3))).toBeGreaterThan(0.999);
  });

  it('is needed: without Learn, or with a learning rate too small, the fitness stays low', () => {
    const noLearn = { ...sgdProgram(0.3), learn: new Float64Array(0) };
    expect(evaluator().fitness(noLearn)).toBeLessThan(0.9);
    expect(evaluator().fitness(sgdProgram(0.01))).toBeLessThan(0.999);
  });
});
