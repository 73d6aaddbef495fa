/** The data-source registry: every data.source a scenario may name. One line per source. */
import { gaussians } from './gaussians.js';
import { mixture } from './mixture.js';
import type { DataSourceSpec } from './types.js';

export const dataSources: readonly DataSourceSpec[] = [gaussians, mixture] as unknown as readonly DataSourceSpec[];

export function findDataSource(source: string): DataSourceSpec | undefined {
  return dataSources.find((d) => d.source === source);
}
