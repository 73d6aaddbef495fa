import { describe, expect, it } from 'vitest';
import { frameDelay, GifWriter } from '../src/output/gif/writer.js';
import type { RGB } from '../src/render/palette.js';
import { decodeGif } from './decode.js';

const palette: RGB[] = Array.from({ length: 256 }, (_, i) => [i, 255 - i, (i * 7) % 256]);

function encode(frames: Uint8Array[], fps: number, hold: number, transparentIndex?: number) {
  const chunks: Uint8Array[] = [];
  const writer = new GifWriter({ width: 8, height: 4, palette, fps, hold, transparentIndex }, (c) => chunks.push(c));
  for (const f of frames) writer.push(f);
  const count = writer.finish();
  return { count, bytes: Buffer.concat(chunks), reported: writer.bytes };
}

function frame(fill: (i: number) => number): Uint8Array {
  return Uint8Array.from({ length: 32 }, (_, i) => fill(i));
}

describe('GIF writer', () => {
  it('spreads rounding so the mean frame rate is exact', () => {
    const total = Array.from({ length: 12 }, (_, i) => frameDelay(i, 12)).reduce((a, b) => a + b, 0);
    expect(total).toBe(100);
    expect(frameDelay(0, 10)).toBe(10);
  });

  it.each([undefined, 255])('writes frames an independent decoder reads back exactly (transparent %s)', (t) => {
    const frames = [frame((i) => i), frame((i) => (i < 16 ? i : 100)), frame(() => 7)];
    const { count, bytes, reported } = encode(frames, 10, 2, t);
    expect(count).toBe(3);
    expect(reported).toBe(bytes.length);
    const gif = decodeGif(bytes);
    expect([gif.width, gif.height, gif.frames, gif.loop]).toEqual([8, 4, 3, 0]);
    expect(gif.delays).toEqual([10, 10, 10 + 200]);
    for (let f = 0; f < 3; f++) {
      const rgba = gif.rgba(f);
      for (let p = 0; p < 32; p++) {
        const c = palette[frames[f][p]];
        expect([rgba[4 * p], rgba[4 * p + 1], rgba[4 * p + 2]]).toEqual([...c]);
      }
    }
  });

  it('makes frames that barely change much smaller with differencing', () => {
    const big = Array.from({ length: 20 }, (_, f) => frame((i) => (i === f ? 9 : (i * 13) % 50)));
    expect(encode(big, 10, 0, 255).bytes.length).toBeLessThan(encode(big, 10, 0).bytes.length);
  });
});
