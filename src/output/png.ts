/** Frames as PNG: what `-o x.png`, `--poster` and `--frames-dir` write. */
import { createCanvas } from '@napi-rs/canvas';
import type { GifPalette, Pixels } from '../render/palette.js';

/** PNG bytes of an RGBA image (8 bits per channel, unpremultiplied). */
export function rgbaPng(rgba: Uint8ClampedArray, width: number, height: number): Buffer {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  image.data.set(rgba);
  ctx.putImageData(image, 0, 0);
  return canvas.toBuffer('image/png');
}

/** PNG bytes of a frame in its palette's colours. */
export function indexedPng(indices: Pixels, width: number, height: number, palette: Pick<GifPalette, 'rgba'>): Buffer {
  return rgbaPng(palette.rgba(indices, new Uint8ClampedArray(4 * width * height)), width, height);
}
