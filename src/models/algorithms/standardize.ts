/**
 * Centre and scale the two inputs (a regression's x and y) to mean 0, variance 1.
 * Gradient-trained models fit on standardized inputs (as scikit-learn's docs advise) so one
 * learning rate suits every data set; predictions apply the same transform, so the boundary (the
 * curve) is the model's, in data units.
 */
import type { Dataset } from '../../dataset.js';

export interface Scaler {
  mean: [number, number];
  scale: [number, number];
}

/** One column's centre and scale. */
export interface ColumnScale {
  mean: number;
  scale: number;
}

export function fitScaler(data: Dataset): Scaler {
  const x = columnScale(data.X, data.n, 2, 0);
  const y = columnScale(data.X, data.n, 2, 1);
  return { mean: [x.mean, y.mean], scale: [x.scale, y.scale] };
}

/**
 * Mean and standard deviation (population: divided by n, as scikit-learn's StandardScaler) of
 * values[offset + stride·i], i < n; a constant (or empty) column gets scale 1.
 */
export function columnScale(values: Float64Array, n: number, stride = 1, offset = 0): ColumnScale {
  if (n === 0) return { mean: 0, scale: 1 };
  let s = 0;
  for (let i = 0; i < n; i++) s += values[stride * i + offset];
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[stride * i + offset] - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  return { mean, scale: sd > 1e-12 ? sd : 1 };
}

/** Standardized copy of n×2 points. */
export function transform(scaler: Scaler, X: Float64Array): Float64Array {
  const out = new Float64Array(X.length);
  for (let i = 0; i < X.length; i += 2) {
    out[i] = (X[i] - scaler.mean[0]) / scaler.scale[0];
    out[i + 1] = (X[i + 1] - scaler.mean[1]) / scaler.scale[1];
  }
  return out;
}

/** Per-column means and population standard deviations of an n×d matrix (a constant column: scale 1). */
export interface ColumnScaler {
  mean: Float64Array;
  scale: Float64Array;
}

export function fitColumns(X: Float64Array, d: number): ColumnScaler {
  const n = d > 0 ? X.length / d : 0;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d).fill(1);
  if (n === 0) return { mean, scale };
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[i * d + j];
    mean[j] = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (X[i * d + j] - mean[j]) ** 2;
    const sd = Math.sqrt(ss / n);
    scale[j] = sd > 1e-12 ? sd : 1;
  }
  return { mean, scale };
}

/** Standardizes an n×d matrix in place. */
export function standardizeColumns(scaler: ColumnScaler, X: Float64Array): Float64Array {
  const d = scaler.mean.length;
  for (let i = 0; i < X.length; i++) {
    const j = i % d;
    X[i] = (X[i] - scaler.mean[j]) / scaler.scale[j];
  }
  return X;
}

/** Standardized copy of one column's values. */
export function standardized(values: Float64Array, { mean, scale }: ColumnScale): Float64Array {
  return values.map((v) => (v - mean) / scale);
}
