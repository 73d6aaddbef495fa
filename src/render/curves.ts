/**
 * Training curves (`render.curves: true`): beside or below the map, train and test accuracy (and
 * the training loss, where the model reports one) against the animation's axis — epoch, tree,
 * round, n or the swept value — growing frame by frame, with the Bayes accuracy as a dashed
 * reference line (TensorFlow Playground's loss curve beside the boundary); for a regression,
 * train and test loss with the optimal loss dashed (a function: f along the path and its least
 * value). The axes are fixed
 * from the first frame, so nothing but the curves moves. Drawn on a canvas and mapped to the
 * animation's palette; greys only, so the class colours keep their meaning.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { scaleLinear, scaleLog } from 'd3-scale';
import { font, registerFonts } from './font.js';
import { blit } from './grid-frame.js';
import type { Rect } from './layout.js';
import { drawLineKey } from './line-key.js';
import { type GifPalette, type Pixels, rgbToCss, type Theme } from './palette.js';

export interface CurvesSplit {
  width: number;
  height: number;
  /** The map's frame size (drawn at the top left). */
  map: { width: number; height: number };
  /** Where the curves go. */
  curves: Rect;
}

/** Beside the map when the frame is wide, below it otherwise (or where asked). */
export function curvesSplit(width: number, height: number, where?: 'below'): CurvesSplit {
  if (width >= 1.25 * height && where !== 'below') {
    const mapW = Math.min(height, Math.round(width * 0.62));
    return { width, height, map: { width: mapW, height }, curves: { x: mapW, y: 0, w: width - mapW, h: height } };
  }
  const mapH = Math.min(width, Math.round(height * 0.68));
  return { width, height, map: { width, height: mapH }, curves: { x: 0, y: mapH, w: width, h: height - mapH } };
}

/** The axis curves are drawn against: "epoch", "n", "k", ..., its range, and whether log-spaced. */
export interface CurvesAxis {
  name: string;
  from: number;
  to: number;
  log: boolean;
}

/** The series behind the curves, one entry per frame so far: accuracies, or losses. */
export type CurveData = AccuracyCurves | LossCurves;

interface Series {
  axis: string;
  x: number[];
  train: (number | null)[];
  test: (number | null)[];
  /** The training loss (objective) the model reported. */
  loss: (number | null)[];
}

export interface AccuracyCurves extends Series {
  measure: 'accuracy';
  /** The Bayes accuracy per frame (it moves only when a data option is swept). */
  bayes: (number | null)[];
}

/** A regression's train and test loss in the model's own loss (a function's: f at the point). */
export interface LossCurves extends Series {
  measure: 'loss';
  /** The optimal loss per frame (the function's least value). */
  optimal: (number | null)[];
}

/** What the curves measure: accuracy (with the class count, for chance level) or a named loss. */
export type CurvesMeasure = { measure: 'accuracy'; classes: number } | { measure: 'loss'; name: string };

export interface CurvesPanel {
  /** Draws the curves up to and including `data`'s last entry into `frame` at the panel's rect. */
  draw(data: CurveData, axis: CurvesAxis, frame: Pixels, frameWidth: number): void;
}

interface Chart {
  box: Rect;
  title: string;
}

