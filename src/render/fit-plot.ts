/**
 * The plot of a 1-D regression, a figure from a textbook (Bishop's PRML figure 1.4, ESL's 2.1):
 * the band E[y | x] ± σ(x) lightly shaded, the true curve E[y | x] dashed, the test points hollow
 * and lighter, the training points filled, each model's fitted curve solid in its colour, and,
 * when asked, the residuals as thin segments from each training point to the curve.
 *
 * What does not move (band, true curve, axes, test points) is drawn once into the frame's base;
 * what moves is rasterised straight into coverage masks and an RGBA image (overlay.ts): the
 * residuals under the training points, the fitted curves over them. A curve is evaluated at the
 * centre of every pixel column, so it is as smooth as the plot is fine, and cut where it leaves
 * the plot (clip.ts).
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Dataset, Series } from '../dataset.js';
import type { Window } from '../grid.js';
import { drawAxes } from './axes.js';
import { clippedPolylines } from './clip.js';
import type { FigureLayout } from './figure-layout.js';
import type { FigureState, FitScene } from './figure-scene.js';
import type { Rect } from './layout.js';
import { type OverlayLayer, PaintedImage } from './overlay.js';
import { mix, outlineOf, type RGB, rgbToCss, type Theme } from './palette.js';
import { paintPoints, pointOpacity, pointRadius } from './points.js';
import { CoverageMask } from './stroke.js';

/** The band's tint: this share of the way from the background to the ink. */
export const BAND_TINT = 1 / 12;

export interface FitPlot {
  /** Draws the band, the true curve and the axes (frame coordinates). */
  drawStatic(ctx: SKRSContext2D): void;
  /** The hollow test points, painted once (plot coordinates). */
  readonly testPoints: PaintedImage | null;
  /**
   * Whether the training points go into the static image as they come (nothing that moves lies
   * under them: no residuals), rather than into every frame's layers.
   */
  readonly pointsInBase: boolean;
  /** Training points from..to − 1 alone, as a layer. */
  pointsLayer(from: number, to: number): OverlayLayer;
  /** A frame's layers, bottom first: residuals, training points in use, each track's curve. */
  layers(state: FigureState): OverlayLayer[];
}

/** A series as points for points.ts: (x, y) pairs, all of class 0. */
function asPoints(data: Series): Dataset {
  const X = new Float64Array(2 * data.n);
  for (let i = 0; i < data.n; i++) {
    X[2 * i] = data.x[i];
    X[2 * i + 1] = data.y[i];
  }
  return { X, y: new Uint8Array(data.n), n: data.n, classes: 1 };
}

/** Plot pixels of data coordinates. */
export function pixelScale(window: Window, rect: Rect) {
  return {
    x: (v: number) => ((v - window.xmin) / (window.xmax - window.xmin)) * rect.w,
    y: (v: number) => ((window.ymax - v) / (window.ymax - window.ymin)) * rect.h,
  };
}

