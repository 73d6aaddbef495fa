/**
 * Data points over the shading: training points filled in their class colour with a thin darker
 * outline, test points hollow. Size shrinks gently as the number of points grows.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Dataset } from '../dataset.js';
import type { Window } from '../grid.js';
import type { Rect } from './layout.js';
import { type RGB, rgbToCss } from './palette.js';

/** Outline widths, in layout units: thin around filled points, bolder for hollow ones. */
const FILLED_OUTLINE = 0.7;
const HOLLOW_OUTLINE = 1.1;

/** How far a point's ink reaches from its centre, in pixels (its box, for reading it back). */
export function pointReach(radius: number, unit: number): number {
  return radius + (Math.max(FILLED_OUTLINE, HOLLOW_OUTLINE) * unit) / 2 + 1;
}

/** A point's position in the plot rect's pixels. */
export function pointPixel(data: Dataset, i: number, plot: Rect, window: Window): [number, number] {
  return [
    plot.x + ((data.X[2 * i] - window.xmin) * plot.w) / (window.xmax - window.xmin),
    plot.y + ((window.ymax - data.X[2 * i + 1]) * plot.h) / (window.ymax - window.ymin),
  ];
}

export function pointRadius(n: number, unit: number): number {
  return unit * Math.min(3.2, Math.max(1.3, 3.2 * Math.sqrt(300 / Math.max(n, 1)) ** 0.5));
}

/** Draws points from..to−1 of data into the plot rect (clipped to it). */
export function drawPoints(
  ctx: SKRSContext2D,
  plot: Rect,
  unit: number,
  window: Window,
  data: Dataset,
  from: number,
  to: number,
  colours: readonly RGB[],
  outlines: readonly RGB[],
  style: 'filled' | 'hollow',
  radius: number,
): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y, plot.w, plot.h);
  ctx.clip();
  // One path per class: far fewer canvas calls than one per point.
  for (let c = 0; c < data.classes; c++) {
    ctx.beginPath();
    for (let i = from; i < to; i++) {
      if (data.y[i] !== c) continue;
      const [px, py] = pointPixel(data, i, plot, window);
      ctx.moveTo(px + radius, py);
      ctx.arc(px, py, radius, 0, 2 * Math.PI);
    }
    if (style === 'filled') {
      ctx.fillStyle = rgbToCss(colours[c]);
      ctx.fill();
      ctx.strokeStyle = rgbToCss(outlines[c]);
      ctx.lineWidth = FILLED_OUTLINE * unit;
    } else {
      ctx.strokeStyle = rgbToCss(outlines[c]);
      ctx.lineWidth = HOLLOW_OUTLINE * unit;
    }
    ctx.stroke();
  }
  ctx.restore();
}
