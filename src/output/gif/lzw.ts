/**
 * GIF's LZW compression (Welch 1984, "A technique for high-performance data compression"; the
 * GIF89a specification, appendix F): variable-length codes of 9 to 12 bits for 8-bit pixels, a
 * clear code when the 4096-entry table is full, packed into sub-blocks of at most 255 bytes.
 *
 * Speed: the string table is an open-addressed hash in one Int32Array (key and code in one word;
 * at most 12 % full, so a lookup is usually one read), a clear empties only the slots used since
 * the last one, the pixels are read straight from the frame (no copy of the rectangle), one row
 * per call (a small function called often gets optimised early in the first frame, where one
 * long loop runs unoptimised for a few frames), and the codes are packed into one reused buffer
 * that is cut into sub-blocks at the end.
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
  /** Between rows: the bits per code, the string written last, and the one being matched. */
  private codeWidth = MIN_CODE_SIZE + 1;
  private prev = -1;
  private ent = 0;
  /** Trie nodes matching the pixels since the string's start (in `nodes` if more than one). */
  private count = 0;
  /** The table slot of the entry made at this string's start, and the pixel it ends with. */
  private at = -1;
  private guess = 0;

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
    const n = rect.w * rect.h;
    if (this.packed.length < 2 * n + 16) this.packed = new Uint8Array(2 * n + 16);
    this.length = 0;
    this.accum = 0;
    this.bits = 0;
    this.reset();
    this.codeWidth = MIN_CODE_SIZE + 1;
    this.put(CLEAR, this.codeWidth);
    this.prev = -1;
    this.count = 0;
    this.at = -1;
    // Row by row: a small function called often is optimised sooner than one long loop.
    for (let y = rect.y; y < rect.y + rect.h; y++) {
      const start = y * width + rect.x;
      this.row(frame, start, start + rect.w, previous, transparent);
    }
    this.endString();
    // End of information, at the width the decoder reads next.
    if (this.free === 1 << this.codeWidth && this.codeWidth < 12) this.codeWidth++;
    this.put(EOI, this.codeWidth);
    if (this.bits > 0) this.packed[this.length++] = this.accum;
    out.byte(MIN_CODE_SIZE);
    out.subBlocks(this.packed, this.length);
  }

  /** Encodes frame[start..end), continuing the string matched so far. */
  private row(frame: Uint8Array, start: number, end: number, previous: Uint8Array | null, transparent: number): void {
    const { table, slot, head, nodes, grown } = this;
    let { ent, count } = this;
    for (let p = start; p < end; p++) {
      const v = frame[p];
      const choice = previous !== null && previous[p] === v && v !== transparent;
      // Extend the string by this pixel if the table has it.
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
      }
      // The string ends before this pixel: write it, and start a new one here.
      this.ent = ent;
      this.count = count;
      this.endString();
      if (this.free === MAX_CODES) {
        // Table full: a clear code, then strings start from single pixels again.
        this.put(CLEAR, this.codeWidth);
        this.reset();
        this.codeWidth = MIN_CODE_SIZE + 1;
        this.prev = -1;
      }
      // The entry the decoder adds on reading the new string's code (the previous string + the
      // new one's first pixel) goes in now, so the string may use it (Welch's KwKwK case); when
      // the first pixel is a choice this is a guess, corrected in endString.
      const prev = this.prev;
      this.at = -1;
      if (prev >= 0) {
        const free = this.free++;
        this.guess = choice && head[prev] !== v ? transparent : v;
        this.at = insert(table, prev, this.guess, free);
        slot[free] = this.at;
        head[free] = head[prev];
        if (free >= 1 << this.codeWidth) this.codeWidth++;
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
    this.ent = ent;
    this.count = count;
  }

  /** Writes the code of the string matched so far, if any. */
  private endString(): void {
    if (this.count === 0) return;
    const ent = this.count > 1 ? this.nodes[0] : this.ent;
    const { table, slot, head } = this;
    if (this.at >= 0 && head[ent] !== this.guess) {
      // It starts with the other choice: that is the entry the decoder adds. (The guess was the
      // latest entry, so emptying its slot breaks no probe sequence.)
      table[this.at] = 0;
      slot[this.free - 1] = insert(table, this.prev, head[ent], this.free - 1);
    }
    this.put(ent, this.codeWidth);
    this.prev = ent;
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
