/**
 * Which lines of a printed program a code panel of `rows` lines shows. The paper prints only the
 * instructions that matter (Real et al. 2020, Fig. 1 and 5); a panel shows the others greyed
 * while there is room, and makes room by leaving out first the no-ops, then the dead
 * instructions (those that cannot affect the prediction), then, if the live code alone is too
 * long, its last lines. What was left out is counted, for a note in place of the last row.
 */

export type ListingKind = 'header' | 'live' | 'dead' | 'noop';

export interface ListingLine {
  text: string;
  kind: ListingKind;
  /** Changed by the latest improvement (highlighted). */
  changed: boolean;
}

export interface Listing {
  lines: ListingLine[];
  /** Lines left out: no-ops, dead instructions, and live lines cut at the end for want of room. */
  hidden: { noop: number; dead: number; cut: number };
}

export function fitListing(lines: readonly ListingLine[], rows: number): Listing {
  const hidden = { noop: 0, dead: 0, cut: 0 };
  if (lines.length <= rows) return { lines: [...lines], hidden };
  // Something is left out: one row goes to the note that says what.
  const room = Math.max(0, rows - 1);
  let shown = lines.filter((l) => l.kind !== 'noop');
  hidden.noop = lines.length - shown.length;
  if (shown.length > room) {
    const before = shown.length;
    shown = shown.filter((l) => l.kind !== 'dead');
    hidden.dead = before - shown.length;
  }
  if (shown.length > room) {
    hidden.cut = shown.length - room;
    shown = shown.slice(0, room);
  }
  return { lines: shown, hidden };
}

/** The note for what a listing left out, e.g. "# 4 no-ops and 2 dead lines not shown"; '' when nothing was. */
export function hiddenNote({ noop, dead, cut }: Listing['hidden']): string {
  const parts = [
    noop > 0 ? `${noop} no-op${noop === 1 ? '' : 's'}` : '',
    dead > 0 ? `${dead} dead line${dead === 1 ? '' : 's'}` : '',
    cut > 0 ? `${cut} more line${cut === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  if (parts.length === 0) return '';
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `# ${list} not shown`;
}
