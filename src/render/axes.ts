/** The plot's thin frame, a few nice ticks (d3-scale) with their labels, and the axis labels. */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { scaleLinear } from 'd3-scale';
import type { Window } from '../grid.js';
import { font } from './font.js';
import type { Layout } from './layout.js';
import { rgbToCss, type Theme } from './palette.js';

export function drawAxes(
  ctx: SKRSContext2D,
  layout: Layout,
  window: Window,
  theme: Theme,
  labels: { x: string; y: string },
): void {
  const { plot, unit, fontSize } = layout;
  const x = scaleLinear()
    .domain([window.xmin, window.xmax])
    .range([plot.x, plot.x + plot.w]);
  const y = scaleLinear()
    .domain([window.ymin, window.ymax])
    .range([plot.y + plot.h, plot.y]);
  const tick = 4 * unit;
  ctx.save();
  ctx.strokeStyle = rgbToCss(theme.muted);
  ctx.fillStyle = rgbToCss(theme.muted);
  ctx.lineWidth = Math.max(1, unit);
  // Half-pixel offsets keep 1 px lines crisp.
  const half = (ctx.lineWidth % 2) / 2;
  ctx.strokeRect(plot.x - half, plot.y - half, plot.w + 2 * half, plot.h + 2 * half);
  ctx.font = font(fontSize.tick);
  ctx.beginPath();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const xTicks = x.ticks(5);
  const xFormat = x.tickFormat(5);
  for (const v of xTicks) {
    const px = Math.round(x(v)) + half;
    ctx.moveTo(px, plot.y + plot.h);
    ctx.lineTo(px, plot.y + plot.h + tick);
    ctx.fillText(xFormat(v).replace('−', '-'), px, plot.y + plot.h + tick + 2 * unit);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const yTicks = y.ticks(5);
  const yFormat = y.tickFormat(5);
  for (const v of yTicks) {
    const py = Math.round(y(v)) + half;
    ctx.moveTo(plot.x, py);
    ctx.lineTo(plot.x - tick, py);
    ctx.fillText(yFormat(v).replace('−', '-'), plot.x - tick - 2 * unit, py);
  }
  ctx.stroke();
  ctx.fillStyle = rgbToCss(theme.ink);
  ctx.font = font(fontSize.label);
  if (labels.x) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(labels.x, plot.x + plot.w / 2, plot.y + plot.h + tick + fontSize.tick + 8 * unit);
  }
  if (labels.y) {
    ctx.translate(plot.x - tick - 30 * unit - fontSize.label / 2, plot.y + plot.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(labels.y, 0, 0);
  }
  ctx.restore();
}
