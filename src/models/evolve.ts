/**
 * A learning algorithm evolved from basic math operations: AutoML-Zero (Real, Liang, So & Le,
 * "AutoML-Zero: Evolving Machine Learning Algorithms From Scratch", ICML 2020). Regularized
 * (aging) evolution searches programs of three component functions, Setup, Predict and Learn
 * (src/models/algorithms/automl/), scoring each by training it on part of the training points
 * and measuring it on the rest: 1 − error rate for two classes, 1 − (2/π)·atan(RMSE) for a
 * regression. The model is the best program so far, trained as it was scored (Setup once, then
 * Predict and Learn per point of the scored run's training part, in its shuffled order, memory
 * carried) and then predicting each point from the learned memory (restored before each, so the
 * prediction is a function of the point).
 *
 * One stage = one generation (`population` evaluations), so an animation by its stages has a
 * known length; the step carries the best program, printed as the paper prints it, with the
 * lines its latest improvement changed and the search's fitness so far, for the code panel.
 * Deterministic per seed: every draw, the programs' random ops included, comes from the Rng.
 * Regression inputs and targets are standardized first: the reference stops a program whose
 * error exceeds 100, a bound meant for unit-scale data.
 */
import { z } from 'zod';
import type { Dataset, Series } from '../dataset.js';
import { options } from '../options.js';
import type { Rng } from '../random.js';
import { type EvolutionOptions, evolve as runEvolution, runtimeRng } from './algorithms/automl/evolution.js';
import { LearnedProgram } from './algorithms/automl/learned.js';
import { DEMO_MEMORY, MemoryLayout } from './algorithms/automl/memory.js';
import { BASELINE_OPS, DEMO_OPS, OP_NAMES, OPS, opCode } from './algorithms/automl/ops.js';
import { changedLines, printProgram } from './algorithms/automl/print.js';
import type { PerComponent, Program, SizeLimits } from './algorithms/automl/program.js';
import { type Examples, splitTask, type TaskKind } from './algorithms/automl/task.js';
import { type ColumnScale, columnScale, standardized } from './algorithms/standardize.js';
import { type Classifier, defineModel, type ProgramView, probaBuffer, type Regressor, valueBuffer } from './model.js';

/** Ops drawing random numbers: in Predict or Learn a lucky draw could pass for skill. */
const RANDOM_SET_OPS = new Set(
  OPS.filter((op) => op.data === 'uniform' || op.data === 'gaussian').map((op) => op.code),
);

const schema = options({
  evaluations: z
    .number()
    .int()
    .min(1000)
    .max(2_000_000)
    .default(100_000)
    .describe('the budget: programs evaluated (a fixed, seeded search, not "until solved")'),
  population: z
    .number()
    .int()
    .min(10)
    .max(10_000)
    .default(1000)
    .describe('programs alive at once (aging: the oldest dies)'),
  tournament: z.number().int().min(2).max(100).default(10).describe('programs drawn to pick each parent'),
  ops: z
    .union([
      z.enum(['demo', 'baseline']),
      z
        .array(z.enum(OP_NAMES.slice(1) as [string, ...string[]]))
        .min(1)
        .max(64),
    ])
    .default('baseline')
    .describe(
      "demo (the paper's 6), baseline (all 64; random draws in Setup only), or a list of op names (docs/automl.md)",
    ),
  setupSize: z.number().int().min(1).max(50).default(10).describe('most instructions in Setup'),
  predictSize: z.number().int().min(1).max(50).default(10).describe('most instructions in Predict'),
  learnSize: z.number().int().min(1).max(50).default(10).describe('most instructions in Learn'),
  start: z.enum(['empty', 'random']).default('empty').describe('first programs: no-ops, or random instructions'),
  validation: z
    .number()
    .min(0.1)
    .max(0.5)
    .default(0.25)
    .describe('share of the training points a program is scored on'),
});

type EvolveOptions = z.output<typeof schema>;

/**
 * The engine's settings for these options. The paper's demo searches fixed sizes with three
 * mutations; otherwise programs grow from one instruction by insertion, up to the sizes.
 */
function evolutionOptions(opts: EvolveOptions): EvolutionOptions {
  const chosen = opts.ops;
  const demo = chosen === 'demo';
  const list: readonly number[] =
    chosen === 'demo' ? DEMO_OPS : chosen === 'baseline' ? BASELINE_OPS : chosen.map((name) => opCode(name) ?? 0);
  const size = (max: number): SizeLimits =>
    demo ? { initial: max, min: max, max } : { initial: opts.start === 'random' ? max : 1, min: 1, max };
  const baseline = chosen === 'baseline';
  const ops: PerComponent<readonly number[]> = {
    setup: list,
    predict: baseline ? list.filter((c) => !RANDOM_SET_OPS.has(c)) : list,
    learn: baseline ? list.filter((c) => !RANDOM_SET_OPS.has(c)) : list,
  };
  return {
    evaluations: opts.evaluations,
    population: Math.min(opts.population, opts.evaluations),
    tournament: opts.tournament,
    mutateProbability: 0.9,
    start: demo ? 'random' : opts.start,
    ops,
    sizes: { setup: size(opts.setupSize), predict: size(opts.predictSize), learn: size(opts.learnSize) },
    mutations: demo ? ['alterParam', 'randomizeInstruction', 'randomizeComponent'] : undefined,
    memory: DEMO_MEMORY,
    every: Math.min(opts.population, opts.evaluations),
  };
}

