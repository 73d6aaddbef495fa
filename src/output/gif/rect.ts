/** The rectangle that bounds every pixel that changed between two frames, and what is in it. */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Bounding rectangle of the pixels where `a` and `b` (width × height indices) differ; null if none. */
export function changedRect(a: Uint8Array, b: Uint8Array, width: number, height: number): Rect | null {
  // The first and last differences give the top and bottom rows.
  const n = width * height;
  let first = 0;
  while (first < n && a[first] === b[first]) first++;
  if (first === n) return null;
  let last = n - 1;
  while (a[last] === b[last]) last--;
  const top = Math.floor(first / width);
  const bottom = Math.floor(last / width);
  let left = first - top * width;
  let right = last - bottom * width;
  if (right < left) [left, right] = [right, left];
  // In between, a row only needs scanning outside the columns already known to change.
  for (let y = top; y <= bottom; y++) {
    const row = y * width;
    let x = 0;
    while (x < left && a[row + x] === b[row + x]) x++;
    left = x;
    let r = width - 1;
    while (r > right && a[row + r] === b[row + r]) r--;
    right = r;
  }
  return { x: left, y: top, w: right - left + 1, h: bottom - top + 1 };
}

/** Whether some pixel of `rect` changed from `previous` to `frame` and now has index `value`. */
export function changesTo(frame: Uint8Array, previous: Uint8Array, width: number, rect: Rect, value: number): boolean {
  for (let y = rect.y; y < rect.y + rect.h; y++) {
    for (let p = y * width + rect.x, end = p + rect.w; p < end; p++) {
      if (frame[p] === value && previous[p] !== value) return true;
    }
  }
  return false;
}
