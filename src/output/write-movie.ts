/**
 * Streams a movie into its GIF, one frame pulled, encoded and written at a time, and optionally
 * the last frame (poster) and every frame as PNG. Every file goes through an atomic file: a
 * failed or interrupted render leaves no output behind.
 */
import { Interrupted, stopSignalOf } from '../errors.js';
import type { ProgramView } from '../models/model.js';
import type { Figures, Movie, PanelFigures } from '../movie/movie.js';
import { TRANSPARENT_INDEX } from '../render/palette.js';
import { type Timings, timed } from '../timings.js';
import { type AtomicFile, type AtomicFolder, createAtomicFile, createAtomicFolder } from './atomic-file.js';
import { GifWriter } from './gif/writer.js';
import { indexedPng } from './png.js';

export interface MovieOutput {
  /** The GIF's path; '-' sends the bytes to `stdout`. */
  output: string;
  stdout?: (chunk: Uint8Array) => void;
  /** Also write the last frame as PNG here. */
  poster?: string;
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

export async function writeMovie(movie: Movie, out: MovieOutput, timings: Timings): Promise<Written> {
  const file: AtomicFile | null = out.output === '-' ? null : createAtomicFile(out.output);
  let frameFolder: AtomicFolder | null = null;
  let poster: AtomicFile | null = null;
  const sink = file ? (chunk: Uint8Array) => file.write(chunk) : (chunk: Uint8Array) => out.stdout?.(chunk);
  const png = (indices: Uint8Array) => indexedPng(indices, movie.width, movie.height, movie.palette.colours);
  try {
    frameFolder = out.framesDir ? createAtomicFolder(out.framesDir, isFrameFile) : null;
    const writer = new GifWriter(
      {
        width: movie.width,
        height: movie.height,
        palette: movie.palette.colours,
        fps: out.fps,
        hold: out.hold,
        transparentIndex: TRANSPARENT_INDEX,
      },
      sink,
    );
    let figures: Figures | null = null;
    let panels: readonly PanelFigures[] | undefined;
    let program: ProgramView | null = null;
    let last: Uint8Array | null = null;
    for (const shot of movie.frames()) {
      if (out.signal?.aborted) throw new Interrupted(stopSignalOf(out.signal.reason));
      timed(timings, 'encode', () => writer.push(shot.indices));
      frameFolder?.write(frameName(shot.frame), png(shot.indices));
      figures = shot.figures;
      panels = shot.panels;
      program = shot.program ?? null;
      last = shot.indices;
      out.onFrame?.(shot.frame, shot.frames);
      // Let signals and other tasks in between frames.
      await new Promise<void>((done) => setImmediate(done));
    }
    const count = timed(timings, 'encode', () => writer.finish());
    if (out.poster && last) {
      poster = createAtomicFile(out.poster);
      poster.write(png(last));
    }
    // Every file is complete: only renames are left.
    frameFolder?.commit();
    poster?.commit();
    file?.commit();
    return { frames: count, bytes: writer.bytes, figures, program, ...(panels ? { panels } : {}) };
  } finally {
    frameFolder?.abort();
    poster?.abort();
    file?.abort();
  }
}
