/**
 * GIF's LZW compression (Welch 1984, "A technique for high-performance data compression"; the
 * GIF89a specification, appendix F): variable-length codes of 9 to 12 bits for 8-bit pixels, a
 * clear code when the 4096-entry table is full, packed into sub-blocks of at most 255 bytes.
 *
 * Speed: the string table is an open-addressed hash in one small Int32Array (key and code in
 * one word, so a lookup is usually one read), a clear empties only the slots used since the last
 * one, the pixels are read straight from the frame (no copy of the rectangle), and the codes are
 * packed into one reused buffer that is cut into sub-blocks at the end.
 *
 * One extension for frame differencing: a pixel equal to the previous frame's may be written as
 * its own index or as the transparent one (a viewer shows the same either way). A string that
 * starts at such a pixel follows both choices in parallel (a small set of trie nodes) while both
 * match; a single string then prefers transparent and takes the pixel's own index only where
 * that alone extends it (following both at every pixel gains under 1 % for 20 % more time).
 * Because the first pixel is chosen only when the string ends, the table entry the decoder adds
 * on reading a code (previous string + this string's first pixel) is guessed at the start, so the
 * string may use it (Welch's KwKwK case), and corrected at the end if the other choice won.
 * Tests decode every frame with an independent decoder.
 */
import type { ByteBuffer } from './bytes.js';
import type { Rect } from './rect.js';

const MAX_CODES = 4096;
const CLEAR = 256;
const EOI = 257;
const FIRST_FREE = 258;
const MIN_CODE_SIZE = 8;
/** Trie nodes followed at once from a string's start (more costs time, gains little). */
const CANDIDATES = 4;
const TABLE_BITS = 15;
const TABLE_SIZE = 1 << TABLE_BITS;

/** The code of string `ent` + `pixel` in `table`, 0 if none. */
function find(table: Int32Array, ent: number, pixel: number): number {
  const key = (ent << 8) | pixel;
  let i = Math.imul(key, 0x9e3779b1) >>> (32 - TABLE_BITS);
  for (;;) {
    const e = table[i];
    if (e === 0) return 0;
    if (e >>> 12 === key) return e & 4095;
    i = (i + 1) & (TABLE_SIZE - 1);
  }
}

/** Adds string `ent` + `pixel` as `code`; returns its slot. */
function insert(table: Int32Array, ent: number, pixel: number, code: number): number {
  const key = (ent << 8) | pixel;
  let i = Math.imul(key, 0x9e3779b1) >>> (32 - TABLE_BITS);
  while (table[i] !== 0) i = (i + 1) & (TABLE_SIZE - 1);
  table[i] = (key << 12) | code;
  return i;
}

export class LzwEncoder {
  /** Open-addressed hash (linear probing): (code << 8 | pixel) << 12 | longer code; 0 = empty. */
  private readonly table = new Int32Array(TABLE_SIZE);
  /** Where each code made since the last clear sits in `table`, to undo it. */
  private readonly slot = new Int32Array(MAX_CODES);
  /** First pixel of each code's string (the decoder's added entry ends with it). */
  private readonly head = new Uint8Array(MAX_CODES);
  private free = FIRST_FREE;
  private readonly nodes = new Int32Array(CANDIDATES);
  private readonly grown = new Int32Array(2 * CANDIDATES);
  /** The packed codes: whole bytes so far, and the bits not yet a whole byte. */
  private packed = new Uint8Array(1 << 16);
  private length = 0;
  private accum = 0;
  private bits = 0;

  constructor() {
    for (let c = 0; c < 256; c++) this.head[c] = c;
  }

