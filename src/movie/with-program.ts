/**
 * A figure movie with the code panel of an evolved algorithm beside it (the model's steps carry
 * the program it is: Step.program): the figure — the classification map or the regression's fit —
 * as a square at the left, and at the right the best program so far, printed as the paper prints
 * it, over the search's fitness curve (render/program-panel.ts). A frame narrower than twice its
 * height is widened to that, so the code has the room of the figure itself.
 */

import { blit } from '../render/grid-frame.js';
import type { Rect } from '../render/layout.js';
import type { Theme } from '../render/palette.js';
import { createProgramPanel } from '../render/program-panel.js';
import type { Movie, MovieFrame } from './movie.js';

export interface ProgramSplit {
  width: number;
  height: number;
  /** The figure's frame size (drawn at the top left). */
  figure: { width: number; height: number };
  /** Where the code panel goes. */
  panel: Rect;
}

/** The frame of a figure with a code panel: at least twice as wide as it is high. */
export function programFrame(width: number, height: number): { width: number; height: number } {
  return { width: Math.max(width, 2 * height), height };
}

/** The figure a square of the frame's height (at most half its width), the code panel the rest. */
export function programSplit(width: number, height: number): ProgramSplit {
  const side = Math.min(height, Math.floor(width / 2));
  return { width, height, figure: { width: side, height }, panel: { x: side, y: 0, w: width - side, h: height } };
}

export function withProgram(figure: Movie, split: ProgramSplit, theme: Theme): Movie {
  const { width, height } = split;
  const frame = figure.palette.newFrame(width * height);
  const panel = createProgramPanel(split.panel, Math.min(split.panel.w, height) / 480, theme, figure.palette);
  return {
    width,
    height,
    palette: figure.palette,
    *frames(): Generator<MovieFrame, void, undefined> {
      for (const shot of figure.frames()) {
        frame.fill(0);
        blit(shot.indices, frame, width, { x: 0, y: 0, w: split.figure.width, h: split.figure.height });
        if (shot.program) panel.draw(shot.program, frame, width);
        yield { ...shot, indices: frame };
      }
    },
  };
}
