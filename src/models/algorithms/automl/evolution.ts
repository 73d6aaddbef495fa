/**
 * Regularized (aging) evolution, the search of AutoML-Zero (Real et al. 2020, §4; Real et al.
 * 2019, "Regularized evolution for image classifier architecture search"; automl_zero/
 * regularized_evolution.cc). The population of P programs starts as no-op programs ("empty") or
 * random ones, each evaluated. Then, cycling over the population's positions in order, so the
 * position overwritten always holds the oldest program: a tournament of T draws with replacement
 * picks the fittest as parent; its copy is mutated (mutator.ts), evaluated (evaluator.ts) and put
 * in that position. Every evaluation, a cache hit too, counts one individual against the budget.
 *
 * The generator yields an event at each new best and every `every` evaluations (and at the end),
 * with what an animation shows: the best program so far, its fitness, the population's median.
 */
import type { Rng } from '../../../random.js';
import { type CacheOptions, DEFAULT_CACHE, Evaluator } from './evaluator.js';
import { DEMO_MEMORY, MemoryLayout, type MemorySizes } from './memory.js';
import { type MutationType, Mutator } from './mutator.js';
import { DEMO_OPS, OPS } from './ops.js';
import { COMPONENTS, noOpProgram, type PerComponent, type Program, type SizeLimits } from './program.js';
import { Randomizer } from './randomizer.js';
import type { Task } from './task.js';

export interface EvolutionOptions {
  /** The budget: programs evaluated, the initial population included. */
  evaluations: number;
  population: number;
  tournament: number;
  /** Probability that a child is mutated rather than copied (0.9). */
  mutateProbability: number;
  start: 'empty' | 'random';
  ops: PerComponent<readonly number[]>;
  sizes: PerComponent<SizeLimits>;
  /** Default: see Mutator. */
  mutations?: readonly MutationType[];
  /** Default: the demo's 4 scalars, 3 vectors, 1 matrix. */
  memory?: MemorySizes;
  /** An event every this many evaluations, besides each new best. */
  every: number;
  /** Default: the reference's probe of 10 + 10 examples; null evaluates every program in full. */
  cache?: CacheOptions | null;
}

export interface EvolutionEvent {
  /** Programs evaluated so far. */
  evaluations: number;
  /** The fittest program seen so far (first found among equals). */
  best: Program;
  bestFitness: number;
  /** Median fitness of the current population (of those evaluated, while it fills). */
  medianFitness: number;
  /** Whether this event is a new best. */
  improved: boolean;
  /** Evaluations the functional-equivalence cache answered. */
  cacheHits: number;
}

/** The same value in every component function. */
export function everyComponent<T>(value: T): PerComponent<T> {
  return { setup: value, predict: value, learn: value };
}

/** run_demo.sh: the six demo ops, fixed sizes 10 / 2 / 8, P = 1000, T = 10, random start. */
export const DEMO_EVOLUTION: Omit<EvolutionOptions, 'evaluations' | 'every'> = {
  population: 1000,
  tournament: 10,
  mutateProbability: 0.9,
  start: 'random',
  ops: everyComponent(DEMO_OPS),
  sizes: {
    setup: { initial: 10, min: 10, max: 10 },
    predict: { initial: 2, min: 2, max: 2 },
    learn: { initial: 8, min: 8, max: 8 },
  },
};

/**
 * The Rng the programs' random ops draw from while evolve(…, rng) scores them; a LearnedProgram
 * given it draws the same numbers in Setup, so the model drawn is the one that was scored.
 */
export function runtimeRng(rng: Rng): Rng {
  return rng.fork('run');
}

/** Checks the options at once (a RangeError naming the option), then evolves as the events are pulled. */
export function evolve(tasks: readonly Task[], options: EvolutionOptions, rng: Rng): Generator<EvolutionEvent> {
  const layout = new MemoryLayout(tasks[0]?.features ?? 1, options.memory ?? DEMO_MEMORY);
  check(options, layout);
  return run(tasks, options, layout, rng);
}