  /**
   * Writes the LZW image data of `rect` of `frame` (width-wide palette indices) to `out`. Where
   * `previous` is given, pixels equal to it may become `transparent`.
   */
  encode(
    out: ByteBuffer,
    frame: Uint8Array,
    width: number,
    rect: Rect,
    previous: Uint8Array | null,
    transparent: number,
  ): void {
    const { table, slot, head, nodes, grown } = this;
    const n = rect.w * rect.h;
    if (this.packed.length < 2 * n + 16) this.packed = new Uint8Array(2 * n + 16);
    this.length = 0;
    this.accum = 0;
    this.bits = 0;
    this.reset();
    let free = FIRST_FREE;
    let codeWidth = MIN_CODE_SIZE + 1;
    this.put(CLEAR, codeWidth);
    let prev = -1; // the string written last
    let ent = 0; // the string being matched, when count is 1
    let count = 0; // trie nodes that match the pixels since the string's start (in nodes if > 1)
    let at = -1; // the table slot of the entry made at this string's start
    let guess = 0; // the pixel that entry ends with
    let p = rect.y * width + rect.x;
    for (let row = 0; row < rect.h; row++, p += width - rect.w) {
      for (const end = p + rect.w; p < end; p++) {
        const v = frame[p];
        const choice = previous !== null && previous[p] === v && v !== transparent;
        // Extend the string by this pixel if the table has it (either choice, transparent first).
        if (count === 1) {
          if (!choice) {
            const k = find(table, ent, v);
            if (k !== 0) {
              ent = k;
              continue;
            }
          } else {
            // Transparent first (long transparent runs), the pixel's own index only where
            // transparent does not extend the string (gradients that moved only partly).
            const t = find(table, ent, transparent);
            if (t !== 0) {
              ent = t;
              continue;
            }
            const k = find(table, ent, v);
            if (k !== 0) {
              ent = k;
              continue;
            }
          }
        } else if (count > 1) {
          let m = 0;
          for (let i = 0; i < count; i++) {
            if (choice) {
              const t = find(table, nodes[i], transparent);
              if (t !== 0) grown[m++] = t;
            }
            const k = find(table, nodes[i], v);
            if (k !== 0) grown[m++] = k;
          }
          if (m === 1) {
            ent = grown[0];
            count = 1;
            continue;
          }
          if (m > 1) {
            count = Math.min(m, CANDIDATES);
            for (let i = 0; i < count; i++) nodes[i] = grown[i];
            continue;
          }
          ent = nodes[0];
        }
        // The string ends before this pixel: write its code.
        if (count !== 0) {
          if (at >= 0 && head[ent] !== guess) {
            // It starts with the other choice: that is the entry the decoder adds. (The guess was
            // the latest entry, so emptying its slot breaks no probe sequence.)
            table[at] = 0;
            slot[free - 1] = insert(table, prev, head[ent], free - 1);
          }
          this.put(ent, codeWidth);
          prev = ent;
        }
        if (free === MAX_CODES) {
          // Table full: a clear code, then strings start from single pixels again.
          this.put(CLEAR, codeWidth);
          this.free = free;
          this.reset();
          free = FIRST_FREE;
          codeWidth = MIN_CODE_SIZE + 1;
          prev = -1;
        }
        // A new string starts at this pixel. The entry the decoder adds on reading its code
        // (the previous string + this one's first pixel) goes in now, so the string may use it
        // (Welch's KwKwK case); when the first pixel is a choice this is a guess, corrected above.
        at = -1;
        if (prev >= 0) {
          guess = choice && head[prev] !== v ? transparent : v;
          at = insert(table, prev, guess, free);
          slot[free] = at;
          head[free] = head[prev];
          free++;
          if (free > 1 << codeWidth) codeWidth++;
        }
        if (choice) {
          nodes[0] = transparent;
          nodes[1] = v;
          count = 2;
        } else {
          ent = v;
          count = 1;
        }
      }
    }
    if (count > 1) ent = nodes[0];
    if (at >= 0 && head[ent] !== guess) {
      table[at] = 0;
      slot[free - 1] = insert(table, prev, head[ent], free - 1);
    }
    this.put(ent, codeWidth);
    // End of information, at the width the decoder reads next.
    if (free === 1 << codeWidth && codeWidth < 12) codeWidth++;
    this.put(EOI, codeWidth);
    if (this.bits > 0) this.packed[this.length++] = this.accum;
    this.free = free;
    out.byte(MIN_CODE_SIZE);
    out.subBlocks(this.packed, this.length);
  }

  /** Appends a code of `width` bits, least significant bit first. */
  private put(code: number, width: number): void {
    let accum = this.accum | (code << this.bits);
    let bits = this.bits + width;
    while (bits >= 8) {
      this.packed[this.length++] = accum & 255;
      accum >>>= 8;
      bits -= 8;
    }
    this.accum = accum;
    this.bits = bits;
  }

  /** Empties the table: undoes the entries made since the last reset. */
  private reset(): void {
    const { table, slot } = this;
    for (let code = FIRST_FREE; code < this.free; code++) table[slot[code]] = 0;
    this.free = FIRST_FREE;
  }
}
