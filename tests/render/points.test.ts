import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random.js';
import { paintPoint, paintPoints, pointOpacity } from '../../src/render/points.js';
import { separatedGaussians } from '../helpers.js';

const SIZE = 40;
const FILL = [255, 0, 0] as const;
const OUTLINE = [0, 0, 255] as const;

interface Point {
  cx: number;
  cy: number;
  radius: number;
  ringWidth: number;
  filled: boolean;
}

/** Premultiplied RGBA, 0..1 a channel. */
type Image = Float64Array;

/** The point drawn by the canvas: an arc filled (unless hollow), then stroked over. */
function canvasPoint({ cx, cy, radius, ringWidth, filled }: Point): Image {
  const ctx = createCanvas(SIZE, SIZE).getContext('2d');
  ctx.beginPath();
  ctx.arc(cx, cy, radius, 0, 2 * Math.PI);
  if (filled) {
    ctx.fillStyle = 'rgb(255, 0, 0)';
    ctx.fill();
  }
  ctx.strokeStyle = 'rgb(0, 0, 255)';
  ctx.lineWidth = ringWidth;
  ctx.stroke();
  return premultiplied(ctx.getImageData(0, 0, SIZE, SIZE).data);
}

function ourPoint({ cx, cy, radius, ringWidth, filled }: Point): Image {
  const image = { rgba: new Uint8ClampedArray(4 * SIZE * SIZE), w: SIZE, h: SIZE };
  paintPoint(
    image,
    { x: 0, y: 0, w: SIZE, h: SIZE },
    { cx, cy, radius, ringWidth, fill: filled ? FILL : null, outline: OUTLINE, opacity: 1 },
    () => {},
  );
  return premultiplied(image.rgba);
}

/** The exact picture under a one-pixel box filter, by 32 × 32 samples a pixel. */
function exactPoint({ cx, cy, radius, ringWidth, filled }: Point): Image {
  const n = 32;
  const out = new Float64Array(4 * SIZE * SIZE);
  for (let p = 0; p < SIZE * SIZE; p++) {
    const [x, y] = [p % SIZE, Math.floor(p / SIZE)];
    let disc = 0;
    let ring = 0;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const d = Math.hypot(x + (i + 0.5) / n - cx, y + (j + 0.5) / n - cy);
        if (Math.abs(d - radius) <= ringWidth / 2) ring++;
        else if (filled && d < radius) disc++;
      }
    }
    out.set([disc / n ** 2, 0, ring / n ** 2, (disc + ring) / n ** 2], 4 * p);
  }
  return out;
}

function premultiplied(rgba: Uint8ClampedArray): Image {
  return Float64Array.from(rgba, (v, i) => (i % 4 === 3 ? v / 255 : (v / 255) * (rgba[i - (i % 4) + 3] / 255)));
}

/** A channel's total ink and its centre of mass. */
function ink(image: Image, channel: number): { total: number; x: number; y: number } {
  let total = 0;
  let x = 0;
  let y = 0;
  for (let p = 0; p < SIZE * SIZE; p++) {
    const v = image[4 * p + channel];
    total += v;
    x += v * ((p % SIZE) + 0.5);
    y += v * (Math.floor(p / SIZE) + 0.5);
  }
  return { total, x: x / total, y: y / total };
}

function squaredError(a: Image, b: Image): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return sum;
}

