/**
 * Streams an animated GIF: one global palette, frames encoded (gifenc's LZW) and handed to the
 * sink as they come, so memory holds one frame, not the animation. One frame is kept back
 * because only at the end is it known which frame is last (it gets the `hold` delay).
 *
 * Frames after the first are written as differences: pixels equal to the previous frame become
 * the transparent index and the frame is not disposed, so the viewer keeps the old pixels.
 * Long runs of one index compress far better under LZW than the pixels they stand for.
 */
import { createRequire } from 'node:module';
import type * as Gifenc from 'gifenc';
import type { RGB } from '../render/palette.js';

// gifenc ships CommonJS for Node and ESM for bundlers; require() gives the same module in both worlds.
const { GIFEncoder } = createRequire(import.meta.url)('gifenc') as typeof Gifenc.default;

export interface GifOptions {
  width: number;
  height: number;
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
  private readonly encoder = GIFEncoder({ auto: false, initialCapacity: 1 << 16 });
  private pending: Uint8Array | null = null;
  private previous: Uint8Array | null = null;
  private readonly diff: Uint8Array;
  private count = 0;
  bytes = 0;

  constructor(
    private readonly options: GifOptions,
    private readonly sink: (chunk: Uint8Array) => void,
  ) {
    this.diff = new Uint8Array(options.width * options.height);
    this.encoder.writeHeader();
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
    this.encoder.finish();
    this.flush();
    return this.count;
  }

  private write(frame: Uint8Array, delayCs: number): void {
    const { width, height, palette, transparentIndex } = this.options;
    const first = this.count === 0;
    let data = frame;
    let transparent = false;
    if (!first && transparentIndex !== undefined && this.previous) {
      const prev = this.previous;
      const diff = this.diff;
      for (let i = 0; i < frame.length; i++) diff[i] = frame[i] === prev[i] ? transparentIndex : frame[i];
      data = diff;
      transparent = true;
    }
    this.encoder.writeFrame(data, width, height, {
      first,
      palette: first ? palette : undefined,
      repeat: 0,
      delay: delayCs * 10,
      transparent,
      transparentIndex: transparentIndex ?? 0,
      // 1 = leave the frame in place: the next one draws over it.
      dispose: 1,
    });
    if (transparentIndex !== undefined) {
      if (!this.previous) this.previous = new Uint8Array(frame.length);
      this.previous.set(frame);
    }
    this.count++;
    this.flush();
  }

  private flush(): void {
    const view = this.encoder.bytesView();
    if (view.length > 0) {
      this.sink(view.slice());
      this.bytes += view.length;
    }
    this.encoder.stream.reset();
  }
}
