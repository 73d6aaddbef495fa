/**
 * What moves in a regression's or a landscape's plot, composited over its static image: lines
 * (coverage masks, stroke.ts: a fitted curve, residuals, a path) and small RGBA images (points,
 * markers, points.ts), in order, each over the ones before. Only the pixels some layer covers
 * are visited; each takes the palette entry nearest to the layers blended over the colour below,
 * as plot-layers.ts does for the classification map.
 */
import { PixelSet } from './layer.js';
import type { Rect } from './layout.js';
import type { GifPalette, Pixels, RGB } from './palette.js';
import type { RgbaImage } from './points.js';
import type { CoverageMask } from './stroke.js';

/** A line's coverage in one colour, or an RGBA image with the pixels it covers. */
export type OverlayLayer = { mask: CoverageMask; colour: RGB } | { image: RgbaImage; pixels: PixelSet };

/** An RGBA image the size of a plot, and the pixels painted on it since it was last cleared. */
export class PaintedImage implements RgbaImage {
  readonly rgba: Uint8ClampedArray;
  readonly pixels: PixelSet;
  /** Marks a pixel painted (paintPoint's visitor). */
  readonly visit = (p: number) => this.pixels.add(p);

  constructor(
    readonly w: number,
    readonly h: number,
  ) {
    this.rgba = new Uint8ClampedArray(w * h * 4);
    this.pixels = new PixelSet(w * h);
  }

  clear(): void {
    const { rgba, pixels } = this;
    for (let i = 0; i < pixels.count; i++) rgba.fill(0, 4 * pixels.list[i], 4 * pixels.list[i] + 4);
    pixels.clear();
  }

  get layer(): OverlayLayer {
    return { image: this, pixels: this.pixels };
  }
}

/**
 * Composites the layers (in rect-local pixels) over the indexed frame inside rect (the frame is
 * frameWidth wide).
 */
export function compositeLayers(
  frame: Pixels,
  frameWidth: number,
  rect: Rect,
  layers: readonly OverlayLayer[],
  palette: Pick<GifPalette, 'colours' | 'nearest'>,
  touched: PixelSet,
): void {
  touched.clear();
  for (const layer of layers) {
    if ('mask' in layer) {
      for (let i = 0; i < layer.mask.count; i++) touched.add(layer.mask.touched[i]);
    } else {
      for (let i = 0; i < layer.pixels.count; i++) touched.add(layer.pixels.list[i]);
    }
  }
  const { colours, nearest } = palette;
  for (let i = 0; i < touched.count; i++) {
    const p = touched.list[i];
    const at = (rect.y + Math.floor(p / rect.w)) * frameWidth + rect.x + (p % rect.w);
    const under = colours[frame[at]];
    let r = under[0];
    let g = under[1];
    let b = under[2];
    for (const layer of layers) {
      if ('mask' in layer) {
        const t = layer.mask.coverage[p];
        if (t === 0) continue;
        const c = layer.colour;
        r += (c[0] - r) * t;
        g += (c[1] - g) * t;
        b += (c[2] - b) * t;
      } else {
        const rgba = layer.image.rgba;
        const o = 4 * p;
        if (rgba[o + 3] === 0) continue;
        const t = rgba[o + 3] / 255;
        r += (rgba[o] - r) * t;
        g += (rgba[o + 1] - g) * t;
        b += (rgba[o + 2] - b) * t;
      }
    }
    frame[at] = nearest(Math.round(r), Math.round(g), Math.round(b));
  }
}
