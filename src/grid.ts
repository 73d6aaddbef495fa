/**
 * The evaluation grid: nx × ny points at the centres of equal cells covering the plot window,
 * row-major from the top row (largest y) down — marching squares' layout, where value (i, j) sits at
 * (i + 0.5, j + 0.5) in grid units, and the same order as the pixels of the frame.
 */
import type { Dataset } from './dataset.js';

export interface Window {
  xmin: number;
  xmax: number;
  ymin: number;
  ymax: number;
}

export interface Grid extends Window {
  nx: number;
  ny: number;
}

/** A field of class probabilities on a grid: nx·ny rows of `classes` values. */
export interface Field {
  grid: Grid;
  classes: number;
  proba: Float32Array;
}

/** The grid's coordinates: column i is at x = xs[i] (ascending), row j at y = ys[j] (descending, from the top). */
export function gridAxes(grid: Grid): { xs: Float64Array; ys: Float64Array } {
  const { nx, ny, xmin, xmax, ymin, ymax } = grid;
  const dx = (xmax - xmin) / nx;
  const dy = (ymax - ymin) / ny;
  const xs = new Float64Array(nx);
  const ys = new Float64Array(ny);
  for (let i = 0; i < nx; i++) xs[i] = xmin + (i + 0.5) * dx;
  for (let j = 0; j < ny; j++) ys[j] = ymax - (j + 0.5) * dy;
  return { xs, ys };
}

/** n×2 coordinates of the grid points, row-major from the top-left: point j·nx + i is (xs[i], ys[j]). */
export function gridPoints(grid: Grid): Float64Array {
  const { nx, ny } = grid;
  const { xs, ys } = gridAxes(grid);
  const X = new Float64Array(2 * nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const o = 2 * (j * nx + i);
      X[o] = xs[i];
      X[o + 1] = ys[j];
    }
  }
  return X;
}

/**
 * The plot window: the given limits, or the data's range padded by 8 % and widened so both
 * axes have the same span (a square plot then keeps distances and angles true).
 */
export function plotWindow(
  datasets: readonly Dataset[],
  xlim?: readonly [number, number],
  ylim?: readonly [number, number],
): Window {
  let xmin = Number.POSITIVE_INFINITY;
  let xmax = Number.NEGATIVE_INFINITY;
  let ymin = Number.POSITIVE_INFINITY;
  let ymax = Number.NEGATIVE_INFINITY;
  for (const d of datasets) {
    for (let i = 0; i < d.n; i++) {
      const x = d.X[2 * i];
      const y = d.X[2 * i + 1];
      if (x < xmin) xmin = x;
      if (x > xmax) xmax = x;
      if (y < ymin) ymin = y;
      if (y > ymax) ymax = y;
    }
  }
  if (!Number.isFinite(xmin)) [xmin, xmax, ymin, ymax] = [-1, 1, -1, 1];
  const span = Math.max(xmax - xmin, ymax - ymin, 1e-9) * 1.16;
  const cx = (xmin + xmax) / 2;
  const cy = (ymin + ymax) / 2;
  const [x0, x1] = xlim ?? [cx - span / 2, cx + span / 2];
  const [y0, y1] = ylim ?? [cy - span / 2, cy + span / 2];
  return { xmin: x0, xmax: x1, ymin: y0, ymax: y1 };
}
