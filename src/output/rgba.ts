/** An indexed frame's pixels as RGBA, each index looked up in its palette. */
import type { RGB } from '../render/palette.js';

export function indexedToRgba(indices: Uint8Array, colours: readonly RGB[], out: Uint8ClampedArray): Uint8ClampedArray {
  for (let p = 0, o = 0; p < indices.length; p++, o += 4) {
    const c = colours[indices[p]];
    out[o] = c[0];
    out[o + 1] = c[1];
    out[o + 2] = c[2];
    out[o + 3] = 255;
  }
  return out;
}
