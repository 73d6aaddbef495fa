/**
 * The caption of a regression's or a function's frame, laid out as the classification caption
 * (caption.ts): line 1 the title (bold), what is modelled (muted) and at the right the stage;
 * line 2 the figures — train and test loss and the optimal loss, or f and its minimum — each
 * right-aligned in a field of fixed width, so that digits and decimal point stay put from frame
 * to frame however the values fall; line 3 a key to what is drawn, or, in a comparison on one
 * landscape, each model's name in its colour with its figure.
 *
 * Only the stage and the frame's figures change: the rest is drawn once ('static'), and
 * dynamicTexts says where the changing texts go.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { drawTitle, textMetrics } from './caption.js';
import type { FigureCaption, KeyEntry } from './figure-scene.js';
import { font } from './font.js';
import type { Layout } from './layout.js';
import { type RGB, rgbToCss, type Theme } from './palette.js';
import { ellipsize } from './text-fit.js';

/** A figure with a fixed number of decimals; 10⁴ and beyond as 1.2e4, so it fits its field. */
export function formatFigure(v: number | null, decimals: number): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (Math.abs(v) >= 1e4) return v.toExponential(1).replace('e+', 'e');
  return v.toFixed(decimals);
}

/**
 * Decimals that show a loss of this size with three significant digits (two at least, four at
 * most): the optimal loss sets the scale the figures are read at.
 */
export function decimalsFor(scale: number): number {
  if (!(scale > 0) || !Number.isFinite(scale)) return 3;
  return Math.min(4, Math.max(2, 2 - Math.floor(Math.log10(scale))));
}

/** A text of the caption that changes between frames, right-aligned at x. */
export interface CaptionText {
  text: string;
  x: number;
  y: number;
  font: string;
}

interface Slot {
  name: string;
  value: number | null | 'frame';
  x: number;
  /** Where its value ends (right-aligned). */
  valueRight: number;
}

/** The width of the widest value a field holds: four digits, the point and the decimals. */
function fieldWidth(ctx: SKRSContext2D, figures: string, decimals: number): number {
  return textMetrics(ctx, figures, 'left', decimals > 0 ? `8888.${'8'.repeat(decimals)}` : '8888').width;
}

function slots(ctx: SKRSContext2D, layout: Layout, caption: FigureCaption): Slot[] {
  const figures = font(layout.fontSize.figures);
  const field = fieldWidth(ctx, figures, caption.decimals);
  let x = layout.textLeft;
  return caption.slots.map(({ name, value }) => {
    const slot = { name, value, x, valueRight: x + textMetrics(ctx, figures, 'left', `${name} `).width + field };
    x = slot.valueRight + 14 * layout.unit;
    return slot;
  });
}

/** The colour sample before each legend name, and the gaps after the name and after an entry. */
const SAMPLE = 18;
const NAME_GAP = 6;
const ENTRY_GAP = 20;

/**
 * Line 3's legend entries, packed from the left: a colour sample, the name, then the figure
 * right-aligned in a field just wide enough for any value, so it reads as the name's. Names too
 * long for the line share it equally instead, shortened with an ellipsis.
 */
function legendPlaces(
  ctx: SKRSContext2D,
  layout: Layout,
  names: readonly string[],
  field: number,
): { x: number; nameWidth: number; right: number }[] {
  const { unit, textLeft, textRight } = layout;
  const figures = font(layout.fontSize.figures);
  const widths = names.map((name) => textMetrics(ctx, figures, 'left', name).width);
  const entry = (nameWidth: number) => (SAMPLE + 5 + NAME_GAP) * unit + nameWidth + field;
  const total = widths.reduce((sum, w) => sum + entry(w), 0) + ENTRY_GAP * unit * (names.length - 1);
  if (total <= textRight - textLeft) {
    let x = textLeft;
    return widths.map((nameWidth) => {
      const place = { x, nameWidth, right: x + entry(nameWidth) };
      x = place.right + ENTRY_GAP * unit;
      return place;
    });
  }
  const share = (textRight - textLeft) / Math.max(1, names.length);
  return names.map((_, i) => {
    const x = textLeft + i * share;
    const right = x + share - 12 * unit;
    return { x, nameWidth: right - field - NAME_GAP * unit - (x + (SAMPLE + 5) * unit), right };
  });
}

/** A sample of a line (solid or dashed), a band or a mark, ending at x on the line at baseline y. */
function drawSample(ctx: SKRSContext2D, entry: KeyEntry, x: number, y: number, unit: number, theme: Theme): number {
  const mid = y - 4 * unit;
  ctx.save();
  if (entry.kind === 'line') {
    ctx.strokeStyle = rgbToCss(entry.colour);
    ctx.lineWidth = 1.8 * unit;
    ctx.setLineDash(entry.dashed ? [4 * unit, 3 * unit] : []);
    ctx.beginPath();
    ctx.moveTo(x, mid);
    ctx.lineTo(x + SAMPLE * unit, mid);
    ctx.stroke();
    ctx.restore();
    return SAMPLE * unit;
  }
  if (entry.kind === 'band') {
    ctx.fillStyle = rgbToCss(entry.colour);
    ctx.fillRect(x, mid - 4.5 * unit, SAMPLE * unit, 9 * unit);
    ctx.restore();
    return SAMPLE * unit;
  }
  drawMark(ctx, entry.mark, x + 5 * unit, mid, 4 * unit, theme.ink, unit);
  ctx.restore();
  return 10 * unit;
}

