/**
 * The fitness of a program over a set of tasks: the mean of its fitness on each task
 * (fitness.ts), each run from wiped memory (Real et al. 2020, §4). With a cache, the program
 * first runs on the probe (the first `probeTrain` training and `probeValid` validation examples
 * of every task, 10 and 10 in the reference) and a known fingerprint answers at once (fec.ts).
 */
import type { Rng } from '../../../random.js';
import { Machine } from './executor.js';
import { FunctionalCache, fingerprint } from './fec.js';
import { runTask } from './fitness.js';
import type { MemoryLayout } from './memory.js';
import type { Program } from './program.js';
import type { Task } from './task.js';

export interface CacheOptions {
  /** Fingerprints kept (100 000 in the reference). */
  capacity: number;
  probeTrain: number;
  probeValid: number;
}

export const DEFAULT_CACHE: CacheOptions = { capacity: 100_000, probeTrain: 10, probeValid: 10 };

export class Evaluator {
  readonly machine: Machine;
  readonly cache: FunctionalCache | null;
  /** Programs scored, cache hits included. */
  evaluations = 0;
  private readonly probe: Float64Array;
  private readonly probeTrain: number;
  private readonly probeValid: number;

  /** `rng` feeds the programs' own random ops (uniform and Gaussian set) while they run. */
  constructor(
    readonly tasks: readonly Task[],
    layout: MemoryLayout,
    rng: Rng,
    cache: CacheOptions | null = DEFAULT_CACHE,
  ) {
    if (tasks.length === 0) throw new RangeError('no tasks to evaluate on');
    for (const task of tasks) {
      if (task.features !== layout.features) {
        throw new RangeError(`a task has ${task.features} features, the memory ${layout.features}`);
      }
      if (task.train.n === 0 || task.valid.n === 0)
        throw new RangeError('every task needs training and validation examples');
    }
    this.machine = new Machine(layout, rng);
    this.cache = cache ? new FunctionalCache(cache.capacity) : null;
    this.probeTrain = cache?.probeTrain ?? 0;
    this.probeValid = cache?.probeValid ?? 0;
    this.probe = new Float64Array(tasks.length * (this.probeTrain + this.probeValid));
  }

  fitness(program: Program): number {
    this.evaluations++;
    this.machine.load(program);
    if (!this.cache) return this.evaluate();
    let at = 0;
    for (const task of this.tasks) {
      const nTrain = Math.min(this.probeTrain, task.train.n);
      const nValid = Math.min(this.probeValid, task.valid.n);
      runTask(this.machine, task, nTrain, nValid, this.probe, at);
      at += nTrain + nValid;
    }
    const key = fingerprint(this.probe, at);
    const cached = this.cache.lookup(key);
    if (cached !== undefined) return cached;
    const fitness = this.evaluate();
    this.cache.store(key, fitness);
    return fitness;
  }

  /** The full evaluation of the loaded program. */
  private evaluate(): number {
    let sum = 0;
    for (const task of this.tasks) sum += runTask(this.machine, task);
    return sum / this.tasks.length;
  }
}
