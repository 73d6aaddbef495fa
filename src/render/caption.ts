/**
 * The text above the plot. Line 1: the title (bold), what is modelled (muted), and at the right
 * the stage ("epoch 12 / 60", "n = 140"). Line 2: train / test / Bayes accuracy at fixed places,
 * so the figures never jump between frames, and a key to the two lines. Line 3, when there are
 * more than two classes or the classes have names: a legend.
 *
 * Only the stage and the train and test figures change from frame to frame. A renderer can draw
 * the rest once ('static') and then just those texts (dynamicTexts places them, with the boxes
 * their ink covers), each only when it changed.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { font } from './font.js';
import type { Layout, Rect } from './layout.js';
import { drawLineKey } from './line-key.js';
import { type RGB, rgbToCss, type Theme } from './palette.js';
import { ellipsize, widestStage } from './text-fit.js';

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

/** What a caption needs of measureText. */
interface Metrics {
  width: number;
  left: number;
  right: number;
  ascent: number;
  descent: number;
}

/** measureText of a text in a font and alignment (alphabetic baseline); the context is left as it was. */
export function textMetrics(ctx: SKRSContext2D, font: string, align: 'left' | 'right', text: string): Metrics {
  ctx.save();
  ctx.font = font;
  ctx.textAlign = align;
  ctx.textBaseline = 'alphabetic';
  const m = ctx.measureText(text);
  ctx.restore();
  return {
    width: m.width,
    left: m.actualBoundingBoxLeft,
    right: m.actualBoundingBoxRight,
    ascent: m.actualBoundingBoxAscent,
    descent: m.actualBoundingBoxDescent,
  };
}

/** A text of the caption that changes between frames, where it goes and the box its ink covers. */
export interface PlacedText {
  text: string;
  x: number;
  y: number;
  font: string;
  align: 'left' | 'right';
  colour: string;
  /** The ink's box, with a pixel to spare. */
  box: Rect;
}

/** A text placed where it goes, with the box its ink covers. */
function place(ctx: SKRSContext2D, text: Omit<PlacedText, 'box'>): PlacedText {
  const { x, y } = text;
  const m = textMetrics(ctx, text.font, text.align, text.text);
  const left = Math.floor(x - m.left) - 1;
  const top = Math.floor(y - m.ascent) - 1;
  const box = { x: left, y: top, w: Math.ceil(x + m.right) + 1 - left, h: Math.ceil(y + m.descent) + 1 - top };
  return { ...text, box };
}

export function drawPlaced(ctx: SKRSContext2D, t: PlacedText): void {
  ctx.font = t.font;
  ctx.textAlign = t.align;
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = t.colour;
  ctx.fillText(t.text, t.x, t.y);
}

/**
 * Whether the subtitle has room beside the title and the widest stage of the movie (so it stays
 * or goes for the whole movie, not frame by frame; it is left out when it has no room).
 */
export function subtitleFits(
  ctx: SKRSContext2D,
  layout: Layout,
  caption: Pick<Caption, 'title' | 'subtitle' | 'stage'>,
): boolean {
  if (!caption.subtitle) return false;
  const width = textMetrics(ctx, font(layout.fontSize.title), 'left', `  ·  ${caption.subtitle}`).width;
  const titleWidth = textMetrics(ctx, font(layout.fontSize.title, true), 'left', caption.title).width;
  return width <= titleRoom(ctx, layout, caption.stage) - titleWidth;
}

/** The width line 1 leaves the title (and subtitle): all but the movie's widest stage and a gap. */
export function titleRoom(ctx: SKRSContext2D, layout: Layout, stage: string): number {
  const { fontSize, textLeft, textRight, unit } = layout;
  // Measured as drawn (right-aligned), so the stage's measurement serves both.
  const stageWidth = textMetrics(ctx, font(fontSize.title), 'right', widestStage(stage)).width;
  return textRight - stageWidth - 12 * unit - textLeft;
}

