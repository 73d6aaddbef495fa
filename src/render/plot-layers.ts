/**
 * What is drawn over the plot's shading, as layers composited pixel by pixel:
 * - the points, rasterised straight into a plot-sized RGBA layer (points.ts), a growing sample
 *   adding only its new points (test points hollow, under the training points in use);
 * - the optimal boundary (and any axis ink reaching into the plot), a static layer read once;
 * - the learned boundary, which moves every frame, rasterised straight into a coverage mask
 *   (stroke.ts).
 * The points and the learned boundary are not drawn by the canvas, whose pixels are slow to read
 * back.
 * Only covered pixels are composited, each layer over the one before.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { drawAxes } from './axes.js';
import type { Polyline } from './contours.js';
import { CanvasLayer, PixelSet } from './layer.js';
import type { Rect } from './layout.js';
import { outlineOf, type Pixels, type RGB, rgbToCss } from './palette.js';
import { type PointsLook, paintPoints, pointOpacity, pointRadius, type RgbaImage } from './points.js';
import type { Scene } from './scene.js';
import { CoverageMask } from './stroke.js';

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
 * How the scene's points look when its window maps onto `plot`: training points filled with a
 * darker ring; test points hollow, ringed in their own colour and fainter, so they step back.
 */
export function pointLooks(scene: Scene, plot: Rect): { filled: PointsLook; hollow: PointsLook } {
  const { unit } = scene.layout;
  const radius = pointRadius(scene.train.n + (scene.test?.n ?? 0), unit);
  const look = (style: PointsLook['style'], n: number, outlines: readonly RGB[], fade: number): PointsLook => ({
    plot,
    window: scene.window,
    unit,
    radius,
    opacity: fade * pointOpacity(n, radius, plot),
    style,
    colours: scene.classColours,
    outlines,
  });
  return {
    filled: look(
      'filled',
      scene.train.n,
      scene.classColours.map((colour) => outlineOf(colour, scene.theme)),
      1,
    ),
    hollow: look('hollow', scene.test?.n ?? 0, scene.classColours, 0.6),
  };
}

export class PlotLayers {
  /** The static layer: the optimal boundary, then any axis ink inside the plot. */
  private readonly fixed: CanvasLayer;
  private readonly fixedPixels: number[] = [];
  /** The points (plot-sized, unpremultiplied RGBA) and how many training points they show. */
  private readonly points: RgbaImage;
  private drawn = -1;
  private readonly filled: PointsLook;
  private readonly hollow: PointsLook;
  /** Every pixel the points or the static layer cover. */
  private readonly covered: PixelSet;
  private readonly cover = (p: number): void => this.covered.add(p);
  /** The learned boundary. */
  private readonly line: CoverageMask;

  constructor(private readonly scene: Scene) {
    const { layout, theme } = scene;
    const { unit, plot } = layout;
    const inPlot = { x: 0, y: 0, w: plot.w, h: plot.h };
    this.points = { rgba: new Uint8ClampedArray(plot.w * plot.h * 4), w: plot.w, h: plot.h };
    this.covered = new PixelSet(plot.w * plot.h);
    this.line = new CoverageMask(plot.w, plot.h);
    const looks = pointLooks(scene, inPlot);
    this.filled = looks.filled;
    this.hollow = looks.hollow;

    this.fixed = new CanvasLayer(plot.w, plot.h);
    const { ctx } = this.fixed;
    if (scene.bayesLines) {
      ctx.save();
      ctx.lineJoin = 'round';
      ctx.lineWidth = 2 * unit;
      ctx.strokeStyle = rgbToCss(theme.line);
      ctx.setLineDash([7 * unit, 5 * unit]);
      ctx.lineCap = 'butt';
      strokePolylines(ctx, scene.bayesLines, plot.w / scene.grid.nx, plot.h / scene.grid.ny);
      ctx.restore();
    }
    ctx.translate(-plot.x, -plot.y);
    drawAxes(ctx, layout, scene.window, theme, scene.axisLabels);
    this.fixed.readBack(inPlot, (p) => this.fixedPixels.push(p));
  }

  /**
   * Composites the layers over the shaded plot of `frame` (the scene's width wide): the first
   * `used` training points, the optimal boundary, and the learned boundary `lines` (grid units).
   */
  composite(frame: Pixels, used: number, lines: Polyline[]): void {
    const { layout, grid } = this.scene;
    const { plot, unit } = layout;
    this.updatePoints(used);
    this.line.clear();
    this.line.polylines(lines, plot.w / grid.nx, plot.h / grid.ny, unit);
    this.compositePlot(frame);
  }

  /**
   * Test points (hollow) under the training points in use, each point over the ones before, so a
   * growing sample just paints its new points over the others.
   */
  private updatePoints(used: number): void {
    const { test, train } = this.scene;
    const { points, cover, drawn } = this;
    if (used === drawn) return;
    if (drawn >= 0 && used > drawn) {
      paintPoints(points, this.filled, train, drawn, used, cover);
    } else {
      points.rgba.fill(0);
      this.covered.clear();
      for (const p of this.fixedPixels) cover(p);
      if (test) paintPoints(points, this.hollow, test, 0, test.n, cover);
      paintPoints(points, this.filled, train, 0, used, cover);
    }
    this.drawn = used;
  }

  /** Composites the pixels the points or the static layer cover, then those only the learned boundary covers. */
  private compositePlot(frame: Pixels): void {
    const { covered, line } = this;
    const { width, plot } = this.scene.layout;
    const skip = width - plot.w;
    const origin = plot.y * width + plot.x;
    for (let i = 0; i < covered.count; i++) {
      const p = covered.list[i];
      this.blend(frame, origin + p + skip * ((p / plot.w) | 0), p);
    }
    for (let i = 0; i < line.count; i++) {
      const p = line.touched[i];
      if (covered.mask[p] === 0) this.blend(frame, origin + p + skip * ((p / plot.w) | 0), p);
    }
  }

  /**
   * The layers at pixel p (plot-local) over the shading index at frame[at]: the points, the static
   * layer, then the learned boundary (coverage × line colour); the nearest palette entry.
   */
  private blend(frame: Pixels, at: number, p: number): void {
    const { palette, theme } = this.scene;
    const points = this.points.rgba;
    const fixed = this.fixed.rgba;
    const under = palette.colours[frame[at]];
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
    const t = this.line.coverage[p];
    if (t > 0) {
      r += (theme.line[0] - r) * t;
      g += (theme.line[1] - g) * t;
      b += (theme.line[2] - b) * t;
    }
    // (x + 0.5) | 0 rounds x ≥ 0 as Math.round does, at a fraction of the cost (see shade.ts).
    frame[at] = palette.nearest((r + 0.5) | 0, (g + 0.5) | 0, (b + 0.5) | 0);
  }
}
