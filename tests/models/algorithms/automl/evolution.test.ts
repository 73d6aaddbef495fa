/**
 * Regularized evolution with the paper's demo settings rediscovers a learning algorithm for the
 * linear-regression tasks (fitness > 0.999 means it learns each task's w); runs are reproducible
 * per seed; events come at each new best, every K evaluations and at the end; bad options are
 * refused.
 */
import { describe, expect, it } from 'vitest';
import { Evaluator } from '../../../../src/models/algorithms/automl/evaluator.js';
import {
  DEMO_EVOLUTION,
  type EvolutionEvent,
  type EvolutionOptions,
  everyComponent,
  evolve,
} from '../../../../src/models/algorithms/automl/evolution.js';
import { MemoryLayout } from '../../../../src/models/algorithms/automl/memory.js';
import { BASELINE_OPS, opCode } from '../../../../src/models/algorithms/automl/ops.js';
import { printProgram, programText } from '../../../../src/models/algorithms/automl/print.js';
import { noOpProgram } from '../../../../src/models/algorithms/automl/program.js';
import { linearRegressionTasks, splitTask, type Task } from '../../../../src/models/algorithms/automl/task.js';
import { createRng } from '../../../../src/random.js';

/** Two Gaussian classes in the plane, 100 training and 100 validation points. */
function gaussians(seed: number): Task {
  const rng = createRng(seed);
  const n = 200;
  const X = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    X[2 * i] = rng.normal() + 2 * y[i];
    X[2 * i + 1] = rng.normal() + 2 * (1 - y[i]);
  }
  return splitTask('classification', 2, X, y, 0.5, rng.fork('split'));
}

const small: EvolutionOptions = {
  evaluations: 3000,
  population: 50,
  tournament: 5,
  mutateProbability: 0.9,
  start: 'random',
  ops: everyComponent(BASELINE_OPS),
  sizes: everyComponent({ initial: 2, min: 1, max: 6 }),
  every: 500,
};

describe('regularized evolution', () => {
  it('finds a program that learns linear regression (fitness > 0.999) with the demo settings', () => {
    // Seed 1 solves it after about 98 000 evaluations; 3 of the first 7 seeds within 1 000 000 (see the report).
    const tasks = linearRegressionTasks({ features: 2, tasks: 10, train: 100, valid: 100 }, createRng(1001));
    let last: EvolutionEvent | undefined;
    for (const event of evolve(tasks, { ...DEMO_EVOLUTION, evaluations: 150_000, every: 10_000 }, createRng(1))) {
      last = event;
      if (event.bestFitness > 0.999) break;
    }
    expect(last!.bestFitness).toBeGreaterThan(0.999);
    // The cache answered from a probe: a full evaluation of the program agrees.
    const full = new Evaluator(tasks, new MemoryLayout(2), createRng(9), null).fitness(last!.best);
    expect(full).toBeGreaterThan(0.999);
    const text = programText(printProgram(last!.best, 2));
    // Predict ends in a dot product of the features with learned weights.
    expect(text).toMatch(/def Predict\(v0\):\n( {2}.*\n)* {2}s1 = dot\((v0, v[12]|v[12], v0)\)\ndef Learn/);
  });

  it('gives the same events for the same seed, other events for another', () => {
    const task = gaussians(2);
    const run = (seed: number) => [...evolve([task], small, createRng(seed))];
    const a = run(7);
    expect(run(7)).toEqual(a);
    expect(run(8)).not.toEqual(a);
  });

  it('yields at each new best, every K evaluations and at the end', () => {
    const events = [...evolve([gaussians(3)], { ...small, evaluations: 2750 }, createRng(4))];
    let best = Number.NEGATIVE_INFINITY;
    let previous = 0;
    for (const e of events) {
      expect(e.evaluations).toBeGreaterThan(previous);
      expect(e.improved).toBe(e.bestFitness > best);
      if (!e.improved) expect(e.evaluations % 500 === 0 || e.evaluations === 2750).toBe(true);
      expect(e.medianFitness).toBeLessThanOrEqual(e.bestFitness);
      expect(e.cacheHits).toBeLessThanOrEqual(e.evaluations);
      best = e.bestFitness;
      previous = e.evaluations;
    }
    const regular = events.filter((e) => e.evaluations % 500 === 0).map((e) => e.evaluations);
    expect(regular).toEqual([500, 1000, 1500, 2000, 2500]);
    expect(events.at(-1)!.evaluations).toBe(2750);
    expect(events.at(-1)!.bestFitness).toBeGreaterThan(events[0].bestFitness);
    expect(events.at(-1)!.cacheHits).toBeGreaterThan(0);
  });

  it('starts from no-op programs when asked, and improves on them', () => {
    const events = [...evolve([gaussians(5)], { ...small, start: 'empty' }, createRng(6))];
    expect(events[0].best).toEqual(noOpProgram(small.sizes));
    // The initial population is 50 copies of it: no improvement until mutations start.
    expect(events.filter((e) => e.improved && e.evaluations <= 50).map((e) => e.evaluations)).toEqual([1]);
    expect(events.at(-1)!.bestFitness).toBeGreaterThan(events[0].bestFitness);
  });

  it('refuses options it cannot run, when called (before the first event is pulled)', () => {
    const task = gaussians(1);
    const fails = (change: Partial<EvolutionOptions>) => () => [
      ...evolve([task], { ...small, ...change }, createRng(1)),
    ];
    expect(fails({ evaluations: 10 })).toThrow(/at least the population/);
    expect(fails({ tournament: 0 })).toThrow(/tournament/);
    expect(fails({ sizes: everyComponent({ initial: 5, min: 1, max: 4 }) })).toThrow(/min ≤ initial ≤ max/);
    expect(fails({ memory: { scalars: 4, vectors: 3, matrices: 0 } })).toThrow(/needs a m address/);
    expect(fails({ memory: { scalars: 4, vectors: 1, matrices: 1 } })).toThrow(/no writable one/);
    expect(fails({ ops: everyComponent([opCode('vector_sum')!, 99]) })).toThrow(/unknown op/);
  });
});
