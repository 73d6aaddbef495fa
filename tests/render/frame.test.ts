import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { type Grid, gridPoints, type Window } from '../../src/grid.js';
import { drawAxes } from '../../src/render/axes.js';
import { drawCaption } from '../../src/render/caption.js';
import { boundaries, type Polyline } from '../../src/render/contours.js';
import { registerFonts } from '../../src/render/font.js';
import { changingRects, compositeRect, createFrameRenderer, touches } from '../../src/render/frame.js';
import { computeLayout } from '../../src/render/layout.js';
import { buildPalette, classColours, type Pixels, rgbToCss, THEMES } from '../../src/render/palette.js';
import { pointLooks } from '../../src/render/plot-layers.js';
import { paintPoints } from '../../src/render/points.js';
import type { PlotState, Scene } from '../../src/render/scene.js';
import { createShader } from '../../src/render/shade.js';
import { separatedGaussians } from '../helpers.js';

function scene(window: Window, size: number, ylabel: string): Scene {
  const theme = THEMES.light;
  const colours = classColours('okabe-ito', 2);
  const grid: Grid = { ...window, nx: 24, ny: 24 };
  const bayesLines: Polyline[] = [[2, 2, 20, 5, 22, 22]];
  return {
    layout: computeLayout(size, size, { legend: true, xlabel: true, ylabel: true }),
    theme,
    palette: buildPalette(theme, colours),
    classColours: colours,
    window,
    grid,
    classes: 2,
    shading: 'probability',
    train: separatedGaussians(80, 2, 3),
    showTrain: true,
    test: separatedGaussians(30, 2, 4),
    bayesLines,
    bayesAccuracy: 0.91,
    title: 'Title gjpqy',
    subtitle: 'subtitle',
    legend: colours.map((colour, c) => ({ name: `class ${c}`, colour })),
    axisLabels: { x: 'x one', y: ylabel },
  };
}

function snapshot(s: Scene, used: number, tilt: number): PlotState {
  const pts = gridPoints(s.grid);
  const proba = new Float32Array(pts.length);
  for (let i = 0; i < pts.length / 2; i++) {
    const p1 = 1 / (1 + Math.exp(-(pts[2 * i] - tilt * pts[2 * i + 1])));
    proba[2 * i] = 1 - p1;
    proba[2 * i + 1] = p1;
  }
  return { label: `n = ${used}`, trainUsed: used, proba, trainAccuracy: 0.8, testAccuracy: 0.75 };
}

/** The frame drawn the plain way: everything on one canvas, the whole canvas composited at once. */
function reference(s: Scene, snap: PlotState): Uint8Array {
  registerFonts();
  const { layout, theme } = s;
  const { width, height, unit, plot } = layout;
  const frame = new Uint8Array(width * height);
  createShader(s.grid, s.classes, plot, s.palette, s.shading).shade(snap.proba, frame, width);
  const ctx = createCanvas(width, height).getContext('2d');
  const points = ctx.createImageData(width, height);
  const image = { rgba: points.data, w: width, h: height };
  const none = () => {};
  const looks = pointLooks(s, plot);
  if (s.test) paintPoints(image, looks.hollow, s.test, 0, s.test.n, none);
  paintPoints(image, looks.filled, s.train, 0, snap.trainUsed, none);
  ctx.putImageData(points, 0, 0);
  const stroke = (lines: Polyline[]) => {
    ctx.beginPath();
    for (const line of lines) {
      ctx.moveTo(plot.x + (line[0] * plot.w) / s.grid.nx, plot.y + (line[1] * plot.h) / s.grid.ny);
      for (let i = 2; i < line.length; i += 2) {
        ctx.lineTo(plot.x + (line[i] * plot.w) / s.grid.nx, plot.y + (line[i + 1] * plot.h) / s.grid.ny);
      }
    }
    ctx.stroke();
  };
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y, plot.w, plot.h);
  ctx.clip();
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.lineWidth = 2 * unit;
  ctx.strokeStyle = rgbToCss(theme.line);
  if (s.bayesLines) {
    ctx.setLineDash([7 * unit, 5 * unit]);
    ctx.lineCap = 'butt';
    stroke(s.bayesLines);
    ctx.setLineDash([]);
    ctx.lineCap = 'round';
  }
  stroke(boundaries(snap.proba, s.grid, s.classes));
  ctx.restore();
  drawAxes(ctx, layout, s.window, theme, s.axisLabels);
  drawCaption(ctx, layout, theme, {
    title: s.title,
    subtitle: s.subtitle,
    stage: snap.label,
    train: snap.trainAccuracy,
    test: snap.testAccuracy,
    bayes: s.bayesAccuracy,
    legend: s.legend,
    bayesLine: s.bayesLines !== null,
  });
  const whole = { x: 0, y: 0, w: width, h: height };
  compositeRect(ctx.getImageData(0, 0, width, height).data, whole, frame, width, s.palette);
  return frame;
}

