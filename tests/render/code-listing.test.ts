/** Which lines of a program a code panel shows, and the note for those it leaves out. */
import { describe, expect, it } from 'vitest';
import { fitListing, hiddenNote, type ListingKind, type ListingLine } from '../../src/render/code-listing.js';

const line = (kind: ListingKind, text: string): ListingLine => ({ kind, text, changed: false });

/** Setup with two no-ops and a dead line, Predict with one live line, Learn with `learn` live lines. */
function program(learn: number): ListingLine[] {
  return [
    line('header', 'def Setup():'),
    line('noop', '  no_op'),
    line('noop', '  no_op'),
    line('dead', '  s3 = 0.5'),
    line('header', 'def Predict(v0):'),
    line('live', '  s1 = dot(v0, v1)'),
    line('header', 'def Learn(v0, s0):'),
    ...Array.from({ length: learn }, (_, i) => line('live', `  s2 = s${i} - s1`)),
  ];
}

describe('code listing', () => {
  it('shows every line, greyed ones too, while there is room', () => {
    const all = program(2);
    const listing = fitListing(all, all.length);
    expect(listing.lines).toEqual(all);
    expect(hiddenNote(listing.hidden)).toBe('');
  });

  it('leaves out no-ops first, then dead lines, keeping a row for the note', () => {
    const all = program(2); // 9 lines
    const noNoops = fitListing(all, 8);
    expect(noNoops.lines.map((l) => l.kind)).not.toContain('noop');
    expect(noNoops.lines.map((l) => l.kind)).toContain('dead');
    expect(noNoops.hidden).toEqual({ noop: 2, dead: 0, cut: 0 });
    expect(hiddenNote(noNoops.hidden)).toBe('# 2 no-ops not shown');
    const liveOnly = fitListing(all, 7);
    expect(liveOnly.lines.every((l) => l.kind === 'header' || l.kind === 'live')).toBe(true);
    expect(liveOnly.lines).toHaveLength(6);
    expect(hiddenNote(liveOnly.hidden)).toBe('# 2 no-ops and 1 dead line not shown');
  });

  it('cuts the longest function when the live code alone is too long, keeping every header', () => {
    const listing = fitListing(program(10), 9);
    const texts = listing.lines.map((l) => l.text);
    expect(texts.filter((t) => t.startsWith('def '))).toHaveLength(3);
    expect(texts).toContain('  s1 = dot(v0, v1)');
    expect(texts.at(-1)).toBe('  …');
    // 8 rows of code and one for the note.
    expect(listing.lines).toHaveLength(8);
    expect(listing.hidden.cut).toBe(10 - 3);
    expect(hiddenNote(listing.hidden)).toBe('# 2 no-ops, 1 dead line and 7 more lines not shown');
  });
});
