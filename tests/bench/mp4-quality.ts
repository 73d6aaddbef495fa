/**
 * How close an MP4 is to the frames it was made from: each decoded picture (tests/decode-mp4.ts,
 * no ffmpeg) against its source PNG (--frames-dir), by luma SSIM (tests/ssim.ts); the hold's
 * pictures against the last frame. The bench compiles this file with esbuild and calls it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { decodeMp4 } from '../decode-mp4.js';
import { ssim } from '../ssim.js';

export async function mp4Quality(
  mp4: string,
  framesDir: string,
): Promise<{ pictures: number; ssimMean: number; ssimMin: number }> {
  const video = decodeMp4(readFileSync(mp4));
  const names = readdirSync(framesDir).sort();
  let sum = 0;
  let min = 1;
  for (const [i, picture] of video.frames.entries()) {
    const image = await loadImage(readFileSync(join(framesDir, names[Math.min(i, names.length - 1)])));
    const ctx = createCanvas(image.width, image.height).getContext('2d');
    ctx.drawImage(image, 0, 0);
    const s = ssim(ctx.getImageData(0, 0, image.width, image.height).data, picture, video.width, video.height);
    sum += s;
    min = Math.min(min, s);
  }
  return { pictures: video.frames.length, ssimMean: sum / video.frames.length, ssimMin: min };
}
