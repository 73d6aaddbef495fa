/**
 * The code panel of an evolved algorithm (AutoML-Zero's figure, Real et al. 2020, Fig. 1): the
 * best program so far printed as the paper prints it, in a monospace block under `def Setup():`,
 * `def Predict(v0):` and `def Learn(v0, s0):` — live instructions in ink, those that cannot affect
 * the prediction and no-ops greyed (left out when there is no room: code-listing.ts), the lines
 * the latest improvement changed on a highlighter band — and under it the search's fitness curve:
 * the best program's and the population's median against evaluations, the current point marked.
 * Drawn on a canvas and mapped to the animation's palette, which holds the band's colour
 * (programAccents) and the greys.
 */
import { createCanvas } from '@napi-rs/canvas';
import { scaleLinear } from 'd3-scale';
import { fitListing, hiddenNote, type Listing, type ListingLine } from './code-listing.js';
import { lineKey } from './curves.js';
import { font, monoFont, registerFonts } from './font.js';
import { blit } from './grid-frame.js';
import type { Rect } from './layout.js';
import { type GifPalette, mix, type Pixels, type RGB, rgbToCss, type Theme } from './palette.js';

/** What the panel draws: a program's lines and its search's state (a ProgramView, as the model gives it). */
export interface ProgramPanelView {
  lines: readonly ListingLine[];
  evaluations: number;
  bestFitness: number;
  medianFitness: number;
  /** The search's budget of evaluations: the fitness curve's axis. */
  budget: number;
  history: {
    count: number;
    evaluations: readonly number[];
    best: readonly number[];
    median: readonly number[];
  };
}

/** The colours the panel needs besides the theme's greys: the highlighter band. */
export function programAccents(theme: Theme): RGB[] {
  return [highlight(theme)];
}

function highlight(theme: Theme): RGB {
  const light = theme.background[0] + theme.background[1] + theme.background[2] > 3 * 128;
  return light ? [255, 236, 153] : mix(theme.background, [230, 159, 0], 0.35);
}

export interface ProgramPanel {
  /** Draws the panel for `view` into `frame` (frameWidth wide) at the panel's rect. */
  draw(view: ProgramPanelView, frame: Pixels, frameWidth: number): void;
}

/** Font sizes and rows, in units (1/480 of the frame's smaller side), as the figure's caption. */
const SIZE = { title: 14.5, figures: 12, tick: 10, chart: 105, code: [11.5, 10, 8.5] };

