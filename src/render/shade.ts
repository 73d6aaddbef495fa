/**
 * Probability shading, written straight into palette indices: each pixel of the plot takes the
 * bilinearly interpolated class probabilities of the grid, and is tinted towards the winning
 * class by how sure the model is — the background colour where p_max = 1/K, the full shading
 * tint where p_max = 1. No RGBA, no colour search: the palette was laid out for this.
 */
import type { Grid } from '../grid.js';
import type { Rect } from './layout.js';
import type { GifPalette, Pixels } from './palette.js';

export type Shading = 'probability' | 'class' | 'none';

/** Per pixel column/row: the lower grid index and the weight of the upper one. */
function axisWeights(pixels: number, cells: number): { lo: Int32Array; w: Float32Array } {
  const lo = new Int32Array(pixels);
  const w = new Float32Array(pixels);
  for (let p = 0; p < pixels; p++) {
    const g = Math.min(cells - 1, Math.max(0, ((p + 0.5) / pixels) * cells - 0.5));
    const i = Math.min(cells - 2, Math.floor(g));
    lo[p] = Math.max(0, i);
    w[p] = cells > 1 ? g - lo[p] : 0;
  }
  return { lo, w };
}

/** One grid row of p1 interpolated across the plot's pixel columns. */
function interpolateRow(
  out: Float64Array,
  at: number,
  values: Float32Array,
  row: number,
  step: number,
  lo: Int32Array,
  weight: Float32Array,
  w: number,
): void {
  for (let px = 0; px < w; px++) {
    const a = row + lo[px];
    out[at + px] = values[a] + (values[a + step] - values[a]) * weight[px];
  }
}

/**
 * One pixel row of two-class shading: blends two interpolated grid rows by wy and looks the
 * palette index up. A function of its own so that it is compiled after the first few rows, not
 * after the first whole frame has run in the interpreter.
 */
function shadeRow(
  frame: Pixels,
  out: number,
  interpolated: Float64Array,
  top: number,
  bottom: number,
  wy: number,
  w: number,
  lut: Uint32Array,
  steps: number,
): void {
  for (let px = 0; px < w; px++) {
    const t = interpolated[top + px];
    frame[out + px] = lut[((t + (interpolated[bottom + px] - t) * wy) * steps + 0.5) | 0];
  }
}

/**
 * One pixel row of K-class shading: each class's probability interpolated bilinearly between
 * grid rows rowA and rowB, the winner's palette index looked up in its table.
 */
function shadeManyRow(
  frame: Pixels,
  out: number,
  proba: Float32Array,
  k: number,
  rowA: number,
  rowB: number,
  step: number,
  lo: Int32Array,
  weight: Float32Array,
  wy: number,
  w: number,
  lut: Uint32Array,
  steps: number,
): void {
  for (let px = 0; px < w; px++) {
    const a = (rowA + lo[px]) * k;
    const c = (rowB + lo[px]) * k;
    const right = step * k;
    const wx = weight[px];
    let best = 0;
    let bestP = -1;
    for (let q = 0; q < k; q++) {
      const top = proba[a + q] + (proba[a + right + q] - proba[a + q]) * wx;
      const bottom = proba[c + q] + (proba[c + right + q] - proba[c + q]) * wx;
      const value = top + (bottom - top) * wy;
      if (value > bestP) {
        bestP = value;
        best = q;
      }
    }
    frame[out + px] = lut[best * (steps + 1) + ((bestP * steps + 0.5) | 0)];
  }
}

/**
 * One pixel row made steady: where the new shade is within one level of last frame's (`near`),
 * last frame's stays; else the new one is remembered.
 */
function steadyRow(frame: Pixels, out: number, previous: Uint8Array, at: number, w: number, near: Uint8Array): void {
  for (let px = 0; px < w; px++) {
    const now = frame[out + px];
    const before = previous[at + px];
    if (near[(now << 8) | before] !== 0) frame[out + px] = before;
    else previous[at + px] = now;
  }
}

/**
 * near[(a << 8) | b] = 1 when palette entries a and b are shades no more than one level apart on
 * one class's ramp (the background, level 0, starts every ramp).
 */
function nearShades(palette: GifPalette, classes: number): Uint8Array {
  const classOf = new Int16Array(256).fill(-2);
  const levelAt = new Int16Array(256);
  classOf[0] = -1;
  for (let c = 0; c < classes; c++) {
    for (let l = 1; l <= palette.levels; l++) {
      classOf[palette.shade(c, l)] = c;
      levelAt[palette.shade(c, l)] = l;
    }
  }
  const near = new Uint8Array(256 * 256);
  for (let a = 0; a < 256; a++) {
    for (let b = 0; b < 256; b++) {
      if (classOf[a] === -2 || classOf[b] === -2 || Math.abs(levelAt[a] - levelAt[b]) > 1) continue;
      near[(a << 8) | b] = classOf[a] === classOf[b] || classOf[a] === -1 || classOf[b] === -1 ? 1 : 0;
    }
  }
  return near;
}

export interface Shader {
  /**
   * Writes the shading of `proba` into `frame` (width-wide palette indices) inside the plot rect,
   * steady: within one level of the previous call's shade, a pixel keeps that shade.
   */
  shade(proba: Float32Array, frame: Pixels, width: number): void;
}

