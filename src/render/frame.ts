/**
 * Draws one frame. The shading goes straight into palette indices; what is drawn on top is
 * composited over it, each covered pixel mapped to its nearest palette entry. The result is the
 * indexed frame the GIF writer takes, and what a PNG export shows, pixel for pixel.
 *
 * Reading canvas pixels back is the costly step (several milliseconds for a whole plot), so
 * each layer is read back only where it changed:
 * - the axes (frame, ticks, labels) are drawn and mapped once into a base frame;
 * - the points and the boundaries over the plot are plot-layers.ts's;
 * - the caption's static text is composited into the base frame once; of the stage and the
 *   train/test figures, a frame draws (on a canvas of their own) and reads back only those whose
 *   text changed since the frame before, and composites the others as read then.
 */
import { createCanvas } from '@napi-rs/canvas';
import { indexedPng } from '../output/png.js';
import { drawAxes } from './axes.js';
import { type Caption, drawCaption, drawPlaced, dynamicTexts, type PlacedText, subtitleFits } from './caption.js';
import { Contourer } from './contours.js';
import { registerFonts } from './font.js';
import { type Layout, outside, type Rect } from './layout.js';
import type { GifPalette, Pixels } from './palette.js';
import { PlotLayers } from './plot-layers.js';
import type { PlotState, Scene } from './scene.js';
import { createShader } from './shade.js';

export interface FrameRenderer {
  /** The frame of a snapshot, as palette indices (a buffer reused by the next call). */
  render(state: PlotState): Pixels;
  /** PNG bytes of an indexed frame. */
  png(indices: Pixels): Buffer;
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
  frame: Pixels,
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

/** A dynamic caption text as last drawn, and its pixels as read back (null: outside the band). */
interface ShownText {
  text: PlacedText;
  rect: Rect;
  rgba: Uint8ClampedArray | null;
}

/** Whether two placed texts draw the same ink at the same place. */
function samePlace(a: PlacedText, b: PlacedText): boolean {
  return (
    a.text === b.text && a.x === b.x && a.y === b.y && a.font === b.font && a.align === b.align && a.colour === b.colour
  );
}

/** The part of rect inside band (possibly empty). */
function withinBand(rect: Rect, band: Rect): Rect {
  const x = Math.max(band.x, rect.x);
  const y = Math.max(band.y, rect.y);
  return {
    x,
    y,
    w: Math.min(band.x + band.w, rect.x + rect.w) - x,
    h: Math.min(band.y + band.h, rect.y + rect.h) - y,
  };
}

export function createFrameRenderer(scene: Scene): FrameRenderer {
  registerFonts();
  const { layout, palette, theme } = scene;
  const { width, height, plot } = layout;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const frame = palette.newFrame(width * height);
  const shader = createShader(scene.grid, scene.classes, plot, palette, scene.shading, scene.bands);
  const [band] = changingRects(layout).filter((r) => r !== plot);

  // The static part, once: the axes over the background.
  const base = palette.newFrame(width * height);
  drawAxes(ctx, layout, scene.window, theme, scene.axisLabels);
  let axesInBand = false;
  // Only around the plot: what the axes draw inside it is part of the plot's static layer.
  for (const r of outside(width, height, [plot])) {
    const rgba = ctx.getImageData(r.x, r.y, r.w, r.h).data;
    compositeRect(rgba, r, base, width, palette);
    // The band lies in the rectangle above the plot, which starts at the top-left corner.
    if (band && r.y === 0 && r.x === 0 && r.w === width) axesInBand ||= touches(rgba, width, [band]);
  }
  // Inside the changing rectangles the frame is redrawn from the background up each time.
  for (const r of band ? [band, plot] : [plot]) {
    for (let y = r.y; y < r.y + r.h; y++) base.fill(0, y * width + r.x, y * width + r.x + r.w);
  }

  const layers = new PlotLayers(scene);
  const contourer = new Contourer(scene.grid);

  // The caption band: its static part (and any axis ink reaching into it) is composited into the
  // base frame once, and again only if the subtitle comes or goes with a longer stage label. Each
  // dynamic text is drawn on a canvas of its own and read back (its box, within the band) only
  // when it changed; every frame composites them all, as last read.
  const dynamic = band ? createCanvas(band.w, band.y + band.h).getContext('2d') : null;
  const shown: ShownText[] = [];
  let subtitleShown: boolean | null = null;
  function drawBand(snapshot: PlotState): void {
    if (!band || !dynamic) return;
    const caption: Caption = {
      title: scene.title,
      subtitle: scene.subtitle,
      stage: snapshot.label,
      train: snapshot.trainAccuracy,
      test: snapshot.testAccuracy,
      bayes: scene.bayesAccuracy,
      legend: scene.legend,
      bayesLine: scene.bayesLines !== null,
    };
    const fits = subtitleFits(ctx, layout, caption);
    if (fits !== subtitleShown) {
      subtitleShown = fits;
      ctx.clearRect(band.x, band.y, band.w, band.h);
      if (axesInBand) drawAxes(ctx, layout, scene.window, theme, scene.axisLabels);
      drawCaption(ctx, layout, theme, caption, 'static');
      for (let y = band.y; y < band.y + band.h; y++) base.fill(0, y * width + band.x, y * width + band.x + band.w);
      compositeRect(ctx.getImageData(band.x, band.y, band.w, band.h).data, band, base, width, palette);
      for (let y = band.y; y < band.y + band.h; y++) {
        frame.set(base.subarray(y * width + band.x, y * width + band.x + band.w), y * width + band.x);
      }
    }
    // The texts that changed are drawn and then read back (their boxes within the band).
    dynamicTexts(dynamic, layout, theme, caption).forEach((text, i) => {
      if (shown[i] !== undefined && samePlace(shown[i].text, text)) return;
      // Clear its box first: the box then holds this text's ink alone (the texts' boxes do not
      // overlap).
      dynamic.clearRect(text.box.x, text.box.y, text.box.w, text.box.h);
      drawPlaced(dynamic, text);
      const rect = withinBand(text.box, band);
      const rgba = rect.w > 0 && rect.h > 0 ? dynamic.getImageData(rect.x, rect.y, rect.w, rect.h).data : null;
      shown[i] = { text, rect, rgba };
    });
    for (const { rect, rgba } of shown) if (rgba) compositeRect(rgba, rect, frame, width, palette);
  }

  return {
    render(snapshot) {
      frame.set(base);
      shader.shade(snapshot.proba, frame, width);
      const lines = contourer.boundaries(snapshot.proba, scene.classes);
      layers.composite(frame, scene.showTrain ? snapshot.trainUsed : 0, lines);
      drawBand(snapshot);
      return frame;
    },
    png: (indices) => indexedPng(indices, width, height, palette),
  };
}