function* run(
  tasks: readonly Task[],
  options: EvolutionOptions,
  layout: MemoryLayout,
  rng: Rng,
): Generator<EvolutionEvent> {
  const evaluator = new Evaluator(
    tasks,
    layout,
    runtimeRng(rng),
    options.cache === undefined ? DEFAULT_CACHE : options.cache,
  );
  const mutator = new Mutator(layout, options, rng.fork('mutate'));
  const initializer = new Randomizer(layout, rng.fork('init'));
  const selectRng = rng.fork('select');
  const P = options.population;
  const population: Program[] = [];
  const fitness = new Float64Array(P);
  const sorted = new Float64Array(P);
  let best: Program | null = null;
  let bestFitness = Number.NEGATIVE_INFINITY;

  const event = (evaluations: number, improved: boolean): EvolutionEvent => {
    const filled = Math.min(evaluations, P);
    sorted.set(fitness.subarray(0, filled));
    const ranked = sorted.subarray(0, filled).sort();
    const median = filled % 2 ? ranked[(filled - 1) / 2] : (ranked[filled / 2 - 1] + ranked[filled / 2]) / 2;
    return {
      evaluations,
      best: best!,
      bestFitness,
      medianFitness: median,
      improved,
      cacheHits: evaluator.cache?.hits ?? 0,
    };
  };

  const empty = noOpProgram(options.sizes);
  let position = 0;
  for (let e = 1; e <= options.evaluations; e++) {
    let child: Program;
    if (e <= P) {
      child = options.start === 'empty' ? empty : initializer.randomProgram(options.sizes, options.ops);
    } else {
      child = mutator.mutate(population[tournament(fitness, options.tournament, selectRng)]);
    }
    const f = evaluator.fitness(child);
    population[position] = child;
    fitness[position] = f;
    position = (position + 1) % P;
    const improved = f > bestFitness;
    if (improved) {
      best = child;
      bestFitness = f;
    }
    if (improved || e % options.every === 0 || e === options.evaluations) yield event(e, improved);
  }
}

/** Index of the fittest of T positions drawn with replacement (the first drawn among equals). */
function tournament(fitness: Float64Array, size: number, rng: Rng): number {
  let winner = rng.int(fitness.length);
  for (let t = 1; t < size; t++) {
    const candidate = rng.int(fitness.length);
    if (fitness[candidate] > fitness[winner]) winner = candidate;
  }
  return winner;
}

function check(options: EvolutionOptions, layout: MemoryLayout): void {
  const positive = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  };
  positive('population', options.population);
  positive('tournament', options.tournament);
  positive('every', options.every);
  positive('evaluations', options.evaluations);
  if (options.evaluations < options.population) {
    throw new RangeError(
      `evaluations (${options.evaluations}) must be at least the population (${options.population})`,
    );
  }
  if (!(options.mutateProbability >= 0 && options.mutateProbability <= 1)) {
    throw new RangeError(`mutateProbability must be in [0, 1], got ${options.mutateProbability}`);
  }
  for (const c of COMPONENTS) {
    const { initial, min, max } = options.sizes[c];
    if (!(Number.isInteger(min) && min >= 0 && min <= initial && initial <= max && Number.isInteger(max))) {
      throw new RangeError(`${c} sizes must satisfy 0 ≤ min ≤ initial ≤ max, got ${min}, ${initial}, ${max}`);
    }
    for (const code of options.ops[c]) {
      const op = OPS[code];
      if (!op) throw new RangeError(`unknown op code ${code}`);
      for (const bank of [op.in1, op.in2, op.out]) {
        if (bank && layout.inputs(bank) === 0)
          throw new RangeError(`${op.name} needs a ${bank} address; memory has none`);
      }
      if (op.out && layout.inputs(op.out) <= layout.firstOutput(op.out)) {
        throw new RangeError(`${op.name} writes a ${op.out} address; memory has no writable one`);
      }
    }
    if (options.ops[c].length === 0 && options.start === 'random' && initial > 0) {
      throw new RangeError(`${c} has no allowed ops to draw its random instructions from`);
    }
  }
}
