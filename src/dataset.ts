/** Labelled 2-D points: the one shape in which data moves between simulators, models and the renderer. */
export interface Dataset {
  /** n×2 row-major coordinates. */
  X: Float64Array;
  /** Class labels 0..classes-1. */
  y: Uint8Array;
  n: number;
  classes: number;
}

/** The most points a data set may hold, simulated or read from a file (the scenario's data.n limit). */
export const MAX_POINTS = 200_000;

/**
 * What a data set asks of a model: to classify 2-D points (a Dataset), to predict y from x (a
 * Series), or, with no points at all, to minimise a 2-D function (an Objective).
 */
export type Task = 'classification' | 'regression' | 'optimization';

/** Points of a 1-D regression: x and y, n of each (the regression figure's data). */
export interface Series {
  x: Float64Array;
  y: Float64Array;
  n: number;
}

/** A point in a plane of two parameters, e.g. [w, b] or [x, y]. */
export type Point2 = readonly [number, number];

/**
 * A function of two variables to minimise, with its gradient: the data of a pure optimization
 * scenario, over which the optimizer's path is drawn.
 */
export interface Objective {
  /** The variables' names, e.g. ["x", "y"]. */
  names: readonly [string, string];
  value(x: number, y: number): number;
  /** ∂f/∂x and ∂f/∂y at (x, y). */
  gradient(x: number, y: number): [number, number];
  /** Where the function is worth looking at: [xmin, xmax] and [ymin, ymax]. */
  window: readonly [Point2, Point2];
  /** Its local minima and saddle points, exact (for marking them). */
  minima: readonly Point2[];
  saddles: readonly Point2[];
  /** Where a descent starts unless told otherwise. */
  start: Point2;
}

/** The first n points of a dataset (a view, no copy): the growing-sample animation's frames. */
export function head(data: Dataset, n: number): Dataset {
  const m = Math.min(n, data.n);
  return { X: data.X.subarray(0, 2 * m), y: data.y.subarray(0, m), n: m, classes: data.classes };
}

/** The first n points of a series (a view, no copy). */
export function headSeries(data: Series, n: number): Series {
  const m = Math.min(n, data.n);
  return { x: data.x.subarray(0, m), y: data.y.subarray(0, m), n: m };
}

/** Points of a series in the given order (a copy). */
export function reorderSeries(data: Series, order: ArrayLike<number>): Series {
  const n = order.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = data.x[order[i]];
    y[i] = data.y[order[i]];
  }
  return { x, y, n };
}

/** Points in the given order (a copy). */
export function reorder(data: Dataset, order: ArrayLike<number>): Dataset {
  const n = order.length;
  const X = new Float64Array(2 * n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const j = order[i];
    X[2 * i] = data.X[2 * j];
    X[2 * i + 1] = data.X[2 * j + 1];
    y[i] = data.y[j];
  }
  return { X, y, n, classes: data.classes };
}

/** Number of points per class. */
export function classCounts(data: Dataset): number[] {
  const counts = new Array<number>(data.classes).fill(0);
  for (let i = 0; i < data.n; i++) counts[data.y[i]]++;
  return counts;
}

/** Index of the largest of k probabilities in row i of an n×k matrix (first wins ties). */
export function argmaxRow(p: ArrayLike<number>, i: number, k: number): number {
  let best = 0;
  let bestP = p[i * k];
  for (let c = 1; c < k; c++) {
    const v = p[i * k + c];
    if (v > bestP) {
      bestP = v;
      best = c;
    }
  }
  return best;
}

/** Share of points whose most probable class is their label. */
export function accuracy(proba: ArrayLike<number>, data: Dataset): number {
  if (data.n === 0) return Number.NaN;
  let right = 0;
  for (let i = 0; i < data.n; i++) if (argmaxRow(proba, i, data.classes) === data.y[i]) right++;
  return right / data.n;
}