describe('paintPoint', () => {
  // The sizes frames use: radius 1.3..3.2 units, outlines 0.7 (filled) or 1.1 (hollow) units,
  // one unit being 1 px at 480 px and 2.25 px at 1080 px; and larger ones.
  const rng = createRng(11);
  const cases: Point[] = Array.from({ length: 48 }, (_, i) => {
    const unit = [1, 2.25, 4][i % 3];
    const filled = i % 2 === 0;
    return {
      cx: 16 + 8 * rng.uniform(),
      cy: 16 + 8 * rng.uniform(),
      radius: unit * (1.3 + 1.9 * rng.uniform()),
      ringWidth: unit * (filled ? 0.7 : 1.1),
      filled,
    };
  });
  // Alpha is all the ink; red the disc showing inside the ring; blue the ring over it.
  const channels = (point: Point) => (point.filled ? [3, 0, 2] : [3]);

  it.each(cases)('draws the exact shape up to antialiasing, at least as closely as the canvas: %o', (point) => {
    const exact = exactPoint(point);
    const got = ourPoint(point);
    for (const channel of channels(point)) {
      const a = ink(got, channel);
      const b = ink(exact, channel);
      // The radial ramp is exact for straight edges; around a few-pixel circle it is off by a few
      // % of ink at most (up to 8 % for the disc inside the ring of the smallest points, barely 3
      // px across), and its centre by hundredths of a pixel.
      expect(Math.abs(a.total - b.total) / b.total).toBeLessThan(channel === 0 ? 0.08 : 0.04);
      expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(0.05);
    }
    for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - exact[i])).toBeLessThan(0.15);
    // (The canvas's pixels are up to 0.3 off the exact coverage.)
    expect(squaredError(got, exact)).toBeLessThan(squaredError(canvasPoint(point), exact));
  });

  it.each(cases)('matches the canvas arc: same ink up to its thin-stroke shortfall, same place: %o', (point) => {
    const want = canvasPoint(point);
    const got = ourPoint(point);
    for (const channel of channels(point)) {
      const a = ink(got, channel);
      const b = ink(want, channel);
      // Skia gives strokes about a pixel wide up to a fifth less ink than their area.
      expect(Math.abs(a.total - b.total) / b.total).toBeLessThan(0.25);
      expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(0.3);
    }
  });

  it('clips to the rect and reports each inked pixel inside it', () => {
    const image = { rgba: new Uint8ClampedArray(4 * SIZE * SIZE), w: SIZE, h: SIZE };
    const clip = { x: 4, y: 4, w: 10, h: 10 };
    const visited = new Set<number>();
    paintPoint(image, clip, { cx: 5, cy: 12, radius: 3, ringWidth: 1, fill: FILL, outline: OUTLINE, opacity: 1 }, (p) =>
      visited.add(p),
    );
    for (let p = 0; p < SIZE * SIZE; p++) {
      const [x, y] = [p % SIZE, Math.floor(p / SIZE)];
      const inside = x >= 4 && x < 14 && y >= 4 && y < 14;
      if (!inside) expect(image.rgba[4 * p + 3]).toBe(0);
      expect(visited.has(p)).toBe(image.rgba[4 * p + 3] > 0);
    }
    expect(visited.size).toBeGreaterThan(20);
  });
});

describe('paintPoints', () => {
  it('paints a growing sample batch by batch exactly as all at once', () => {
    const data = separatedGaussians(60, 2, 5);
    const window = { xmin: -4, xmax: 4, ymin: -4, ymax: 4 };
    const look = {
      plot: { x: 0, y: 0, w: 80, h: 80 },
      window,
      unit: 1,
      radius: 2.5,
      opacity: 1,
      style: 'filled' as const,
      colours: [FILL, [0, 160, 0] as const],
      outlines: [OUTLINE, [40, 40, 40] as const],
    };
    const paint = (steps: number[]) => {
      const image = { rgba: new Uint8ClampedArray(4 * 80 * 80), w: 80, h: 80 };
      for (let i = 1; i < steps.length; i++) {
        paintPoints(image, look, data, steps[i - 1], steps[i], () => {});
      }
      return image.rgba;
    };
    expect(paint([0, 7, 8, 30, 60])).toEqual(paint([0, 60]));
  });
});

describe('pointOpacity', () => {
  const plot = { x: 0, y: 0, w: 400, h: 400 };
  it('draws sparse points opaque and crowded ones translucent, never fainter than 0.55', () => {
    expect(pointOpacity(100, 3, plot)).toBe(1);
    const crowded = pointOpacity(2000, 3, plot);
    expect(crowded).toBeLessThan(0.8);
    expect(crowded).toBeGreaterThanOrEqual(0.55);
    // The same points in a plot four times larger are not crowded.
    expect(pointOpacity(600, 3, { ...plot, w: 800, h: 800 })).toBeGreaterThan(pointOpacity(600, 3, plot));
  });
});
