/**
 * What is drawn over the plot's shading, as layers composited pixel by pixel:
 * - the points, rasterised straight into a plot-sized RGBA layer (points.ts), a growing sample
 *   adding only its new points (test points hollow, under the training points in use);
 * - the optimal boundary (and any axis ink reaching into the plot), a static layer read once;
 * - the learned boundary, which moves every frame, rasterised straight into a coverage mask
 *   (stroke.ts).
 * The points and the learned boundary are not drawn by the canvas, whose pixels are slow to read
 * back.
 * Only covered pixels are composited, in that order, each layer over the one before; pixels a
 * layer covers opaquely take a palette index worked out once.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Dataset } from '../dataset.js';
import { drawAxes } from './axes.js';
import type { Polyline } from './contours.js';
import { CanvasLayer, PixelSet } from './layer.js';
import type { GifPalette, Pixels, RGB } from './palette.js';
import { outlineOf, rgbToCss } from './palette.js';
import { paintPoints, pointRadius } from './points.js';
import type { Scene } from './scene.js';
import { CoverageMask } from './stroke.js';

export interface PlotLayers {
  /**
   * Composites the layers over the shaded plot of `frame` (the scene's width wide): the first
   * `used` training points, the optimal boundary, and the learned boundary `lines` (grid units).
   */
  composite(frame: Pixels, used: number, lines: Polyline[]): void;
}

/** Strokes polylines given in grid units, scaled to pixels. */
function strokePolylines(ctx: SKRSContext2D, lines: Polyline[], sx: number, sy: number): void {
  ctx.beginPath();
  for (const line of lines) {
    ctx.moveTo(line[0] * sx, line[1] * sy);
    for (let i = 2; i < line.length; i += 2) ctx.lineTo(line[i] * sx, line[i + 1] * sy);
  }
  ctx.stroke();
}

/**
 * The plot's layers at pixel p (plot-local) over the shading index at frame[at]: the points, the
 * static layer, then the learned boundary (coverage × line colour); the nearest palette entry.
 */
function blendLayers(
  frame: Pixels,
  at: number,
  p: number,
  colours: readonly RGB[],
  points: Uint8ClampedArray,
  fixed: Uint8ClampedArray,
  coverage: Float32Array,
  line: RGB,
  nearest: GifPalette['nearest'],
): void {
  const under = colours[frame[at]];
  let r = under[0];
  let g = under[1];
  let b = under[2];
  const o = 4 * p;
  const pa = points[o + 3];
  if (pa !== 0) {
    const t = pa / 255;
    r += (points[o] - r) * t;
    g += (points[o + 1] - g) * t;
    b += (points[o + 2] - b) * t;
  }
  const fa = fixed[o + 3];
  if (fa !== 0) {
    const t = fa / 255;
    r += (fixed[o] - r) * t;
    g += (fixed[o + 1] - g) * t;
    b += (fixed[o + 2] - b) * t;
  }
  const t = coverage[p];
  if (t > 0) {
    r += (line[0] - r) * t;
    g += (line[1] - g) * t;
    b += (line[2] - b) * t;
  }
  frame[at] = nearest((r + 0.5) | 0, (g + 0.5) | 0, (b + 0.5) | 0);
}

