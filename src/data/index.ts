/** The data-source registry: every data.source a scenario may name. One line per source. */
import { blobs } from './blobs.js';
import { circles } from './circles.js';
import { csv } from './csv.js';
import { gaussians } from './gaussians.js';
import { mixture } from './mixture.js';
import { moons } from './moons.js';
import type { DataSourceSpec } from './source.js';
import { spirals } from './spirals.js';
import { xor } from './xor.js';

export const dataSources: readonly DataSourceSpec[] = [gaussians, mixture, moons, circles, xor, spirals, blobs, csv];

/** The registered source of a validated scenario's data.source (an unknown one is a bug). */
export function dataSource(source: string): DataSourceSpec {
  const spec = dataSources.find((d) => d.source === source);
  if (!spec) throw new Error(`unregistered data source ${source}`);
  return spec;
}