/**
 * Pixels where two frames differ, split into those inside the plot and those outside it; inside
 * the plot, only differences a viewer would see (more than an antialiasing step: the colours
 * apart by over 120 summed over the channels).
 */
function differences(a: Pixels, b: Pixels, s: Scene): { plot: number; outside: number } {
  const { width, plot } = s.layout;
  const colours = s.palette.colours;
  let inside = 0;
  let outside = 0;
  for (let p = 0; p < a.length; p++) {
    if (a[p] === b[p]) continue;
    const [ca, cb] = [colours[a[p]], colours[b[p]]];
    const visible = Math.abs(ca[0] - cb[0]) + Math.abs(ca[1] - cb[1]) + Math.abs(ca[2] - cb[2]) > 120;
    const x = p % width;
    const y = Math.floor(p / width);
    if (x >= plot.x && x < plot.x + plot.w && y >= plot.y && y < plot.y + plot.h) inside += visible ? 1 : 0;
    else outside++;
  }
  return { plot: inside, outside };
}

describe('frame renderer', () => {
  // A y label longer than the plot is tall reaches into the caption band: the axes are then
  // part of the band's static layer.
  it.each([
    ['axes apart from the caption', { xmin: -4.3, xmax: 3.9, ymin: -3.7, ymax: 4.5 }, 260, 'x two'],
    ['axis label in the caption band', { xmin: -4, xmax: 4, ymin: -4, ymax: 4 }, 200, 'x two '.repeat(12)],
  ])('draws what one canvas composited at once draws, up to antialiasing (%s)', (_what, window, size, ylabel) => {
    const s = scene(window, size, ylabel);
    const renderer = createFrameRenderer(s);
    // Several frames in a row, the sample shrinking and growing: nothing of one frame may linger
    // in the next.
    for (const [used, tilt] of [
      [80, 0.2],
      [20, -0.7],
      [50, 1.5],
      [51, 1.4],
    ]) {
      const snap = snapshot(s, used, tilt);
      const got = renderer.render(snap);
      const { plot, outside } = differences(got, reference(s, snap), s);
      // Outside the plot (axes, caption) pixel for pixel; inside, only where the boundary is
      // rasterised here rather than by the canvas, or where antialiased edges stack in another order.
      expect(outside).toBe(0);
      expect(plot).toBeLessThan(0.002 * s.layout.plot.w * s.layout.plot.h);
    }
  });

  it('keeps the frame line where it reaches into the plot (large frames)', () => {
    // At 1080 px the frame line is 2.25 px wide and covers the plot's outermost pixels.
    const s = scene({ xmin: -4.3, xmax: 3.9, ymin: -3.7, ymax: 4.5 }, 1080, 'y');
    const snap = snapshot(s, 80, 0.2);
    const got = createFrameRenderer(s).render(snap);
    const want = reference(s, snap);
    const { plot } = s.layout;
    const width = s.layout.width;
    let edge = 0;
    let differ = 0;
    for (let i = 0; i < plot.w; i++) {
      for (const p of [plot.y * width + plot.x + i, (plot.y + i) * width + plot.x]) {
        edge++;
        if (got[p] !== want[p]) differ++;
      }
    }
    expect(differ / edge).toBeLessThan(0.02);
  });

  it('draws a growing (or shrinking) sample exactly as a fresh renderer draws it', () => {
    const s = scene({ xmin: -4, xmax: 4, ymin: -4, ymax: 4 }, 260, 'y');
    const grown = createFrameRenderer(s);
    for (const used of [10, 30, 79, 80, 75, 79]) grown.render(snapshot(s, used, 0.5));
    const last = snapshot(s, 80, 0.5);
    const fresh = createFrameRenderer(s).render(last);
    expect(grown.render(last)).toEqual(fresh);
  });

  it('redraws only the caption texts that changed, and draws each frame as a fresh renderer does', () => {
    const s = scene({ xmin: -4, xmax: 4, ymin: -4, ymax: 4 }, 260, 'y');
    const renderer = createFrameRenderer(s);
    // The stage, the train figure or the test figure changing alone, all or none changing, a
    // figure going back to an earlier value, and one becoming a dash.
    for (const [label, train, test] of [
      ['n = 10', 0.8, 0.75],
      ['n = 20', 0.8, 0.75],
      ['n = 20', 0.85, 0.75],
      ['n = 20', 0.85, 0.7],
      ['n = 20', 0.85, 0.7],
      ['n = 1000', 0.9, 0.65],
      ['n = 9', 0.8, Number.NaN],
      ['n = 9', 0.8, 0.75],
    ] as const) {
      const snap = { ...snapshot(s, 50, 0.3), label, trainAccuracy: train, testAccuracy: test };
      expect(renderer.render(snap)).toEqual(createFrameRenderer(s).render(snap));
    }
  });

  it('shows the points: without them, the frame loses exactly the pixels they covered', () => {
    const s = scene({ xmin: -4, xmax: 4, ymin: -4, ymax: 4 }, 260, 'y');
    const snap = snapshot(s, 80, 0.5);
    const withPoints = createFrameRenderer(s).render(snap).slice();
    const without = createFrameRenderer({ ...s, showTrain: false, test: null }).render(snap);
    const changed = differences(withPoints, without, s);
    expect(changed.outside).toBe(0);
    // 110 points of radius ≈ 2 px, some overlapping: several hundred pixels.
    expect(changed.plot).toBeGreaterThan(500);
  });
});

