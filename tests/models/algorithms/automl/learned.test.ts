/**
 * An evolved program as a model: trained over the training points, it predicts any batch with the
 * learned memory restored before each point; blow-ups come out as the documented fallback.
 */
import { describe, expect, it } from 'vitest';
import { Machine } from '../../../../src/models/algorithms/automl/executor.js';
import { runTask } from '../../../../src/models/algorithms/automl/fitness.js';
import { LearnedProgram } from '../../../../src/models/algorithms/automl/learned.js';
import { MemoryLayout } from '../../../../src/models/algorithms/automl/memory.js';
import { linearRegressionTasks } from '../../../../src/models/algorithms/automl/task.js';
import { createRng } from '../../../../src/random.js';
import { examples, ins, program, sgdProgram } from './programs.js';

describe('a learned program', () => {
  it('learns the weights by SGD and predicts w·x at points it never saw', () => {
    const [task] = linearRegressionTasks({ features: 2, tasks: 1, train: 200, valid: 20 }, createRng(4));
    const model = new LearnedProgram(sgdProgram(0.3), new MemoryLayout(2), 'regression', task.train, createRng(1));
    expect(model.ok).toBe(true);
    const out = new Float64Array(task.valid.n);
    expect(model.predict(task.valid.X, out)).toBe(0);
    out.forEach((p, i) => {
      expect(p).toBeCloseTo(task.valid.y[i], 6);
    });
  });

  it('restores the learned memory before each point, so a prediction depends on the point alone', () => {
    // Predict counts its calls in s2 and reports the count: 1 every time, thanks to the restore.
    const counter = program(
      [ins('scalar_const_set', 0, 0, 3, 1)],
      [ins('scalar_sum', 2, 3, 2), ins('scalar_sum', 2, 0, 1)],
      [],
    );
    const model = new LearnedProgram(
      counter,
      new MemoryLayout(1),
      'regression',
      examples([[0], [0]], [2, 2]),
      createRng(1),
    );
    const out = new Float64Array(4);
    model.predict(Float64Array.from([5, 6, 7, 8]), out);
    // Training ran Predict twice: s2 = 2 when learned, 3 at every prediction.
    expect([...out]).toEqual([3, 3, 3, 3]);
  });

  it('draws in Setup what the program drew when it was scored, and the same draws at every point', () => {
    // Setup: s2 ~ N(0, 1); Predict: s1 = s2 + s0 (0).
    const drawn = program([ins('scalar_gaussian_set', 0, 0, 2, 0, 1)], [ins('scalar_sum', 2, 0, 1)], []);
    const train = examples([[0]], [0]);
    const scored = new Float64Array(2);
    const machine = new Machine(new MemoryLayout(1), createRng(9));
    machine.load(drawn);
    runTask(machine, { kind: 'regression', features: 1, train, valid: train }, 1, 1, scored);
    const out = new Float64Array(3);
    new LearnedProgram(drawn, new MemoryLayout(1), 'regression', train, createRng(9)).predict(
      Float64Array.from([1, 2, 3]),
      out,
    );
    expect([...out]).toEqual([scored[0], scored[0], scored[0]]);
    // Predict: s3 ~ U(0, 1), s1 = s3: a draw per prediction, the same one at every point.
    const noisy = program([], [ins('scalar_uniform_set', 0, 0, 3, 0, 1), ins('scalar_sum', 3, 0, 1)], []);
    new LearnedProgram(noisy, new MemoryLayout(1), 'regression', train, createRng(9)).predict(
      Float64Array.from([1, 2, 3]),
      out,
    );
    expect(out[0]).not.toBe(0);
    expect([out[1], out[2]]).toEqual([out[0], out[0]]);
  });

  it('gives probabilities of class 1 for a classification', () => {
    // s1 = x: sigmoid(x).
    const identity = program([], [ins('scalar_broadcast', 0, 0, 1), ins('vector_mean', 0, 0, 1)], []);
    const model = new LearnedProgram(
      identity,
      new MemoryLayout(1),
      'classification',
      examples([[0]], [1]),
      createRng(1),
    );
    const out = new Float32Array(2);
    model.predict(Float64Array.from([0, 2]), out);
    expect(out[0]).toBe(0.5);
    expect(out[1]).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
  });

  it('falls back to 0.5 everywhere when training blows up, and flags it', () => {
    const explode = program([ins('scalar_const_set', 0, 0, 1, 1e3)], [], []);
    const model = new LearnedProgram(explode, new MemoryLayout(1), 'regression', examples([[1]], [0]), createRng(1));
    expect(model.ok).toBe(false);
    const out = new Float64Array(3).fill(7);
    expect(model.predict(Float64Array.from([1, 2, 3]), out)).toBe(3);
    expect([...out]).toEqual([0, 0, 0]);
    const classifier = new LearnedProgram(
      program([ins('scalar_const_set', 0, 0, 2, -1)], [ins('scalar_log', 2, 0, 1)], []),
      new MemoryLayout(1),
      'classification',
      examples([[1]], [1]),
      createRng(1),
    );
    expect(classifier.ok).toBe(false);
    classifier.predict(Float64Array.from([1]), out);
    expect(out[0]).toBe(0.5);
  });

  it('replaces a prediction that is not finite (or overflows a Float32Array) by the fallback and counts it', () => {
    // s1 = 1 / x after a training point where it is fine.
    const reciprocal = program([], [ins('vector_mean', 0, 0, 2), ins('scalar_reciprocal', 2, 0, 1)], []);
    const model = new LearnedProgram(reciprocal, new MemoryLayout(1), 'regression', examples([[1]], [1]), createRng(1));
    expect(model.ok).toBe(true);
    const out = new Float32Array(3);
    expect(model.predict(Float64Array.from([0, 2, 1e-300]), out)).toBe(2);
    expect([...out]).toEqual([0, 0.5, 0]);
  });
});
