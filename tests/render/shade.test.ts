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

describe('K-class shading', () => {
  it.each(['probability', 'class', 'none'] as const)('tints each pixel towards its winning class (%s)', (mode) => {
    const k = 3;
    const [nx, ny, w, h] = [9, 7, 31, 23];
    const palette = buildPalette(THEMES.light, classColours('okabe-ito', k));
    const plot = { x: 2, y: 1, w, h };
    const width = w + 4;
    const proba = new Float32Array(k * nx * ny);
    for (let i = 0; i < nx * ny; i++) {
      const raw = [1 + Math.sin(i * 1.3), 1 + Math.cos(i * 0.7), 0.5 + ((i * 7) % 5) / 5];
      const sum = raw[0] + raw[1] + raw[2];
      for (let c = 0; c < k; c++) proba[k * i + c] = raw[c] / sum;
    }
    const frame = new Uint8Array(width * (h + 3)).fill(7);
    createShader({ nx, ny, xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, k, plot, palette, mode).shade(proba, frame, width);
    const at = (i: number, j: number, c: number) =>
      proba[k * (Math.min(ny - 1, Math.max(0, j)) * nx + Math.min(nx - 1, Math.max(0, i))) + c];
    for (let py = 0; py < h + 3; py++) {
      for (let px = 0; px < width; px++) {
        const got = frame[py * width + px];
        if (!(px >= plot.x && px < plot.x + w && py >= plot.y && py < plot.y + h)) {
          expect(got).toBe(7);
          continue;
        }
        const gx = Math.min(nx - 1, Math.max(0, ((px - plot.x + 0.5) / w) * nx - 0.5));
        const gy = Math.min(ny - 1, Math.max(0, ((py - plot.y + 0.5) / h) * ny - 0.5));
        const [i, j] = [Math.floor(gx), Math.floor(gy)];
        const [fx, fy] = [gx - i, gy - j];
        const p = [0, 1, 2].map(
          (c) =>
            (at(i, j, c) * (1 - fx) + at(i + 1, j, c) * fx) * (1 - fy) +
            (at(i, j + 1, c) * (1 - fx) + at(i + 1, j + 1, c) * fx) * fy,
        );
        const best = p.indexOf(Math.max(...p));
        if (mode === 'none') {
          expect(got).toBe(0);
          continue;
        }
        const level =
          mode === 'class'
            ? Math.round(palette.levels * 0.55)
            : Math.round(Math.max(0, (p[best] - 1 / k) / (1 - 1 / k)) * palette.levels);
        // A tabulated probability may round to the neighbouring level right at a step.
        expect([level - 1, level, level + 1].map((l) => palette.shade(best, l))).toContain(got);
      }
    }
  });
});

describe('steady shading', () => {
  it('keeps last frame’s shade within one level, follows any larger move or a change of class', () => {
    const palette = buildPalette(THEMES.light, classColours('okabe-ito', 2));
    const [n, w] = [12, 12];
    const plot = { x: 0, y: 0, w, h: 1 };
    const grid = { nx: n, ny: 1, xmin: 0, xmax: 1, ymin: 0, ymax: 1 };
    const shader = createShader(grid, 2, plot, palette, 'probability');
    const field = (p1: (i: number) => number) => {
      const proba = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) [proba[2 * i], proba[2 * i + 1]] = [1 - p1(i), p1(i)];
      return proba;
    };
    const level = (p1: number) => Math.round(Math.abs(2 * p1 - 1) * palette.levels);
    const shade = (p1: number) => palette.shade(p1 > 0.5 ? 1 : 0, level(p1));
    const first = (i: number) => 0.55 + 0.035 * i;
    const frame = new Uint8Array(w);
    shader.shade(field(first), frame, w);
    expect([...frame]).toEqual(Array.from({ length: n }, (_, i) => shade(first(i))));
    // Each pixel moves by a different amount: by about one level (even pixels) or by five.
    const step = 1 / (2 * palette.levels);
    const second = (i: number) => first(i) + (i % 2 ? 5 : 1) * step;
    const before = frame.slice();
    shader.shade(field(second), frame, w);
    let held = 0;
    for (let i = 0; i < n; i++) {
      const moved = Math.abs(level(second(i)) - level(first(i)));
      expect(frame[i]).toBe(moved <= 1 ? before[i] : shade(second(i)));
      if (moved === 1) held++;
    }
    expect(held).toBeGreaterThan(2);
    // A change of winner is never held back.
    shader.shade(
      field((i) => 1 - second(i)),
      frame,
      w,
    );
    for (let i = 0; i < n; i++) expect(frame[i]).toBe(shade(1 - second(i)));
  });
});
