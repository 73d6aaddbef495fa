/** The data-source registry: every data.source a scenario may name. One line per source. */
import { blobs } from './blobs.js';
import { circles } from './circles.js';
import { csv } from './csv.js';
import { gaussians } from './gaussians.js';
import { mixture } from './mixture.js';
import { moons } from './moons.js';
import { spirals } from './spirals.js';
import type { DataSourceSpec } from './types.js';
import { xor } from './xor.js';

export const dataSources: readonly DataSourceSpec[] = [
  gaussians,
  mixture,
  moons,
  circles,
  xor,
  spirals,
  blobs,
  csv,
] as unknown as readonly DataSourceSpec[];

export function findDataSource(source: string): DataSourceSpec | undefined {
  return dataSources.find((d) => d.source === source);
}
