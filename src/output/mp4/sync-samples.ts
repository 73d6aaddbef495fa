/**
 * The sync samples of an H.264 track: the samples a player can start decoding at, i.e. those
 * holding an IDR picture (NAL unit type 5, ITU-T H.264 §7.4.1.2). The sample table (stsz sizes,
 * stsc samples per chunk, stco chunk offsets; ISO/IEC 14496-12 §8.7) locates each sample; the
 * avcC record (ISO/IEC 14496-15 §5.2.4.1) says how long the NAL units' length fields are.
 */
import { type Box, findBox, readU32 } from './boxes.js';

/** 1-based numbers of the samples whose first picture NAL unit is an IDR slice. */
export function syncSamples(bytes: Uint8Array, stbl: Box): number[] {
  const table = (type: string) => {
    const box = findBox(bytes, stbl, [type]);
    if (!box) throw new Error(`MP4: no ${type} box`);
    return box.start;
  };
  const stsz = table('stsz');
  const stsc = table('stsc');
  const stco = table('stco');
  const stsd = findBox(bytes, stbl, ['stsd']);
  // stsd: full box header, entry count, then the avc1 sample entry, whose boxes follow its 78
  // bytes of visual sample entry fields.
  const avc1 = stsd && { type: 'avc1', start: stsd.start + 16, size: readU32(bytes, stsd.start + 16) };
  const avcC = avc1 && findBox(bytes, { ...avc1, start: avc1.start + 78, size: avc1.size - 78 }, ['avcC']);
  if (!avcC) throw new Error('MP4: no avcC record');
  const lengthSize = (bytes[avcC.start + 8 + 4] & 3) + 1;

  const samples = readU32(bytes, stsz + 16);
  const fixedSize = readU32(bytes, stsz + 12);
  const sizeOf = (i: number) => fixedSize || readU32(bytes, stsz + 20 + 4 * i);
  const chunks = readU32(bytes, stco + 12);
  const runs = readU32(bytes, stsc + 12);
  /** Samples in chunk c (1-based): the last run starting at or before it. */
  const perChunk = (c: number) => {
    let n = 0;
    for (let r = 0; r < runs && readU32(bytes, stsc + 16 + 12 * r) <= c; r++) n = readU32(bytes, stsc + 20 + 12 * r);
    return n;
  };

  const sync: number[] = [];
  let sample = 0;
  for (let c = 1; c <= chunks && sample < samples; c++) {
    let at = readU32(bytes, stco + 12 + 4 * c);
    for (let k = perChunk(c); k > 0 && sample < samples; k--, sample++) {
      if (startsWithIdr(bytes, at, at + sizeOf(sample), lengthSize)) sync.push(sample + 1);
      at += sizeOf(sample);
    }
  }
  return sync;
}

/** Whether the first picture (slice) NAL unit in a sample is an IDR slice; SEI and the like may come first. */
function startsWithIdr(bytes: Uint8Array, start: number, end: number, lengthSize: number): boolean {
  for (let at = start; at + lengthSize < end; ) {
    let length = 0;
    for (let i = 0; i < lengthSize; i++) length = length * 256 + bytes[at + i];
    const type = bytes[at + lengthSize] & 31;
    if (type === 5) return true;
    if (type >= 1 && type <= 4) return false;
    at += lengthSize + length;
  }
  return false;
}
