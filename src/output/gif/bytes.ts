/** A growable byte buffer: the GIF writer's output between flushes to the sink. */
export class ByteBuffer {
  private data: Uint8Array;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.data = new Uint8Array(capacity);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    const grown = new Uint8Array(Math.max(this.data.length * 2, this.length + extra));
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }

  byte(b: number): void {
    this.reserve(1);
    this.data[this.length++] = b;
  }

  /** The first `count` bytes of `source` (all of it by default). */
  bytes(source: ArrayLike<number>, count = source.length): void {
    this.reserve(count);
    if (source instanceof Uint8Array) this.data.set(source.subarray(0, count), this.length);
    else for (let i = 0; i < count; i++) this.data[this.length + i] = source[i];
    this.length += count;
  }

  /**
   * The first `count` bytes of `source` as GIF data sub-blocks (a length byte, then up to 255
   * bytes), ended by the empty block.
   */
  subBlocks(source: Uint8Array, count: number): void {
    this.reserve(count + Math.ceil(count / 255) + 1);
    const { data } = this;
    let at = this.length;
    for (let from = 0; from < count; from += 255) {
      const size = Math.min(255, count - from);
      data[at++] = size;
      data.set(source.subarray(from, from + size), at);
      at += size;
    }
    data[at++] = 0;
    this.length = at;
  }

  /** Little-endian 16-bit value. */
  short(v: number): void {
    this.byte(v & 255);
    this.byte((v >> 8) & 255);
  }

  /** The bytes written since the last reset (a view: copy before the next write). */
  view(): Uint8Array {
    return this.data.subarray(0, this.length);
  }

  reset(): void {
    this.length = 0;
  }
}
