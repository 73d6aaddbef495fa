/** An indexed frame as PNG: what `--poster` and `--frames-dir` write, pixel for pixel the GIF's frame. */
import { createCanvas } from '@napi-rs/canvas';
import type { RGB } from '../render/palette.js';

/** PNG bytes of an indexed frame in the given colours. */
export function indexedPng(indices: Uint8Array, width: number, height: number, colours: readonly RGB[]): Buffer {
  const out = createCanvas(width, height);
  const octx = out.getContext('2d');
  const image = octx.createImageData(width, height);
  for (let p = 0; p < indices.length; p++) {
    const c = colours[indices[p]];
    image.data[4 * p] = c[0];
    image.data[4 * p + 1] = c[1];
    image.data[4 * p + 2] = c[2];
    image.data[4 * p + 3] = 255;
  }
  octx.putImageData(image, 0, 0);
  return out.toBuffer('image/png');
}
