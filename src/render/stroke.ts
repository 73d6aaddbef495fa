/**
 * Wide antialiased polylines rasterised straight into a coverage mask, for the boundary that
 * moves every frame. A pixel is covered by clamp(h + ½ − d, 0, 1), d being the distance from its
 * centre to the nearest segment and h the half width: the stroke is a union of capsules, so
 * joins and caps come out round, and a straight edge gets the same one-pixel ramp an analytic
 * antialiaser gives it. The canvas could draw these lines as well, but reading its pixels back
 * costs far more than computing them here.
 */
import type { Polyline } from './contours.js';

export class CoverageMask {
  /** Coverage of each pixel, 0..1 (w × h, row-major). */
  readonly coverage: Float32Array;
  /** The pixels with coverage > 0, in the order first reached. */
  touched: Int32Array;
  count = 0;

  constructor(
    readonly w: number,
    readonly h: number,
  ) {
    this.coverage = new Float32Array(w * h);
    this.touched = new Int32Array(1024);
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) this.coverage[this.touched[i]] = 0;
    this.count = 0;
  }

  private touch(p: number, c: number): void {
    if (this.coverage[p] === 0) {
      if (this.count === this.touched.length) {
        const grown = new Int32Array(2 * this.count);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.count++] = p;
    }
    if (c > this.coverage[p]) this.coverage[p] = c;
  }

  /** Adds the segment from (ax, ay) to (bx, by) (pixels), halfWidth wide each side. */
  private segment(ax: number, ay: number, bx: number, by: number, halfWidth: number): void {
    const reach = halfWidth + 0.5;
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
    const x1 = Math.min(this.w - 1, Math.ceil(Math.max(ax, bx) + reach));
    const y0 = Math.max(0, Math.floor(Math.min(ay, by) - reach));
    const y1 = Math.min(this.h - 1, Math.ceil(Math.max(ay, by) + reach));
    const dx = bx - ax;
    const dy = by - ay;
    const length2 = dx * dx + dy * dy;
    for (let y = y0; y <= y1; y++) {
      const cy = y + 0.5 - ay;
      for (let x = x0; x <= x1; x++) {
        const cx = x + 0.5 - ax;
        const t = length2 > 0 ? Math.min(1, Math.max(0, (cx * dx + cy * dy) / length2)) : 0;
        const ex = cx - t * dx;
        const ey = cy - t * dy;
        const c = reach - Math.sqrt(ex * ex + ey * ey);
        if (c > 0) this.touch(y * this.w + x, Math.min(c, 1));
      }
    }
  }

  /**
   * Adds polylines given in grid units: a point (u, v) lands at (u·scaleX, v·scaleY) in this
   * mask's pixels.
   */
  polylines(lines: readonly Polyline[], scaleX: number, scaleY: number, halfWidth: number): void {
    for (const line of lines) {
      for (let i = 2; i < line.length; i += 2) {
        this.segment(line[i - 2] * scaleX, line[i - 1] * scaleY, line[i] * scaleX, line[i + 1] * scaleY, halfWidth);
      }
      if (line.length === 2)
        this.segment(line[0] * scaleX, line[1] * scaleY, line[0] * scaleX, line[1] * scaleY, halfWidth);
    }
  }
}
