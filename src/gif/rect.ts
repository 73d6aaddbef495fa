/** The rectangle that bounds every pixel that changed between two frames. */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Bounding rectangle of the pixels where `a` and `b` (width × height indices) differ; null if none. */
export function changedRect(a: Uint8Array, b: Uint8Array, width: number, height: number): Rect | null {
  let top = -1;
  let bottom = -1;
  let left = width;
  let right = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    // Leftmost difference in this row, if any; then the rightmost, scanning back.
    let x = 0;
    while (x < width && a[row + x] === b[row + x]) x++;
    if (x === width) continue;
    if (top < 0) top = y;
    bottom = y;
    if (x < left) left = x;
    let r = width - 1;
    while (r > right && a[row + r] === b[row + r]) r--;
    if (r > right) right = r;
  }
  return top < 0 ? null : { x: left, y: top, w: right - left + 1, h: bottom - top + 1 };
}

/**
 * The LZW encoder's symbols for `rect` of `frame` (width-wide), row after row: the pixel, plus 256
 * where it equals `previous` there (so it may be written transparent). If a pixel that changed
 * has the transparent index itself, the frame cannot use transparency: plain pixels, and false.
 */
export function rectSymbols(
  frame: Uint8Array,
  previous: Uint8Array | null,
  width: number,
  rect: Rect,
  transparent: number,
  symbols: Uint16Array,
): boolean {
  if (previous === null && rect.w === width) {
    symbols.set(frame.subarray(rect.y * width, (rect.y + rect.h) * width));
    return false;
  }
  let clash = previous === null;
  let i = 0;
  for (let y = rect.y; y < rect.y + rect.h; y++) {
    for (let p = y * width + rect.x, end = p + rect.w; p < end; p++, i++) {
      const v = frame[p];
      if (previous === null) symbols[i] = v;
      else if (previous[p] === v) symbols[i] = v === transparent ? v : v + 256;
      else {
        symbols[i] = v;
        if (v === transparent) clash = true;
      }
    }
  }
  if (clash && previous !== null) for (let j = 0; j < i; j++) symbols[j] &= 255;
  return !clash;
}