/** Line 2's figures, each at a fixed slot: name, value, where the name and the value start. */
function figureSlots(
  ctx: SKRSContext2D,
  layout: Layout,
  caption: Caption,
): { name: string; value: number | null; x: number; at: number }[] {
  const figuresFont = font(layout.fontSize.figures);
  const slot = textMetrics(ctx, figuresFont, 'left', 'train 0.000').width + 14 * layout.unit;
  const figures: [string, number | null][] = [
    ['train', caption.train],
    ['test', caption.test],
  ];
  if (caption.bayes !== null) figures.push(['Bayes', caption.bayes]);
  return figures.map(([name, value], i) => {
    const x = layout.textLeft + i * slot;
    return { name, value, x, at: x + textMetrics(ctx, figuresFont, 'left', `${name} `).width };
  });
}

/** The texts that change between frames: the stage, then the train and test figures. */
export function dynamicTexts(ctx: SKRSContext2D, layout: Layout, theme: Theme, caption: Caption): PlacedText[] {
  const ink = rgbToCss(theme.ink);
  const stage = place(ctx, {
    text: caption.stage,
    x: layout.textRight,
    y: layout.titleBaseline,
    font: font(layout.fontSize.title),
    align: 'right',
    colour: ink,
  });
  const figures = figureSlots(ctx, layout, caption)
    .filter((f) => f.name !== 'Bayes')
    .map((f) =>
      place(ctx, {
        text: formatAccuracy(f.value),
        x: f.at,
        y: layout.figuresBaseline,
        font: font(layout.fontSize.figures),
        align: 'left',
        colour: ink,
      }),
    );
  return [stage, ...figures];
}

/**
 * Line 1's title in bold, cut with an ellipsis to `room`, and after it the muted subtitle (when
 * given: the caller knows whether it fits).
 */
export function drawTitle(
  ctx: SKRSContext2D,
  layout: Layout,
  theme: Theme,
  title: string,
  subtitle: string | null,
  room: number,
): void {
  const { fontSize, textLeft, titleBaseline } = layout;
  ctx.save();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.font = font(fontSize.title, true);
  ctx.fillStyle = rgbToCss(theme.ink);
  const shown = ellipsize(ctx, title, room);
  ctx.fillText(shown, textLeft, titleBaseline);
  if (subtitle) {
    const titleWidth = textMetrics(ctx, font(fontSize.title, true), 'left', shown).width;
    ctx.font = font(fontSize.title);
    ctx.fillStyle = rgbToCss(theme.muted);
    ctx.fillText(`  ·  ${subtitle}`, textLeft + titleWidth, titleBaseline);
  }
  ctx.restore();
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
  const boxes: Rect[] = [];
  ctx.save();
  if (part !== 'static') {
    for (const t of dynamicTexts(ctx, layout, theme, caption)) {
      drawPlaced(ctx, t);
      boxes.push(t.box);
    }
  }
  if (part === 'dynamic') {
    ctx.restore();
    return boxes;
  }
  ctx.textBaseline = 'alphabetic';

  // Line 1: title · subtitle (the stage at the right is dynamic).
  ctx.textAlign = 'left';
  const subtitle = subtitleFits(ctx, layout, caption) ? caption.subtitle : null;
  drawTitle(ctx, layout, theme, caption.title, subtitle, titleRoom(ctx, layout, caption.stage));

  // Line 2: the figures' names, and the Bayes figure, the same in every frame.
  ctx.font = font(fontSize.figures);
  for (const { name, value, x, at } of figureSlots(ctx, layout, caption)) {
    ctx.fillStyle = muted;
    ctx.fillText(`${name} `, x, layout.figuresBaseline);
    if (name === 'Bayes') {
      ctx.fillStyle = ink;
      ctx.fillText(formatAccuracy(value), at, layout.figuresBaseline);
    }
  }

  // The key to the lines, right-aligned on line 2.
  const lineColour = rgbToCss(theme.line);
  const line = { colour: lineColour, width: 1.6 * unit };
  drawLineKey(
    ctx,
    [
      { name: 'model', ...line, dashed: false },
      ...(caption.bayesLine ? [{ name: 'Bayes', ...line, dashed: true }] : []),
    ],
    { right: textRight, baseline: layout.figuresBaseline, size: fontSize.figures, textColour: muted },
  );

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
      lx += 2 * r + 4 * unit + textMetrics(ctx, font(fontSize.figures), 'left', name).width + 14 * unit;
      if (lx > textRight) break;
    }
  }
  ctx.restore();
  return boxes;
}
