/**
 * A search's leaderboard: a heading, then one line per configuration, best first — rank, model,
 * the options drawn for it (cut to fit), the sample it was scored after (successive halving)
 * and its validation accuracy, right-aligned in fixed-width figures so they do not jump between
 * frames. The newest trial's line, when it is on the board, is bold with a marker. Drawn on the
 * caller's transparent canvas (grid-frame.ts composites it into the frame).
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { font } from './font.js';
import type { Rect } from './layout.js';
import { rgbToCss, type Theme } from './palette.js';
import { ellipsize } from './text-fit.js';

export interface BoardRow {
  rank: number;
  model: string;
  options: string;
  /** "n 75" under successive halving, else ''. */
  sample: string;
  score: string;
  newest: boolean;
}

export interface Board {
  heading: string;
  /** The score column's heading, e.g. "validation". */
  scoreHeading: string;
  rows: BoardRow[];
}

export function drawLeaderboard(
  ctx: SKRSContext2D,
  rect: Rect,
  line: number,
  text: number,
  theme: Theme,
  board: Board,
): void {
  const ink = rgbToCss(theme.ink);
  const muted = rgbToCss(theme.muted);
  const right = rect.x + rect.w;
  ctx.textBaseline = 'alphabetic';
  let y = rect.y + text;
  ctx.font = font(text, true);
  ctx.fillStyle = ink;
  ctx.textAlign = 'left';
  ctx.fillText(board.heading, rect.x, y);
  ctx.font = font(text);
  ctx.fillStyle = muted;
  ctx.textAlign = 'right';
  ctx.fillText(board.scoreHeading, right, y);
  // A rule under the heading.
  ctx.strokeStyle = muted;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(rect.x, Math.round(y + text * 0.4) + 0.5);
  ctx.lineTo(right, Math.round(y + text * 0.4) + 0.5);
  ctx.stroke();

  ctx.font = font(text, true);
  const scoreW = ctx.measureText('0.000').width;
  const sampleW = board.rows.some((r) => r.sample) ? ctx.measureText('n 0000').width + text * 0.8 : 0;
  const rankW = ctx.measureText('0').width + text;
  const modelW = Math.max(0, ...board.rows.map((r) => ctx.measureText(r.model).width)) + text * 0.7;
  for (const row of board.rows) {
    y += line;
    const bold = row.newest;
    ctx.font = font(text, bold);
    ctx.fillStyle = ink;
    ctx.textAlign = 'right';
    ctx.fillText(row.score, right, y);
    if (row.sample) {
      ctx.fillStyle = muted;
      ctx.fillText(row.sample, right - scoreW - text * 0.8, y);
    }
    ctx.textAlign = 'left';
    ctx.fillStyle = bold ? ink : muted;
    ctx.fillText(bold ? `${row.rank}▸` : `${row.rank}`, rect.x, y);
    ctx.fillStyle = ink;
    ctx.fillText(row.model, rect.x + rankW, y);
    const optionsX = rect.x + rankW + modelW;
    const room = right - scoreW - sampleW - text * 0.8 - optionsX;
    ctx.fillStyle = bold ? ink : muted;
    if (room > text) ctx.fillText(ellipsize(ctx, row.options, room), optionsX, y);
  }
}