export function createFitPlot(
  fit: FitScene,
  rect: Rect,
  layout: FigureLayout,
  theme: Theme,
  pointColour: RGB,
  trackColours: readonly RGB[],
): FitPlot {
  const { unit } = layout;
  const { w, h } = rect;
  const scale = pixelScale(fit.window, rect);
  const n = fit.xs.length;
  const columns = Float64Array.from({ length: n }, (_, i) => scale.x(fit.xs[i]));
  const rows = new Float64Array(n);
  const local = { x: 0, y: 0, w, h };
  const radius = pointRadius(fit.train.n + (fit.test?.n ?? 0), unit);
  const train = asPoints(fit.train);

  let testPoints: PaintedImage | null = null;
  if (fit.test) {
    testPoints = new PaintedImage(w, h);
    const light = mix(pointColour, theme.background, 0.4);
    const ring = mix(outlineOf(pointColour, theme), theme.background, 0.45);
    const test = asPoints(fit.test);
    const points = testPoints;
    const look = {
      plot: local,
      window: fit.window,
      unit,
      radius,
      // Crowded points let the curves show through, as on the classification map.
      opacity: pointOpacity(test.n, radius, local),
      style: 'hollow',
      colours: [light],
      outlines: [ring],
    } as const;
    paintPoints(points, look, test, 0, test.n, points.visit);
  }

  function drawStatic(ctx: SKRSContext2D): void {
    drawAxes(ctx, { ...layout, plot: rect }, fit.window, theme, fit.axisLabels);
    if (!fit.truth) return;
    const { mean, sd } = fit.truth;
    ctx.save();
    ctx.beginPath();
    ctx.rect(rect.x, rect.y, w, h);
    ctx.clip();
    ctx.translate(rect.x, rect.y);
    // Far outside the plot, a vertex is held a plot's height away: the edges it changes lie outside.
    const hold = (v: number) => Math.min(3 * h, Math.max(-2 * h, scale.y(v)));
    if (sd) {
      ctx.fillStyle = rgbToCss(mix(theme.background, theme.ink, BAND_TINT));
      ctx.beginPath();
      for (let i = 0; i < n; i++) ctx.lineTo(columns[i], hold(mean[i] + sd[i]));
      for (let i = n - 1; i >= 0; i--) ctx.lineTo(columns[i], hold(mean[i] - sd[i]));
      ctx.closePath();
      ctx.fill();
    }
    for (let i = 0; i < n; i++) rows[i] = scale.y(mean[i]);
    ctx.strokeStyle = rgbToCss(theme.line);
    ctx.lineWidth = 2 * unit;
    ctx.lineJoin = 'round';
    ctx.setLineDash([7 * unit, 5 * unit]);
    ctx.beginPath();
    for (const line of clippedPolylines(columns, rows, n, w, h, 4 * unit)) {
      ctx.moveTo(line[0], line[1]);
      for (let i = 2; i < line.length; i += 2) ctx.lineTo(line[i], line[i + 1]);
    }
    ctx.stroke();
    ctx.restore();
  }

  const points = new PaintedImage(w, h);
  let drawn = -1;
  const outline = outlineOf(pointColour, theme);
  const paint = (from: number, to: number) => {
    if (!fit.showTrain) return;
    const look = {
      plot: local,
      window: fit.window,
      unit,
      radius,
      opacity: pointOpacity(train.n, radius, local),
      style: 'filled',
      colours: [pointColour],
      outlines: [outline],
    } as const;
    paintPoints(points, look, train, from, to, points.visit);
  };
  /** The points layer holds the first `used` training points. */
  function updatePoints(used: number): void {
    if (used === drawn) return;
    if (drawn < 0 || used < drawn) {
      points.clear();
      paint(0, used);
    } else {
      paint(drawn, used);
    }
    drawn = used;
  }

  const residuals = new CoverageMask(w, h);
  const residualColour = mix(theme.background, theme.muted, 0.75);
  const curves = trackColours.map(() => new CoverageMask(w, h));
  const ends = new Float64Array(2);
  const tops = new Float64Array(2);

  function drawResiduals(state: FigureState): void {
    residuals.clear();
    const fitted = state.tracks[0]?.trainFit;
    if (!fit.residuals || !fitted) return;
    for (let i = 0; i < state.trainUsed; i++) {
      const x = scale.x(fit.train.x[i]);
      ends[0] = x;
      ends[1] = x;
      tops[0] = scale.y(fit.train.y[i]);
      tops[1] = scale.y(fitted[i]);
      residuals.polylines(clippedPolylines(ends, tops, 2, w, h, unit), 1, 1, 0.5 * unit);
    }
  }

  return {
    drawStatic,
    testPoints,
    pointsInBase: !fit.residuals,
    pointsLayer(from, to) {
      points.clear();
      drawn = -1;
      paint(from, to);
      return points.layer;
    },
    layers(state) {
      const layers: OverlayLayer[] = [];
      if (fit.residuals) {
        updatePoints(state.trainUsed);
        drawResiduals(state);
        layers.push({ mask: residuals, colour: residualColour }, points.layer);
      }
      state.tracks.forEach((track, t) => {
        const mask = curves[t];
        mask.clear();
        if (track.fit) {
          for (let i = 0; i < n; i++) rows[i] = scale.y(track.fit[i]);
          mask.polylines(clippedPolylines(columns, rows, n, w, h, 2 * unit), 1, 1, unit);
        }
        layers.push({ mask, colour: trackColours[t] });
      });
      return layers;
    },
  };
}
