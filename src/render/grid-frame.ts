/**
 * The frame of a comparison grid: panels (each a frame of its own, plot only, drawn by its own
 * FrameRenderer) blitted into one big indexed frame, under a shared header. The text around the
 * panels (header, column titles, row labels, each panel's figures) goes through one transparent
 * canvas composited over the frame, as in frame.ts. scikit-learn's "classifier comparison"
 * figure is the model: data sets in rows, classifiers in columns, the score by each panel.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { font, registerFonts } from './font.js';
import { compositeRect } from './frame.js';
import type { GridLayout } from './grid-layout.js';
import { computeLayout, type Layout, outside, type Rect } from './layout.js';
import { drawLineKey } from './line-key.js';
import type { GifPalette, Pixels, Theme } from './palette.js';
import { rgbToCss } from './palette.js';
import { ellipsize, widestStage } from './text-fit.js';

export { type GridLayout, type GridShape, gridLayout } from './grid-layout.js';

/**
 * The layout of one panel: a frame that is all plot. Line widths and point sizes are those of a
 * single frame whose plot is this size (so a panel is a single render's plot, pixel for pixel),
 * but never thinner than `minUnit`; the caption and ticks fall outside the canvas.
 */
export function panelLayout(side: number, legend: boolean, minUnit = 0): Layout {
  const opts = { legend, xlabel: false, ylabel: false };
  const size = singleFrameSize(side, legend);
  const base = computeLayout(size, size, opts);
  const outside = -10_000;
  return {
    ...base,
    width: side,
    height: side,
    unit: Math.max(base.unit, minUnit),
    titleBaseline: outside,
    figuresBaseline: outside,
    legendBaseline: legend ? outside : null,
    textLeft: 0,
    textRight: side,
    plot: { x: 0, y: 0, w: side, h: side },
  };
}

/** The square single-model frame size whose plot is `side` pixels wide. */
export function singleFrameSize(side: number, legend: boolean): number {
  const opts = { legend, xlabel: false, ylabel: false };
  let size = side;
  while (computeLayout(size, size, opts).plot.w < side) size++;
  return size;
}

/** Copies an indexed frame of at.w × at.h pixels into the big frame (width pixels wide) at `at`. */
export function blit(panel: Pixels, frame: Pixels, width: number, at: Rect): void {
  for (let r = 0; r < at.h; r++) frame.set(panel.subarray(r * at.w, (r + 1) * at.w), (at.y + r) * width + at.x);
}

export interface GridText {
  title: string;
  subtitle: string;
  /** At the right of the title line: "n = 140", "40 % of training". */
  stage: string;
  /** Left of the second line, e.g. "test accuracy under each panel · Bayes 0.934". */
  note: string;
  /** Whether the dashed optimal boundary is drawn (for the key). */
  bayesLine: boolean;
  /** Per panel: title above it (or '' for none), and the two ends of the line under it. */
  panels: { title: string; left: string; right: string }[];
  /** Per row (when rows are labelled): name and a second, muted line. */
  rows: { name: string; detail: string }[];
}

export interface GridPainter {
  /**
   * Draws the text and panel frames over `frame` (whose panels are already blitted), and what
   * `more` draws outside the panels (a search's leaderboard).
   */
  paint(frame: Pixels, text: GridText, more?: (ctx: SKRSContext2D) => void): void;
}

export function createGridPainter(layout: GridLayout, theme: Theme, palette: GifPalette): GridPainter {
  registerFonts();
  const { width, height, text, pad, side } = layout;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const ink = rgbToCss(theme.ink);
  const muted = rgbToCss(theme.muted);

  function draw(t: GridText): void {
    ctx.clearRect(0, 0, width, height);
    ctx.textBaseline = 'alphabetic';
    const left = pad;
    const right = width - pad;
    // Title line: title · subtitle, stage at the right; room kept for the widest stage, so the
    // subtitle stays or goes for the whole movie.
    ctx.font = font(text * 1.3);
    ctx.textAlign = 'right';
    ctx.fillStyle = ink;
    ctx.fillText(t.stage, right, layout.titleBaseline);
    const room = right - ctx.measureText(widestStage(t.stage)).width - text - left;
    ctx.textAlign = 'left';
    ctx.font = font(text * 1.3, true);
    const title = ellipsize(ctx, t.title, room);
    ctx.fillText(title, left, layout.titleBaseline);
    const titleW = ctx.measureText(title).width;
    if (t.subtitle) {
      ctx.font = font(text * 1.3);
      ctx.fillStyle = muted;
      const sub = `  ·  ${t.subtitle}`;
      if (titleW + ctx.measureText(sub).width < room) ctx.fillText(sub, left + titleW, layout.titleBaseline);
    }
    // Second line: the note, and the key to the lines at the right.
    ctx.font = font(text);
    ctx.fillStyle = muted;
    ctx.fillText(t.note, left, layout.figuresBaseline);
    const line = { colour: rgbToCss(theme.line), width: Math.max(1, text / 8) };
    drawLineKey(
      ctx,
      [{ name: 'model', ...line, dashed: false }, ...(t.bayesLine ? [{ name: 'Bayes', ...line, dashed: true }] : [])],
      { right, baseline: layout.figuresBaseline, size: text, textColour: muted },
    );

    // Panels: frame, title above, figures below.
    ctx.lineWidth = 1;
    ctx.strokeStyle = muted;
    layout.panels.forEach((p, i) => {
      const info = t.panels[i];
      if (!info) return;
      ctx.strokeRect(p.x - 0.5, p.y - 0.5, p.w + 1, p.h + 1);
      if (info.title) {
        ctx.font = font(text, true);
        ctx.fillStyle = ink;
        ctx.textAlign = 'left';
        ctx.fillText(ellipsize(ctx, info.title, p.w), p.x, p.y - text * 0.45);
      }
      const base = p.y + p.h + text * 1.15;
      ctx.font = font(text);
      ctx.textAlign = 'right';
      ctx.fillStyle = ink;
      ctx.fillText(info.right, p.x + p.w, base);
      const rightW = ctx.measureText(info.right).width;
      ctx.textAlign = 'left';
      ctx.fillStyle = muted;
      ctx.fillText(ellipsize(ctx, info.left, p.w - rightW - text * 0.5), p.x, base);
    });

    // Row labels, turned to read upwards, centred on their row.
    const columns = t.rows.length > 0 ? layout.panels.length / t.rows.length : 0;
    t.rows.forEach((row, r) => {
      const p = layout.panels[r * columns];
      ctx.save();
      ctx.translate(p.x - text * 2.3, p.y + p.h / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'center';
      const room = side + text * 2;
      ctx.font = font(text * 0.95, true);
      ctx.fillStyle = ink;
      ctx.fillText(ellipsize(ctx, row.name, room), 0, text * 0.35);
      ctx.font = font(text * 0.9);
      ctx.fillStyle = muted;
      ctx.fillText(ellipsize(ctx, row.detail, room), 0, text * 1.45);
      ctx.restore();
    });
  }

  // Text and panel frames never fall inside a panel (the panels are blitted whole): only the
  // rest of the canvas is read back and composited, as frame.ts does.
  const around = outside(width, height, layout.panels);
  function composite(frame: Pixels): void {
    for (const r of around) compositeRect(ctx.getImageData(r.x, r.y, r.w, r.h).data, r, frame, width, palette);
  }

  return {
    paint(frame, t, more) {
      draw(t);
      more?.(ctx);
      composite(frame);
    },
  };
}
