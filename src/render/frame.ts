/**
 * Draws one frame. The shading goes straight into palette indices; everything drawn on top
 * (boundaries, points, axes, text) goes through a transparent canvas and is composited over the
 * shading, each covered pixel mapped to its nearest palette entry. The result is the indexed
 * frame the GIF writer takes, and what a PNG export shows, pixel for pixel.
 *
 * Only two rectangles change between frames: the caption band above the plot and the plot. The
 * axes (frame, ticks, labels) are drawn and mapped once into a base frame; each frame reads back
 * and composites just those two rectangles. Reading canvas pixels back is the costly step, so
 * this is most of the drawing time saved. Output is the same as compositing the whole canvas:
 * where the axes reach into a changing rectangle (a tick label near the top), they are drawn
 * with every frame, in their usual order.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { Dataset } from '../dataset.js';
import type { Grid, Window } from '../grid.js';
import type { Snapshot } from '../train.js';
import { drawAxes } from './axes.js';
import { type Caption, drawCaption } from './caption.js';
import { boundaries, type Polyline } from './contours.js';
import { registerFonts } from './font.js';
import type { Layout, Rect } from './layout.js';
import type { GifPalette, RGB, Theme } from './palette.js';
import { outlineOf, rgbToCss } from './palette.js';
import { indexedPng } from './png.js';
import { drawPoints, pointRadius } from './points.js';
import { createShader, type Shading } from './shade.js';

export interface Scene {
  layout: Layout;
  theme: Theme;
  palette: GifPalette;
  classColours: readonly RGB[];
  window: Window;
  grid: Grid;
  classes: number;
  shading: Shading;
  train: Dataset;
  showTrain: boolean;
  /** Test points to draw hollow, or null. */
  test: Dataset | null;
  /** The optimal boundary (static), or null when not drawn. */
  bayesLines: Polyline[] | null;
  bayesAccuracy: number | null;
  title: string;
  subtitle: string;
  legend: Caption['legend'];
  axisLabels: { x: string; y: string };
}

export interface FrameRenderer {
  /** The frame of a snapshot, as palette indices (a buffer reused by the next call). */
  render(snapshot: Snapshot): Uint8Array;
  /** PNG bytes of an indexed frame. */
  png(indices: Uint8Array): Buffer;
}

function strokePolylines(ctx: SKRSContext2D, lines: Polyline[], grid: Grid, layout: Layout): void {
  const { plot } = layout;
  const sx = plot.w / grid.nx;
  const sy = plot.h / grid.ny;
  ctx.beginPath();
  for (const line of lines) {
    ctx.moveTo(plot.x + line[0] * sx, plot.y + line[1] * sy);
    for (let i = 2; i < line.length; i += 2) ctx.lineTo(plot.x + line[i] * sx, plot.y + line[i + 1] * sy);
  }
  ctx.stroke();
}

/**
 * The rectangles that change between frames: the caption band (full width, from the top to a
 * little above the plot's frame line) and the plot itself. Everything else is static.
 */
export function changingRects(layout: Layout): Rect[] {
  const { plot, width, unit } = layout;
  // Keep the frame line (up to max(1, unit) wide, drawn just outside the plot) out of the band.
  const bandBottom = Math.max(0, plot.y - Math.ceil(Math.max(1, unit)) - 1);
  return bandBottom > 0 ? [{ x: 0, y: 0, w: width, h: bandBottom }, plot] : [plot];
}

/** Whether an RGBA image (width-wide) has a visible pixel inside any of the rectangles. */
export function touches(rgba: Uint8ClampedArray, width: number, rects: readonly Rect[]): boolean {
  for (const r of rects) {
    for (let y = r.y; y < r.y + r.h; y++) {
      for (let p = y * width + r.x, end = p + r.w; p < end; p++) if (rgba[4 * p + 3] !== 0) return true;
    }
  }
  return false;
}

/**
 * Composites an RGBA overlay (rect-sized, unpremultiplied) over the indexed frame inside rect:
 * transparent pixels keep their index, covered ones take the palette entry nearest to the
 * overlay blended over the colour below.
 */
