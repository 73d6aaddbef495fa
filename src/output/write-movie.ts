/**
 * Streams a movie into its output, one frame pulled, encoded and dropped at a time: a GIF (the
 * frames as drawn, in the movie's palette), an MP4 (H.264, the last frame repeated for `hold`
 * seconds as the GIF holds it) or a PNG (the last frame); optionally also the last frame in full
 * colour (poster) and every frame as PNG, as the output shows it. Every file goes through an atomic file: a failed or interrupted render
 * leaves no output behind.
 */
import { Interrupted, stopSignalOf } from '../errors.js';
import type { ProgramView } from '../models/model.js';
import type { Figures, Movie, MovieFrame, PanelFigures } from '../movie/movie.js';
import type { OutputFormat } from '../plan/output-format.js';
import { type Pixels, TRANSPARENT_INDEX } from '../render/palette.js';
import { type Timings, timed } from '../timings.js';
import { type AtomicFolder, createAtomicFile, createAtomicFolder } from './atomic-file.js';
import { GifWriter } from './gif/writer.js';
import type { Mp4Encoder } from './mp4/encoder.js';
import { rgbaPng } from './png.js';

export interface MovieOutput {
  /** The output's path; '-' sends the bytes to `stdout`. */
  output: string;
  format: OutputFormat;
  stdout?: (chunk: Uint8Array) => void;
  /** Also write the last frame as PNG here ('-': to `stdout`). */
  poster?: string;
  /**
   * The poster's movie where the output's frames are not in full colour (a GIF's): the same
   * animation drawn in full colour, pulled to its last frame after the output is written.
   */
  posterMovie?: () => Movie;
  /** Also write every frame as PNG into this folder (frame-0001.png, ...). */
  framesDir?: string;
  fps: number;
  /** Seconds the last frame stays. */
  hold: number;
  /** Checked between frames: when aborted, the render stops and removes its files. */
  signal?: AbortSignal;
  /** Called after each frame (progress). */
  onFrame?: (frame: number, frames: number) => void;
}

/** The files --frames-dir writes: frame-0001.png, ... (the only files it may replace). */
export function isFrameFile(name: string): boolean {
  return /^frame-\d{4,}\.png$/.test(name);
}

const frameName = (frame: number) => `frame-${String(frame + 1).padStart(4, '0')}.png`;

export interface Written {
  frames: number;
  bytes: number;
  /** The last frame's figures, and a comparison's per model. */
  figures: Figures | null;
  panels?: readonly PanelFigures[];
  /** The last frame's program, for a model that is one. */
  program: ProgramView | null;
}

/** A frame for the GIF writer: a GIF movie's frames are drawn in its 256-colour palette. */
function gifFrame(indices: Pixels): Uint8Array {
  if (!(indices instanceof Uint8Array)) throw new Error('a GIF needs frames drawn in a 256-colour palette');
  return indices;
}

/** A movie's last frame as PNG: every frame pulled (and dropped) up to it. */
async function lastFramePng(movie: Movie, signal: AbortSignal | undefined): Promise<Buffer | null> {
  let last: MovieFrame | null = null;
  for (const shot of movie.frames()) {
    if (signal?.aborted) throw new Interrupted(stopSignalOf(signal.reason));
    last = shot;
    await new Promise<void>((done) => setImmediate(done));
  }
  if (!last) return null;
  const { width, height } = movie;
  return rgbaPng(movie.palette.rgba(last.indices, new Uint8ClampedArray(4 * width * height)), width, height);
}

/** A file, or stdout ('-'). */
interface Destination {
  write(chunk: Uint8Array): void;
  commit(): void;
  abort(): void;
}

function destination(path: string, stdout: ((chunk: Uint8Array) => void) | undefined): Destination {
  if (path !== '-') return createAtomicFile(path);
  return { write: (chunk) => stdout?.(chunk), commit() {}, abort() {} };
}

export async function writeMovie(movie: Movie, out: MovieOutput, timings: Timings): Promise<Written> {
  const { width, height } = movie;
  let file: Destination | null = null;
  let frameFolder: AtomicFolder | null = null;
  let poster: Destination | null = null;
  let mp4: Mp4Encoder | null = null;
  // The frame in full colour (a buffer each frame reuses).
  const rgba = new Uint8ClampedArray(4 * width * height);
  const colour = (shot: MovieFrame) => movie.palette.rgba(shot.indices, rgba);
  try {
    file = destination(out.output, out.stdout);
    const sink = file;
    frameFolder = out.framesDir ? createAtomicFolder(out.framesDir, isFrameFile) : null;
    const gif =
      out.format === 'gif'
        ? new GifWriter(
            {
              width,
              height,
              palette: movie.palette.colours,
              fps: out.fps,
              hold: out.hold,
              transparentIndex: TRANSPARENT_INDEX,
            },
            (chunk) => sink.write(chunk),
          )
        : null;
    if (out.format === 'mp4') {
      // Loaded only for an MP4.
      const { Mp4Encoder } = await import('./mp4/encoder.js');
      mp4 = await Mp4Encoder.create({ width, height, fps: out.fps });
    }
    const encoder = mp4;
    let figures: Figures | null = null;
    let panels: readonly PanelFigures[] | undefined;
    let program: ProgramView | null = null;
    let last: MovieFrame | null = null;
    let frames = 0;
    for (const shot of movie.frames()) {
      if (out.signal?.aborted) throw new Interrupted(stopSignalOf(out.signal.reason));
      if (gif) timed(timings, 'encode', () => gif.push(gifFrame(shot.indices)));
      if (encoder || frameFolder) colour(shot);
      if (encoder) timed(timings, 'encode', () => encoder.push(rgba));
      frameFolder?.write(frameName(shot.frame), rgbaPng(rgba, width, height));
      figures = shot.figures;
      panels = shot.panels;
      program = shot.program ?? null;
      last = shot;
      frames++;
      out.onFrame?.(shot.frame, shot.frames);
      // Let signals and other tasks in between frames.
      await new Promise<void>((done) => setImmediate(done));
    }
    let bytes = 0;
    if (gif) {
      timed(timings, 'encode', () => gif.finish());
      bytes = gif.bytes;
    }
    const lastPng =
      last && (out.format === 'png' || (out.poster && !out.posterMovie)) ? rgbaPng(colour(last), width, height) : null;
    if (encoder && last) {
      const mp4Bytes = timed(timings, 'encode', () => {
        // The hold: the last frame again, `hold` seconds of frames (each costs a few bytes).
        colour(last);
        for (let i = Math.round(out.hold * out.fps); i > 0; i--) encoder.push(rgba);
        return encoder.finish();
      });
      file.write(mp4Bytes);
      bytes = mp4Bytes.length;
    }
    if (out.format === 'png' && lastPng) {
      file.write(lastPng);
      bytes = lastPng.length;
    }
    const posterPng = out.posterMovie ? await lastFramePng(out.posterMovie(), out.signal) : lastPng;
    if (out.poster && posterPng) {
      poster = destination(out.poster, out.stdout);
      poster.write(posterPng);
    }
    // Every file is complete: only renames are left.
    frameFolder?.commit();
    poster?.commit();
    file.commit();
    return { frames, bytes, figures, program, ...(panels ? { panels } : {}) };
  } finally {
    mp4?.close();
    frameFolder?.abort();
    poster?.abort();
    file?.abort();
  }
}
