/** A PNG's pixels read back with the canvas' decoder, and what tests ask of them. */
import { readFileSync } from 'node:fs';
import { createCanvas, loadImage } from '@napi-rs/canvas';

export interface RgbaImage {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
}

export async function pngRgba(path: string): Promise<RgbaImage> {
  const image = await loadImage(readFileSync(path));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return { rgba: ctx.getImageData(0, 0, image.width, image.height).data, width: image.width, height: image.height };
}

/** Distinct RGB colours of an image. */
export function colourCount(rgba: Uint8ClampedArray): number {
  const seen = new Set<number>();
  for (let o = 0; o < rgba.length; o += 4) seen.add((rgba[o] << 16) | (rgba[o + 1] << 8) | rgba[o + 2]);
  return seen.size;
}
