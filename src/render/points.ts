/**
 * Data points over the shading: training points filled in their class colour with a thin darker
 * outline, test points hollow. Size shrinks gently as the number of points grows.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Dataset } from '../dataset.js';
import type { Window } from '../grid.js';
import type { Layout } from './layout.js';
import { type RGB, rgbToCss } from './palette.js';

export function pointRadius(n: number, unit: number): number {
  return unit * Math.min(3.2, Math.max(1.3, 3.2 * Math.sqrt(300 / Math.max(n, 1)) ** 0.5));
}

export function drawPoints(
  ctx: SKRSContext2D,
  layout: Layout,
  window: Window,
  data: Dataset,
  count: number,
  colours: readonly RGB[],
  outlines: readonly RGB[],
  style: 'filled' | 'hollow',
  radius: number,
): void {
  const { plot, unit } = layout;
  const sx = plot.w / (window.xmax - window.xmin);
  const sy = plot.h / (window.ymax - window.ymin);
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y, plot.w, plot.h);
  ctx.clip();
  // One path per class: far fewer canvas calls than one per point.
  for (let c = 0; c < data.classes; c++) {
    ctx.beginPath();
    for (let i = 0; i < count; i++) {
      if (data.y[i] !== c) continue;
      const px = plot.x + (data.X[2 * i] - window.xmin) * sx;
      const py = plot.y + (window.ymax - data.X[2 * i + 1]) * sy;
      ctx.moveTo(px + radius, py);
      ctx.arc(px, py, radius, 0, 2 * Math.PI);
    }
    if (style === 'filled') {
      ctx.fillStyle = rgbToCss(colours[c]);
      ctx.fill();
      ctx.strokeStyle = rgbToCss(outlines[c]);
      ctx.lineWidth = 0.7 * unit;
    } else {
      ctx.strokeStyle = rgbToCss(outlines[c]);
      ctx.lineWidth = 1.1 * unit;
    }
    ctx.stroke();
  }
  ctx.restore();
}
