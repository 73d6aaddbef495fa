/**
 * The GIF encoder is lossless: every frame an independent decoder (omggif) composites equals the
 * frame pushed, on real renders, on random frames and on edge cases. Also deterministic.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { render } from '../src/api.js';
import { GifWriter } from '../src/output/gif/writer.js';
import type { RGB } from '../src/render/palette.js';
import { decodeGif } from './decode.js';

// Distinct colours for all 256 indices, so a decoded colour names its index.
const distinct: RGB[] = Array.from({ length: 256 }, (_, i) => [i, (i * 37) % 256, (i * 91) % 256]);

function encode(frames: Uint8Array[], width: number, height: number, transparentIndex?: number, palette = distinct) {
  const chunks: Uint8Array[] = [];
  const writer = new GifWriter({ width, height, palette, fps: 10, hold: 0, transparentIndex }, (c) => chunks.push(c));
  for (const f of frames) writer.push(f);
  writer.finish();
  return Buffer.concat(chunks);
}

/** The first pixels (up to 5) of each frame whose decoded colour is not the pushed index's. */
function mismatches(bytes: Uint8Array, frames: Uint8Array[], palette: readonly RGB[] = distinct): string[] {
  const gif = decodeGif(bytes);
  expect(gif.frames).toBe(frames.length);
  const wrong: string[] = [];
  frames.forEach((frame, f) => {
    const rgba = gif.rgba(f);
    let bad = 0;
    for (let p = 0; p < frame.length && bad < 5; p++) {
      const c = palette[frame[p]];
      if (rgba[4 * p] !== c[0] || rgba[4 * p + 1] !== c[1] || rgba[4 * p + 2] !== c[2]) {
        wrong.push(`frame ${f} pixel ${p}: index ${frame[p]}`);
        bad++;
      }
    }
  });
  return wrong;
}

/** Both ways (differenced with index 255 transparent, and whole frames) decode to the frames. */
function expectLossless(frames: Uint8Array[], width: number, height: number): void {
  expect(mismatches(encode(frames, width, height, 255), frames)).toEqual([]);
  expect(mismatches(encode(frames, width, height), frames)).toEqual([]);
}

/** Random frames where each differs from the last in a random share of pixels, by ±1 or anything. */
const animation = fc
  .record({
    width: fc.integer({ min: 1, max: 40 }),
    height: fc.integer({ min: 1, max: 30 }),
    frames: fc.integer({ min: 1, max: 6 }),
    colours: fc.integer({ min: 1, max: 256 }),
    change: fc.double({ min: 0, max: 1, noNaN: true }),
    seed: fc.integer(),
  })
  .map(({ width, height, frames, colours, change, seed }) => {
    let s = seed >>> 0;
    const next = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
    const list: Uint8Array[] = [Uint8Array.from({ length: width * height }, () => Math.floor(next() * colours))];
    for (let f = 1; f < frames; f++) {
      const frame = list[f - 1].slice();
      for (let p = 0; p < frame.length; p++) {
        if (next() >= change) continue;
        frame[p] = next() < 0.5 ? Math.min(colours - 1, frame[p] + 1) : Math.floor(next() * colours);
      }
      list.push(frame);
    }
    return { width, height, list };
  });

describe('GIF round trip', () => {
  it('decodes random animations exactly, including the transparent index as a real colour', () => {
    fc.assert(
      fc.property(animation, ({ width, height, list }) => {
        expectLossless(list, width, height);
      }),
      { numRuns: 150 },
    );
  });

  it('decodes long runs and gradients (the code table fills, is cleared, and strings repeat)', () => {
    const W = 300;
    const H = 200;
    const frames: Uint8Array[] = [];
    for (let f = 0; f < 4; f++) {
      // A diagonal gradient moving by one pixel per frame, with a flat band: like probability shading.
      frames.push(
        Uint8Array.from({ length: W * H }, (_, p) => (p % W < 40 ? 0 : (((p % W) + ((p / W) | 0) + f) >> 2) % 200)),
      );
    }
    expectLossless(frames, W, H);
  });

  it('handles 1×1 frames, unchanged frames, all pixels changed, and index 255 everywhere', () => {
    expectLossless([Uint8Array.of(0)], 1, 1);
    expectLossless(
      [Uint8Array.of(3), Uint8Array.of(3), Uint8Array.of(255), Uint8Array.of(255), Uint8Array.of(4)],
      1,
      1,
    );
    const a = Uint8Array.from({ length: 35 }, (_, i) => i % 7);
    const b = a.map((v) => v + 1);
    expectLossless([a, a, a.slice(), b, a, new Uint8Array(35).fill(255), b], 7, 5);
    // A changed pixel of the transparent index forces that frame to be written without transparency.
    const c = b.slice();
    c[17] = 255;
    expectLossless([b, c, c, b], 7, 5);
  });

  it('writes unchanged frames as one transparent pixel', () => {
    const a = Uint8Array.from({ length: 64 * 64 }, (_, i) => i % 13);
    const one = encode([a], 64, 64, 255).length;
    const many = encode([a, a, a, a], 64, 64, 255).length;
    expect(many - one).toBeLessThan(3 * 30);
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(animation, ({ width, height, list }) => {
        expect(encode(list, width, height, 255).equals(encode(list, width, height, 255))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe('GIF round trip on real renders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlgif-gif-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Renders the scenario, keeping the frames pushed to the writer; the GIF decodes to them. */
  async function check(name: string, scenario: Record<string, unknown>) {
    const frames: Uint8Array[] = [];
    let palette: readonly RGB[] = [];
    const push = GifWriter.prototype.push;
    const spy = vi.spyOn(GifWriter.prototype, 'push').mockImplementation(function (this: GifWriter, indices) {
      frames.push(indices.slice());
      palette = (this as unknown as { options: { palette: readonly RGB[] } }).options.palette;
      return push.call(this, indices);
    });
    const output = join(dir, `${name}.gif`);
    try {
      await render(scenario, { output });
    } finally {
      spy.mockRestore();
    }
    expect(frames.length).toBeGreaterThan(1);
    const padded = Array.from({ length: 256 }, (_, i) => palette[i] ?? ([0, 0, 0] as RGB));
    // Real palettes repeat colours, so the check is by colour; the transparent index never appears.
    expect(frames.some((f) => f.includes(255))).toBe(false);
    expect(mismatches(readFileSync(output), frames, padded)).toEqual([]);
  }

  it('logistic regression (shading that moves a little every frame)', async () => {
    await check('logistic', {
      model: { type: 'logistic' },
      data: { source: 'gaussians', n: 120, test: 50 },
      animate: { by: 'samples', frames: 8 },
      render: { width: 200, height: 160 },
    });
  });

  it('k-nearest neighbours on the mixture (blocks that change, and many that do not)', async () => {
    await check('knn', {
      model: { type: 'knn' },
      data: { source: 'mixture', n: 120, test: 50 },
      animate: { by: 'samples', frames: 8 },
      render: { width: 160, height: 160 },
    });
  });
});