export function createCurvesPanel(
  rect: Rect,
  unit: number,
  theme: Theme,
  palette: GifPalette,
  measure: CurvesMeasure,
): CurvesPanel {
  registerFonts();
  const { w, h } = rect;
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  const indices = palette.newFrame(w * h);
  const text = 11 * unit;
  const ink = rgbToCss(theme.ink);
  const muted = rgbToCss(theme.muted);
  const chance = measure.measure === 'accuracy' ? Math.floor((10 * 1) / measure.classes) / 10 : 0;
  let lossTop = 0;
  /** A loss chart's range so far (it only ever widens). */
  let [lossLow, lossHigh] = [Number.POSITIVE_INFINITY, 0];

  function charts(withLoss: boolean): Chart[] {
    const pad = 20 * unit;
    const left = 30 * unit;
    const top = 30 * unit;
    const bottom = 34 * unit;
    const area = { x: pad + left, y: 0, w: w - 2 * pad - left, h };
    if (!withLoss) return [{ box: { x: area.x, y: top, w: area.w, h: h - top - bottom }, title: 'accuracy' }];
    if (h >= w) {
      const each = (h - 2 * (top + bottom)) / 2;
      return [
        { box: { x: area.x, y: top, w: area.w, h: each }, title: 'accuracy' },
        { box: { x: area.x, y: 2 * top + bottom + each, w: area.w, h: each }, title: 'training loss' },
      ];
    }
    const each = (w - 2 * (pad + left) - pad) / 2;
    return [
      { box: { x: pad + left, y: top, w: each, h: h - top - bottom }, title: 'accuracy' },
      { box: { x: 2 * (pad + left) + each, y: top, w: each, h: h - top - bottom }, title: 'training loss' },
    ];
  }

  function xScale(axis: CurvesAxis, box: Rect) {
    const lo = axis.from;
    const hi = axis.to > axis.from ? axis.to : axis.from + 1;
    return axis.log && lo > 0
      ? scaleLog()
          .domain([lo, hi])
          .range([box.x, box.x + box.w])
      : scaleLinear()
          .domain([lo, hi])
          .range([box.x, box.x + box.w]);
  }

  function frameAndTicks(
    chart: Chart,
    axis: CurvesAxis,
    y: (v: number) => number,
    yTicks: number[],
    yFormat: (v: number) => string,
  ) {
    const { box } = chart;
    const x = xScale(axis, box);
    ctx.strokeStyle = muted;
    ctx.fillStyle = muted;
    ctx.lineWidth = Math.max(1, unit);
    ctx.strokeRect(Math.round(box.x) - 0.5, Math.round(box.y) - 0.5, Math.round(box.w) + 1, Math.round(box.h) + 1);
    ctx.font = font(10 * unit);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const xTicks = x.ticks(axis.log ? 4 : Math.max(2, Math.round(box.w / (60 * unit))));
    const xFormat = x.tickFormat(axis.log ? 4 : 5, axis.log ? '~g' : undefined);
    ctx.beginPath();
    for (const v of xTicks) {
      const px = Math.round(x(v)) + 0.5;
      ctx.moveTo(px, box.y + box.h);
      ctx.lineTo(px, box.y + box.h + 4 * unit);
      const label = xFormat(v);
      if (label) ctx.fillText(label.replace('−', '-'), px, box.y + box.h + 6 * unit);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of yTicks) {
      const py = Math.round(y(v)) + 0.5;
      ctx.moveTo(box.x, py);
      ctx.lineTo(box.x - 4 * unit, py);
      ctx.fillText(yFormat(v), box.x - 6 * unit, py);
    }
    ctx.stroke();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(axis.name, box.x + box.w / 2, box.y + box.h + 6 * unit + 10 * unit + text);
    ctx.textAlign = 'left';
    ctx.fillStyle = ink;
    ctx.font = font(text, true);
    ctx.fillText(chart.title, box.x - 30 * unit, box.y - 10 * unit);
    return x;
  }

  function line(xs: number[], ys: (number | null)[], x: (v: number) => number, y: (v: number) => number): void {
    ctx.beginPath();
    let open = false;
    for (let i = 0; i < xs.length; i++) {
      const v = ys[i];
      if (v === null || Number.isNaN(v)) {
        open = false;
        continue;
      }
      if (open) ctx.lineTo(x(xs[i]), y(v));
      else ctx.moveTo(x(xs[i]), y(v));
      open = true;
    }
    ctx.stroke();
    // The newest value as a dot, so a one-frame curve shows too.
    const last = ys[ys.length - 1];
    if (last !== null && last !== undefined && !Number.isNaN(last)) {
      ctx.beginPath();
      ctx.arc(x(xs[xs.length - 1]), y(last), 2.2 * unit, 0, 2 * Math.PI);
      ctx.fill();
    }
  }

  /** The train curve (muted beside a test curve, else in ink) and the test curve in ink, bolder. */
  function trainAndTest(
    data: { x: number[]; train: (number | null)[]; test: (number | null)[] },
    withTest: boolean,
    x: (v: number) => number,
    y: (v: number) => number,
  ): void {
    const [ink, muted] = [rgbToCss(theme.ink), rgbToCss(theme.muted)];
    ctx.strokeStyle = withTest ? muted : ink;
    ctx.fillStyle = withTest ? muted : ink;
    ctx.lineWidth = (withTest ? 1.6 : 2.2) * unit;
    line(data.x, data.train, x, y);
    ctx.strokeStyle = ink;
    ctx.fillStyle = ink;
    ctx.lineWidth = 2.2 * unit;
    line(data.x, data.test, x, y);
  }

  /**
   * The best possible (Bayes accuracy, optimal loss) dashed: across the whole width when fixed,
   * frame by frame when it moves (a swept data option). Returns the last frame's, or null.
   */
  function referenceLine(
    values: readonly (number | null)[],
    xs: readonly number[],
    box: Rect,
    x: (v: number) => number,
    y: (v: number) => number,
  ): number | null {
    const last = values[values.length - 1] ?? null;
    if (last === null) return null;
    ctx.strokeStyle = rgbToCss(theme.line);
    ctx.lineWidth = 1.6 * unit;
    ctx.setLineDash([6 * unit, 4 * unit]);
    ctx.beginPath();
    if (values.every((v) => v === last)) {
      ctx.moveTo(box.x, y(last));
      ctx.lineTo(box.x + box.w, y(last));
    } else {
      values.forEach((v, i) => {
        if (v !== null) ctx[i === 0 ? 'moveTo' : 'lineTo'](x(xs[i]), y(v));
      });
    }
    ctx.stroke();
    ctx.setLineDash([]);
    return last;
  }

  /**
   * A regression's (or a function's) chart: train and test loss against the axis, the optimal
   * loss dashed, on a log scale (a descent from far away spans decades) whose range only ever
   * widens; values four decades below the top (a fit through every point has a training loss of
   * 0) are held at the bottom. Values that are not all positive (a function below 0) go on a
   * linear scale.
   */
  function drawLossChart(data: LossCurves, axis: CurvesAxis, name: string): void {
    const box = { x: 50 * unit, y: 30 * unit, w: w - 70 * unit, h: h - 64 * unit };
    for (const v of [...data.train, ...data.test, ...data.optimal]) {
      if (v !== null && Number.isFinite(v)) [lossLow, lossHigh] = [Math.min(lossLow, v), Math.max(lossHigh, v)];
    }
    const top = lossHigh > 0 ? lossHigh * 1.08 : 1;
    const log = lossLow >= 0;
    const y = log
      ? scaleLog()
          .domain([Math.min(top / 2, Math.max(lossLow / 1.5, top * 1e-4)), top])
          .range([box.y + box.h, box.y])
          .clamp(true)
      : scaleLinear()
          .domain([lossLow, top])
          .range([box.y + box.h, box.y])
          .clamp(true);
    const format = log ? (v: number) => y.tickFormat(4, '~g')(v) : y.tickFormat(4);
    const x = frameAndTicks({ box, title: name }, axis, y, log ? (y.ticks(4) as number[]) : y.ticks(4), format);
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.x, box.y, box.w, box.h);
    ctx.clip();
    const line0 = rgbToCss(theme.line);
    const optimal = referenceLine(data.optimal, data.x, box, x, y);
    const hasTest = data.test.some((v) => v !== null);
    trainAndTest(data, hasTest, x, y);
    ctx.restore();
    const entries: [string, string, number, boolean][] = hasTest
      ? [
          ['train', muted, 1.6 * unit, false],
          ['test', ink, 2.2 * unit, false],
        ]
      : [[name === 'f' ? 'f' : 'train', ink, 2.2 * unit, false]];
    if (optimal !== null) entries.push([name === 'f' ? 'minimum' : 'optimal', line0, 1.6 * unit, true]);
    lineKey(ctx, box, unit, muted, entries);
  }

  return {
    draw(data, axis, frame, frameWidth) {
      ctx.fillStyle = rgbToCss(theme.background);
      ctx.fillRect(0, 0, w, h);
      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';
      if (data.measure === 'loss' || measure.measure === 'loss') {
        if (data.measure === 'loss') drawLossChart(data, axis, measure.measure === 'loss' ? measure.name : 'loss');
        readBack(frame, frameWidth);
        return;
      }
      const withLoss = data.loss.some((v) => v !== null);
      const [acc, lossChart] = charts(withLoss);

      const y = scaleLinear()
        .domain([chance, 1])
        .range([acc.box.y + acc.box.h, acc.box.y])
        .clamp(true);
      const x = frameAndTicks(acc, axis, y, y.ticks(5), (v) => v.toFixed(1));
      ctx.save();
      ctx.beginPath();
      ctx.rect(acc.box.x, acc.box.y, acc.box.w, acc.box.h);
      ctx.clip();
      const line0 = rgbToCss(theme.line);
      const bayes = referenceLine(data.bayes, data.x, acc.box, x, y);
      trainAndTest(data, true, x, y);
      ctx.restore();
      const entries: [string, string, number, boolean][] = [
        ['train', muted, 1.6 * unit, false],
        ['test', ink, 2.2 * unit, false],
      ];
      if (bayes !== null) entries.push(['Bayes', line0, 1.6 * unit, true]);
      lineKey(ctx, acc.box, unit, muted, entries);

      if (lossChart) {
        // The loss axis only ever widens (the first loss is usually the largest).
        for (const v of data.loss) if (v !== null && Number.isFinite(v)) lossTop = Math.max(lossTop, v);
        const top = lossTop > 0 ? lossTop * 1.08 : 1;
        const ly = scaleLinear()
          .domain([0, top])
          .range([lossChart.box.y + lossChart.box.h, lossChart.box.y]);
        const lx = frameAndTicks(lossChart, axis, ly, ly.ticks(4), ly.tickFormat(4));
        ctx.save();
        ctx.beginPath();
        ctx.rect(lossChart.box.x, lossChart.box.y, lossChart.box.w, lossChart.box.h);
        ctx.clip();
        ctx.strokeStyle = ink;
        ctx.fillStyle = ink;
        ctx.lineWidth = 2 * unit;
        line(data.x, data.loss, lx, ly);
        ctx.restore();
      }

      readBack(frame, frameWidth);
    },
  };

  function readBack(frame: Pixels, frameWidth: number): void {
    const rgba = ctx.getImageData(0, 0, w, h).data;
    for (let p = 0, o = 0; p < indices.length; p++, o += 4) {
      indices[p] = palette.nearest(rgba[o], rgba[o + 1], rgba[o + 2]);
    }
    blit(indices, frame, frameWidth, rect);
  }
}

/** A key above a chart's right end: per entry a short line sample (dashed or not) and its name. */
export function lineKey(
  ctx: SKRSContext2D,
  box: Rect,
  unit: number,
  text: string,
  entries: [name: string, colour: string, width: number, dashed: boolean][],
): void {
  drawLineKey(
    ctx,
    entries.map(([name, colour, width, dashed]) => ({ name, colour, width, dashed })),
    { right: box.x + box.w, baseline: box.y - 10 * unit, size: 10 * unit, textColour: text },
  );
}
