/**
 * The loss landscape: the objective over two parameters as filled contours — bands between
 * log-spaced levels in a light sequential palette, their level lines, a colour key — with the
 * minima (×) and saddles (◇) marked, and over them each model's path so far: a line from its
 * start (a small ring) to where it is now (a disc), in the model's colour. The bowl that Eric
 * Ma's tutorial describes for (w, b) and never draws; several optimizers share one landscape,
 * which is what users of loss-landscape-anim ask for (its issue #8).
 *
 * Levels: where the objective's least value is positive and it spans two decades or more (a
 * squared loss with noise: σ² at the bottom), round values 1, 2, 5 × 10^k of the objective
 * itself; otherwise the same round values of its excess over the least value, over three
 * decades below the largest excess. Either way the contours crowd towards the minimum as a
 * logarithmic scale does, and a quadratic bowl shows evenly spaced ellipses.
 *
 * The bands are painted straight into palette indices (the objective is interpolated bilinearly
 * from the grid at each pixel's centre), the level lines antialiased over them; both once per
 * objective. The paths move and are composited each frame (overlay.ts).
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Point2 } from '../dataset.js';
import { drawAxes } from './axes.js';
import { clippedPolylines } from './clip.js';
import { drawMark } from './figure-caption.js';
import type { FigureLayout } from './figure-layout.js';
import type { FigureState, LandscapeField, LandscapeScene } from './figure-scene.js';
import { font } from './font.js';
import { isolines } from './isolines.js';
import type { PixelSet } from './layer.js';
import type { Rect } from './layout.js';
import { compositeLayers, type OverlayLayer, PaintedImage } from './overlay.js';
import { type GifPalette, mix, outlineOf, type Pixels, type RGB, rgbToCss, type Theme } from './palette.js';
import { paintPoint } from './points.js';
import { CoverageMask } from './stroke.js';

/** Round values m × 10^k (m = 1, 2, 5) strictly between lo and hi (0 < lo < hi), and whether m = 1. */
function roundValues(lo: number, hi: number): { value: number; major: boolean }[] {
  const values: { value: number; major: boolean }[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of [1, 2, 5]) {
      const value = Number((m * 10 ** k).toPrecision(1));
      if (value > lo && value < hi) values.push({ value, major: m === 1 });
    }
  }
  return values;
}

/**
 * Log-spaced contour levels for an objective whose values over the window run from least to
 * most, each with whether the key labels it (the levels at 1 × 10^k).
 */
export function contourLevels(least: number, most: number): { levels: number[]; major: boolean[] } {
  if (!(most > least) || !Number.isFinite(most) || !Number.isFinite(least)) return { levels: [], major: [] };
  let round = least > 0 && most / least >= 100 ? roundValues(least * (1 + 1e-9), most) : [];
  let offset = 0;
  if (round.length < 5) {
    offset = least;
    round = roundValues((most - least) * 1e-3, most - least);
  }
  return { levels: round.map((r) => offset + r.value), major: round.map((r) => r.major) };
}

/** How many fill colours a landscape's palette holds (at most this many bands). */
export const FILLS = 12;

/** Band k of `bands` → its fill: the fills spread over the bands, the lowest band the deepest colour. */
function fillOf(k: number, bands: number): number {
  return bands <= 1 ? 0 : Math.round((k * (FILLS - 1)) / (bands - 1));
}

export interface LandscapePlot {
  /** Paints the field's bands and level lines into the frame (palette indices) inside the plot. */
  paintField(frame: Pixels, width: number, field: LandscapeField, touched: PixelSet): void;
  /** Draws the axes, the marks and the colour key (frame coordinates). */
  drawStatic(ctx: SKRSContext2D, field: LandscapeField): void;
  /** A frame's layers: each track's path, then the starts and the points reached. */
  layers(state: FigureState, field: LandscapeField): OverlayLayer[];
}

/** Plot pixels of parameter values in the field's window. */
function pixelsOf(field: LandscapeField, rect: Rect) {
  const { xmin, xmax, ymin, ymax } = field.grid;
  return {
    x: (a: number) => ((a - xmin) / (xmax - xmin)) * rect.w,
    y: (b: number) => ((ymax - b) / (ymax - ymin)) * rect.h,
  };
}

/** The field's value at a plot pixel's centre, interpolated bilinearly between grid points. */
function valueAt(field: LandscapeField, rect: Rect, px: number, py: number): number {
  const { nx, ny } = field.grid;
  const gx = Math.min(nx - 1, Math.max(0, ((px + 0.5) * nx) / rect.w - 0.5));
  const gy = Math.min(ny - 1, Math.max(0, ((py + 0.5) * ny) / rect.h - 0.5));
  const i = Math.min(nx - 2, Math.floor(gx));
  const j = Math.min(ny - 2, Math.floor(gy));
  const u = gx - i;
  const v = gy - j;
  const at = (a: number, b: number) => field.values[b * nx + a];
  const top = at(i, j) + (at(i + 1, j) - at(i, j)) * u;
  const bottom = at(i, j + 1) + (at(i + 1, j + 1) - at(i, j + 1)) * u;
  return top + (bottom - top) * v;
}

