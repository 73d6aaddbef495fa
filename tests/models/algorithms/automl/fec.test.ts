/**
 * The functional-equivalence cache: programs that compute the same thing (commuted operands,
 * dead code, other scratch addresses) are answered from the cache with the fitness a full
 * evaluation gives; programs that differ are not; fingerprints round away last-bit noise; the
 * cache forgets the least recently used entry.
 */
import { describe, expect, it } from 'vitest';
import { Evaluator } from '../../../../src/models/algorithms/automl/evaluator.js';
import { FunctionalCache, fingerprint } from '../../../../src/models/algorithms/automl/fec.js';
import { MemoryLayout } from '../../../../src/models/algorithms/automl/memory.js';
import { linearRegressionTasks } from '../../../../src/models/algorithms/automl/task.js';
import { createRng } from '../../../../src/random.js';
import { ins, program, sgdProgram } from './programs.js';

const tasks = linearRegressionTasks({ features: 2, tasks: 3, train: 60, valid: 40 }, createRng(3));
const layout = new MemoryLayout(2);

/** SGD written differently: commuted operands and dead code (in Setup, Predict and Learn). */
const sgdVariant = program(
  [ins('scalar_const_set', 0, 0, 3, 0.9), ins('scalar_const_set', 0, 0, 2, 0.3)],
  [ins('vector_inner_product', 0, 1, 1), ins('scalar_product', 2, 2, 3)],
  [
    ins('scalar_diff', 0, 1, 3),
    ins('scalar_product', 3, 2, 3),
    ins('scalar_vector_product', 3, 0, 2),
    ins('vector_sum', 2, 1, 1),
    ins('scalar_sum', 3, 3, 3),
  ],
);

describe('functional-equivalence cache', () => {
  it('answers a functionally identical program with the fitness a full evaluation gives', () => {
    const cached = new Evaluator(tasks, layout, createRng(1));
    const full = new Evaluator(tasks, layout, createRng(1), null);
    const first = cached.fitness(sgdProgram(0.3));
    expect(cached.cache!.hits).toBe(0);
    const second = cached.fitness(sgdVariant);
    expect(cached.cache!.hits).toBe(1);
    expect(second).toBe(first);
    expect(second).toBe(full.fitness(sgdVariant));
    expect(first).toBe(full.fitness(sgdProgram(0.3)));
  });

  it('evaluates a program that computes something else', () => {
    const cached = new Evaluator(tasks, layout, createRng(1));
    const a = cached.fitness(sgdProgram(0.3));
    const b = cached.fitness(sgdProgram(0.1));
    expect(cached.cache!.hits).toBe(0);
    expect(b).not.toBe(a);
    expect(b).toBe(new Evaluator(tasks, layout, createRng(1), null).fitness(sgdProgram(0.1)));
  });

  it('fingerprints rounded predictions: last-bit noise and −0 match, NaN and larger changes do not', () => {
    const print = (...p: number[]) => fingerprint(Float64Array.from(p), p.length);
    expect(print(0.1 + 0.2, 1)).toBe(print(0.3, 1));
    expect(print(-0, 2)).toBe(print(0, 2));
    expect(print(0.3, 1)).not.toBe(print(0.30001, 1));
    expect(print(Number.NaN, 1)).not.toBe(print(0, 1));
    expect(print(1, 2)).not.toBe(print(2, 1));
    expect(Number.isSafeInteger(print(Math.PI, -1e9, 7))).toBe(true);
  });

  it('forgets the least recently used fingerprint when full', () => {
    const cache = new FunctionalCache(2);
    cache.store(1, 0.1);
    cache.store(2, 0.2);
    expect(cache.lookup(1)).toBe(0.1);
    cache.store(3, 0.3);
    expect(cache.lookup(2)).toBeUndefined();
    expect(cache.lookup(1)).toBe(0.1);
    expect(cache.lookup(3)).toBe(0.3);
    cache.store(4, 0.4);
    expect(cache.lookup(1)).toBeUndefined();
    expect(cache.size).toBe(2);
    expect([cache.hits, cache.misses]).toEqual([3, 2]);
  });
});