/** A minimum's cross or a saddle's diamond of half-size r at (x, y). */
export function drawMark(
  ctx: SKRSContext2D,
  mark: 'cross' | 'diamond',
  x: number,
  y: number,
  r: number,
  colour: RGB,
  unit: number,
): void {
  ctx.save();
  ctx.strokeStyle = rgbToCss(colour);
  ctx.lineWidth = 1.6 * unit;
  ctx.lineCap = 'round';
  ctx.beginPath();
  if (mark === 'cross') {
    ctx.moveTo(x - r, y - r);
    ctx.lineTo(x + r, y + r);
    ctx.moveTo(x - r, y + r);
    ctx.lineTo(x + r, y - r);
  } else {
    ctx.moveTo(x, y - r * 1.2);
    ctx.lineTo(x + r * 1.2, y);
    ctx.lineTo(x, y + r * 1.2);
    ctx.lineTo(x - r * 1.2, y);
    ctx.closePath();
  }
  ctx.stroke();
  ctx.restore();
}

/** Draws what does not change: title and subtitle, the figures' names and fixed values, the note, the key or the legend's names. */
export function drawStaticCaption(
  ctx: SKRSContext2D,
  layout: Layout,
  theme: Theme,
  caption: FigureCaption,
  trackColours: readonly RGB[],
  withSubtitle: boolean,
  room: number,
): void {
  const { unit, fontSize, textLeft } = layout;
  const ink = rgbToCss(theme.ink);
  const muted = rgbToCss(theme.muted);
  ctx.save();
  ctx.textBaseline = 'alphabetic';
  drawTitle(ctx, layout, theme, caption.title, withSubtitle ? caption.subtitle : null, room);
  ctx.textAlign = 'left';

  const figures = font(fontSize.figures);
  ctx.font = figures;
  let end = textLeft;
  for (const slot of slots(ctx, layout, caption)) {
    ctx.textAlign = 'left';
    ctx.fillStyle = muted;
    ctx.fillText(`${slot.name} `, slot.x, layout.figuresBaseline);
    if (slot.value !== 'frame') {
      ctx.textAlign = 'right';
      ctx.fillStyle = ink;
      ctx.fillText(formatFigure(slot.value, caption.decimals), slot.valueRight, layout.figuresBaseline);
    }
    end = slot.valueRight + 14 * unit;
  }
  if (caption.note) {
    ctx.textAlign = 'left';
    ctx.fillStyle = muted;
    ctx.fillText(caption.note, end, layout.figuresBaseline);
  }

  const line3 = layout.legendBaseline;
  if (line3 !== null && caption.legend) {
    const field = fieldWidth(ctx, figures, caption.decimals);
    const places = legendPlaces(ctx, layout, caption.legend, field);
    caption.legend.forEach((name, i) => {
      const colour = trackColours[i % trackColours.length];
      const { x, nameWidth } = places[i];
      const sample = drawSample(ctx, { kind: 'line', name, colour, dashed: false }, x, line3, unit, theme);
      ctx.textAlign = 'left';
      ctx.fillStyle = ink;
      ctx.fillText(ellipsize(ctx, name, nameWidth), x + sample + 5 * unit, line3);
    });
  } else if (line3 !== null) {
    let x = textLeft;
    for (const entry of caption.key) {
      x += drawSample(ctx, entry, x, line3, unit, theme) + 5 * unit;
      ctx.textAlign = 'left';
      ctx.fillStyle = muted;
      ctx.fillText(entry.name, x, line3);
      x += textMetrics(ctx, figures, 'left', entry.name).width + 16 * unit;
    }
  }
  ctx.restore();
}

/** The texts that change: the stage, the frame's figures in their fields, the legend's figures. */
export function dynamicTexts(
  ctx: SKRSContext2D,
  layout: Layout,
  caption: FigureCaption,
  stage: string,
  values: readonly (number | null)[],
): CaptionText[] {
  const figures = font(layout.fontSize.figures);
  const texts: CaptionText[] = [
    { text: stage, x: layout.textRight, y: layout.titleBaseline, font: font(layout.fontSize.title) },
  ];
  let next = 0;
  for (const slot of slots(ctx, layout, caption)) {
    if (slot.value !== 'frame') continue;
    const v = values[next++] ?? null;
    texts.push({
      text: formatFigure(v, caption.decimals),
      x: slot.valueRight,
      y: layout.figuresBaseline,
      font: figures,
    });
  }
  if (caption.legend && layout.legendBaseline !== null) {
    const line3 = layout.legendBaseline;
    const field = fieldWidth(ctx, figures, caption.decimals);
    for (const { right } of legendPlaces(ctx, layout, caption.legend, field)) {
      const v = values[next++] ?? null;
      texts.push({ text: formatFigure(v, caption.decimals), x: right, y: line3, font: figures });
    }
  }
  return texts;
}

export function drawTexts(ctx: SKRSContext2D, texts: readonly CaptionText[], theme: Theme): void {
  ctx.save();
  ctx.textAlign = 'right';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = rgbToCss(theme.ink);
  for (const t of texts) {
    ctx.font = t.font;
    ctx.fillText(t.text, t.x, t.y);
  }
  ctx.restore();
}
