/** The data-source registry: every data.source a scenario may name. One line per source. */
import { blobs } from './blobs.js';
import { circles } from './circles.js';
import { csv } from './csv.js';
import { objectiveFunction } from './function.js';
import { gaussians } from './gaussians.js';
import { heteroscedastic } from './heteroscedastic.js';
import { line } from './line.js';
import { mixture } from './mixture.js';
import { moons } from './moons.js';
import { polynomial } from './polynomial.js';
import { sine } from './sine.js';
import type { DataSourceSpec } from './source.js';
import { spirals } from './spirals.js';
import { step } from './step.js';
import { xor } from './xor.js';

export const dataSources: readonly DataSourceSpec[] = [
  // classification
  gaussians,
  mixture,
  moons,
  circles,
  xor,
  spirals,
  blobs,
  // regression
  line,
  polynomial,
  sine,
  step,
  heteroscedastic,
  // either, by the file's header
  csv,
  // optimization (no points)
  objectiveFunction,
];

/** The registered source of a validated scenario's data.source (an unknown one is a bug). */
export function dataSource(source: string): DataSourceSpec {
  const spec = dataSources.find((d) => d.source === source);
  if (!spec) throw new Error(`unregistered data source ${source}`);
  return spec;
}
