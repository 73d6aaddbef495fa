/**
 * Colours, and the one fixed GIF palette of an animation. The palette is laid out in advance
 * (no per-frame quantising, so no flicker): the background, a ramp of greys to the ink colour,
 * and per class a fine ramp from the background towards the class colour (the probability
 * shading, written straight as indices), a coarser ramp on to the full colour and one on to its
 * dark outline (for antialiased points). Overlay pixels (lines, points, text) are mapped to the
 * nearest entry. The last index is kept free, for "unchanged" pixels in frame differencing.
 */

export type RGB = readonly [number, number, number];

/** Okabe & Ito (2008), colour-blind safe; orange and blue first, as TensorFlow Playground's pair. */
const OKABE_ITO = ['#E69F00', '#0072B2', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#000000'];
/** TensorFlow Playground's orange and blue, then Okabe–Ito. */
const PLAYGROUND = ['#F59322', '#0877BD', ...OKABE_ITO.slice(2)];

export interface Theme {
  background: RGB;
  ink: RGB;
  /** Secondary ink: ticks, frame, secondary text. */
  muted: RGB;
  /** The boundaries. */
  line: RGB;
  /** Strongest shading tint (0..1 of the way to the class colour). */
  maxTint: number;
}

export const THEMES: Record<'light' | 'dark', Theme> = {
  light: { background: [255, 255, 255], ink: [34, 34, 34], muted: [110, 110, 110], line: [25, 25, 25], maxTint: 0.36 },
  dark: {
    background: [24, 26, 30],
    ink: [230, 230, 230],
    muted: [150, 150, 155],
    line: [245, 245, 245],
    maxTint: 0.45,
  },
};

export function hexToRgb(hex: string): RGB {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

export function rgbToCss([r, g, b]: RGB, alpha = 1): string {
  return alpha === 1 ? `rgb(${r},${g},${b})` : `rgba(${r},${g},${b},${alpha})`;
}

export function mix(a: RGB, b: RGB, t: number): RGB {
  return [
    Math.round(a[0] + (b[0] - a[0]) * t),
    Math.round(a[1] + (b[1] - a[1]) * t),
    Math.round(a[2] + (b[2] - a[2]) * t),
  ];
}

export function classColours(palette: 'okabe-ito' | 'playground' | readonly string[], classes: number): RGB[] {
  const list = palette === 'okabe-ito' ? OKABE_ITO : palette === 'playground' ? PLAYGROUND : palette;
  return Array.from({ length: classes }, (_, c) => hexToRgb(list[c % list.length]));
}

/**
 * A regression's or a function's colours: the points' first, then one per model (its fitted
 * curve and its path), in that order in a custom list. The named palettes put their blue on the
 * points and Okabe–Ito's vermilion on the first model: strong against the blue and the greys.
 */
export function figureColours(
  palette: 'okabe-ito' | 'playground' | readonly string[],
  theme: Theme,
): { points: RGB; models: RGB[] } {
  const light = theme.background[0] + theme.background[1] + theme.background[2] > 3 * 128;
  // Yellow is lost on white, black on the dark theme's background.
  const last = light ? '#000000' : '#F0E442';
  const list =
    palette === 'okabe-ito'
      ? ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', last]
      : palette === 'playground'
        ? ['#0877BD', '#F59322', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', last]
        : palette;
  return { points: hexToRgb(list[0]), models: list.slice(1).map(hexToRgb) };
}

/** A point's outline: its colour taken towards black on a light background, towards white on a dark one. */
export function outlineOf(colour: RGB, theme: Theme): RGB {
  const light = theme.background[0] + theme.background[1] + theme.background[2] > 3 * 128;
  return mix(colour, light ? [0, 0, 0] : [255, 255, 255], 0.45);
}

export const TRANSPARENT_INDEX = 255;
const GREYS = 24;

/**
 * A frame's pixels as palette indices: one byte each in a GIF palette, four in a full-colour one
 * (see fullColourPalette). Index 0 is the background in both.
 */
export type Pixels = Uint8Array | Uint32Array;

export interface GifPalette {
  /** The GIF's 256 RGB entries; in a full-colour palette, the colour of any index. */
  colours: readonly RGB[];
  /** Whether indices are colours themselves (fullColourPalette), not entries of a 256-colour table. */
  fullColour: boolean;
  /** A frame of `size` pixels, all background. */
  newFrame(size: number): Pixels;
  /** The index of a colour the palette holds exactly (a landscape's filled contours). */
  exact(colour: RGB): number;
  /** A frame's colours as RGBA (opaque) in `out`, which it returns. */
  rgba(indices: Pixels, out: Uint8ClampedArray): Uint8ClampedArray;
  /** Shading levels per class (index 0 of a ramp is the background). */
  levels: number;
  /** Palette index of class c shaded at level l (0 = background, levels = maxTint). */
  shade(c: number, level: number): number;
  /** Nearest palette entry to an RGB colour (cached). */
  nearest(r: number, g: number, b: number): number;
}

/**
 * The palette of an animation: the background, the greys, `fixed` colours as they are (the
 * filled contours of a loss landscape), then a ramp for each class colour.
 */
export function buildPalette(theme: Theme, classColour: readonly RGB[], fixed: readonly RGB[] = []): GifPalette {
  const k = classColour.length;
  const extra = k <= 3 ? 8 : 4;
  const free = 255 - 1 - GREYS - fixed.length - k * 2 * extra;
  const levels = Math.floor(free / k);
  const colours: RGB[] = [theme.background];
  for (let i = 1; i <= GREYS; i++) colours.push(mix(theme.background, theme.ink, i / GREYS));
  colours.push(...fixed);
  const rampStart: number[] = [];
  for (let c = 0; c < k; c++) {
    rampStart.push(colours.length);
    for (let l = 1; l <= levels; l++) colours.push(mix(theme.background, classColour[c], (theme.maxTint * l) / levels));
    for (let e = 1; e <= extra; e++) {
      colours.push(mix(theme.background, classColour[c], theme.maxTint + ((1 - theme.maxTint) * e) / extra));
    }
    for (let e = 1; e <= extra; e++) colours.push(mix(classColour[c], outlineOf(classColour[c], theme), e / extra));
  }
  const usable = colours.length;
  while (colours.length < 256) colours.push(colours.length === TRANSPARENT_INDEX ? [255, 0, 255] : theme.background);

  // 6 bits per channel is finer than antialiasing needs; 0 marks "not computed yet". Each cell
  // answers for its centre, so the result never depends on which colour asked first (frames drawn
  // in any order, or by another renderer with the same palette, map colours alike).
  const cache = new Int16Array(1 << 18);
  const nearest = (red: number, green: number, blue: number): number => {
    const key = ((red >> 2) << 12) | ((green >> 2) << 6) | (blue >> 2);
    const hit = cache[key];
    if (hit !== 0) return hit - 1;
    const r = (red & ~3) + 1.5;
    const g = (green & ~3) + 1.5;
    const b = (blue & ~3) + 1.5;
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let i = 0; i < usable; i++) {
      const p = colours[i];
      // Weighted for perceived difference ("redmean"-like weights, cheap).
      const d = 2 * (p[0] - r) ** 2 + 4 * (p[1] - g) ** 2 + 3 * (p[2] - b) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    cache[key] = best + 1;
    return best;
  };
  return {
    colours,
    fullColour: false,
    newFrame: (size) => new Uint8Array(size),
    exact: (c) => colours.findIndex((p) => p[0] === c[0] && p[1] === c[1] && p[2] === c[2]),
    rgba(indices, out) {
      for (let p = 0, o = 0; p < indices.length; p++, o += 4) {
        const c = colours[indices[p]];
        out[o] = c[0];
        out[o + 1] = c[1];
        out[o + 2] = c[2];
        out[o + 3] = 255;
      }
      return out;
    },
    levels,
    shade: (c, level) => (level <= 0 ? 0 : rampStart[c] + Math.min(level, levels) - 1),
    nearest,
  };
}

/** Shading levels per class of a full-colour palette: finer than 8-bit colour can show. */
const FULL_COLOUR_LEVELS = 1024;

/**
 * The palette of full-colour frames (MP4, PNG): every index is a colour, 24-bit RGB exclusive-or
 * the background's, so that index 0 stays the background as in a GIF palette. Nothing is
 * quantised: `nearest` is exact, and the shading ramps have FULL_COLOUR_LEVELS steps. The same
 * renderers draw with either palette; only a GIF needs the 256-colour one.
 */
export function fullColourPalette(theme: Theme, classColour: readonly RGB[]): GifPalette {
  const background = (theme.background[0] << 16) | (theme.background[1] << 8) | theme.background[2];
  const index = (r: number, g: number, b: number) => ((r << 16) | (g << 8) | b) ^ background;
  const colourOf = (i: number): RGB => {
    const v = i ^ background;
    return [(v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  };
  const ramps = classColour.map((colour) =>
    Array.from({ length: FULL_COLOUR_LEVELS + 1 }, (_, l) => {
      const [r, g, b] = mix(theme.background, colour, (theme.maxTint * l) / FULL_COLOUR_LEVELS);
      return index(r, g, b);
    }),
  );
  // Indexing reads the colour out of the index: colours[frame[p]] works as with a GIF palette.
  const colours = new Proxy([] as RGB[], {
    get: (target, key) => {
      const i = typeof key === 'string' ? Number(key) : Number.NaN;
      return Number.isInteger(i) ? colourOf(i) : Reflect.get(target, key);
    },
  });
  return {
    colours,
    fullColour: true,
    newFrame: (size) => new Uint32Array(size),
    exact: (c) => index(c[0], c[1], c[2]),
    rgba(indices, out) {
      for (let p = 0, o = 0; p < indices.length; p++, o += 4) {
        const v = indices[p] ^ background;
        out[o] = (v >>> 16) & 255;
        out[o + 1] = (v >>> 8) & 255;
        out[o + 2] = v & 255;
        out[o + 3] = 255;
      }
      return out;
    },
    levels: FULL_COLOUR_LEVELS,
    shade: (c, level) => (level <= 0 ? 0 : ramps[c][Math.min(level, FULL_COLOUR_LEVELS)]),
    nearest: index,
  };
}