/**
 * Evolution on one task, one Step per generation with the best program's view; `use` is called
 * with each generation's best program before its step is yielded, to make it the model, and with
 * the examples to train it on: the scored run's, in its order. An evolved program is tuned to
 * what it was scored on: trained on the data's own order (a line's x sorted, classes in blocks)
 * or on more examples, its evolved learning rate can diverge or its trick stop working, and the
 * figure would show another model than the one whose fitness it prints.
 */
function* generations(
  kind: TaskKind,
  features: number,
  X: Float64Array,
  y: ArrayLike<number>,
  opts: EvolveOptions,
  rng: Rng,
  use: (best: Program, examples: Examples) => void,
) {
  const settings = evolutionOptions(opts);
  if (y.length < 2) {
    // Nothing to score a program on: the empty program (the prior) stands as the model.
    yield { stage: 1, total: 1, label: 'too few points to evolve' };
    return;
  }
  const task = splitTask(kind, features, X, y, opts.validation, rng.fork('split'));

  const P = settings.population;
  const total = Math.ceil(settings.evaluations / P);
  const history = { evaluations: [] as number[], best: [] as number[], median: [] as number[] };
  // The lines of the best program before the latest improvement, and what that improvement changed.
  let before: ReturnType<typeof printProgram> | null = null;
  let lines: ReturnType<typeof printProgram> | null = null;
  let changed: boolean[] = [];
  let bestFitness = Number.NEGATIVE_INFINITY;
  let stage = 0;
  for (const event of runEvolution([task], settings, rng.fork('evolve'))) {
    if (event.evaluations % P !== 0 && event.evaluations !== settings.evaluations) continue;
    stage++;
    use(event.best, task.train);
    const improved = event.bestFitness > bestFitness;
    if (improved || !lines) {
      before = lines;
      lines = printProgram(event.best, features);
      changed = changedLines(before, lines);
      bestFitness = event.bestFitness;
    }
    history.evaluations.push(event.evaluations);
    history.best.push(event.bestFitness);
    history.median.push(event.medianFitness);
    const view: ProgramView = {
      lines: lines.map((line, i) => ({
        text: line.text,
        kind: line.kind,
        changed: changed[i] && line.kind === 'live',
      })),
      evaluations: event.evaluations,
      budget: settings.evaluations,
      bestFitness: event.bestFitness,
      medianFitness: event.medianFitness,
      improved,
      history: { count: stage, ...history },
    };
    yield {
      stage,
      total,
      label: `generation ${stage}`,
      loss: 1 - event.bestFitness,
      program: view,
    };
  }
}

/** The model of two classes: the probability of class 1 is the program's sigmoid(s1). */
class EvolvedClassifier implements Classifier {
  readonly classes = 2;
  private learned: LearnedProgram | null = null;

  constructor(private readonly opts: EvolveOptions) {}

  *train(data: Dataset, rng: Rng) {
    const y = Float64Array.from(data.y.subarray(0, data.n));
    const X = data.X.subarray(0, 2 * data.n);
    const layout = new MemoryLayout(2, DEMO_MEMORY);
    const runs = runtimeRng(rng.fork('evolve'));
    yield* generations('classification', 2, X, y, this.opts, rng, (best, examples) => {
      this.learned = new LearnedProgram(best, layout, 'classification', examples, runs);
    });
  }

  predictProba(X: Float64Array, out?: Float32Array): Float32Array {
    const n = X.length / 2;
    const p = probaBuffer(n, 2, out);
    const p1 = new Float64Array(n).fill(0.5);
    this.learned?.predict(X, p1);
    for (let i = 0; i < n; i++) {
      p[2 * i] = 1 - p1[i];
      p[2 * i + 1] = p1[i];
    }
    return p;
  }
}

/** The model of a 1-D regression, on standardized x and y. */
class EvolvedRegressor implements Regressor {
  private learned: LearnedProgram | null = null;
  private x: ColumnScale = { mean: 0, scale: 1 };
  private y: ColumnScale = { mean: 0, scale: 1 };

  constructor(private readonly opts: EvolveOptions) {}

  *train(data: Series, rng: Rng) {
    this.x = columnScale(data.x, data.n);
    this.y = columnScale(data.y, data.n);
    const x = standardized(data.x.subarray(0, data.n), this.x);
    const y = standardized(data.y.subarray(0, data.n), this.y);
    const layout = new MemoryLayout(1, DEMO_MEMORY);
    const runs = runtimeRng(rng.fork('evolve'));
    yield* generations('regression', 1, x, y, this.opts, rng, (best, examples) => {
      this.learned = new LearnedProgram(best, layout, 'regression', examples, runs);
    });
  }

  predict(x: Float64Array, out?: Float64Array): Float64Array {
    const values = valueBuffer(x.length, out);
    const standard = new Float64Array(x.length);
    this.learned?.predict(standardized(x, this.x), standard);
    for (let i = 0; i < x.length; i++) values[i] = this.y.mean + this.y.scale * standard[i];
    return values;
  }
}

export const evolve = defineModel({
  type: 'evolve',
  title: 'Evolved program (AutoML-Zero)',
  stage: 'generation',
  schema,
  maxClasses: 2,
  program: true,
  classifier: (opts) => new EvolvedClassifier(opts),
  regressor: (opts) => new EvolvedRegressor(opts),
});
