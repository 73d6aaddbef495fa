/**
 * Which lines of a printed program a code panel of `rows` lines shows. The paper prints only the
 * instructions that matter (Real et al. 2020, Fig. 1 and 5); a panel shows the others greyed
 * while there is room, and makes room by leaving out first the no-ops, then the dead
 * instructions (those that cannot affect the prediction), then, if the live code alone is too
 * long, the last lines of the longest component functions, each cut marked by a line "…". The
 * headers always stay. What was left out is counted, for a note in place of the last row.
 */

export type ListingKind = 'header' | 'live' | 'dead' | 'noop';

export interface ListingLine {
  text: string;
  kind: ListingKind;
  /** Changed by the latest improvement (highlighted). */
  changed: boolean;
}

export interface Listing {
  /** The lines shown; a cut is a line of kind 'noop' whose text is "…". */
  lines: ListingLine[];
  /** Lines left out: no-ops, dead instructions, and live lines cut for want of room. */
  hidden: { noop: number; dead: number; cut: number };
}

/** The line that stands for the instructions cut from the end of a component function. */
const CUT: ListingLine = { text: '  …', kind: 'noop', changed: false };

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
  if (shown.length <= room) return { lines: shown, hidden };
  const blocks = components(shown);
  // Each cut block gains a "…" line: take one instruction more from the block being cut.
  const kept = blocks.map((b) => b.length - 1);
  const cut = blocks.map(() => false);
  const rowsOf = () => kept.reduce((a, k, i) => a + 1 + k + (cut[i] ? 1 : 0), 0);
  while (rowsOf() > room) {
    let longest = -1;
    for (let i = 0; i < kept.length; i++) if (kept[i] > 0 && (longest < 0 || kept[i] > kept[longest])) longest = i;
    if (longest < 0) break;
    kept[longest] -= cut[longest] ? 1 : Math.min(2, kept[longest]);
    cut[longest] = true;
  }
  const out: ListingLine[] = [];
  blocks.forEach((block, i) => {
    out.push(...block.slice(0, 1 + kept[i]));
    if (cut[i]) out.push(CUT);
    hidden.cut += block.length - 1 - kept[i];
  });
  return { lines: out, hidden };
}

/** The lines split at each header: one block per component function. */
function components(lines: readonly ListingLine[]): ListingLine[][] {
  const blocks: ListingLine[][] = [];
  for (const line of lines) {
    if (line.kind === 'header' || blocks.length === 0) blocks.push([line]);
    else blocks[blocks.length - 1].push(line);
  }
  return blocks;
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
