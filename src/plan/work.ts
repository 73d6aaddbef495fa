/**
 * The work a render asks for, estimated from its plan before anything runs, and refused over a
 * budget (`--max-work`): the pixel budget bounds the GIF's size, this bounds the time. Units are
 * about what one pixel costs to draw and encode, which is also about one evaluation of a linear
 * model at one grid point (~50 ns on one core of a 2020s machine):
 *
 * - pixels: width × height × frames;
 * - evaluation: grid points × panels × frames × the cost of one prediction, per model (a k-NN
 *   query looks at k neighbours and down a k-d tree, an SVM sums over its support vectors, at most
 *   n, a forest walks each tree);
 * - training, where its cost is known from the options (epochs × n for gradient methods, n² for
 *   an SVM's kernel rows, ...): once through the stages, or once per frame by samples or sweep
 *   (half of it on average while the sample grows).
 *
 * The default budget, 1e10 units, is about ten minutes; an estimate is a lower bound for models
 * whose training depends on the data (an SVM with a large C trains much longer than n²).
 */
import { UserError } from '../errors.js';
import type { ModelChoice, RenderPlan, SearchPlan } from './plan.js';
import { MIN_FIT, roundSizes, validationCount } from './search.js';

/** The default of --max-work. */
export const DEFAULT_MAX_WORK = 1e10;

export interface Work {
  pixels: number;
  evaluation: number;
  training: number;
  total: number;
}

type Options = Record<string, unknown>;
const num = (options: Options, key: string, fallback: number) =>
  typeof options[key] === 'number' ? (options[key] as number) : fallback;

/** Weights and biases of an MLP on its inputs (the point, or Playground's features) with `classes` outputs. */
function mlpParameters(options: Options): number {
  const hidden = Array.isArray(options.hidden) ? (options.hidden as number[]) : [16];
  let inputs = Array.isArray(options.features) ? options.features.length : 2;
  let total = 0;
  for (const units of [...hidden, 2]) {
    total += (inputs + 1) * units;
    inputs = units;
  }
  return total;
}

/** Depth a tree reaches on n points: its limit, or about log2 n when unlimited. */
const depthOf = (options: Options, n: number) =>
  Math.min(num(options, 'maxDepth', 64), Math.ceil(Math.log2(Math.max(2, n))) + 1);

/** Coefficients of a linear model's basis or features (its cost per point and per step). */
function linearParameters(options: Options): number {
  const features = Array.isArray(options.features) ? options.features.length : 2;
  return 1 + Math.max(features, num(options, 'degree', 1) + 2 * num(options, 'fourier', 0) + num(options, 'rbf', 0));
}

/** Units of one prediction at one point. */
function predictionCost(model: ModelChoice, n: number): number {
  const o = model.options;
  switch (model.spec.type) {
    case 'knn':
      return num(o, 'k', 5) + Math.log2(Math.max(2, n));
    case 'svm':
      return n;
    case 'tree':
      return depthOf(o, n);
    case 'forest':
      return num(o, 'trees', 100) * depthOf(o, n);
    case 'boosting':
      return num(o, 'rounds', 100) * num(o, 'maxDepth', 6);
    case 'mars':
      return num(o, 'maxTerms', 21) * num(o, 'degree', 1);
    case 'mlp':
      return mlpParameters(o);
    case 'linear':
      return linearParameters(o);
    default:
      return 1;
  }
}

