/**
 * Reading and writing the boxes of an MP4 file (ISO/IEC 14496-12, the ISO base media file
 * format): each box is a 32-bit big-endian size, a four-character type, then its payload, which
 * for the container boxes listed here is more boxes. Only what finish.ts needs of the files
 * h264-mp4-encoder (libmp4v2) writes: 32-bit sizes, no 64-bit or to-the-end boxes.
 */

export interface Box {
  type: string;
  /** Offset of the box's first byte (its size field). */
  start: number;
  /** Bytes, header included. */
  size: number;
}

/** The boxes that hold only boxes, on the way from moov to the sample tables. */
export const CONTAINERS: ReadonlySet<string> = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts']);

export function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

export function writeU32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24;
  bytes[at + 1] = (value >>> 16) & 255;
  bytes[at + 2] = (value >>> 8) & 255;
  bytes[at + 3] = value & 255;
}

/** The boxes one after another in [start, end). */
export function boxesIn(bytes: Uint8Array, start: number, end: number): Box[] {
  const out: Box[] = [];
  for (let at = start; at < end; ) {
    const size = readU32(bytes, at);
    if (size < 8 || at + size > end) throw new Error(`MP4: a box of ${size} bytes at ${at} does not fit`);
    out.push({ type: String.fromCharCode(...bytes.subarray(at + 4, at + 8)), start: at, size });
    at += size;
  }
  return out;
}

/** The boxes inside a container box. */
export function childrenOf(bytes: Uint8Array, box: Box): Box[] {
  return boxesIn(bytes, box.start + 8, box.start + box.size);
}

/** The first box down a path of types (["trak", "mdia", …]) inside `box`, or null. */
export function findBox(bytes: Uint8Array, box: Box, path: readonly string[]): Box | null {
  let at: Box | null = box;
  for (const type of path) {
    at = at ? (childrenOf(bytes, at).find((b) => b.type === type) ?? null) : null;
  }
  return at;
}

/** A box's bytes from its type and payload. */
export function makeBox(type: string, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  writeU32(out, 0, out.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(payload, 8);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
