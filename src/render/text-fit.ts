/** Text that must fit a place: cut with an ellipsis, or measured for the widest it will be. */
import type { SKRSContext2D } from '@napi-rs/canvas';

/** Fits `text` into `room` pixels in the context's current font, cutting it with an ellipsis when needed. */
export function ellipsize(ctx: SKRSContext2D, text: string, room: number): string {
  if (ctx.measureText(text).width <= room) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > room) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * A stage label as wide as any of its movie's: every number written with as many digits as the
 * longest number in it ("tree 1 / 100" → "tree 000 / 000"), so a layout measured on it does not
 * change as the counts grow.
 */
export function widestStage(label: string): string {
  const digits = Math.max(0, ...(label.match(/\d+/g) ?? []).map((run) => run.length));
  return label.replace(/\d+/g, '0'.repeat(digits));
}