/** Units of training one model on n points through all its stages. */
function trainingCost(model: ModelChoice, n: number): number {
  const o = model.options;
  switch (model.spec.type) {
    case 'logistic':
      return num(o, 'epochs', 100) * n;
    case 'linear':
      return num(o, 'epochs', 100) * Math.max(n, 1) * linearParameters(o);
    case 'mlp':
      return 3 * num(o, 'epochs', 200) * n * mlpParameters(o);
    case 'svm':
      return n * n;
    case 'knn':
      return n * Math.log2(Math.max(2, n));
    case 'tree':
      return n * depthOf(o, n);
    case 'forest':
      return num(o, 'trees', 100) * n * depthOf(o, n);
    case 'boosting':
      return num(o, 'rounds', 100) * n * num(o, 'maxDepth', 6);
    case 'mars':
      return num(o, 'maxTerms', 21) ** 2 * n * num(o, 'degree', 1);
    case 'evolve':
      // Each program scored runs over the training points once (measured: ~3e7 points a second).
      return num(o, 'evaluations', 100_000) * n;
    default:
      return n;
  }
}

/** A panel (a sweep's frame, a search's configuration): its model, its training size, how often it is trained and evaluated on the grid. */
interface Panel {
  model: ModelChoice;
  n: number;
  trainings: number;
  evaluations: number;
}

/**
 * A search's trainings: each round's configurations at its sample size. Which configurations a
 * halving round keeps is known only once they are scored: the configurations' mean cost stands in.
 */
function searchPanels(plan: SearchPlan): Panel[] {
  const n = plan.data.entry.n;
  const fit = n - validationCount(n, plan.validation);
  const sizes = roundSizes(fit, plan.rounds.length, plan.eta, MIN_FIT);
  return plan.rounds.flatMap((count, round) =>
    plan.configs.map(({ model }) => {
      const trainings = count / plan.configs.length;
      // Each training is drawn small, and again large when it is the best so far: at most twice.
      return { model, n: sizes[round], trainings, evaluations: 2 * trainings };
    }),
  );
}

export function workOf(plan: RenderPlan): Work {
  const { render, animate } = plan.scenario;
  // A search draws one frame per training, and the winner's.
  const frames = plan.kind === 'search' ? plan.rounds.reduce((a, b) => a + b, 1) : animate.frames;
  const gridPoints = render.grid * render.grid;
  // Each panel (a sweep: each frame): its model, its training size, how often it is trained and drawn.
  const trainings = (mode: string) => (mode === 'samples' ? frames / 2 : 1);
  const panels: Panel[] =
    plan.kind === 'single'
      ? [{ model: plan.model, n: plan.data.entry.n, trainings: trainings(plan.mode), evaluations: frames }]
      : plan.kind === 'compare'
        ? plan.datasets.flatMap((d) =>
            plan.models.map((model) => ({ model, n: d.entry.n, trainings: trainings(plan.mode), evaluations: frames })),
          )
        : plan.kind === 'search'
          ? searchPanels(plan)
          : plan.frames.map((f) => ({ model: f.model, n: f.data.entry.n, trainings: 1, evaluations: 1 }));
  let evaluation = 0;
  let training = 0;
  for (const panel of panels) {
    evaluation += gridPoints * panel.evaluations * predictionCost(panel.model, panel.n);
    training += panel.trainings * trainingCost(panel.model, panel.n);
  }
  // A program's figure is widened for its code panel (movie/with-program.ts).
  const programs = panels.some((p) => p.model.spec.program);
  const width = programs ? Math.max(render.width, 2 * render.height) : render.width;
  const pixels = width * render.height * frames;
  return { pixels, evaluation, training, total: pixels + evaluation + training };
}

const sci = (x: number) => x.toExponential(1).replace('e+', 'e');

/** Refuses a plan whose estimated work is over `maxWork` units. */
export function checkWork(plan: RenderPlan, maxWork: number = DEFAULT_MAX_WORK): void {
  const work = workOf(plan);
  if (work.total <= maxWork) return;
  throw new UserError(
    `this render would take about ${sci(work.total)} units of work (pixels ${sci(work.pixels)} + model ` +
      `evaluations ${sci(work.evaluation)} + training ${sci(work.training)}), over the budget of ` +
      `${sci(maxWork)} (about ten minutes per 1e10); use fewer frames, panels or points, a smaller ` +
      'render.grid, or raise the budget with --max-work',
  );
}
