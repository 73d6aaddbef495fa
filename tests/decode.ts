/** Decodes GIFs with an independent decoder (omggif), for tests. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { GifReader } = require('omggif') as {
  GifReader: new (
    buf: Uint8Array,
  ) => {
    width: number;
    height: number;
    numFrames(): number;
    loopCount(): number;
    frameInfo(i: number): { delay: number; disposal: number; transparent_index: number | null };
    decodeAndBlitFrameRGBA(i: number, pixels: Uint8Array): void;
  };
};

export interface DecodedGif {
  width: number;
  height: number;
  frames: number;
  loop: number;
  /** Delays in hundredths of a second. */
  delays: number[];
  /** Composited RGBA of frame i (frames drawn over each other, as a viewer shows them). */
  rgba(i: number): Uint8Array;
}

export function decodeGif(bytes: Uint8Array): DecodedGif {
  const reader = new GifReader(bytes);
  const frames = reader.numFrames();
  return {
    width: reader.width,
    height: reader.height,
    frames,
    loop: reader.loopCount(),
    delays: Array.from({ length: frames }, (_, i) => reader.frameInfo(i).delay),
    rgba(i) {
      const pixels = new Uint8Array(reader.width * reader.height * 4);
      for (let f = 0; f <= i; f++) reader.decodeAndBlitFrameRGBA(f, pixels);
      return pixels;
    },
  };
}
