/**
 * The text above the plot. Line 1: the title (bold), what is modelled (muted), and at the right
 * the stage ("epoch 12 / 60", "n = 140"). Line 2: train / test / Bayes accuracy at fixed places,
 * so the figures never jump between frames, and a key to the two lines. Line 3, when there are
 * more than two classes or the classes have names: a legend.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { font } from './font.js';
import type { Layout } from './layout.js';
import { type RGB, rgbToCss, type Theme } from './palette.js';

export interface Caption {
  title: string;
  subtitle: string;
  stage: string;
  train: number;
  test: number | null;
  bayes: number | null;
  /** Legend entries, or null for no legend line. */
  legend: { name: string; colour: RGB }[] | null;
  /** Whether the dashed optimal boundary is drawn (for the key). */
  bayesLine: boolean;
}

export function formatAccuracy(v: number | null): string {
  return v === null || Number.isNaN(v) ? '—' : v.toFixed(3);
}

export function drawCaption(ctx: SKRSContext2D, layout: Layout, theme: Theme, caption: Caption): void {
  const { unit, fontSize, textLeft, textRight } = layout;
  const ink = rgbToCss(theme.ink);
  const muted = rgbToCss(theme.muted);
  ctx.save();
  ctx.textBaseline = 'alphabetic';

  // Line 1: title · subtitle, stage at the right.
  ctx.textAlign = 'right';
  ctx.font = font(fontSize.title);
  ctx.fillStyle = ink;
  ctx.fillText(caption.stage, textRight, layout.titleBaseline);
  const stageWidth = ctx.measureText(caption.stage).width;
  ctx.textAlign = 'left';
  ctx.font = font(fontSize.title, true);
  ctx.fillText(caption.title, textLeft, layout.titleBaseline);
  const titleWidth = ctx.measureText(caption.title).width;
  if (caption.subtitle) {
    ctx.font = font(fontSize.title);
    ctx.fillStyle = muted;
    const room = textRight - stageWidth - 12 * unit - (textLeft + titleWidth);
    const text = `  ·  ${caption.subtitle}`;
    if (ctx.measureText(text).width <= room) ctx.fillText(text, textLeft + titleWidth, layout.titleBaseline);
  }

  // Line 2: the figures, each at a fixed slot.
  ctx.font = font(fontSize.figures);
  const slot = ctx.measureText('train 0.000').width + 14 * unit;
  const figures: [string, number | null][] = [
    ['train', caption.train],
    ['test', caption.test],
  ];
  if (caption.bayes !== null) figures.push(['Bayes', caption.bayes]);
  figures.forEach(([name, value], i) => {
    const x = textLeft + i * slot;
    ctx.fillStyle = muted;
    ctx.fillText(`${name} `, x, layout.figuresBaseline);
    ctx.fillStyle = ink;
    ctx.fillText(formatAccuracy(value), x + ctx.measureText(`${name} `).width, layout.figuresBaseline);
  });

  // The key to the lines, right-aligned on line 2.
  const sample = 18 * unit;
  const gap = 5 * unit;
  const midY = layout.figuresBaseline - fontSize.figures * 0.33;
  let x = textRight;
  const keys: [string, boolean][] = caption.bayesLine
    ? [
        ['optimal', true],
        ['model', false],
      ]
    : [['model', false]];
  ctx.strokeStyle = rgbToCss(theme.line);
  ctx.lineWidth = 1.6 * unit;
  ctx.textAlign = 'right';
  for (const [name, dashed] of keys) {
    ctx.fillStyle = muted;
    ctx.fillText(name, x, layout.figuresBaseline);
    x -= ctx.measureText(name).width + gap;
    ctx.setLineDash(dashed ? [4 * unit, 3 * unit] : []);
    ctx.beginPath();
    ctx.moveTo(x - sample, midY);
    ctx.lineTo(x, midY);
    ctx.stroke();
    x -= sample + 12 * unit;
  }
  ctx.setLineDash([]);

  // Line 3: the class legend.
  if (caption.legend && layout.legendBaseline !== null) {
    ctx.textAlign = 'left';
    let lx = textLeft;
    const r = 3.5 * unit;
    for (const { name, colour } of caption.legend) {
      ctx.fillStyle = rgbToCss(colour);
      ctx.beginPath();
      ctx.arc(lx + r, layout.legendBaseline - fontSize.figures * 0.35, r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillStyle = ink;
      ctx.fillText(name, lx + 2 * r + 4 * unit, layout.legendBaseline);
      lx += 2 * r + 4 * unit + ctx.measureText(name).width + 14 * unit;
      if (lx > textRight) break;
    }
  }
  ctx.restore();
}
