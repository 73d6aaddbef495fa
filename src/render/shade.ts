/**
 * Probability shading, written straight into palette indices: each pixel of the plot takes the
 * bilinearly interpolated class probabilities of the grid, and is tinted towards the winning
 * class by how sure the model is — the background colour where p_max = 1/K, the full shading
 * tint where p_max = 1. No RGBA, no colour search: the palette was laid out for this.
 */
import type { Grid } from '../grid.js';
import type { Rect } from './layout.js';
import type { GifPalette } from './palette.js';

export type Shading = 'probability' | 'class' | 'none';

/** Per pixel column (or row): the lower grid index and the weight of the upper one. */
interface AxisWeights {
  lo: Int32Array;
  w: Float32Array;
}

function axisWeights(pixels: number, cells: number): AxisWeights {
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
 * Probabilities are tabulated in this many steps, from 0 to 1. The kernels round a step with
 * (x + 0.5) | 0 (x ≥ 0), not Math.round: Math.round made the whole render ~9 % slower.
 */
const STEPS = 4096;

/** Where a frame's shading goes and how a grid maps onto it; each pixel row is a unit of work. */
interface PlotGeometry {
  grid: Grid;
  plot: Rect;
  cols: AxisWeights;
  rows: AxisWeights;
}

/**
 * Two classes: p1 alone decides the pixel, and bilinear interpolation of p1 is exact for p0 too;
 * a table from p1 to palette index replaces the per-pixel arithmetic. Bilinear interpolation is
 * separable: each grid row is interpolated across the plot's columns once, and each pixel row
 * then blends two of those rows (the same values as interpolating every pixel in full, for about
 * half the work).
 */
class TwoClassShading {
  private readonly p1: Float32Array;
  private readonly across: Float64Array;
  /** Offset from a grid node to the next one across (0 on a one-column grid), and down in `across`. */
  private readonly right: number;
  private readonly down: number;

  constructor(
    private readonly geometry: PlotGeometry,
    /** Palette index of p1 = s / STEPS, for s = 0..STEPS. */
    private readonly table: Uint8Array,
  ) {
    const { grid, plot } = geometry;
    this.p1 = new Float32Array(grid.nx * grid.ny);
    this.across = new Float64Array(grid.ny * plot.w);
    this.right = grid.nx > 1 ? 1 : 0;
    this.down = grid.ny > 1 ? plot.w : 0;
  }

  shade(proba: Float32Array, frame: Uint8Array, width: number): void {
    const { grid, plot, rows } = this.geometry;
    const { p1 } = this;
    for (let i = 0; i < p1.length; i++) p1[i] = proba[2 * i + 1];
    for (let j = 0; j < grid.ny; j++) this.interpolateRow(j);
    for (let py = 0; py < plot.h; py++) {
      this.shadeRow(frame, (plot.y + py) * width + plot.x, rows.lo[py] * plot.w, rows.w[py]);
    }
  }

  /** Grid row j of p1, interpolated across the plot's columns into `across`. */
  private interpolateRow(j: number): void {
    const { p1, across, right } = this;
    const { lo, w: weight } = this.geometry.cols;
    const { w } = this.geometry.plot;
    const row = j * this.geometry.grid.nx;
    const at = j * w;
    for (let px = 0; px < w; px++) {
      const a = row + lo[px];
      across[at + px] = p1[a] + (p1[a + right] - p1[a]) * weight[px];
    }
  }

  /** One pixel row from frame[out] on: the interpolated rows at `top` and below it blended by wy. */
  private shadeRow(frame: Uint8Array, out: number, top: number, wy: number): void {
    const { across, table } = this;
    const { w } = this.geometry.plot;
    const bottom = top + this.down;
    for (let px = 0; px < w; px++) {
      const t = across[top + px];
      frame[out + px] = table[((t + (across[bottom + px] - t) * wy) * STEPS + 0.5) | 0];
    }
  }
}

/**
 * K classes: each class's probability interpolated bilinearly, the winner's palette index looked
 * up in its own table.
 */
class ManyClassShading {
  /** Offsets from a grid node to the next one across and down (0 on a one-column or one-row grid). */
  private readonly right: number;
  private readonly down: number;

  constructor(
    private readonly geometry: PlotGeometry,
    private readonly classes: number,
    /** Palette index of class c winning with probability s / STEPS, at c · (STEPS + 1) + s. */
    private readonly table: Uint8Array,
  ) {
    const { nx, ny } = geometry.grid;
    this.right = nx > 1 ? 1 : 0;
    this.down = ny > 1 ? nx : 0;
  }

  shade(proba: Float32Array, frame: Uint8Array, width: number): void {
    const { grid, plot, rows } = this.geometry;
    for (let py = 0; py < plot.h; py++) {
      this.shadeRow(proba, frame, (plot.y + py) * width + plot.x, rows.lo[py] * grid.nx, rows.w[py]);
    }
  }

  /** One pixel row from frame[out] on, between grid row `top` and the one below, blended by wy. */
  private shadeRow(proba: Float32Array, frame: Uint8Array, out: number, top: number, wy: number): void {
    const { classes: k, table } = this;
    const { lo, w: weight } = this.geometry.cols;
    const { w } = this.geometry.plot;
    const right = this.right * k;
    const bottom = top + this.down;
    for (let px = 0; px < w; px++) {
      const a = (top + lo[px]) * k;
      const c = (bottom + lo[px]) * k;
      const wx = weight[px];
      let best = 0;
      let bestP = -1;
      for (let q = 0; q < k; q++) {
        const upper = proba[a + q] + (proba[a + right + q] - proba[a + q]) * wx;
        const lower = proba[c + q] + (proba[c + right + q] - proba[c + q]) * wx;
        const value = upper + (lower - upper) * wy;
        if (value > bestP) {
          bestP = value;
          best = q;
        }
      }
      frame[out + px] = table[best * (STEPS + 1) + ((bestP * STEPS + 0.5) | 0)];
    }
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

/**
 * Steady shading: a pixel keeps last frame's shade while the new one is within one level of it.
 * One level is a fraction of a percent of the tint, below what 8-bit colour shows, but soft
 * shading moves by a level almost everywhere from frame to frame: held still, those pixels stay
 * unchanged for the GIF's frame differencing, and the GIF comes out a third smaller.
 */
class SteadyShade {
  private readonly near: Uint8Array;
  /** The shade each plot pixel shows (255: none yet). */
  private readonly previous: Uint8Array;

  constructor(
    palette: GifPalette,
    classes: number,
    private readonly plot: Rect,
  ) {
    this.near = nearShades(palette, classes);
    this.previous = new Uint8Array(plot.w * plot.h).fill(255);
  }

  /** Holds the shaded plot of `frame` (width-wide) steady against the previous call's. */
  apply(frame: Uint8Array, width: number): void {
    const { plot } = this;
    for (let py = 0; py < plot.h; py++) this.applyRow(frame, (plot.y + py) * width + plot.x, py * plot.w);
  }

  private applyRow(frame: Uint8Array, out: number, at: number): void {
    const { near, previous } = this;
    const { w } = this.plot;
    for (let px = 0; px < w; px++) {
      const now = frame[out + px];
      const before = previous[at + px];
      if (near[(now << 8) | before] !== 0) frame[out + px] = before;
      else previous[at + px] = now;
    }
  }
}

export interface Shader {
  /**
   * Writes the shading of `proba` into `frame` (width-wide palette indices) inside the plot rect,
   * steady: within one level of the previous call's shade, a pixel keeps that shade.
   */
  shade(proba: Float32Array, frame: Uint8Array, width: number): void;
}

/** Palette index of a pixel whose winning class has probability `best`. */
function levelOf(best: number, k: number, levels: number, mode: Shading, classLevel: number): number {
  if (mode === 'class') return classLevel;
  const sure = (best - 1 / k) / (1 - 1 / k);
  return Math.round(Math.max(0, sure) * levels);
}

export function createShader(grid: Grid, classes: number, plot: Rect, palette: GifPalette, mode: Shading): Shader {
  const geometry = { grid, plot, cols: axisWeights(plot.w, grid.nx), rows: axisWeights(plot.h, grid.ny) };
  const { levels } = palette;
  const classLevel = Math.round(levels * 0.55);
  const indexOf = (winner: number, p: number) =>
    mode === 'none' ? 0 : palette.shade(winner, levelOf(p, classes, levels, mode, classLevel));
  let shading: TwoClassShading | ManyClassShading;
  if (classes === 2) {
    const table = new Uint8Array(STEPS + 1);
    for (let s = 0; s <= STEPS; s++) {
      const p1 = s / STEPS;
      table[s] = indexOf(p1 > 0.5 ? 1 : 0, Math.max(p1, 1 - p1));
    }
    shading = new TwoClassShading(geometry, table);
  } else {
    const table = new Uint8Array(classes * (STEPS + 1));
    for (let c = 0; c < classes; c++)
      for (let s = 0; s <= STEPS; s++) table[c * (STEPS + 1) + s] = indexOf(c, s / STEPS);
    shading = new ManyClassShading(geometry, classes, table);
  }
  const steady = new SteadyShade(palette, classes, plot);
  return {
    shade(proba, frame, width) {
      shading.shade(proba, frame, width);
      steady.apply(frame, width);
    },
  };
}
