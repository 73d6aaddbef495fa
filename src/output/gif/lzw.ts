/**
 * GIF's LZW compression (Welch 1984, "A technique for high-performance data compression"; the
 * GIF89a specification, appendix F): variable-length codes of 9 to 12 bits for 8-bit pixels, a
 * clear code when the 4096-entry table is full, packed into sub-blocks of at most 255 bytes.
 *
 * The string table is an open-addressed hash in one Int32Array (key and code in one word; at
 * most 12 % full, so a lookup is usually one read), several times faster here than a Map. A
 * clear empties only the slots used since the last one.
 *
 * For frame differencing, a pixel equal to the previous frame's is written as the transparent
 * index: the viewer shows the old pixel, and runs of them compress to long strings. Tests decode
 * every frame with an independent decoder.
 */
import type { ByteBuffer } from './bytes.js';
import type { Rect } from './rect.js';

const MAX_CODES = 4096;
const CLEAR = 256;
const EOI = 257;
const FIRST_FREE = 258;
const MIN_CODE_SIZE = 8;
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
  private free = FIRST_FREE;
  /** The packed codes: whole bytes so far, and the bits not yet a whole byte. */
  private packed = new Uint8Array(1 << 16);
  private length = 0;
  private accum = 0;
  private bits = 0;
  /** Between rows: the bits per code, and the code of the string matched so far (−1: none yet). */
  private codeWidth = MIN_CODE_SIZE + 1;
  private ent = -1;

  /**
   * Writes the LZW image data of `rect` of `frame` (width-wide palette indices) to `out`. Where
   * `previous` is given, pixels equal to it are written as `transparent`.
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
    this.put(CLEAR);
    this.ent = -1;
    for (let y = rect.y; y < rect.y + rect.h; y++) {
      const start = y * width + rect.x;
      this.row(frame, start, start + rect.w, previous, transparent);
    }
    this.put(this.ent);
    // The decoder adds an entry on reading that last code: end of information at the width it
    // then reads.
    if (this.free >= 1 << this.codeWidth && this.codeWidth < 12) this.codeWidth++;
    this.put(EOI);
    if (this.bits > 0) this.packed[this.length++] = this.accum;
    out.byte(MIN_CODE_SIZE);
    out.subBlocks(this.packed, this.length);
  }

  /** Encodes frame[start..end), continuing the string matched so far. */
  private row(frame: Uint8Array, start: number, end: number, previous: Uint8Array | null, transparent: number): void {
    const { table } = this;
    let ent = this.ent;
    for (let p = start; p < end; p++) {
      const pixel = previous !== null && previous[p] === frame[p] ? transparent : frame[p];
      if (ent < 0) {
        ent = pixel;
        continue;
      }
      const longer = find(table, ent, pixel);
      if (longer !== 0) {
        ent = longer;
        continue;
      }
      // The string ends before this pixel: write it, add it + this pixel to the table (the entry
      // the decoder adds on reading the next code), and start a new string here.
      this.put(ent);
      if (this.free < MAX_CODES) {
        this.slot[this.free] = insert(table, ent, pixel, this.free);
        this.free++;
        if (this.free > 1 << this.codeWidth) this.codeWidth++;
      } else {
        // Table full: a clear code, then strings start from single pixels again.
        this.put(CLEAR);
        this.reset();
      }
      ent = pixel;
    }
    this.ent = ent;
  }

  /** Appends a code at the current width, least significant bit first. */
  private put(code: number): void {
    let accum = this.accum | (code << this.bits);
    let bits = this.bits + this.codeWidth;
    while (bits >= 8) {
      this.packed[this.length++] = accum & 255;
      accum >>>= 8;
      bits -= 8;
    }
    this.accum = accum;
    this.bits = bits;
  }

  /** Empties the table (undoing the entries made since the last reset) and starts again at 9 bits. */
  private reset(): void {
    const { table, slot } = this;
    for (let code = FIRST_FREE; code < this.free; code++) table[slot[code]] = 0;
    this.free = FIRST_FREE;
    this.codeWidth = MIN_CODE_SIZE + 1;
  }
}
