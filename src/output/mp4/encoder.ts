/**
 * H.264 in MP4 through h264-mp4-encoder (MIT; the minimal H.264 encoder minih264 and libmp4v2,
 * compiled to WebAssembly: no ffmpeg, no native build). Loaded on first use, so a GIF render
 * never pays for its 1 MB of code. Settings, as measured on the bench's figures (docs/output.md):
 * baseline profile (what every browser, slide program and QuickTime decodes), a fixed quantiser
 * of 28, a key frame every ten seconds, speed 3 of 0–10 (half the time of 0 for a few per cent
 * more bytes). Frames go in one at a time as I420 (yuv.ts); the encoder keeps only the
 * compressed file, in its own memory, which finish.ts then completes.
 */
import { createRequire } from 'node:module';
import type { H264MP4Encoder } from 'h264-mp4-encoder';
import { finishMp4 } from './finish.js';
import { rgbaToI420 } from './yuv.js';

export interface Mp4Options {
  width: number;
  height: number;
  fps: number;
}

const QUANTISER = 28;
const SPEED = 3;
const KEY_FRAME_SECONDS = 10;

type EncoderModule = { createH264MP4Encoder(): Promise<H264MP4Encoder> };
let loaded: EncoderModule | undefined;

/**
 * The encoder's module, without the process-wide handlers its Emscripten glue installs: an
 * 'uncaughtException' handler that rethrows (Node then prints a megabyte of minified code and
 * exits 7) and an 'unhandledRejection' handler that aborts the WebAssembly module. Errors are
 * the command line's to report.
 */
function encoderModule(): EncoderModule {
  if (loaded) return loaded;
  const exceptions = new Set(process.listeners('uncaughtException'));
  const rejections = new Set(process.listeners('unhandledRejection'));
  loaded = createRequire(import.meta.url)('h264-mp4-encoder') as EncoderModule;
  for (const l of process.listeners('uncaughtException')) if (!exceptions.has(l)) process.off('uncaughtException', l);
  for (const l of process.listeners('unhandledRejection')) if (!rejections.has(l)) process.off('unhandledRejection', l);
  return loaded;
}

/** Names in the encoder's file system, which all encoders of a thread share. */
let encoders = 0;

export class Mp4Encoder {
  private readonly yuv: Uint8Array;
  private readonly file: string;
  private finalized = false;
  private closed = false;
  frames = 0;

  private constructor(
    private readonly encoder: H264MP4Encoder,
    private readonly options: Mp4Options,
  ) {
    this.yuv = new Uint8Array((options.width * options.height * 3) / 2);
    this.file = `mlgif-${++encoders}.mp4`;
    Object.assign(encoder, {
      width: options.width,
      height: options.height,
      frameRate: options.fps,
      quantizationParameter: QUANTISER,
      speed: SPEED,
      groupOfPictures: Math.max(1, Math.round(KEY_FRAME_SECONDS * options.fps)),
      outputFilename: this.file,
    });
    encoder.initialize();
  }

  /** An encoder for frames of an even width and height. */
  static async create(options: Mp4Options): Promise<Mp4Encoder> {
    if (options.width % 2 !== 0 || options.height % 2 !== 0) {
      throw new Error(`MP4 needs an even width and height, not ${options.width}×${options.height}`);
    }
    return new Mp4Encoder(await encoderModule().createH264MP4Encoder(), options);
  }

  /** Adds a frame (RGBA, width × height; the alpha is ignored). */
  push(rgba: Uint8Array | Uint8ClampedArray): void {
    rgbaToI420(rgba, this.options.width, this.options.height, this.yuv);
    this.encoder.addFrameYuv(this.yuv);
    this.frames++;
  }

  /** The finished MP4's bytes; the encoder is freed. */
  finish(): Uint8Array {
    try {
      this.finalized = true;
      this.encoder.finalize();
      return finishMp4(this.encoder.FS.readFile(this.file));
    } finally {
      this.close();
    }
  }

  /** Frees the encoder and its file (after finish, or when the render fails or is stopped). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    // The encoder aborts (and prints to stderr) when deleted before it was finalized.
    if (!this.finalized) this.encoder.finalize();
    try {
      this.encoder.FS.unlink(this.file);
    } catch {
      // Not written yet.
    }
    this.encoder.delete();
  }
}