export function createPlotLayers(scene: Scene): PlotLayers {
  const { layout, palette, theme } = scene;
  const { width, unit, plot } = layout;
  const radius = pointRadius(scene.train.n + (scene.test?.n ?? 0), unit);
  const outlines = scene.classColours.map((colour) => outlineOf(colour, theme));
  const inPlot = { x: 0, y: 0, w: plot.w, h: plot.h };

  // The static layer of the plot: the optimal boundary, then any axis ink inside the plot.
  const fixed = new CanvasLayer(plot.w, plot.h);
  if (scene.bayesLines) {
    const { ctx } = fixed;
    ctx.save();
    ctx.lineJoin = 'round';
    ctx.lineWidth = 2 * unit;
    ctx.strokeStyle = rgbToCss(theme.line);
    ctx.setLineDash([7 * unit, 5 * unit]);
    ctx.lineCap = 'butt';
    strokePolylines(ctx, scene.bayesLines, plot.w / scene.grid.nx, plot.h / scene.grid.ny);
    ctx.restore();
  }
  fixed.ctx.translate(-plot.x, -plot.y);
  drawAxes(fixed.ctx, layout, scene.window, theme, scene.axisLabels);
  const fixedPixels: number[] = [];
  fixed.readBack(inPlot, (p) => fixedPixels.push(p));

  // Every pixel the points or the static layer cover, and for each its palette index when that does not
  // depend on the shading below (covered opaquely), else −1.
  const covered = new PixelSet(plot.w * plot.h);
  const solid = new Int32Array(plot.w * plot.h);
  const colours = palette.colours;
  const fixedRgba = fixed.rgba;
  function cover(p: number): void {
    covered.add(p);
    const o = 4 * p;
    const fa = fixedRgba[o + 3];
    const rgba = points.rgba;
    solid[p] =
      fa === 255
        ? palette.nearest(fixedRgba[o], fixedRgba[o + 1], fixedRgba[o + 2])
        : fa === 0 && rgba[o + 3] === 255
          ? palette.nearest(rgba[o], rgba[o + 1], rgba[o + 2])
          : -1;
  }

  // The points: test points (hollow) under the training points in use, each point over the ones
  // before, so a growing sample just paints its new points over the others.
  const points = { rgba: new Uint8ClampedArray(plot.w * plot.h * 4), w: plot.w, h: plot.h };
  let drawn = -1;
  function updatePoints(used: number): void {
    if (used === drawn) return;
    const { test, train, window, classColours } = scene;
    const paint = (data: Dataset, from: number, to: number, style: 'filled' | 'hollow') =>
      paintPoints(points, inPlot, unit, window, data, from, to, classColours, outlines, style, radius, cover);
    if (drawn >= 0 && used > drawn) {
      paint(train, drawn, used, 'filled');
    } else {
      points.rgba.fill(0);
      covered.clear();
      for (const p of fixedPixels) cover(p);
      if (test) paint(test, 0, test.n, 'hollow');
      paint(train, 0, used, 'filled');
      // The points come in no order: have frames composite them row by row (memory in order).
      covered.sort();
    }
    drawn = used;
  }

  const line = new CoverageMask(plot.w, plot.h);
  const coverage = line.coverage;

  function compositePlot(frame: Pixels): void {
    // Locals, not closure slots, in the loops (see shade.ts).
    const out = frame;
    const list = covered.list;
    const mask = covered.mask;
    const solidIndex = solid;
    const lineCoverage = coverage;
    const pointsRgba = points.rgba;
    const { nearest } = palette;
    const lineColour = theme.line;
    const w = plot.w;
    const skip = width - w;
    const origin = plot.y * width + plot.x;
    for (let i = 0; i < covered.count; i++) {
      const p = list[i];
      const at = origin + p + skip * ((p / w) | 0);
      const index = solidIndex[p];
      if (index >= 0 && lineCoverage[p] === 0) out[at] = index;
      else blendLayers(out, at, p, colours, pointsRgba, fixedRgba, lineCoverage, lineColour, nearest);
    }
    const touched = line.touched;
    for (let i = 0; i < line.count; i++) {
      const p = touched[i];
      if (mask[p] !== 0) continue;
      blendLayers(
        out,
        origin + p + skip * ((p / w) | 0),
        p,
        colours,
        pointsRgba,
        fixedRgba,
        lineCoverage,
        lineColour,
        nearest,
      );
    }
  }

  return {
    composite(frame, used, lines) {
      updatePoints(used);
      line.clear();
      line.polylines(lines, plot.w / scene.grid.nx, plot.h / scene.grid.ny, unit);
      compositePlot(frame);
    },
  };
}
