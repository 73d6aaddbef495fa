/**
 * The library API: the command line is a thin layer over these.
 *
 *   import { render, validate, listModels } from 'mlgif';
 *   await render('configs/logistic-gaussians.yaml', { output: 'out/x.gif' });
 *   validate({ model: { type: 'knn', k: 0 } }).problems; // [{ path: 'model.k', message: 'Too small: ...' }]
 */

export {
  dataCsv,
  defaultOutput,
  type LoadOptions,
  load,
  type PlanOptions,
  type Points,
  plan,
  planOf,
  points,
  type RenderOptions,
  type RenderResult,
  render,
  renderPlan,
  type ScenarioInput,
  series,
  seriesCsv,
  toCsv,
  type Validation,
  validate,
} from './api.js';
export { dataSources } from './data/index.js';
export { optimalLoss } from './data/optimal-loss.js';
export type {
  ClassificationSimulator,
  DataSourceSpec,
  OptimizationSimulator,
  RegressionSimulator,
  Simulator,
} from './data/source.js';
export type { Dataset, Objective, Series, Task } from './dataset.js';
export { formatProblem, Interrupted, type Problem, UserError } from './errors.js';
export type { RegressionLoss } from './losses.js';
export { models } from './models/index.js';
export type { Classifier, Landscape, Minimizer, ModelSpec, Regressor, Step } from './models/model.js';
export { OUTPUT_FORMATS, type OutputFormat } from './plan/output-format.js';
export type { RenderPlan } from './plan/plan.js';
export { createRng, type Rng } from './random.js';
export {
  type DataSourceInfo,
  listDataSources,
  listModels,
  type ModelInfo,
  type OptionInfo,
  scenarioJsonSchema,
} from './scenario/catalog.js';
export { checkBudget, INPUT_LIMITS, type LoadedScenario, loadScenario, validateScenario } from './scenario/load.js';
export { LIMITS, type Scenario, scenarioSchema } from './scenario/schema.js';
