import { describe, expect, it } from 'vitest';
import { changedRect } from '../src/output/gif/rect.js';
import { GifWriter } from '../src/output/gif/writer.js';
import { createRng } from '../src/random.js';
import type { RGB } from '../src/render/palette.js';
import { decodeGif } from './decode.js';

// Distinct colours for all 256 indices, so a decoded colour names its index.
const palette: RGB[] = Array.from({ length: 256 }, (_, i) => [i, (i * 37) % 256, (i * 91) % 256]);

function roundTrip(frames: Uint8Array[], width: number, height: number, transparentIndex?: number) {
  const chunks: Uint8Array[] = [];
  const writer = new GifWriter({ width, height, palette, fps: 10, hold: 0, transparentIndex }, (c) => chunks.push(c));
  for (const f of frames) writer.push(f);
  writer.finish();
  const bytes = Buffer.concat(chunks);
  const gif = decodeGif(bytes);
  expect(gif.frames).toBe(frames.length);
  frames.forEach((frame, f) => {
    const rgba = gif.rgba(f);
    const wrong: number[] = [];
    for (let p = 0; p < frame.length; p++) {
      const c = palette[frame[p]];
      if (rgba[4 * p] !== c[0] || rgba[4 * p + 1] !== c[1] || rgba[4 * p + 2] !== c[2]) wrong.push(p);
    }
    expect(wrong.slice(0, 5), `frame ${f}`).toEqual([]);
  });
  return bytes.length;
}

describe('GIF encoder', () => {
  const rng = createRng(11);
  const W = 97;
  const H = 61;
  const noise = () => Uint8Array.from({ length: W * H }, () => rng.int(255));

  it('round-trips noise (the code table fills and is cleared), whole and differenced', () => {
    const frames = [noise(), noise(), noise()];
    roundTrip(frames, W, H);
    roundTrip(frames, W, H, 255);
  });

  it('round-trips small changes, unchanged frames and gradients that move, in the changed rectangle only', () => {
    const frames: Uint8Array[] = [];
    let frame = Uint8Array.from({ length: W * H }, (_, p) => Math.floor(((p % W) * 200) / W));
    frames.push(frame.slice());
    for (let f = 0; f < 8; f++) {
      frame = frame.slice();
      if (f % 3 === 0) {
        // A gradient shifted by a few columns in a band of rows, so many pixels keep their value.
        for (let y = 10; y < 40; y++)
          for (let x = 0; x < W; x++) frame[y * W + x] = Math.floor(((x + 3 * f) * 200) / W) % 254;
      }
      if (f % 3 === 1) frame[rng.int(W * H)] = rng.int(254); // one pixel
      frames.push(frame); // f % 3 === 2: nothing changes
    }
    const differenced = roundTrip(frames, W, H, 255);
    const whole = roundTrip(frames, W, H);
    expect(differenced).toBeLessThan(whole / 2);
  });

  it('round-trips tiny frames', () => {
    roundTrip([Uint8Array.of(3), Uint8Array.of(3), Uint8Array.of(4)], 1, 1, 255);
    roundTrip([Uint8Array.of(1, 2), Uint8Array.of(1, 9)], 2, 1, 255);
  });
});

describe('changedRect', () => {
  const a = new Uint8Array(6 * 4);
  it('is null when nothing changed', () => {
    expect(changedRect(a, a.slice(), 6, 4)).toBeNull();
  });
  it('bounds every changed pixel tightly', () => {
    const b = a.slice();
    b[1 * 6 + 4] = 1; // (4, 1)
    b[3 * 6 + 2] = 1; // (2, 3)
    expect(changedRect(a, b, 6, 4)).toEqual({ x: 2, y: 1, w: 3, h: 3 });
    b[0] = 5;
    b[3 * 6 + 5] = 5;
    expect(changedRect(a, b, 6, 4)).toEqual({ x: 0, y: 0, w: 6, h: 4 });
  });
  it('agrees with a brute-force scan on random sparse changes', () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 50; trial++) {
      const w = 1 + rng.int(20);
      const h = 1 + rng.int(20);
      const x = new Uint8Array(w * h);
      const y = x.slice();
      const changes = rng.int(4);
      for (let k = 0; k < changes; k++) y[rng.int(w * h)] = 1 + rng.int(3);
      let [x0, y0, x1, y1] = [w, h, -1, -1];
      for (let p = 0; p < w * h; p++) {
        if (x[p] === y[p]) continue;
        [x0, y0] = [Math.min(x0, p % w), Math.min(y0, Math.floor(p / w))];
        [x1, y1] = [Math.max(x1, p % w), Math.max(y1, Math.floor(p / w))];
      }
      expect(changedRect(x, y, w, h)).toEqual(x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 });
    }
  });
});
