/**
 * Where things go in a search's frame: the header of a comparison grid (title, stage, a note and
 * the key), the best-so-far map large, the latest trial's map small beside it, and the
 * leaderboard — under the small map in a wide frame, under both maps otherwise. Pure geometry.
 */
import { type GridLayout, gridLayout } from './grid-layout.js';
import type { Rect } from './layout.js';

export interface SearchLayout {
  /** The header and the two maps (best so far, then the trial), as a grid's layout for its painter. */
  grid: GridLayout;
  best: Rect;
  trial: Rect;
  board: Rect;
  /** The leaderboard's line height (px). */
  line: number;
}

/** Lines of the leaderboard: its heading and the top five. */
export const BOARD_LINES = 6;

/** The smaller of the two maps' sides: under MIN_PANEL_SIDE the frame is too small to read. */
export function searchPanelSide(width: number, height: number): number {
  const { best, trial } = searchLayout(width, height);
  return Math.min(best.w, trial.w);
}

export function searchLayout(width: number, height: number): SearchLayout {
  const head = gridLayout(width, height, { rows: 1, columns: 1, rowLabels: false, titles: 'each' });
  const { text, pad } = head;
  const top = Math.ceil(head.figuresBaseline + pad);
  const headBand = Math.ceil(text * 1.5);
  const underBand = Math.ceil(text * 1.45);
  const gap = Math.ceil(text * 1.2);
  const line = Math.ceil(text * 1.45);
  const boardH = BOARD_LINES * line;
  const room = { w: width - 2 * pad, h: height - top - pad };
  const y = top + headBand;
  let best: Rect;
  let trial: Rect;
  let board: Rect;
  if (width >= 1.25 * height) {
    // Wide: the best map as tall as it fits; at its right a column with the trial over the board.
    const column = Math.round(0.36 * room.w);
    const side = Math.floor(Math.min(room.h - headBand - underBand, room.w - gap - column));
    const columnW = room.w - gap - side;
    const small = Math.max(0, Math.floor(Math.min(columnW, side - gap - boardH)));
    best = { x: pad, y, w: side, h: side };
    trial = { x: pad + side + gap, y, w: small, h: small };
    board = { x: trial.x, y: y + small + underBand + gap, w: columnW, h: boardH };
  } else {
    // Square or tall: the two maps side by side (the trial's at about half size), the board below.
    const side = Math.floor(Math.min(room.h - headBand - underBand - gap - boardH, (room.w - gap) / 1.5));
    const small = Math.min(side, room.w - gap - side);
    best = { x: pad, y, w: side, h: side };
    trial = { x: pad + side + gap, y, w: small, h: small };
    board = { x: pad, y: y + side + underBand + gap, w: room.w, h: boardH };
  }
  return { grid: { ...head, panels: [best, trial], side: best.w }, best, trial, board, line };
}
