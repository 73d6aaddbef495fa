/**
 * The key to a figure's lines ("— model  - - Bayes"), right-aligned on a text line: each entry a
 * short sample of the line, then its name. One drawing serves the caption, the comparison grid's
 * header and the curve panels, so a key looks the same wherever it is.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { font } from './font.js';

export interface KeyEntry {
  name: string;
  /** CSS colour and width (pixels) of the line's sample. */
  colour: string;
  width: number;
  dashed: boolean;
}

/**
 * Draws entries from `right` leftwards on `baseline`, the last entry rightmost, names in
 * `textColour` at `size` pixels; returns where the key starts (its left end).
 */
export function drawLineKey(
  ctx: SKRSContext2D,
  entries: readonly KeyEntry[],
  at: { right: number; baseline: number; size: number; textColour: string },
): number {
  const { size } = at;
  ctx.save();
  ctx.font = font(size);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'alphabetic';
  const midY = at.baseline - size * 0.33;
  let x = at.right;
  for (const entry of [...entries].reverse()) {
    ctx.fillStyle = at.textColour;
    ctx.fillText(entry.name, x, at.baseline);
    x -= ctx.measureText(entry.name).width + size * 0.4;
    ctx.strokeStyle = entry.colour;
    ctx.lineWidth = entry.width;
    ctx.setLineDash(entry.dashed ? [size * 0.35, size * 0.25] : []);
    ctx.beginPath();
    ctx.moveTo(x - size * 1.5, midY);
    ctx.lineTo(x, midY);
    ctx.stroke();
    x -= size * 1.5 + size;
  }
  ctx.restore();
  return x + size;
}