export function createLandscapePlot(
  scene: LandscapeScene,
  rect: Rect,
  key: Rect | null,
  layout: FigureLayout,
  theme: Theme,
  palette: GifPalette,
  trackColours: readonly RGB[],
): LandscapePlot {
  const { unit } = layout;
  const { w, h } = rect;
  const fillIndex = scene.fills.map((c) => palette.exact(c));
  const contourColour = mix(scene.fills[0], theme.ink, 0.25);

  function paintField(frame: Pixels, width: number, field: LandscapeField, touched: PixelSet): void {
    const { levels } = field;
    const bands = levels.length + 1;
    for (let py = 0; py < h; py++) {
      const row = (rect.y + py) * width + rect.x;
      for (let px = 0; px < w; px++) {
        const v = valueAt(field, rect, px, py);
        let k = 0;
        while (k < levels.length && v >= levels[k]) k++;
        frame[row + px] = fillIndex[fillOf(k, bands)];
      }
    }
    const lines = new CoverageMask(w, h);
    const { nx, ny } = field.grid;
    for (const level of levels) {
      lines.polylines(isolinesOf(field, level), w / nx, h / ny, 0.45 * unit);
    }
    compositeLayers(frame, width, rect, [{ mask: lines, colour: contourColour }], palette, touched);
  }

  function drawStatic(ctx: SKRSContext2D, field: LandscapeField): void {
    drawAxes(ctx, { ...layout, plot: rect }, field.grid, theme, { x: scene.names[0], y: scene.names[1] });
    const at = pixelsOf(field, rect);
    ctx.save();
    ctx.beginPath();
    ctx.rect(rect.x, rect.y, w, h);
    ctx.clip();
    const mark = (points: readonly Point2[], kind: 'cross' | 'diamond') => {
      for (const [a, b] of points) drawMark(ctx, kind, rect.x + at.x(a), rect.y + at.y(b), 4.5 * unit, theme.ink, unit);
    };
    mark(field.minima, 'cross');
    mark(field.saddles, 'diamond');
    ctx.restore();
    if (key) drawKey(ctx, field);
  }

  /** The bands as boxes of equal width along the key, the round levels written under their edges. */
  function drawKey(ctx: SKRSContext2D, field: LandscapeField): void {
    if (!key) return;
    const { levels } = field;
    const bands = levels.length + 1;
    const box = key.w / bands;
    ctx.save();
    for (let k = 0; k < bands; k++) {
      ctx.fillStyle = rgbToCss(scene.fills[fillOf(k, bands)]);
      ctx.fillRect(key.x + k * box, key.y, Math.ceil(box), key.h);
    }
    ctx.strokeStyle = rgbToCss(theme.muted);
    ctx.lineWidth = Math.max(1, unit * 0.8);
    ctx.strokeRect(key.x, key.y, key.w, key.h);
    ctx.fillStyle = rgbToCss(theme.muted);
    ctx.font = font(layout.fontSize.tick);
    ctx.textBaseline = 'top';
    ctx.textAlign = 'center';
    // Label the levels at 1 × 10^k, leaving out any that would touch the one before.
    let lastRight = Number.NEGATIVE_INFINITY;
    levels.forEach((level, i) => {
      if (!field.major[i]) return;
      const x = key.x + (i + 1) * box;
      const text = Number(level.toPrecision(3)).toString();
      const half = ctx.measureText(text).width / 2;
      if (x - half < lastRight + 6 * unit) return;
      ctx.fillText(text, x, key.y + key.h + 2 * unit);
      lastRight = x + half;
    });
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(scene.measure, key.x - 6 * unit, key.y + key.h / 2);
    ctx.restore();
  }

  const paths = trackColours.map(() => new CoverageMask(w, h));
  const marks = new PaintedImage(w, h);
  const local = { x: 0, y: 0, w, h };
  const xs: number[] = [];
  const ys: number[] = [];

  return {
    paintField,
    drawStatic,
    layers(state, field) {
      const at = pixelsOf(field, rect);
      marks.clear();
      const layers: OverlayLayer[] = [];
      state.tracks.forEach((track, t) => {
        const mask = paths[t];
        mask.clear();
        layers.push({ mask, colour: trackColours[t] });
        const path = track.path;
        if (!path || path.count === 0) return;
        // Thousands of steps crowd into a few pixels near the minimum: keep a point a fraction of
        // a pixel from the last one kept (and the last).
        xs.length = 0;
        ys.length = 0;
        for (let i = 0; i < path.count; i++) {
          const x = at.x(path.points[2 * i]);
          const y = at.y(path.points[2 * i + 1]);
          const k = xs.length - 1;
          if (k > 0 && i < path.count - 1 && (x - xs[k]) ** 2 + (y - ys[k]) ** 2 < 0.25) continue;
          xs.push(x);
          ys.push(y);
        }
        mask.polylines(clippedPolylines(xs, ys, xs.length, w, h, 2 * unit), 1, 1, 0.8 * unit);
        const colour = trackColours[t];
        const outline = outlineOf(colour, theme);
        paintPoint(
          marks,
          local,
          { cx: xs[0], cy: ys[0], radius: 2.6 * unit, ringWidth: 1.2 * unit, fill: null, outline: colour, opacity: 1 },
          marks.visit,
        );
        const last = xs.length - 1;
        if (Number.isFinite(xs[last]) && Number.isFinite(ys[last])) {
          const point = {
            cx: xs[last],
            cy: ys[last],
            radius: 3.6 * unit,
            ringWidth: 0.9 * unit,
            fill: colour,
            outline,
            opacity: 1,
          };
          paintPoint(marks, local, point, marks.visit);
        }
      });
      layers.push(marks.layer);
      return layers;
    },
  };
}

/** The field's level line at `level`, as segments in grid units. */
function isolinesOf(field: LandscapeField, level: number): number[][] {
  return isolines(field.values, field.grid.nx, field.grid.ny, level);
}
