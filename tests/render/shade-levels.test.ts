/** render.levels: the probability shading in N bands (matplotlib's contourf look). */
import { describe, expect, it } from 'vitest';
import { buildPalette, classColours, THEMES } from '../../src/render/palette.js';
import { createShader } from '../../src/render/shade.js';
import { run, tempDir, tiny, writeScenario } from '../cli-helpers.js';

/** A k-class grid whose winner's probability sweeps from 1/k to 1 (and the winner changes). */
function sweep(k: number, nx: number, ny: number): Float32Array {
  const proba = new Float32Array(k * nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const winner = j % k;
      const best = 1 / k + ((1 - 1 / k) * i) / (nx - 1);
      for (let c = 0; c < k; c++) proba[k * (j * nx + i) + c] = c === winner ? best : (1 - best) / (k - 1);
    }
  }
  return proba;
}

/** Distinct palette indices per class ramp in a shaded frame. */
function shadesPerClass(k: number, bands: number | undefined): number[] {
  const palette = buildPalette(THEMES.light, classColours('okabe-ito', k));
  const nx = 64;
  const ny = 2 * k;
  const plot = { x: 0, y: 0, w: 256, h: 4 * ny };
  const frame = new Uint8Array(plot.w * plot.h);
  createShader({ nx, ny, xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, k, plot, palette, 'probability', bands).shade(
    sweep(k, nx, ny),
    frame,
    plot.w,
  );
  const classOf = new Map<number, number>();
  for (let c = 0; c < k; c++) for (let l = 1; l <= palette.levels; l++) classOf.set(palette.shade(c, l), c);
  const seen = Array.from({ length: k }, () => new Set<number>());
  for (const index of frame) {
    const c = classOf.get(index);
    if (c !== undefined) seen[c].add(index);
  }
  return seen.map((s) => s.size);
}

describe('render.levels', () => {
  it.each([
    [2, 4],
    [2, 7],
    [3, 5],
    [5, 10],
  ])('%i classes in %i bands: at most that many shades per class', (k, n) => {
    const banded = shadesPerClass(k, n);
    for (const count of banded) {
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThanOrEqual(n);
    }
    // The smooth default shows many more: the bands are what limits them.
    for (const count of shadesPerClass(k, undefined)) expect(count).toBeGreaterThan(n);
  });

  it.each([
    ['a regression', { data: '{ source: sine, n: 40, test: 0 }', model: '{ type: linear, degree: 3, epochs: 5 }' }],
    ['class shading', { render: '{ width: 160, height: 160, grid: 20, shading: class }' }],
  ])('is refused with %s, where it would change nothing', async (_name, sections) => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', tiny(sections));
    const result = await run(['validate', file, '--set', 'render.levels=5']);
    expect(result.stderr).toMatch(/render\.levels/);
    expect(result.code).toBe(2);
  });
});
