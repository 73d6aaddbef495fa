import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { CoverageMask } from '../../src/render/stroke.js';

/** The same polyline stroked by the canvas (round joins and caps): its alpha per pixel, 0..1. */
function canvasCoverage(line: number[], w: number, h: number, lineWidth: number): Float32Array {
  const ctx = createCanvas(w, h).getContext('2d');
  ctx.lineWidth = lineWidth;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(line[0], line[1]);
  for (let i = 2; i < line.length; i += 2) ctx.lineTo(line[i], line[i + 1]);
  ctx.stroke();
  const rgba = ctx.getImageData(0, 0, w, h).data;
  return Float32Array.from({ length: w * h }, (_, p) => rgba[4 * p + 3] / 255);
}

describe('CoverageMask', () => {
  it('covers a horizontal line of width 2 exactly: two full rows, nothing else', () => {
    const mask = new CoverageMask(20, 10);
    mask.polylines([[2, 5, 17, 5]], 1, 1, 1);
    // Rows 4 and 5 have centres 0.5 px from the line; rows 3 and 6 are 1.5 px away.
    for (let x = 3; x < 17; x++) {
      expect(mask.coverage[4 * 20 + x]).toBe(1);
      expect(mask.coverage[5 * 20 + x]).toBe(1);
      expect(mask.coverage[3 * 20 + x]).toBe(0);
      expect(mask.coverage[6 * 20 + x]).toBe(0);
    }
  });

  it.each([
    ['a diagonal', [3.2, 4.1, 55.7, 37.9], 2],
    ['a bent polyline', [5, 50, 20.5, 10.25, 40, 45.5, 58, 12], 2],
    ['a thick curve', Array.from({ length: 30 }, (_, i) => (i % 2 ? 30 + 15 * Math.sin(i / 3) : 4 + i * 1.8)), 3.2],
  ])('matches the canvas stroking %s (same ink, pixels within an antialiasing step)', (_what, line, width) => {
    const [w, h] = [64, 60];
    const mask = new CoverageMask(w, h);
    mask.polylines([line], 1, 1, width / 2);
    const reference = canvasCoverage(line, w, h, width);
    let ink = 0;
    let referenceInk = 0;
    let worst = 0;
    for (let p = 0; p < w * h; p++) {
      ink += mask.coverage[p];
      referenceInk += reference[p];
      worst = Math.max(worst, Math.abs(mask.coverage[p] - reference[p]));
    }
    expect(Math.abs(ink - referenceInk) / referenceInk).toBeLessThan(0.04);
    expect(worst).toBeLessThan(0.45);
  });

  it('lists each touched pixel once, and clear() empties it for the next frame', () => {
    const mask = new CoverageMask(30, 30);
    mask.polylines([[2, 2, 20, 20, 2, 20, 20, 2]], 1, 1, 1.5);
    const listed = Array.from(mask.touched.subarray(0, mask.count));
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.length).toBe(mask.coverage.filter((c) => c > 0).length);
    mask.clear();
    expect(mask.count).toBe(0);
    expect(mask.coverage.every((c) => c === 0)).toBe(true);
  });

  it('scales grid units to pixels and clips to the mask', () => {
    const mask = new CoverageMask(10, 10);
    mask.polylines([[-5, 2, 2.5, 2]], 4, 2, 0.5);
    // From x = −20 to 10 px at y = 4 px: row 3 and 4, clipped at the left edge.
    expect(mask.coverage[3 * 10 + 0]).toBeGreaterThan(0);
    expect(mask.coverage[3 * 10 + 9]).toBeGreaterThan(0);
    expect(mask.count).toBeGreaterThan(0);
  });
});
