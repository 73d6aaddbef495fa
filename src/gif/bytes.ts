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
