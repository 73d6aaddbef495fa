/**
 * GIF's LZW compression (Welch 1984, "A technique for high-performance data compression"; the
 * GIF89a specification, appendix F): variable-length codes of 9 to 12 bits for 8-bit pixels, a
 * clear code when the 4096-entry table is full, packed into sub-blocks of at most 255 bytes.
 *
 * The string table is a trie stored as a flat array, child[code * 256 + pixel] = code of the
 * longer string (0: none), so a lookup is one array read; a clear zeroes only the entries made
 * since the last one. Codes are packed into one reused buffer and cut into sub-blocks at the end.
 *
 * One extension for frame differencing: a pixel equal to the previous frame's may be written as
 * its own index or as the transparent one (a viewer shows the same either way). Each string is
 * the longest match over both choices (a small set of trie nodes is followed in parallel,
 * transparent first), and a string's table entry is added only once the next string, and so its
 * first pixel, is chosen: the decoder adds (previous string + first pixel of this one) as it
 * reads each code, so the tables agree whichever choice was made. Tests compare every decoded
 * frame with an independent decoder.
 */
import type { ByteBuffer } from './bytes.js';

const MAX_CODES = 4096;
const CLEAR = 256;
const EOI = 257;
const FIRST_FREE = 258;
const MIN_CODE_SIZE = 8;
/** Trie nodes followed at once when pixels may be transparent (more costs time, gains little). */
const CANDIDATES = 4;

export class LzwEncoder {
  /** child[code * 256 + pixel]: the code of that string extended by pixel, 0 if not in the table. */
  private readonly child = new Uint16Array(MAX_CODES * 256);
  /** Where each code made since the last clear sits in `child`, to undo it. */
  private readonly slot = new Int32Array(MAX_CODES);
  /** First pixel of each code's string (the decoder's added entry ends with it). */
  private readonly head = new Uint8Array(MAX_CODES);
  private free = FIRST_FREE;
  private packed = new Uint8Array(1 << 16);
  private readonly nodes = new Int32Array(CANDIDATES);
  private readonly grown = new Int32Array(2 * CANDIDATES);

  constructor() {
    for (let c = 0; c < 256; c++) this.head[c] = c;
  }

  /**
   * Writes the LZW image data of `symbols[0..n)` to `out`. A symbol below 256 is that pixel; from
   * 256 on it is pixel (symbol − 256), which may also be written as `transparent`.
   */
  encode(out: ByteBuffer, symbols: Uint16Array, n: number, transparent: number): void {
    const { child, slot, head, nodes, grown } = this;
    if (this.packed.length < 2 * n + 16) this.packed = new Uint8Array(2 * n + 16);
    const packed = this.packed;
    this.reset();
    let free = FIRST_FREE;
    let width = MIN_CODE_SIZE + 1;
    let accum = CLEAR;
    let bits = width;
    let length = 0;
    let prev = -1;
    let p = 0;
    while (p < n) {
      if (free === MAX_CODES && prev >= 0) {
        // Table full: a clear code (12 bits), then the strings start from single pixels again.
        accum |= CLEAR << bits;
        bits += width;
        while (bits >= 8) {
          packed[length++] = accum & 255;
          accum >>>= 8;
          bits -= 8;
        }
        this.free = free;
        this.reset();
        free = FIRST_FREE;
        width = MIN_CODE_SIZE + 1;
        prev = -1;
      }
      let s = symbols[p];
      // The entry the decoder adds on reading this code (previous string + this one's first
      // pixel) goes in before the match, so the match may use it (Welch's KwKwK case); when the
      // first pixel is a choice this is a guess, corrected below.
      let at = -1;
      let guess = s & 255;
      if (prev >= 0) {
        if (s > 255 && head[prev] !== guess) guess = transparent;
        at = prev * 256 + guess;
        child[at] = free;
        slot[free] = at;
        head[free] = head[prev];
        free++;
        if (free > 1 << width) width++;
      }
      // The longest string from p: one trie node while there is no choice, up to CANDIDATES
      // otherwise (transparent first).
      let ent = s & 255;
      let count = 1;
      if (s > 255) {
        nodes[0] = transparent;
        nodes[1] = ent;
        count = 2;
      }
      let q = p + 1;
      for (; q < n; q++) {
        s = symbols[q];
        if (count === 1) {
          if (s < 256) {
            const k = child[ent * 256 + s];
            if (k === 0) break;
            ent = k;
          } else {
            const t = child[ent * 256 + transparent];
            const k = child[ent * 256 + s - 256];
            if (t !== 0 && k !== 0) {
              nodes[0] = t;
              nodes[1] = k;
              count = 2;
            } else if (t !== 0) ent = t;
            else if (k !== 0) ent = k;
            else break;
          }
          continue;
        }
        let m = 0;
        for (let i = 0; i < count; i++) {
          const base = nodes[i] * 256;
          if (s > 255) {
            const t = child[base + transparent];
            if (t !== 0) grown[m++] = t;
          }
          const k = child[base + (s & 255)];
          if (k !== 0) grown[m++] = k;
        }
        if (m === 0) break;
        if (m === 1) {
          ent = grown[0];
          count = 1;
        } else {
          count = Math.min(m, CANDIDATES);
          for (let i = 0; i < count; i++) nodes[i] = grown[i];
        }
      }
      if (count > 1) ent = nodes[0];
      if (at >= 0 && head[ent] !== guess) {
        // The string starts with the other choice: that is the entry the decoder adds.
        child[at] = 0;
        at = prev * 256 + head[ent];
        child[at] = free - 1;
        slot[free - 1] = at;
      }
      accum |= ent << bits;
      bits += width;
      while (bits >= 8) {
        packed[length++] = accum & 255;
        accum >>>= 8;
        bits -= 8;
      }
      prev = ent;
      p = q;
    }
    // End of information, at the width the decoder reads next.
    if (free === 1 << width && width < 12) width++;
    accum |= EOI << bits;
    bits += width;
    while (bits > 0) {
      packed[length++] = accum & 255;
      accum >>>= 8;
      bits -= 8;
    }
    this.free = free;
    out.byte(MIN_CODE_SIZE);
    out.subBlocks(packed, length);
  }

  /** Empties the table: undoes the entries made since the last reset. */
  private reset(): void {
    const { child, slot } = this;
    for (let code = FIRST_FREE; code < this.free; code++) child[slot[code]] = 0;
    this.free = FIRST_FREE;
  }
}
