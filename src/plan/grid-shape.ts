/**
 * The shape of a comparison grid: a row per data set (`rows:`), or the models wrapped into
 * `layout.columns` columns (about square by default). The plan lays the grid out by it, and the
 * scenario's default canvas is sized from it.
 */
import type { GridShape } from '../render/grid-layout.js';
import type { Scenario } from '../scenario/schema.js';

/** The grid of a scenario's `compare:` list. */
export function gridShapeOf(scenario: Scenario, compare: readonly unknown[]): GridShape {
  const models = compare.length;
  const byRows = scenario.rows !== undefined;
  const columns = byRows ? models : Math.min(models, scenario.layout?.columns ?? Math.ceil(Math.sqrt(models)));
  const rows = byRows ? (scenario.rows?.length ?? 1) : Math.ceil(models / columns);
  return { rows, columns, rowLabels: byRows, titles: byRows ? 'top' : 'each' };
}
