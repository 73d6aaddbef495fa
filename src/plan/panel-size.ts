/**
 * A comparison grid whose panels would be too small to read is refused, naming the size to raise
 * and by how much: the layout would otherwise squeeze the panels below a legible size (or below
 * nothing at all: 16 columns in 160 px).
 */
import { UserError } from '../errors.js';
import { type GridShape, gridLayout, MIN_PANEL_SIDE } from '../render/grid-layout.js';
import { LIMITS } from '../scenario/schema.js';

/** The smallest value of `from`..LIMITS.size at which `fits` holds, if any. */
function smallest(from: number, fits: (size: number) => boolean): number | undefined {
  for (let size = from; size <= LIMITS.size; size++) if (fits(size)) return size;
  return undefined;
}

export function checkPanelSize(render: { width: number; height: number }, shape: GridShape): void {
  const side = (width: number, height: number) => gridLayout(width, height, shape).side;
  const { width, height } = render;
  if (side(width, height) >= MIN_PANEL_SIDE) return;
  const grid = `${shape.rows} × ${shape.columns} panels`;
  const start = `${grid} in ${width} × ${height} px would be under ${MIN_PANEL_SIDE} px each, too small to read`;
  const tallEnough = smallest(height, (h) => side(width, h) >= MIN_PANEL_SIDE);
  if (tallEnough !== undefined) {
    throw new UserError(`${start}; make render.height at least ${tallEnough}, or use fewer rows`, 'render.height');
  }
  const wideEnough = smallest(width, (w) => side(w, height) >= MIN_PANEL_SIDE);
  if (wideEnough !== undefined) {
    throw new UserError(`${start}; make render.width at least ${wideEnough}, or use fewer columns`, 'render.width');
  }
  throw new UserError(`${start}; make render.width and render.height larger, or use fewer panels`, 'render');
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
