/**
 * A post-pass over the MP4 that h264-mp4-encoder (libmp4v2) writes, on its bytes, re-encoding
 * nothing:
 * - the creation and modification times of mvhd, tkhd and mdhd are set to 0: libmp4v2 writes the
 *   wall clock there, the only thing that differs between two encodes of the same frames, and
 *   the same scenario and seed must give the same bytes;
 * - an stss box lists the sync samples: without one, ISO/IEC 14496-12 §8.6.2 means "every sample
 *   is a sync sample", and a player that seeks (Chromium does, to loop) starts decoding at a
 *   P picture and shows a stale frame;
 * - "faststart": moov goes before mdat, so a browser can start playing before the whole file has
 *   arrived; every chunk offset (stco) moves by what moved ahead of the media data.
 */
import { type Box, boxesIn, CONTAINERS, childrenOf, concat, findBox, makeBox, readU32, writeU32 } from './boxes.js';
import { syncSamples } from './sync-samples.js';

/** The boxes whose times are zeroed, and where their (version 0, 32-bit) times are. */
const TIMED = new Set(['mvhd', 'tkhd', 'mdhd']);

export function finishMp4(input: Uint8Array): Uint8Array {
  const top = boxesIn(input, 0, input.length);
  const find = (type: string) => {
    const box = top.find((b) => b.type === type);
    if (!box) throw new Error(`MP4: no ${type} box`);
    return box;
  };
  const ftyp = find('ftyp');
  const moov = find('moov');
  const mdat = find('mdat');
  const stbl = findBox(input, moov, ['trak', 'mdia', 'minf', 'stbl']);
  if (!stbl) throw new Error('MP4: no sample table');
  const sync = syncSamples(input, stbl);

  const finished = rebuild(input, moov, (box) => {
    if (box.type === 'stbl' && !childrenOf(input, box).some((b) => b.type === 'stss')) return [stss(sync)];
    return [];
  });
  // What comes before mdat in the new file: ftyp, then moov (libmp4v2's free padding is dropped).
  const before = top.filter((b) => b.start < mdat.start && b.type !== 'ftyp' && b.type !== 'moov' && b.type !== 'free');
  const after = top.filter((b) => b.start > mdat.start && b.type !== 'moov' && b.type !== 'free');
  const mdatAt = ftyp.size + finished.length + before.reduce((sum, b) => sum + b.size, 0);
  shiftChunkOffsets(finished, mdatAt - mdat.start);
  const bytesOf = (b: Box) => input.subarray(b.start, b.start + b.size);
  return concat([bytesOf(ftyp), finished, ...before.map(bytesOf), bytesOf(mdat), ...after.map(bytesOf)]);
}

/**
 * A copy of a box with its times zeroed, containers rebuilt from their children and `extra`'s
 * boxes appended to a container.
 */
function rebuild(bytes: Uint8Array, box: Box, extra: (box: Box) => Uint8Array[]): Uint8Array {
  if (!CONTAINERS.has(box.type)) {
    const copy = bytes.slice(box.start, box.start + box.size);
    if (TIMED.has(box.type)) zeroTimes(copy, box.type);
    return copy;
  }
  const children = childrenOf(bytes, box).map((child) => rebuild(bytes, child, extra));
  const payload = concat([...children, ...extra(box)]);
  return makeBox(box.type, payload);
}

/** mvhd, tkhd, mdhd version 0: version and flags, then the 32-bit creation and modification times. */
function zeroTimes(box: Uint8Array, type: string): void {
  if (box[8] !== 0) throw new Error(`MP4: ${type} version ${box[8]} (64-bit times) is not handled`);
  writeU32(box, 12, 0);
  writeU32(box, 16, 0);
}

/** The sync sample box: a full box (version 0), the count, the 1-based sample numbers. */
function stss(samples: readonly number[]): Uint8Array {
  const payload = new Uint8Array(8 + 4 * samples.length);
  writeU32(payload, 4, samples.length);
  for (const [i, n] of samples.entries()) writeU32(payload, 8 + 4 * i, n);
  return makeBox('stss', payload);
}

/** Adds `shift` to every chunk offset of every track in a (rebuilt) moov, in place. */
function shiftChunkOffsets(moov: Uint8Array, shift: number): void {
  const visit = (box: Box) => {
    if (box.type === 'co64') throw new Error('MP4: 64-bit chunk offsets are not handled');
    if (box.type === 'stco') {
      const count = readU32(moov, box.start + 12);
      for (let i = 0; i < count; i++) {
        const at = box.start + 16 + 4 * i;
        writeU32(moov, at, readU32(moov, at) + shift);
      }
    }
    if (CONTAINERS.has(box.type)) for (const child of childrenOf(moov, box)) visit(child);
  };
  visit({ type: 'moov', start: 0, size: moov.length });
}
