/**
 * Lines in pixels, cut to a plot: a fitted curve can leave the plot by far (a polynomial of degree
 * 9 between its points, a path that diverges), and a line is drawn only as far as it is inside.
 * Segments are clipped to the plot's rectangle widened by a margin (so that a line's width and
 * round caps reach the edge) by Liang & Barsky's parametric test (1984); points that are not
 * finite break the line.
 */
import type { Polyline } from './contours.js';

/** The part of the segment p0 → p1 inside [lo, hi] of one coordinate: [t0, t1] of its parameter, narrowed. */
function narrow(p0: number, p1: number, lo: number, hi: number, t: [number, number]): boolean {
  const d = p1 - p0;
  if (d === 0) return p0 >= lo && p0 <= hi;
  let a = (lo - p0) / d;
  let b = (hi - p0) / d;
  if (a > b) [a, b] = [b, a];
  t[0] = Math.max(t[0], a);
  t[1] = Math.min(t[1], b);
  return t[0] <= t[1];
}

/**
 * Polylines through the points (x[i], y[i]), i < count, cut to [−margin, w + margin] ×
 * [−margin, h + margin]: a line breaks where it leaves the box or meets a point that is not
 * finite.
 */
export function clippedPolylines(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  count: number,
  w: number,
  h: number,
  margin: number,
): Polyline[] {
  const lines: Polyline[] = [];
  let open: Polyline | null = null;
  const t: [number, number] = [0, 1];
  for (let i = 1; i < count; i++) {
    const x0 = x[i - 1];
    const y0 = y[i - 1];
    const x1 = x[i];
    const y1 = y[i];
    t[0] = 0;
    t[1] = 1;
    const finite = Number.isFinite(x0) && Number.isFinite(y0) && Number.isFinite(x1) && Number.isFinite(y1);
    if (!finite || !narrow(x0, x1, -margin, w + margin, t) || !narrow(y0, y1, -margin, h + margin, t)) {
      open = null;
      continue;
    }
    const ax = x0 + t[0] * (x1 - x0);
    const ay = y0 + t[0] * (y1 - y0);
    const bx = x0 + t[1] * (x1 - x0);
    const by = y0 + t[1] * (y1 - y0);
    if (open === null || t[0] > 0) {
      open = [ax, ay];
      lines.push(open);
    }
    open.push(bx, by);
    if (t[1] < 1) open = null;
  }
  // A single finite point inside is a dot.
  if (count === 1 && Number.isFinite(x[0]) && Number.isFinite(y[0])) {
    if (x[0] >= -margin && x[0] <= w + margin && y[0] >= -margin && y[0] <= h + margin) lines.push([x[0], y[0]]);
  }
  return lines;
}