/**
 * The probability a pixel is shaded by: `best` itself, or with `bands` the middle of its band of
 * [0, 1] cut in that many equal parts (matplotlib's contourf fills each band with one colour; with
 * two classes the bands of p_max are those of p1, so an odd count puts p = ½ mid-band, unshaded).
 */
function banded(best: number, bands: number | undefined): number {
  if (bands === undefined) return best;
  return (Math.min(Math.floor(best * bands), bands - 1) + 0.5) / bands;
}

/** Palette level of a pixel whose winning class has probability `best`. */
function levelOf(best: number, k: number, levels: number, mode: Shading, classLevel: number): number {
  if (mode === 'class') return classLevel;
  const sure = (best - 1 / k) / (1 - 1 / k);
  return Math.round(Math.max(0, sure) * levels);
}

export function createShader(
  grid: Grid,
  classes: number,
  plot: Rect,
  palette: GifPalette,
  mode: Shading,
  bands?: number,
): Shader {
  const cols = axisWeights(plot.w, grid.nx);
  const rows = axisWeights(plot.h, grid.ny);
  const k = classes;
  const levels = palette.levels;
  const classLevel = Math.round(levels * 0.55);
  const nx = grid.nx;
  const oneStep = nx > 1 ? 1 : 0;
  const rowStep = grid.ny > 1 ? nx : 0;

  // Two classes: p1 alone decides the pixel, and bilinear interpolation of p1 is exact for p0 too;
  // a table from p1 (in 4096 steps) to palette index replaces the per-pixel arithmetic.
  const STEPS = 4096;
  const table = new Uint32Array(STEPS + 1);
  if (k === 2) {
    for (let s = 0; s <= STEPS; s++) {
      const p1 = s / STEPS;
      const winner = p1 > 0.5 ? 1 : 0;
      table[s] =
        mode === 'none'
          ? 0
          : palette.shade(winner, levelOf(banded(Math.max(p1, 1 - p1), bands), 2, levels, mode, classLevel));
    }
  }
  const p1 = new Float32Array(grid.nx * grid.ny);
  // Bilinear interpolation is separable: each grid row is interpolated across the plot's columns
  // once, and each pixel row then blends two of those rows (same arithmetic, same values, as
  // interpolating every pixel in full; about half the work, and no per-pixel index lookups).
  const across = new Float64Array(grid.ny * plot.w);

  function shadeTwo(proba: Float32Array, frame: Pixels, width: number): void {
    // Everything the loops touch as locals, and rounding as (x + ½) | 0 (x ≥ 0): cheaper while the
    // first frames still run in the interpreter, and as fast once compiled.
    const values = p1;
    const lut = table;
    const interpolated = across;
    const lo = cols.lo;
    const weight = cols.w;
    const steps = STEPS;
    const w = plot.w;
    const step = oneStep;
    for (let i = 0; i < values.length; i++) values[i] = proba[2 * i + 1];
    for (let j = 0; j < grid.ny; j++) interpolateRow(interpolated, j * w, values, j * nx, step, lo, weight, w);
    const down = grid.ny > 1 ? w : 0;
    for (let py = 0; py < plot.h; py++) {
      const top = rows.lo[py] * w;
      const bottom = top + down;
      const wy = rows.w[py];
      shadeRow(frame, (plot.y + py) * width + plot.x, interpolated, top, bottom, wy, w, lut, steps);
    }
  }

  // K classes: per class, a table from the winner's probability (in 4096 steps) to palette index.
  const manyTable = new Uint32Array(k === 2 ? 0 : k * (STEPS + 1));
  for (let c = 0; c < k && k > 2; c++) {
    for (let s = 0; s <= STEPS; s++) {
      manyTable[c * (STEPS + 1) + s] =
        mode === 'none' ? 0 : palette.shade(c, levelOf(banded(s / STEPS, bands), k, levels, mode, classLevel));
    }
  }
  function shadeMany(proba: Float32Array, frame: Pixels, width: number): void {
    for (let py = 0; py < plot.h; py++) {
      const rowA = rows.lo[py] * nx;
      shadeManyRow(
        frame,
        (plot.y + py) * width + plot.x,
        proba,
        k,
        rowA,
        rowA + rowStep,
        oneStep,
        cols.lo,
        cols.w,
        rows.w[py],
        plot.w,
        manyTable,
        STEPS,
      );
    }
  }

  // Steady shading: a pixel keeps last frame's shade while the new one is within one level of it.
  // One level is a fraction of a percent of the tint, below what 8-bit colour shows, but soft
  // shading moves by a level almost everywhere from frame to frame: held still, those pixels stay
  // unchanged for the GIF's frame differencing, and the GIF comes out a third smaller.
  // Only a GIF gains: full-colour frames (and bands, which do not flicker) are shaded as they are.
  const steady = !palette.fullColour && bands === undefined;
  const near = steady ? nearShades(palette, k) : new Uint8Array(0);
  const previous = new Uint8Array(plot.w * plot.h).fill(255);
  const shadeAll = k === 2 ? shadeTwo : shadeMany;
  return {
    shade(proba, frame, width) {
      shadeAll(proba, frame, width);
      if (!steady) return;
      for (let py = 0; py < plot.h; py++) {
        steadyRow(frame, (plot.y + py) * width + plot.x, previous, py * plot.w, plot.w, near);
      }
    },
  };
}
