/**
 * Decodes MP4 files with independent decoders, for tests: mp4box.js demuxes (the avcC parameter
 * sets and the length-prefixed NAL units of each sample), h264decoder (h264bsd compiled to
 * WebAssembly, baseline profile) decodes, and the pictures are turned back into RGB with the
 * BT.601 limited-range inverse (what an H.264 stream without colour information means). No
 * ffmpeg.
 */
import { H264Decoder } from 'h264decoder';
import { createFile, MP4BoxBuffer } from 'mp4box';

export interface DecodedMp4 {
  width: number;
  height: number;
  /** Codec string, e.g. avc1.42c01e (0x42: baseline profile). */
  codec: string;
  /** Samples in the file, and whether each is a sync sample. */
  sync: boolean[];
  /** Track duration in seconds. */
  seconds: number;
  /** The decoded pictures as RGBA, in order. */
  frames: Uint8ClampedArray[];
}

function clamp(v: number): number {
  return Math.min(255, Math.max(0, v));
}

/** I420 (coded size cw × ch) → RGBA cropped to w × h. */
function i420ToRgba(pic: Uint8Array, cw: number, ch: number, w: number, h: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(w * h * 4);
  const u0 = cw * ch;
  const v0 = u0 + (cw / 2) * (ch / 2);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const Y = 1.164383 * (pic[y * cw + x] - 16);
      const c = (y >> 1) * (cw >> 1) + (x >> 1);
      const U = pic[u0 + c] - 128;
      const V = pic[v0 + c] - 128;
      const o = (y * w + x) * 4;
      out[o] = clamp(Math.round(Y + 1.596027 * V));
      out[o + 1] = clamp(Math.round(Y - 0.391762 * U - 0.812968 * V));
      out[o + 2] = clamp(Math.round(Y + 2.017232 * U));
      out[o + 3] = 255;
    }
  }
  return out;
}

export function decodeMp4(bytes: Uint8Array): DecodedMp4 {
  const file = createFile();
  // biome-ignore lint/suspicious/noExplicitAny: mp4box's info and sample objects are loosely typed
  let info: any = null;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const samples: any[] = [];
  let error: unknown = null;
  file.onError = (_module: string, message: string) => {
    error = message;
  };
  file.onReady = (ready) => {
    info = ready;
    const track = ready.videoTracks[0];
    if (track) {
      file.setExtractionOptions(track.id, null, { nbSamples: track.nb_samples });
      file.start();
    }
  };
  file.onSamples = (_id, _user, got) => {
    samples.push(...got);
  };
  const buffer = MP4BoxBuffer.fromArrayBuffer(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    0,
  );
  file.appendBuffer(buffer);
  file.flush();
  if (error) throw new Error(`mp4box: ${error}`);
  if (!info) throw new Error('mp4box: no moov');
  const track = info.videoTracks[0];
  // biome-ignore lint/suspicious/noExplicitAny: the sample entry's avcC box
  const avcC = (file.getTrackById(track.id) as any).mdia.minf.stbl.stsd.entries[0].avcC;
  const lengthSize = avcC.lengthSizeMinusOne + 1;
  const decoder = new H264Decoder();
  // h264bsd answers ERROR to parameter sets yet keeps them; only slices' answers count.
  // biome-ignore lint/suspicious/noExplicitAny: avcC parameter set entries
  for (const set of [...avcC.SPS, ...avcC.PPS] as any[]) decoder.decode(set.data ?? set.nalu);
  const frames: Uint8ClampedArray[] = [];
  for (const sample of samples) {
    const data: Uint8Array = sample.data;
    for (let at = 0; at < data.length; ) {
      let length = 0;
      for (let k = 0; k < lengthSize; k++) length = length * 256 + data[at + k];
      const nal = data.subarray(at + lengthSize, at + lengthSize + length);
      at += lengthSize + length;
      const status = decoder.decode(nal);
      const type = nal[0] & 31;
      if (status === H264Decoder.PIC_RDY) {
        frames.push(i420ToRgba(decoder.pic, decoder.width, decoder.height, track.video.width, track.video.height));
      } else if (status >= H264Decoder.ERROR && (type === 1 || type === 5)) {
        throw new Error(`h264decoder: status ${status} in sample ${frames.length}`);
      }
    }
  }
  return {
    width: track.video.width,
    height: track.video.height,
    codec: track.codec,
    sync: samples.map((s) => Boolean(s.is_sync)),
    seconds: track.duration / track.timescale,
    frames,
  };
}
