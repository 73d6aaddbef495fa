/** The full-colour palette: indices are colours, nothing is quantised, 0 is the background. */
import { describe, expect, it } from 'vitest';
import { buildPalette, classColours, fullColourPalette, THEMES } from '../../src/render/palette.js';

describe.each(['light', 'dark'] as const)('fullColourPalette (%s theme)', (theme) => {
  const colours = classColours('okabe-ito', 3);
  const palette = fullColourPalette(THEMES[theme], colours);

  it('gives every colour an index of its own, read back exactly', () => {
    const seen = new Set<number>();
    for (let r = 0; r < 256; r += 15) {
      for (let g = 1; g < 256; g += 17) {
        for (let b = 2; b < 256; b += 19) {
          const i = palette.nearest(r, g, b);
          expect(palette.colours[i]).toEqual([r, g, b]);
          seen.add(i);
        }
      }
    }
    expect(seen.size).toBe(18 * 15 * 14);
    const rgba = palette.rgba(Uint32Array.of(palette.nearest(1, 2, 3), 0), new Uint8ClampedArray(8));
    expect([...rgba]).toEqual([1, 2, 3, 255, ...THEMES[theme].background, 255]);
  });

  it('keeps index 0 as the background, as the GIF palette does', () => {
    expect(palette.colours[0]).toEqual([...THEMES[theme].background]);
    expect(palette.shade(1, 0)).toBe(0);
    expect(palette.newFrame(4)).toEqual(new Uint32Array(4));
  });

  it('shades as the GIF palette does, in finer steps', () => {
    const gif = buildPalette(THEMES[theme], colours);
    for (let c = 0; c < 3; c++) {
      for (const sure of [0.1, 0.5, 1]) {
        const fine = palette.colours[palette.shade(c, Math.round(sure * palette.levels))];
        const coarse = gif.colours[gif.shade(c, Math.round(sure * gif.levels))];
        for (let k = 0; k < 3; k++) expect(Math.abs(fine[k] - coarse[k])).toBeLessThanOrEqual(1);
      }
    }
    const ramp = new Set(Array.from({ length: palette.levels + 1 }, (_, l) => palette.shade(0, l)));
    expect(ramp.size).toBeGreaterThan(gif.levels + 1);
  });
});
