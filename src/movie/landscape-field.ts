/**
 * The loss landscape's field: the objective evaluated on a grid over a window of its two
 * parameters, with its contour levels and what to mark. For a model's (w, b), the window is
 * centred on the minimum and reaches half as far again as the farthest start: the bowl in the
 * middle and the paths coming in from where they began (a path that overshoots further is cut at
 * the edge). A function brings its own window, minima and saddles.
 */
import type { Point2 } from '../dataset.js';
import type { Window } from '../grid.js';
import type { LandscapeField } from '../render/figure-scene.js';
import { contourLevels } from '../render/landscape-plot.js';

/** The window around a minimum that holds the starts, half as far again. */
export function bowlWindow(minimum: Point2, starts: readonly Point2[]): Window {
  const reach = (axis: 0 | 1) => {
    const far = Math.max(0, ...starts.map((s) => Math.abs(s[axis] - minimum[axis])));
    // A start on the minimum's level in this parameter still gets a bowl to look at.
    const least = 0.1 * (Math.abs(minimum[axis]) + 1);
    return 1.5 * Math.max(far, least);
  };
  const [rw, rb] = [reach(0), reach(1)];
  return { xmin: minimum[0] - rw, xmax: minimum[0] + rw, ymin: minimum[1] - rb, ymax: minimum[1] + rb };
}

/**
 * The objective on an n × n grid over the window (cell centres, rows from the top), its levels,
 * and the points to mark. Values that are not finite (far out in a steep function) are held at
 * the largest finite one.
 */
export function landscapeField(
  objective: (first: number, second: number) => number,
  window: Window,
  n: number,
  minima: readonly Point2[],
  saddles: readonly Point2[],
): LandscapeField {
  const grid = { ...window, nx: n, ny: n };
  const values = new Float64Array(n * n);
  let least = Number.POSITIVE_INFINITY;
  let most = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < n; j++) {
    const b = window.ymax - ((j + 0.5) * (window.ymax - window.ymin)) / n;
    for (let i = 0; i < n; i++) {
      const a = window.xmin + ((i + 0.5) * (window.xmax - window.xmin)) / n;
      const v = objective(a, b);
      values[j * n + i] = v;
      if (Number.isFinite(v)) {
        least = Math.min(least, v);
        most = Math.max(most, v);
      }
    }
  }
  for (let k = 0; k < values.length; k++) if (!Number.isFinite(values[k])) values[k] = most;
  // The least value is the minimum's, where it is known and lies in the window.
  for (const [a, b] of minima) least = Math.min(least, objective(a, b));
  return { grid, values, ...contourLevels(least, most), minima, saddles };
}
