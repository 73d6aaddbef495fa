/**
 * The output formats through the command line: -o x.mp4 is H.264 that an independent decoder
 * (mp4box + h264decoder) reads back to the frames, -o x.png is the last frame, the same bytes
 * every time; names and flags that say no format, or two, are refused with exit 2.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run, smallScenario, tempDir, tiny, writeScenario } from '../cli-helpers.js';
import { decodeMp4 } from '../decode-mp4.js';
import { colourCount, pngRgba } from '../png-pixels.js';
import { ssim } from '../ssim.js';

const isPng = (bytes: Uint8Array) =>
  Buffer.from(bytes.subarray(0, 8)).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
const isMp4 = (bytes: Uint8Array) => Buffer.from(bytes.subarray(4, 8)).toString('latin1') === 'ftyp';

describe('-o x.mp4', () => {
  // 4 frames at 4 fps, held 0.5 s: 2 more pictures of the last frame.
  const scenario = smallScenario({ animate: '{ by: samples, frames: 4, fps: 4, hold: 0.5 }' });

  it('decodes, with an independent decoder, to the frames and the hold (size, count, SSIM ≥ 0.97)', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', scenario);
    const out = join(dir, 's.mp4');
    const result = await run(['render', file, '-o', out, '--frames-dir', join(dir, 'frames'), '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const line = JSON.parse(result.stdout.toString());
    const bytes = readFileSync(out);
    expect(line).toMatchObject({ format: 'mp4', frames: 4, bytes: bytes.length });
    const video = decodeMp4(bytes);
    expect(video.codec).toMatch(/^avc1\.42/); // baseline profile
    expect([video.width, video.height]).toEqual([200, 200]);
    expect(video.frames).toHaveLength(4 + 2);
    expect(video.seconds).toBeCloseTo(1.5, 6);
    // A seeking player needs the key frames listed: the first picture only, at this length.
    expect(video.sync).toEqual([true, false, false, false, false, false]);
    // faststart: moov before mdat.
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
    const frames = readdirSync(join(dir, 'frames')).sort();
    expect(frames).toHaveLength(4);
    for (const [i, name] of [...frames, frames[3], frames[3]].entries()) {
      const source = await pngRgba(join(dir, 'frames', name));
      expect(ssim(source.rgba, video.frames[i], 200, 200)).toBeGreaterThanOrEqual(0.97);
    }
    // The frames differ: a decoder that returned one picture six times would not pass this.
    expect(ssim(video.frames[0], video.frames[3], 200, 200)).toBeLessThan(0.97);
  });

  it('is the same bytes on every render of the same scenario and seed, whatever the clock says', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', tiny());
    // The encoder's container writes the wall clock into the file: a day apart, nothing may change.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2024-01-01T00:00:00Z') });
    try {
      expect((await run(['render', file, '-o', join(dir, 'a.mp4'), '-q'])).code).toBe(0);
      vi.setSystemTime(new Date('2024-01-02T00:00:00Z'));
      expect((await run(['render', file, '-o', join(dir, 'b.mp4'), '-q'])).code).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    expect(readFileSync(join(dir, 'a.mp4')).equals(readFileSync(join(dir, 'b.mp4')))).toBe(true);
  });

  it('stopped mid-render, leaves no file and says only that it was stopped', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', smallScenario());
    const controller = new AbortController();
    let seen = '';
    const result = await run(['render', file, '-o', join(dir, 's.mp4')], '', controller.signal, {
      stderrIsTTY: true,
      stderr: (text) => {
        seen += text;
        // Stop once a frame has gone to the encoder (the progress line shows it).
        if (/\d+\/\d+ frames/.test(seen) && !controller.signal.aborted) controller.abort('SIGINT');
      },
    });
    expect(controller.signal.aborted).toBe(true);
    expect(result.code).toBe(130);
    expect(readdirSync(dir)).toEqual(['s.yaml']);
    expect(seen).not.toMatch(/internal error|abort\(|finalize/);
  });

  it('refuses an odd width or height, naming them', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', tiny({ render: '{ width: 161, height: 160, grid: 20 }' }));
    const result = await run(['render', file, '-o', join(dir, 's.mp4')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/render\.width.*161.*odd/);
    expect(readdirSync(dir)).toEqual(['s.yaml']);
    // A GIF has no such limit.
    expect((await run(['render', file, '-o', join(dir, 's.gif'), '-q'])).code).toBe(0);
  });

  it('goes to stdout with -o - --format mp4', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', tiny());
    const result = await run(['render', file, '-o', '-', '--format', 'mp4']);
    expect(result.code).toBe(0);
    expect(isMp4(result.stdout)).toBe(true);
    expect((await run(['render', file, '-o', join(dir, 's.mp4'), '-q'])).code).toBe(0);
    expect(result.stdout.equals(readFileSync(join(dir, 's.mp4')))).toBe(true);
  });
});

/** Distinct RGB colours of a PNG. */
const pngColours = async (path: string) => colourCount((await pngRgba(path)).rgba);

