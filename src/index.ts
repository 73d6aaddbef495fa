/** The library API: the CLI is a thin layer over these. */

export { dataSources } from './data/index.js';
export type { DataSourceSpec, Simulator } from './data/types.js';
export type { Dataset } from './dataset.js';
export { UserError } from './errors.js';
export { models } from './models/index.js';
export type { Classifier, ModelSpec, Step } from './models/types.js';
export { type RenderRequest, type RenderResult, renderScenario as render, simulate } from './pipeline.js';
export { createRng, type Rng } from './random.js';
export { loadScenario, validateScenario } from './scenario/load.js';
export { type Scenario, scenarioSchema } from './scenario/schema.js';
