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

/**
 * What every pixel row of a shader reads, fixed for its grid and plot. The row kernels take it
 * with the few values that change from row to row; passing all of those in one object per row,
 * or making the kernels methods, made the shading a third slower.
 */
interface RowTables {
  /** Pixels per row. */
  w: number;
  /** Per pixel column: the lower grid index and the weight of the upper one. */
  lo: Int32Array;
  weight: Float32Array;
  /** From a grid node to the next one across, and down (0 on a one-column or one-row grid). */
  right: number;
  down: number;
  /** Classes. */
  k: number;
  /**
   * Palette indices by probability: the index for probability s / steps (s = 0..steps), one run
   * of steps + 1 per class (two classes: one run, by p1). Rounded with (x + 0.5) | 0 (x ≥ 0), not
   * Math.round: Math.round made the whole render ~9 % slower.
   */
  lut: Uint32Array;
  steps: number;
  /** Two classes: p1 of each grid row interpolated across the plot's columns (w values a row). */
  across: Float64Array;
}

/** Grid row `row` (its first node) of values, interpolated across the plot's columns into across[at..]. */
function interpolateRow(values: Float32Array, row: number, at: number, t: RowTables): void {
  const { w, lo, weight, right, across } = t;
  for (let px = 0; px < w; px++) {
    const a = row + lo[px];
    across[at + px] = values[a] + (values[a + right] - values[a]) * weight[px];
  }
}

/**
 * One pixel row of two-class shading, from frame[out] on: the interpolated rows starting at
 * across[top] and across[bottom] blended by wy, looked up in the table.
 */
function shadeTwoRow(frame: Pixels, out: number, top: number, bottom: number, wy: number, t: RowTables): void {
  const { w, lut, steps, across } = t;
  for (let px = 0; px < w; px++) {
    const v = across[top + px];
    frame[out + px] = lut[((v + (across[bottom + px] - v) * wy) * steps + 0.5) | 0];
  }
}

/**
 * One pixel row of K-class shading, from frame[out] on: each class's probability interpolated
 * bilinearly between grid row `row` (its first node) and the next, the winner's palette index
 * looked up in its run of the table.
 */
function shadeManyRow(frame: Pixels, out: number, proba: Float32Array, row: number, wy: number, t: RowTables): void {
  const { w, lo, weight, k, lut, steps } = t;
  const right = t.right * k;
  const below = row + t.down;
  for (let px = 0; px < w; px++) {
    const a = (row + lo[px]) * k;
    const c = (below + lo[px]) * k;
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

/** RowTables.lut: for each of `runs` runs, the palette index of each probability step. */
function probabilityTable(runs: number, steps: number, indexOf: (run: number, p: number) => number): Uint32Array {
  const lut = new Uint32Array(runs * (steps + 1));
  for (let run = 0; run < runs; run++) {
    for (let s = 0; s <= steps; s++) lut[run * (steps + 1) + s] = indexOf(run, s / steps);
  }
  return lut;
}

export function createShader(
  grid: Grid,
  classes: number,
  plot: Rect,
  palette: GifPalette,
  mode: Shading,
  bands?: number,
): Shader {
  const { nx, ny } = grid;
  const cols = axisWeights(plot.w, nx);
  const rows = axisWeights(plot.h, ny);
  const { levels } = palette;
  const classLevel = Math.round(levels * 0.55);
  const indexOf = (winner: number, p: number) =>
    mode === 'none' ? 0 : palette.shade(winner, levelOf(banded(p, bands), classes, levels, mode, classLevel));
  const steps = 4096;
  const two = classes === 2;
  const tables: RowTables = {
    w: plot.w,
    lo: cols.lo,
    weight: cols.w,
    right: nx > 1 ? 1 : 0,
    // Two classes: rows of `across`; K classes: rows of the grid.
    down: ny > 1 ? (two ? plot.w : nx) : 0,
    k: classes,
    // Two classes: p1 alone decides the pixel, and bilinear interpolation of p1 is exact for p0 too.
    lut: two
      ? probabilityTable(1, steps, (_, p1) => indexOf(p1 > 0.5 ? 1 : 0, Math.max(p1, 1 - p1)))
      : probabilityTable(classes, steps, indexOf),
    steps,
    // Bilinear interpolation is separable: each grid row is interpolated across the plot's columns
    // once, and each pixel row then blends two of those rows (the same values as interpolating
    // every pixel in full, for about half the work).
    across: new Float64Array(two ? ny * plot.w : 0),
  };
  const p1 = new Float32Array(two ? nx * ny : 0);

  function shadeTwo(proba: Float32Array, frame: Pixels, width: number): void {
    for (let i = 0; i < p1.length; i++) p1[i] = proba[2 * i + 1];
    for (let j = 0; j < ny; j++) interpolateRow(p1, j * nx, j * plot.w, tables);
    for (let py = 0; py < plot.h; py++) {
      const top = rows.lo[py] * plot.w;
      shadeTwoRow(frame, (plot.y + py) * width + plot.x, top, top + tables.down, rows.w[py], tables);
    }
  }

  function shadeMany(proba: Float32Array, frame: Pixels, width: number): void {
    for (let py = 0; py < plot.h; py++) {
      shadeManyRow(frame, (plot.y + py) * width + plot.x, proba, rows.lo[py] * nx, rows.w[py], tables);
    }
  }

  // Steady shading: a pixel keeps last frame's shade while the new one is within one level of it.
  // One level is a fraction of a percent of the tint, below what 8-bit colour shows, but soft
  // shading moves by a level almost everywhere from frame to frame: held still, those pixels stay
  // unchanged for the GIF's frame differencing, and the GIF comes out a third smaller.
  // Only a GIF gains: full-colour frames (and bands, which do not flicker) are shaded as they are.
  const steady = !palette.fullColour && bands === undefined;
  const near = steady ? nearShades(palette, classes) : new Uint8Array(0);
  const previous = new Uint8Array(plot.w * plot.h).fill(255);
  const shadeAll = two ? shadeTwo : shadeMany;
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