describe('full colour', () => {
  // Soft shading (few epochs, noisy data): every pixel of the plot a shade of its own.
  const soft = smallScenario({ data: '{ source: gaussians, n: 60, test: 0 }' });

  it('-o x.png is the last frame in full colour, the GIF of the same scenario 256 colours at most', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', soft);
    expect((await run(['render', file, '-o', join(dir, 'still.png'), '-q'])).code).toBe(0);
    expect(await pngColours(join(dir, 'still.png'))).toBeGreaterThan(256);
    expect((await run(['render', file, '-o', join(dir, 's.gif'), '--frames-dir', join(dir, 'f'), '-q'])).code).toBe(0);
    expect(await pngColours(join(dir, 'f', 'frame-0004.png'))).toBeLessThanOrEqual(256);
  });

  it("--poster beside a GIF is the full-colour PNG, --frames-dir the GIF's own frames", async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', soft);
    const args = ['render', file, '-o', join(dir, 's.gif'), '--poster', join(dir, 'poster.png')];
    const result = await run([...args, '--frames-dir', join(dir, 'f'), '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.toString())).toMatchObject({ format: 'gif', frames: 4 });
    expect((await run(['render', file, '-o', join(dir, 'still.png'), '-q'])).code).toBe(0);
    const poster = readFileSync(join(dir, 'poster.png'));
    expect(poster.equals(readFileSync(join(dir, 'still.png')))).toBe(true);
    expect(await pngColours(join(dir, 'poster.png'))).toBeGreaterThan(256);
    expect(await pngColours(join(dir, 'f', 'frame-0004.png'))).toBeLessThanOrEqual(256);
    // The GIF is the GIF a render without a poster writes.
    expect((await run(['render', file, '-o', join(dir, 'plain.gif'), '-q'])).code).toBe(0);
    expect(readFileSync(join(dir, 's.gif')).equals(readFileSync(join(dir, 'plain.gif')))).toBe(true);
  });
});

describe('-o x.png and --poster', () => {
  it('writes the last frame, as --poster and the last of --frames-dir do', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', tiny());
    const result = await run([
      'render',
      file,
      '-o',
      join(dir, 'last.png'),
      '--poster',
      join(dir, 'poster.png'),
      '--frames-dir',
      join(dir, 'frames'),
      '--json',
    ]);
    expect(result.code).toBe(0);
    const png = readFileSync(join(dir, 'last.png'));
    expect(isPng(png)).toBe(true);
    expect(JSON.parse(result.stdout.toString())).toMatchObject({ format: 'png', frames: 3, bytes: png.length });
    expect(png.equals(readFileSync(join(dir, 'poster.png')))).toBe(true);
    expect(png.equals(readFileSync(join(dir, 'frames', 'frame-0003.png')))).toBe(true);
  });

  it('--poster - writes the PNG to stdout, never a file named "-"', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', tiny());
    const result = await run(['render', file, '-o', join(dir, 's.gif'), '--poster', '-', '-q']);
    expect(result.code).toBe(0);
    expect(isPng(result.stdout)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['s.gif', 's.yaml']);
  });
});

describe('formats refused', () => {
  it.each([
    ['an unknown extension', ['-o', 'fig.jpg'], /fig\.jpg.*\.jpg.*\.gif, \.mp4, \.png/],
    ['an extension and --format that disagree', ['-o', 'fig.gif', '--format', 'mp4'], /fig\.gif.*\.gif.*mp4/],
    ['an unknown --format', ['-o', '-', '--format', 'webp'], /webp/],
    ['--poster - with the animation on stdout', ['-o', '-', '--poster', '-'], /stdout/],
    ['--poster - with --json', ['-o', 'fig.gif', '--poster', '-', '--json'], /stdout/],
    ['a poster that is not named .png', ['-o', 'fig.gif', '--poster', 'poster.gif'], /poster.*PNG.*\.gif/],
  ])('%s: exit 2, nothing written', async (_name, flags, message) => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', tiny());
    const result = await run(['render', file, ...flags.map((f) => (f.includes('.') ? join(dir, f) : f))]);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stdout.length === 0 || result.stdout.toString().startsWith('{')).toBe(true);
    expect(readdirSync(dir)).toEqual(['s.yaml']);
  });

  it('validate refuses an unknown extension too', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', `${tiny()}\noutput: fig.webp`);
    const result = await run(['validate', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\.webp/);
  });

  it('--format names the files mlgif names (--out-dir)', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', tiny());
    expect((await run(['render', file, '--out-dir', join(dir, 'out'), '--format', 'png', '-q'])).code).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(['s.png']);
    expect(isPng(readFileSync(join(dir, 'out', 's.png')))).toBe(true);
  });
});
