/**
 * The grid a scenario's `compare:` forms — a row per data set (`rows:`), or the models wrapped
 * into `layout.columns` columns (about square by default) — and the canvas it gets when the
 * scenario gives no size. The plan lays the grid out by the same shape.
 */
import { type GridShape, gridLayout } from '../render/grid-layout.js';
import { LIMITS, type Scenario } from './schema.js';

/** The grid of a scenario's `compare:` list. */
export function gridShapeOf(scenario: Scenario, compare: readonly unknown[]): GridShape {
  const models = compare.length;
  const byRows = scenario.rows !== undefined;
  const columns = byRows ? models : Math.min(models, scenario.layout?.columns ?? Math.ceil(Math.sqrt(models)));
  const rows = byRows ? (scenario.rows?.length ?? 1) : Math.ceil(models / columns);
  return { rows, columns, rowLabels: byRows, titles: byRows ? 'top' : 'each' };
}

/** The smallest value of `from`..LIMITS.size at which `fits` holds, if any. */
export function smallest(from: number, fits: (size: number) => boolean): number | undefined {
  for (let size = from; size <= LIMITS.size; size++) if (fits(size)) return size;
  return undefined;
}

/** Panels of a grid drawn at its default size: large enough for text and points to read. */
const DEFAULT_PANEL_SIDE = 150;
const DEFAULT_MIN = 480;
const DEFAULT_MAX_WIDTH = 1600;

/**
 * The canvas for a grid when the scenario gives no size: as wide as panels of the default side
 * need (within 480..1600 px), and as tall as the rows then need.
 */
export function defaultGridSize(shape: GridShape): { width: number; height: number } {
  const sideAt = (width: number, height: number) => gridLayout(width, height, shape).side;
  const width =
    smallest(DEFAULT_MIN, (w) => w >= DEFAULT_MAX_WIDTH || sideAt(w, LIMITS.size) >= DEFAULT_PANEL_SIDE) ??
    DEFAULT_MAX_WIDTH;
  const side = Math.min(DEFAULT_PANEL_SIDE, sideAt(width, LIMITS.size));
  const height = smallest(160, (h) => sideAt(width, h) >= side) ?? LIMITS.size;
  return { width, height };
}
