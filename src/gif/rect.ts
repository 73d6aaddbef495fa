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

/** Whether some pixel of `rect` changed from `previous` to `frame` and now has index `value`. */
export function changesTo(frame: Uint8Array, previous: Uint8Array, width: number, rect: Rect, value: number): boolean {
  if (frame.indexOf(value) < 0) return false; // the usual case, found by a fast native scan
  for (let y = rect.y; y < rect.y + rect.h; y++) {
    for (let p = y * width + rect.x, end = p + rect.w; p < end; p++) {
      if (frame[p] === value && previous[p] !== value) return true;
    }
  }
  return false;
}
