import { describe, expect, it } from 'vitest';
import { gridLayout } from '../../src/render/grid-frame.js';
import { outside } from '../../src/render/layout.js';

describe('outside', () => {
  it.each([
    [960, 360, 3, 8],
    [600, 600, 2, 2],
    [500, 300, 1, 5],
  ])('with the panels, covers a %i×%i frame of %i×%i panels exactly once', (width, height, rows, columns) => {
    const { panels } = gridLayout(width, height, { rows, columns, rowLabels: rows > 1, titles: 'top' });
    const count = new Uint8Array(width * height);
    for (const r of [...outside(width, height, panels), ...panels]) {
      for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) count[y * width + x]++;
    }
    expect(count.every((c) => c === 1)).toBe(true);
  });
});
