/**
 * The text above the plot. Line 1: the title (bold), what is modelled (muted), and at the right
 * the stage ("epoch 12 / 60", "n = 140"). Line 2: train / test / Bayes accuracy at fixed places,
 * so the figures never jump between frames, and a key to the two lines. Line 3, when there are
 * more than two classes or the classes have names: a legend.
 *
 * Only the stage and the train and test figures change from frame to frame. A renderer can draw
 * the rest once ('static') and then just those texts ('dynamic'), whose boxes drawCaption returns.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { font } from './font.js';
import type { Layout, Rect } from './layout.js';
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

export type CaptionPart = 'all' | 'static' | 'dynamic';

/** The box a text drawn at (x, y) with the context's font and alignment covers, with a pixel to spare. */
function textBox(ctx: SKRSContext2D, text: string, x: number, y: number): Rect {
  const m = ctx.measureText(text);
  const left = Math.floor(x - m.actualBoundingBoxLeft) - 1;
  const top = Math.floor(y - m.actualBoundingBoxAscent) - 1;
  return {
    x: left,
    y: top,
    w: Math.ceil(x + m.actualBoundingBoxRight) + 1 - left,
    h: Math.ceil(y + m.actualBoundingBoxDescent) + 1 - top,
  };
}

/** Whether the subtitle has room beside the title and the stage (it is left out when not). */
export function subtitleFits(ctx: SKRSContext2D, layout: Layout, caption: Caption): boolean {
  if (!caption.subtitle) return false;
  const { fontSize, textLeft, textRight, unit } = layout;
  ctx.save();
  ctx.font = font(fontSize.title);
  const stageWidth = ctx.measureText(caption.stage).width;
  const text = `  ·  ${caption.subtitle}`;
  const width = ctx.measureText(text).width;
  ctx.font = font(fontSize.title, true);
  const titleWidth = ctx.measureText(caption.title).width;
  ctx.restore();
  return width <= textRight - stageWidth - 12 * unit - (textLeft + titleWidth);
}

/** Draws the caption, or its static or dynamic part; returns the boxes of the dynamic texts drawn. */
export function drawCaption(
  ctx: SKRSContext2D,
  layout: Layout,
  theme: Theme,
  caption: Caption,
  part: CaptionPart = 'all',
): Rect[] {
  const { unit, fontSize, textLeft, textRight } = layout;
  const ink = rgbToCss(theme.ink);
  const muted = rgbToCss(theme.muted);
  const drawStatic = part !== 'dynamic';
  const drawDynamic = part !== 'static';
  const boxes: Rect[] = [];
  ctx.save();
  ctx.textBaseline = 'alphabetic';

  // Line 1: title · subtitle, stage at the right.
  ctx.textAlign = 'right';
  ctx.font = font(fontSize.title);
  ctx.fillStyle = ink;
  if (drawDynamic) {
    ctx.fillText(caption.stage, textRight, layout.titleBaseline);
    boxes.push(textBox(ctx, caption.stage, textRight, layout.titleBaseline));
  }
  ctx.textAlign = 'left';
  if (drawStatic) {
    const fits = subtitleFits(ctx, layout, caption);
    ctx.font = font(fontSize.title, true);
    ctx.fillText(caption.title, textLeft, layout.titleBaseline);
    const titleWidth = ctx.measureText(caption.title).width;
    if (fits) {
      ctx.font = font(fontSize.title);
      ctx.fillStyle = muted;
      ctx.fillText(`  ·  ${caption.subtitle}`, textLeft + titleWidth, layout.titleBaseline);
    }
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
    if (drawStatic) ctx.fillText(`${name} `, x, layout.figuresBaseline);
    ctx.fillStyle = ink;
    const text = formatAccuracy(value);
    const at = x + ctx.measureText(`${name} `).width;
    // The Bayes figure is the same in every frame.
    if (name === 'Bayes' ? drawStatic : drawDynamic) ctx.fillText(text, at, layout.figuresBaseline);
    if (name !== 'Bayes' && drawDynamic) boxes.push(textBox(ctx, text, at, layout.figuresBaseline));
  });
  if (!drawStatic) {
    ctx.restore();
    return boxes;
  }

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
  return boxes;
}