export function compositeRect(
  rgba: Uint8ClampedArray,
  rect: Rect,
  frame: Uint8Array,
  width: number,
  palette: Pick<GifPalette, 'colours' | 'nearest'>,
): void {
  const colours = palette.colours;
  let o = 0;
  for (let y = rect.y; y < rect.y + rect.h; y++) {
    for (let p = y * width + rect.x, end = p + rect.w; p < end; p++, o += 4) {
      const a = rgba[o + 3];
      if (a === 0) continue;
      if (a === 255) {
        frame[p] = palette.nearest(rgba[o], rgba[o + 1], rgba[o + 2]);
        continue;
      }
      const under = colours[frame[p]];
      const t = a / 255;
      frame[p] = palette.nearest(
        Math.round(under[0] + (rgba[o] - under[0]) * t),
        Math.round(under[1] + (rgba[o + 1] - under[1]) * t),
        Math.round(under[2] + (rgba[o + 2] - under[2]) * t),
      );
    }
  }
}

export function createFrameRenderer(scene: Scene): FrameRenderer {
  registerFonts();
  const { layout, palette, theme } = scene;
  const { width, height, unit } = layout;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const frame = new Uint8Array(width * height);
  const shader = createShader(scene.grid, scene.classes, layout.plot, palette, scene.shading);
  const pointCount = scene.train.n + (scene.test?.n ?? 0);
  const radius = pointRadius(pointCount, unit);
  const outlines = scene.classColours.map((colour) => outlineOf(colour, theme));
  const rects = changingRects(layout);

  // The static part, once: the axes over the background.
  const base = new Uint8Array(width * height);
  drawStatic();
  const staticRgba = ctx.getImageData(0, 0, width, height).data;
  compositeRect(staticRgba, { x: 0, y: 0, w: width, h: height }, base, width, palette);
  const axesEachFrame = touches(staticRgba, width, rects);
  // Inside the changing rectangles the frame is redrawn from the background up each time.
  for (const r of rects) for (let y = r.y; y < r.y + r.h; y++) base.fill(0, y * width + r.x, y * width + r.x + r.w);

  function drawStatic(): void {
    drawAxes(ctx, layout, scene.window, theme, scene.axisLabels);
  }

  function drawOverlay(snapshot: Snapshot): void {
    ctx.clearRect(0, 0, width, height);
    if (scene.test)
      drawPoints(ctx, layout, scene.window, scene.test, scene.test.n, scene.classColours, outlines, 'hollow', radius);
    if (scene.showTrain) {
      drawPoints(
        ctx,
        layout,
        scene.window,
        scene.train,
        snapshot.trainUsed,
        scene.classColours,
        outlines,
        'filled',
        radius,
      );
    }
    ctx.save();
    ctx.beginPath();
    ctx.rect(layout.plot.x, layout.plot.y, layout.plot.w, layout.plot.h);
    ctx.clip();
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    ctx.lineWidth = 2 * unit;
    ctx.strokeStyle = rgbToCss(theme.line);
    if (scene.bayesLines) {
      ctx.setLineDash([7 * unit, 5 * unit]);
      ctx.lineCap = 'butt';
      strokePolylines(ctx, scene.bayesLines, scene.grid, layout);
      ctx.setLineDash([]);
      ctx.lineCap = 'round';
    }
    strokePolylines(ctx, boundaries(snapshot.proba, scene.grid, scene.classes), scene.grid, layout);
    ctx.restore();
    if (axesEachFrame) drawStatic();
    drawCaption(ctx, layout, theme, {
      title: scene.title,
      subtitle: scene.subtitle,
      stage: snapshot.label,
      train: snapshot.trainAccuracy,
      test: snapshot.testAccuracy,
      bayes: scene.bayesAccuracy,
      legend: scene.legend,
      bayesLine: scene.bayesLines !== null,
    });
  }

  return {
    render(snapshot) {
      frame.set(base);
      shader.shade(snapshot.proba, frame, width);
      drawOverlay(snapshot);
      for (const r of rects) compositeRect(ctx.getImageData(r.x, r.y, r.w, r.h).data, r, frame, width, palette);
      return frame;
    },
    png: (indices) => indexedPng(indices, width, height, palette.colours),
  };
}
