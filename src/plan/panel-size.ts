/**
 * A comparison grid whose panels would be too small to read is refused, naming the size to raise
 * and by how much: the layout would otherwise squeeze the panels below a legible size (or below
 * nothing at all: 16 columns in 160 px).
 */
import { UserError } from '../errors.js';
import { type GridShape, gridLayout, MIN_PANEL_SIDE } from '../render/grid-layout.js';
import { smallest } from '../scenario/grid-size.js';

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
