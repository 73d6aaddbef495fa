/**
 * The code panel as drawn: live lines in ink, dead ones and no-ops grey, changed lines on the
 * highlighter band, the fitness curve's current point; read back from the palette indices.
 */
import { describe, expect, it } from 'vitest';
import type { ListingLine } from '../../src/render/code-listing.js';
import { buildPalette, classColours, THEMES } from '../../src/render/palette.js';
import { createProgramPanel, type ProgramPanelView, programAccents } from '../../src/render/program-panel.js';

const theme = THEMES.light;
const palette = buildPalette(theme, classColours('okabe-ito', 2), programAccents(theme));
const W = 480;
const H = 480;

function view(lines: ListingLine[]): ProgramPanelView {
  return {
    lines,
    evaluations: 2000,
    budget: 10_000,
    bestFitness: 0.9,
    medianFitness: 0.7,
    history: { count: 2, evaluations: [1000, 2000], best: [0.6, 0.9], median: [0.5, 0.7] },
  };
}

/** The panel drawn into a frame, as palette indices. */
function drawn(v: ProgramPanelView): Uint8Array {
  const frame = new Uint8Array(W * H);
  createProgramPanel({ x: 0, y: 0, w: W, h: H }, 1, theme, palette).draw(v, frame, W);
  return frame;
}

const brightness = (index: number) => palette.colours[index].reduce((a, b) => a + b, 0) / 3;

/** The darkest pixel of the code block (above the chart). */
function darkest(frame: Uint8Array): number {
  let min = 255;
  for (let p = 60 * W; p < 250 * W; p++) min = Math.min(min, brightness(frame[p]));
  return min;
}

const header = (text: string): ListingLine => ({ text, kind: 'header', changed: false });
const body = (kind: ListingLine['kind'], changed = false): ListingLine => ({
  text: '  s1 = dot(v0, v1)',
  kind,
  changed,
});
/** The program with its headers in a colour that never shows (so only the instruction counts). */
const lines = (instruction: ListingLine) => [header(''), instruction, header(''), header('')];

describe('program panel', () => {
  it('writes live code in ink and greys dead code and no-ops', () => {
    const live = darkest(drawn(view(lines(body('live')))));
    const dead = darkest(drawn(view(lines(body('dead')))));
    const noop = darkest(drawn(view(lines(body('noop')))));
    expect(live).toBeLessThan(60);
    expect(dead).toBeGreaterThan(live + 60);
    expect(noop).toBe(dead);
  });

  it('puts the lines the last improvement changed on the highlighter band', () => {
    const band = palette.nearest(...programAccents(theme)[0]);
    const count = (frame: Uint8Array) => frame.filter((i) => i === band).length;
    // The key under the code shows the band once; a changed line adds a whole row of it.
    const unchanged = count(drawn(view(lines(body('live')))));
    const changed = count(drawn(view(lines(body('live', true)))));
    expect(changed - unchanged).toBeGreaterThan(400 * 12);
  });

  it('is the same drawing for the same view', () => {
    const v = view(lines(body('live', true)));
    expect(Buffer.from(drawn(v)).equals(Buffer.from(drawn(v)))).toBe(true);
  });
});
