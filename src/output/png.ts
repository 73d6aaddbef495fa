/** Frames as PNG: what `-o x.png`, `--poster` and `--frames-dir` write. */
import { createCanvas } from '@napi-rs/canvas';
import type { RGB } from '../render/palette.js';
import { indexedToRgba } from './rgba.js';

/** PNG bytes of an RGBA image (8 bits per channel, unpremultiplied). */
export function rgbaPng(rgba: Uint8ClampedArray, width: number, height: number): Buffer {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  image.data.set(rgba);
  ctx.putImageData(image, 0, 0);
  return canvas.toBuffer('image/png');
}

/** PNG bytes of an indexed frame in the given colours. */
export function indexedPng(indices: Uint8Array, width: number, height: number, colours: readonly RGB[]): Buffer {
  return rgbaPng(indexedToRgba(indices, colours, new Uint8ClampedArray(4 * width * height)), width, height);
}