describe('changingRects', () => {
  it('is the band above the plot, clear of the frame line, and the plot', () => {
    const layout = computeLayout(480, 480, { legend: false, xlabel: false, ylabel: false });
    const [band, plot] = changingRects(layout);
    expect(band).toEqual({ x: 0, y: 0, w: 480, h: layout.plot.y - 2 });
    expect(plot).toEqual(layout.plot);
    expect(layout.figuresBaseline + 4).toBeLessThan(band.h);
  });
});

describe('touches', () => {
  it('finds a visible pixel inside a rectangle and ignores those outside', () => {
    const rgba = new Uint8ClampedArray(4 * 10 * 5);
    rgba[4 * (2 * 10 + 7) + 3] = 1; // (7, 2)
    expect(touches(rgba, 10, [{ x: 7, y: 2, w: 1, h: 1 }])).toBe(true);
    expect(touches(rgba, 10, [{ x: 0, y: 0, w: 7, h: 5 }])).toBe(false);
    expect(
      touches(rgba, 10, [
        { x: 0, y: 3, w: 10, h: 2 },
        { x: 8, y: 0, w: 2, h: 5 },
      ]),
    ).toBe(false);
  });
});

describe('compositeRect', () => {
  const palette = {
    colours: [
      [255, 255, 255],
      [0, 0, 0],
      [128, 128, 128],
      [255, 0, 0],
    ] as [number, number, number][],
    nearest(r: number, g: number, b: number) {
      let best = 0;
      let bestD = Number.POSITIVE_INFINITY;
      this.colours.forEach((c, i) => {
        const d = (c[0] - r) ** 2 + (c[1] - g) ** 2 + (c[2] - b) ** 2;
        if (d < bestD) [best, bestD] = [i, d];
      });
      return best;
    },
  };

  it('keeps uncovered pixels, maps opaque ones, blends partial ones over the index below, only inside the rect', () => {
    const frame = Uint8Array.from([3, 3, 3, 3, 0, 0, 0, 0, 1, 1, 1, 1]); // 4 × 3
    const rect = { x: 1, y: 1, w: 2, h: 2 };
    const rgba = new Uint8ClampedArray(4 * 4);
    rgba.set([0, 0, 0, 255], 0); // (1,1) opaque black
    rgba.set([0, 0, 0, 128], 4); // (2,1) half black over white: grey
    rgba.set([255, 0, 0, 0], 8); // (1,2) transparent: stays
    rgba.set([255, 255, 255, 255], 12); // (2,2) opaque white
    compositeRect(rgba, rect, frame, 4, palette);
    expect([...frame]).toEqual([3, 3, 3, 3, 0, 1, 2, 0, 1, 1, 0, 1]);
  });
});
