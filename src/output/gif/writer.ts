/**
 * Streams an animated GIF (GIF89a): one global palette, frames LZW-encoded (lzw.ts) and handed
 * to the sink as they come, so memory holds one frame, not the animation. One frame is kept back
 * because only at the end is it known which frame is last (it gets the `hold` delay).
 *
 * Frames after the first are written as differences: only the rectangle that bounds the changed
 * pixels, inside it unchanged pixels written as the transparent index, and no disposal, so the
 * viewer keeps the old pixels. A frame where nothing changed is a single transparent pixel that carries its delay.
 */
import type { RGB } from '../../render/palette.js';
import { ByteBuffer } from './bytes.js';
import { LzwEncoder } from './lzw.js';
import { changedRect, changesTo, type Rect } from './rect.js';

export interface GifOptions {
  width: number;
  height: number;
  /** Up to 256 RGB entries (padded to 256). */
  palette: readonly RGB[];
  fps: number;
  /** Seconds the last frame stays. */
  hold: number;
  /** Index no real colour uses, for unchanged pixels. Omit to write every frame whole. */
  transparentIndex?: number;
}

/** Delay of frame i in hundredths of a second, spreading rounding so the average rate is exact. */
export function frameDelay(i: number, fps: number): number {
  return Math.max(2, Math.round((100 * (i + 1)) / fps) - Math.round((100 * i) / fps));
}

export class GifWriter {
  private readonly out = new ByteBuffer(1 << 16);
  private readonly lzw = new LzwEncoder();
  private pending: Uint8Array | null = null;
  private previous: Uint8Array | null = null;
  private count = 0;
  bytes = 0;

  constructor(
    private readonly options: GifOptions,
    private readonly sink: (chunk: Uint8Array) => void,
  ) {
    this.header();
  }

  /** Adds a frame of palette indices (copied: the caller may reuse its buffer). */
  push(indices: Uint8Array): void {
    if (this.pending) this.write(this.pending, frameDelay(this.count, this.options.fps));
    else this.pending = new Uint8Array(indices.length);
    this.pending.set(indices);
  }

  /** Writes the held-back last frame and the trailer. Returns the number of frames written. */
  finish(): number {
    if (this.pending) {
      const delay = frameDelay(this.count, this.options.fps) + Math.round(this.options.hold * 100);
      this.write(this.pending, delay);
    }
    this.out.byte(0x3b);
    this.flush();
    return this.count;
  }

  /** Signature, screen descriptor with the global colour table, and the loop-forever extension. */
  private header(): void {
    const { out } = this;
    const { width, height, palette } = this.options;
    out.bytes([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]); // GIF89a
    out.short(width);
    out.short(height);
    out.bytes([0xf7, 0, 0]); // global table of 2^8 colours, 8 bits per primary; background 0; square pixels
    for (let i = 0; i < 256; i++) out.bytes(palette[i] ?? [0, 0, 0]);
    out.bytes([0x21, 0xff, 11, ...Array.from('NETSCAPE2.0', (ch) => ch.charCodeAt(0)), 3, 1, 0, 0, 0]);
  }

  private write(frame: Uint8Array, delayCs: number): void {
    const { out } = this;
    const { width, height, transparentIndex } = this.options;
    let previous = transparentIndex === undefined ? null : this.previous;
    const rect: Rect =
      previous === null
        ? { x: 0, y: 0, w: width, h: height }
        : (changedRect(previous, frame, width, height) ?? { x: 0, y: 0, w: 1, h: 1 });
    // A changed pixel of the transparent index itself would show the old pixel: such a frame is
    // written without transparency.
    if (previous !== null && changesTo(frame, previous, width, rect, transparentIndex as number)) previous = null;
    const transparent = previous !== null;
    // Graphic control: disposal 1 (leave the frame in place), the delay, the transparent index.
    out.bytes([0x21, 0xf9, 4, (1 << 2) | (transparent ? 1 : 0)]);
    out.short(delayCs);
    out.bytes([transparent ? (transparentIndex as number) : 0, 0]);
    // Image descriptor: the rectangle, no local colour table, not interlaced.
    out.byte(0x2c);
    out.short(rect.x);
    out.short(rect.y);
    out.short(rect.w);
    out.short(rect.h);
    out.byte(0);
    this.lzw.encode(out, frame, width, rect, previous, transparentIndex ?? 0);
    if (transparentIndex !== undefined) {
      if (!this.previous) this.previous = new Uint8Array(frame.length);
      this.previous.set(frame);
    }
    this.count++;
    this.flush();
  }

  private flush(): void {
    const view = this.out.view();
    if (view.length > 0) {
      this.sink(view.slice());
      this.bytes += view.length;
    }
    this.out.reset();
  }
}