export function createProgramPanel(rect: Rect, unit: number, theme: Theme, palette: GifPalette): ProgramPanel {
  registerFonts();
  const { w, h } = rect;
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  const indices = palette.newFrame(w * h);
  const ink = rgbToCss(theme.ink);
  const muted = rgbToCss(theme.muted);
  const grey = rgbToCss(mix(theme.background, theme.ink, 0.42));
  const pad = 12 * unit;
  const titleBaseline = pad + SIZE.title * unit;
  const figuresBaseline = titleBaseline + 6 * unit + SIZE.figures * unit;
  const chart: Rect = {
    x: pad + 34 * unit,
    y: h - pad - 34 * unit - SIZE.chart * unit,
    w: w - 2 * pad - 34 * unit,
    h: SIZE.chart * unit,
  };
  const code: Rect = {
    x: pad,
    y: figuresBaseline + 12 * unit,
    w: w - 2 * pad,
    h: chart.y - 30 * unit - (figuresBaseline + 12 * unit),
  };
  const keyHeight = 16 * unit;
  /**
   * The listing and its size: every instruction but the no-ops at the larger sizes if it fits,
   * else the live code whole at any size, else the live code cut at the smallest.
   */
  function listingOf(view: ProgramPanelView): { listing: Listing; size: number; lineHeight: number } {
    const at = (size: number) => {
      const lineHeight = 1.32 * size * unit;
      const rows = Math.max(1, Math.floor((code.h - 8 * unit - keyHeight) / lineHeight));
      return { listing: fitListing(view.lines, rows), size, lineHeight };
    };
    for (const size of SIZE.code.slice(0, -1)) {
      const fitted = at(size);
      if (fitted.listing.hidden.dead === 0 && fitted.listing.hidden.cut === 0) return fitted;
    }
    for (const size of SIZE.code) {
      const fitted = at(size);
      if (fitted.listing.hidden.cut === 0) return fitted;
    }
    return at(SIZE.code[SIZE.code.length - 1]);
  }
  /** The fitness axis' bottom so far: it only ever widens, so the curve does not jump. */
  let low = 1;

  function drawCode(view: ProgramPanelView): void {
    const { listing, size, lineHeight } = listingOf(view);
    ctx.fillStyle = rgbToCss(mix(theme.background, theme.ink, 0.035));
    ctx.fillRect(code.x, code.y, code.w, code.h);
    const left = code.x + 10 * unit;
    const top = code.y + 4 * unit;
    const baselineOf = (row: number) => top + row * lineHeight + lineHeight * 0.78;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
    listing.lines.forEach((line, row) => {
      if (line.changed) {
        // Whole pixels from row to row, so neighbouring bands meet without a seam.
        const y0 = Math.round(top + row * lineHeight);
        ctx.fillStyle = rgbToCss(highlight(theme));
        ctx.fillRect(code.x, y0, code.w, Math.round(top + (row + 1) * lineHeight) - y0);
      }
      ctx.font = monoFont(size * unit, line.kind === 'header');
      ctx.fillStyle = line.kind === 'header' || line.kind === 'live' ? ink : grey;
      ctx.fillText(line.text, left, baselineOf(row));
    });
    const baseline = baselineOf(listing.lines.length);
    const note = hiddenNote(listing.hidden);
    if (note) {
      ctx.font = monoFont(size * unit);
      ctx.fillStyle = grey;
      ctx.fillText(`  ${note}`, left, baseline);
    }
    drawKey();
  }

  /** What the band and the grey mean, under the code. */
  function drawKey(): void {
    const y = code.y + code.h - 6 * unit;
    ctx.font = font(SIZE.tick * unit);
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
    let x = code.x + 10 * unit;
    ctx.fillStyle = rgbToCss(highlight(theme));
    ctx.fillRect(x, y - 8 * unit, 14 * unit, 10 * unit);
    x += 18 * unit;
    ctx.fillStyle = muted;
    const changed = 'changed by the last improvement';
    ctx.fillText(changed, x, y);
    x += ctx.measureText(changed).width + 14 * unit;
    ctx.fillStyle = grey;
    ctx.fillText('grey: cannot affect the prediction', x, y);
  }

  function drawTitle(view: ProgramPanelView): void {
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
    ctx.fillStyle = ink;
    ctx.font = font(SIZE.title * unit, true);
    ctx.fillText('Best program', pad, titleBaseline);
    ctx.textAlign = 'right';
    ctx.font = font(SIZE.figures * unit);
    ctx.fillStyle = muted;
    ctx.fillText(`${thousands(view.evaluations)} evaluations`, w - pad, titleBaseline);
    ctx.textAlign = 'left';
    const fields: [string, number][] = [
      ['fitness ', view.bestFitness],
      ['median ', view.medianFitness],
    ];
    let x = pad;
    for (const [name, value] of fields) {
      ctx.fillStyle = muted;
      ctx.fillText(name, x, figuresBaseline);
      x += ctx.measureText(name).width;
      ctx.fillStyle = ink;
      ctx.fillText(value.toFixed(4), x, figuresBaseline);
      // Fixed places: the digits change, the layout does not.
      x += ctx.measureText('0.0000').width + 18 * unit;
    }
  }

  function drawChart(view: ProgramPanelView): void {
    const { count: points, evaluations, best, median } = view.history;
    for (let i = 0; i < points; i++) low = Math.min(low, best[i], median[i]);
    const bottom = Math.max(0, Math.floor(low * 10) / 10);
    const x = scaleLinear()
      .domain([0, Math.max(1, view.budget)])
      .range([chart.x, chart.x + chart.w]);
    const y = scaleLinear()
      .domain([bottom, 1])
      .range([chart.y + chart.h, chart.y])
      .clamp(true);
    ctx.strokeStyle = muted;
    ctx.fillStyle = muted;
    ctx.lineWidth = Math.max(1, unit);
    ctx.strokeRect(
      Math.round(chart.x) - 0.5,
      Math.round(chart.y) - 0.5,
      Math.round(chart.w) + 1,
      Math.round(chart.h) + 1,
    );
    ctx.font = font(SIZE.tick * unit);
    ctx.beginPath();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const count = Math.max(2, Math.round(chart.w / (70 * unit)));
    const tickText = x.tickFormat(count, '~s');
    for (const v of x.ticks(count)) {
      const px = Math.round(x(v)) + 0.5;
      ctx.moveTo(px, chart.y + chart.h);
      ctx.lineTo(px, chart.y + chart.h + 4 * unit);
      ctx.fillText(v === 0 ? '0' : tickText(v), px, chart.y + chart.h + 6 * unit);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of y.ticks(4)) {
      const py = Math.round(y(v)) + 0.5;
      ctx.moveTo(chart.x, py);
      ctx.lineTo(chart.x - 4 * unit, py);
      ctx.fillText(v.toFixed(1), chart.x - 6 * unit, py);
    }
    ctx.stroke();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'alphabetic';
    ctx.fillText('evaluations', chart.x + chart.w / 2, chart.y + chart.h + 30 * unit);
    ctx.textAlign = 'left';
    ctx.fillStyle = ink;
    ctx.font = font(11 * unit, true);
    ctx.fillText('fitness', chart.x - 34 * unit, chart.y - 10 * unit);
    lineKey(ctx, chart, unit, muted, [
      ['best', ink, 2.2 * unit, false],
      ['population median', muted, 1.4 * unit, false],
    ]);

    ctx.save();
    ctx.beginPath();
    ctx.rect(chart.x, chart.y - 3 * unit, chart.w + 3 * unit, chart.h + 3 * unit);
    ctx.clip();
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    ctx.strokeStyle = muted;
    ctx.lineWidth = 1.4 * unit;
    polyline(
      points,
      (i) => x(evaluations[i]),
      (i) => y(median[i]),
      false,
    );
    ctx.strokeStyle = ink;
    ctx.lineWidth = 2.2 * unit;
    // The best so far only rises, in steps: drawn as steps.
    polyline(
      points,
      (i) => x(evaluations[i]),
      (i) => y(best[i]),
      true,
    );
    if (points > 0) {
      const px = x(evaluations[points - 1]);
      for (const [value, colour, r] of [
        [median[points - 1], muted, 2.6],
        [best[points - 1], ink, 3.2],
      ] as const) {
        ctx.fillStyle = colour;
        ctx.beginPath();
        ctx.arc(px, y(value), r * unit, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.restore();
  }

  /** A curve through the first `count` points, one vertex per pixel column at most. */
  function polyline(count: number, px: (i: number) => number, py: (i: number) => number, steps: boolean): void {
    ctx.beginPath();
    let lastColumn = Number.NEGATIVE_INFINITY;
    let lastY = 0;
    for (let i = 0; i < count; i++) {
      const cx = px(i);
      const cy = py(i);
      if (i === 0) ctx.moveTo(cx, cy);
      else if (Math.round(cx) === lastColumn && i < count - 1 && !steps) continue;
      else {
        if (steps) ctx.lineTo(cx, lastY);
        ctx.lineTo(cx, cy);
      }
      lastColumn = Math.round(cx);
      lastY = cy;
    }
    ctx.stroke();
  }

  return {
    draw(view, frame, frameWidth) {
      ctx.fillStyle = rgbToCss(theme.background);
      ctx.fillRect(0, 0, w, h);
      drawTitle(view);
      drawCode(view);
      drawChart(view);
      const rgba = ctx.getImageData(0, 0, w, h).data;
      for (let p = 0, o = 0; p < indices.length; p++, o += 4) {
        indices[p] = palette.nearest(rgba[o], rgba[o + 1], rgba[o + 2]);
      }
      blit(indices, frame, frameWidth, rect);
    },
  };
}

/** 36000 → "36,000". */
function thousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
