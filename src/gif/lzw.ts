/**
 * GIF's LZW compression (Welch 1984, "A technique for high-performance data compression"; the
 * GIF89a specification, appendix F): variable-length codes of 9 to 12 bits for 8-bit pixels, a
 * clear code when the 4096-entry table is full, packed into sub-blocks of at most 255 bytes. The
 * string table is a hash table with double hashing, as in Unix compress (and gifenc).
 *
 * One extension for frame differencing: a pixel equal to the previous frame's may be written as
 * its own index or as the transparent one (a viewer shows the same either way). The encoder takes
 * the transparent index when that extends the current string or starts a new one, and the
 * pixel's own index when only that extends it: long transparent runs, and gradients that moved
 * only partly still match strings already in the table.
 */
import type { ByteBuffer } from './bytes.js';
import type { Rect } from './rect.js';

const BITS = 12;
const HSIZE = 5003;
const HSHIFT = 4; // log2(65536 / HSIZE) rounded, for the primary hash
const CLEAR = 256;
const EOI = 257;
const MIN_CODE_SIZE = 8;

export class LzwEncoder {
  private readonly htab = new Int32Array(HSIZE);
  private readonly codetab = new Int32Array(HSIZE);
  private readonly block = new Uint8Array(255);

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
    const { htab, codetab, block } = this;
    htab.fill(-1);
    let free = CLEAR + 2;
    let nBits = MIN_CODE_SIZE + 1;
    let maxcode = (1 << nBits) - 1;
    let clearFlag = false;
    let accum = 0;
    let bits = 0;
    let count = 0;

    /** One byte into the current sub-block; a full block (255 bytes) goes out with its length. */
    const put = (b: number): void => {
      block[count++] = b;
      if (count === 255) {
        out.byte(255);
        out.bytes(block, 255);
        count = 0;
      }
    };

    const output = (code: number): void => {
      accum = bits > 0 ? (accum & ((1 << bits) - 1)) | (code << bits) : code;
      bits += nBits;
      while (bits >= 8) {
        put(accum & 255);
        accum >>= 8;
        bits -= 8;
      }
      // The code width grows once the next free code no longer fits; a clear resets it.
      if (clearFlag) {
        nBits = MIN_CODE_SIZE + 1;
        maxcode = (1 << nBits) - 1;
        clearFlag = false;
      } else if (free > maxcode) {
        nBits++;
        maxcode = nBits === BITS ? 1 << BITS : (1 << nBits) - 1;
      }
    };

    /** The code of string ent + c, or −1 − (the free slot where it would go). */
    const find = (ent: number, c: number): number => {
      const key = (c << BITS) + ent;
      let i = (c << HSHIFT) ^ ent;
      if (htab[i] === key) return codetab[i];
      const disp = i === 0 ? 1 : HSIZE - i;
      while (htab[i] >= 0) {
        i -= disp;
        if (i < 0) i += HSIZE;
        if (htab[i] === key) return codetab[i];
      }
      return -1 - i;
    };

    out.byte(MIN_CODE_SIZE);
    output(CLEAR);
    const start = rect.y * width + rect.x;
    let ent = previous !== null && previous[start] === frame[start] ? transparent : frame[start];
    let first = true;
    for (let y = rect.y; y < rect.y + rect.h; y++) {
      for (let p = y * width + rect.x, end = p + rect.w; p < end; p++) {
        if (first) {
          first = false;
          continue;
        }
        const v = frame[p];
        const may = previous !== null && previous[p] === v;
        const c = may ? transparent : v;
        // The primary hash slot usually answers: checked here, without a call.
        const slot = (c << HSHIFT) ^ ent;
        if (htab[slot] === (c << BITS) + ent) {
          ent = codetab[slot];
          continue;
        }
        const found = find(ent, c);
        if (found >= 0) {
          ent = found;
          continue;
        }
        if (may) {
          const own = find(ent, v);
          if (own >= 0) {
            ent = own;
            continue;
          }
        }
        output(ent);
        if (free < 1 << BITS) {
          const at = -1 - found;
          codetab[at] = free++;
          htab[at] = (c << BITS) + ent;
        } else {
          htab.fill(-1);
          free = CLEAR + 2;
          clearFlag = true;
          output(CLEAR);
        }
        ent = c;
      }
    }
    output(ent);
    output(EOI);
    while (bits > 0) {
      put(accum & 255);
      accum >>= 8;
      bits -= 8;
    }
    if (count > 0) {
      out.byte(count);
      out.bytes(block, count);
    }
    out.byte(0);
  }
}
