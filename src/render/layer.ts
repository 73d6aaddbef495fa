/**
 * A transparent plot-sized canvas whose pixels are mirrored in memory. Reading canvas pixels
 * back is slow (a full plot costs several milliseconds), so a layer is read back only where
 * something was drawn since the last read (the plot's static layer: once), and frames composite
 * just the covered pixels (a PixelSet) instead of scanning the plot.
 */
import { type Canvas, createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { Rect } from './layout.js';

export class CanvasLayer {
  readonly canvas: Canvas;
  readonly ctx: SKRSContext2D;
  /** Unpremultiplied RGBA of every pixel, as last read back. */
  readonly rgba: Uint8ClampedArray;

  constructor(
    readonly w: number,
    readonly h: number,
  ) {
    this.canvas = createCanvas(w, h);
    this.ctx = this.canvas.getContext('2d');
    this.rgba = new Uint8ClampedArray(w * h * 4);
  }

  /**
   * Copies the canvas's pixels inside rect (clipped to the layer) into the mirror, and calls
   * visit with each of them that is not transparent.
   */
  readBack(rect: Rect, visit: (p: number) => void): void {
    const x0 = Math.max(0, Math.floor(rect.x));
    const y0 = Math.max(0, Math.floor(rect.y));
    const x1 = Math.min(this.w, Math.ceil(rect.x + rect.w));
    const y1 = Math.min(this.h, Math.ceil(rect.y + rect.h));
    if (x1 <= x0 || y1 <= y0) return;
    const data = this.ctx.getImageData(x0, y0, x1 - x0, y1 - y0).data;
    const rowBytes = 4 * (x1 - x0);
    for (let y = y0; y < y1; y++) {
      const row = data.subarray((y - y0) * rowBytes, (y - y0 + 1) * rowBytes);
      this.rgba.set(row, 4 * (y * this.w + x0));
      for (let x = x0, o = 3; x < x1; x++, o += 4) if (row[o] !== 0) visit(y * this.w + x);
    }
  }
}

/** A set of pixel offsets: a mask for membership and a list for visiting them. */
export class PixelSet {
  readonly mask: Uint8Array;
  list: Int32Array;
  count = 0;

  constructor(size: number) {
    this.mask = new Uint8Array(size);
    this.list = new Int32Array(1024);
  }

  add(p: number): void {
    if (this.mask[p] !== 0) return;
    if (this.count === this.list.length) {
      const grown = new Int32Array(2 * this.count);
      grown.set(this.list);
      this.list = grown;
    }
    this.mask[p] = 1;
    this.list[this.count++] = p;
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) this.mask[this.list[i]] = 0;
    this.count = 0;
  }
}
