/**
 * Every kind of frame in full colour: the regression figure with its loss landscape, a model
 * search's trials and leaderboard, and an evolved program's code panel. Each is drawn into frames
 * of the movie's palette; in full colour (a PNG, an MP4) that palette's indices are 24-bit colours,
 * and a frame or panel buffer of one byte a pixel would cut them to garbage. So each PNG is held
 * against the same frame of the GIF (which --frames-dir writes in the GIF's 256 colours): the
 * same picture (SSIM), with the GIF's palette steps smoothed away (more colours).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, smallScenario, tempDir, writeScenario } from '../cli-helpers.js';
import { decodeMp4 } from '../decode-mp4.js';
import { colourCount, pngRgba } from '../png-pixels.js';
import { ssim } from '../ssim.js';

const evolve = '{ type: evolve, evaluations: 2000, population: 100 }';
const kinds: Record<string, string> = {
  'regression figure with its loss landscape': smallScenario({
    data: '{ source: line, n: 40, test: 0 }',
    model: '{ type: linear, optimizer: gd, learningRate: 0.001, epochs: 200 }',
    animate: '{ frames: 3 }',
    render: '{ width: 360, height: 200, landscape: true }',
  }),
  'model search': [
    'seed: 3',
    'data: { source: mixture, n: 80, test: 0 }',
    'search: { models: [{ type: knn, k: [1, 30] }, { type: tree, maxDepth: [1, 6] }], method: random, trials: 3 }',
    'render: { width: 360, height: 240, grid: 40 }',
  ].join('\n'),
  'code panel beside a map': smallScenario({ model: evolve, animate: '{ frames: 3 }' }),
};

describe('full colour for every kind of frame', () => {
  for (const [kind, scenario] of Object.entries(kinds)) {
    it(`${kind}: the PNG is the GIF's last frame in more colours`, async () => {
      const dir = tempDir();
      const file = writeScenario(dir, 's.yaml', scenario);
      const gif = await run(['render', file, '-o', join(dir, 's.gif'), '--frames-dir', join(dir, 'frames'), '-q']);
      expect(gif.stderr.toString()).toBe('');
      expect(gif.code).toBe(0);
      expect((await run(['render', file, '-o', join(dir, 's.png'), '-q'])).code).toBe(0);
      const frames = readdirSync(join(dir, 'frames')).sort();
      const indexed = await pngRgba(join(dir, 'frames', frames[frames.length - 1]));
      const full = await pngRgba(join(dir, 's.png'));
      expect([full.width, full.height]).toEqual([indexed.width, indexed.height]);
      expect(ssim(full.rgba, indexed.rgba, full.width, full.height)).toBeGreaterThan(0.97);
      expect(colourCount(full.rgba)).toBeGreaterThan(colourCount(indexed.rgba));
    });
  }

  it("a model search as MP4: every trial a picture, each the GIF's frame in full colour", async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', kinds['model search']);
    const out = join(dir, 's.mp4');
    expect((await run(['render', file, '-o', out, '-q'])).code).toBe(0);
    expect(
      (await run(['render', file, '-o', join(dir, 's.gif'), '--frames-dir', join(dir, 'frames'), '-q'])).code,
    ).toBe(0);
    const video = decodeMp4(readFileSync(out));
    const frames = readdirSync(join(dir, 'frames')).sort();
    // 3 trials and the winner, then the hold.
    expect(frames).toHaveLength(4);
    for (const [i, name] of frames.entries()) {
      const gif = await pngRgba(join(dir, 'frames', name));
      expect(ssim(gif.rgba, video.frames[i], video.width, video.height)).toBeGreaterThanOrEqual(0.95);
    }
  });
});
