/**
 * Data points over the shading: training points filled in their class colour with a thin darker
 * outline, test points hollow and lighter. Size shrinks gently as the number of points grows, and
 * crowded points turn translucent.
 *
 * Points are rasterised here, straight into an RGBA image, rather than by the canvas, whose
 * pixels are slow to read back. Antialiasing is analytic, as for the boundary (stroke.ts): a
 * pixel whose centre is at distance d from the point's centre is covered by the part of the
 * radial interval [d − ½, d + ½] inside the shape, i.e. clamp(r + ½ − d, 0, 1) for the disc of
 * radius r and the overlap with [r − h, r + h] for the outline ring of half width h (exact for
 * a straight edge under a one-pixel box filter, and for rings thinner than a pixel too). A
 * filled point's disc stops where its ring starts, so a pixel both touch mixes their colours by
 * area, without the fill bleeding through the ring's outer edge as a fill under a stroke does.
 */
import type { Dataset } from '../dataset.js';
import type { Window } from '../grid.js';
import type { Rect } from './layout.js';
import type { RGB } from './palette.js';

/** Outline widths, in layout units: thin around filled points, bolder for hollow ones. */
const FILLED_OUTLINE = 0.7;
const HOLLOW_OUTLINE = 1.1;

/** Unpremultiplied RGBA pixels, w × h, row-major. */
export interface RgbaImage {
  readonly rgba: Uint8ClampedArray;
  readonly w: number;
  readonly h: number;
}

/** A point's position in the plot rect's pixels. */
function pointPixel(data: Dataset, i: number, plot: Rect, window: Window): [number, number] {
  return [
    plot.x + ((data.X[2 * i] - window.xmin) * plot.w) / (window.xmax - window.xmin),
    plot.y + ((window.ymax - data.X[2 * i + 1]) * plot.h) / (window.ymax - window.ymin),
  ];
}

export function pointRadius(n: number, unit: number): number {
  return unit * Math.min(3.2, Math.max(1.3, 3.2 * Math.sqrt(300 / Math.max(n, 1)) ** 0.5));
}

/**
 * How opaque points are, from the share of the plot their ink would cover: crowded points are
 * drawn translucent (as scikit-learn's comparison draws its test points), so where they pile up
 * (near the boundary, in a cluster's core) the density and the shading beneath still show.
 */
export function pointOpacity(n: number, radius: number, plot: Rect): number {
  const coverage = (n * Math.PI * radius * radius) / Math.max(1, plot.w * plot.h);
  return Math.min(1, Math.max(0.55, Math.sqrt(0.04 / Math.max(coverage, 1e-9))));
}

/** One point: its centre (pixels), the circle its ring is centred on, and its colours. */
export interface PointShape {
  cx: number;
  cy: number;
  radius: number;
  ringWidth: number;
  /** The disc inside the ring; null for a hollow point. */
  fill: RGB | null;
  outline: RGB;
  /** 1 = opaque. */
  opacity: number;
}

/**
 * Paints one point into image, clipped to clip: a ring of width ringWidth centred on the circle of
 * radius `radius`, in outline, and the disc inside the ring in fill. Calls visit with each pixel
 * offset left with any ink.
 */
export function paintPoint(image: RgbaImage, clip: Rect, point: PointShape, visit: (p: number) => void): void {
  const { rgba, w } = image;
  const { cx, cy, fill, outline } = point;
  const inner = point.radius - point.ringWidth / 2;
  const outer = point.radius + point.ringWidth / 2;
  const x0 = Math.max(clip.x, 0, Math.floor(cx - outer - 0.5));
  const x1 = Math.min(clip.x + clip.w, image.w, Math.ceil(cx + outer + 0.5));
  const y0 = Math.max(clip.y, 0, Math.floor(cy - outer - 0.5));
  const y1 = Math.min(clip.y + clip.h, image.h, Math.ceil(cy + outer + 0.5));
  for (let y = y0; y < y1; y++) {
    const dy = y + 0.5 - cy;
    for (let x = x0; x < x1; x++) {
      const dx = x + 0.5 - cx;
      const d = Math.sqrt(dx * dx + dy * dy);
      // The pixel's radial interval [d − ½, d + ½], split at inner and outer: the part inside
      // inner is the disc's, the part between is the ring's.
      const all = Math.min(1, Math.max(0, outer + 0.5 - d));
      if (all === 0) continue;
      const inside = Math.min(1, Math.max(0, inner + 0.5 - d));
      const disc = fill === null ? 0 : inside * point.opacity;
      const ring = (all - inside) * point.opacity;
      const a = disc + ring;
      if (a === 0) continue;
      // Source-over onto what is there (unpremultiplied): the disc and ring share the pixel
      // side by side, so their colours mix by area.
      const o = 4 * (y * w + x);
      const below = (rgba[o + 3] / 255) * (1 - a);
      const alpha = a + below;
      for (let k = 0; k < 3; k++) {
        const own = fill === null ? outline[k] * ring : fill[k] * disc + outline[k] * ring;
        rgba[o + k] = (own + rgba[o + k] * below) / alpha;
      }
      rgba[o + 3] = alpha * 255;
      if (rgba[o + 3] !== 0) visit(y * w + x);
    }
  }
}

/** How a data set's points are drawn: where its window lands, and their size, style and colours. */
export interface PointsLook {
  /** The rect the window maps onto; points are clipped to it. */
  plot: Rect;
  window: Window;
  /** The layout unit (outline widths scale with it). */
  unit: number;
  radius: number;
  /** 1 = opaque. */
  opacity: number;
  /** Filled (class colour, thin outline) or hollow (a bolder outline only). */
  style: 'filled' | 'hollow';
  /** Per class. */
  colours: readonly RGB[];
  outlines: readonly RGB[];
}

/** Paints points from..to−1 of data into image, each over the ones before. */
export function paintPoints(
  image: RgbaImage,
  look: PointsLook,
  data: Dataset,
  from: number,
  to: number,
  visit: (p: number) => void,
): void {
  const filled = look.style === 'filled';
  const ringWidth = (filled ? FILLED_OUTLINE : HOLLOW_OUTLINE) * look.unit;
  for (let i = from; i < to; i++) {
    const c = data.y[i];
    const [cx, cy] = pointPixel(data, i, look.plot, look.window);
    const point = {
      cx,
      cy,
      radius: look.radius,
      ringWidth,
      fill: filled ? look.colours[c] : null,
      outline: look.outlines[c],
      opacity: look.opacity,
    };
    paintPoint(image, look.plot, point, visit);
  }
}
