/**
 * The library API: the CLI is a thin layer over these.
 *
 *   import { render, validate, listModels } from 'mlgif';
 *   await render('configs/logistic-gaussians.yaml', { output: 'out/x.gif' });
 *   validate({ model: { type: 'knn', k: 0 } }).problems; // ['model.k: Too small: ...']
 */

export {
  check,
  type LoadOptions,
  load,
  type Points,
  points,
  problemLines,
  type RenderOptions,
  render,
  type ScenarioInput,
  toCsv,
  type Validation,
  validate,
} from './api.js';
export { dataSources } from './data/index.js';
export type { DataSourceSpec, Simulator } from './data/types.js';
export type { Dataset } from './dataset.js';
export { Interrupted, UserError } from './errors.js';
export { models } from './models/index.js';
export type { Classifier, ModelSpec, Step } from './models/model.js';
export { type RenderRequest, type RenderResult, renderScenario, simulate } from './pipeline.js';
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
