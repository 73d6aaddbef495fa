import { describe, expect, it } from 'vitest';
import { buildPalette, classColours, THEMES } from '../../src/render/palette.js';
import { createShader } from '../../src/render/shade.js';

describe('two-class shading', () => {
  it.each([
    [7, 5, 23, 17],
    [1, 1, 6, 4],
    [30, 30, 19, 19],
  ])('matches per-pixel bilinear interpolation of p1 (grid %i×%i, plot %i×%i)', (nx, ny, w, h) => {
    const palette = buildPalette(THEMES.light, classColours('okabe-ito', 2));
    const plot = { x: 3, y: 2, w, h };
    const width = w + 5;
    const proba = new Float32Array(2 * nx * ny);
    for (let i = 0; i < nx * ny; i++) {
      const p1 = (Math.sin(i * 1.7) + 1) / 2;
      proba[2 * i] = 1 - p1;
      proba[2 * i + 1] = p1;
    }
    const frame = new Uint8Array(width * (h + 4)).fill(7);
    createShader({ nx, ny, xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, 2, plot, palette, 'probability').shade(
      proba,
      frame,
      width,
    );
    // Independent reference: the value at pixel centre, bilinear between the four grid centres around it.
    const at = (i: number, j: number) =>
      proba[2 * (Math.min(ny - 1, Math.max(0, j)) * nx + Math.min(nx - 1, Math.max(0, i))) + 1];
    for (let py = 0; py < h + 4; py++) {
      for (let px = 0; px < width; px++) {
        const got = frame[py * width + px];
        const inside = px >= plot.x && px < plot.x + w && py >= plot.y && py < plot.y + h;
        if (!inside) {
          expect(got).toBe(7);
          continue;
        }
        const gx = Math.min(nx - 1, Math.max(0, ((px - plot.x + 0.5) / w) * nx - 0.5));
        const gy = Math.min(ny - 1, Math.max(0, ((py - plot.y + 0.5) / h) * ny - 0.5));
        const i = Math.floor(gx);
        const j = Math.floor(gy);
        const fx = gx - i;
        const fy = gy - j;
        const p1 =
          (at(i, j) * (1 - fx) + at(i + 1, j) * fx) * (1 - fy) + (at(i, j + 1) * (1 - fx) + at(i + 1, j + 1) * fx) * fy;
        const sure = Math.abs(2 * p1 - 1);
        const level = Math.round(sure * palette.levels);
        // A tabulated p1 may round to the neighbouring level right at a step.
        const expected = [level - 1, level, level + 1].map((l) => palette.shade(p1 > 0.5 ? 1 : 0, l));
        expect(expected).toContain(got);
      }
    }
  });
});
