/**
 * The seam between the kinds of figure (one model, a comparison grid, a sweep: single.ts,
 * compare.ts, sweep.ts) and the tasks (a classification map, a regression's fit, a function's
 * landscape): a movie asks a Panel for one data set's side of the figure — its data drawn from
 * the seed, its scene set, its figures — and then for the frames of a model trained on it; each
 * frame draws itself when asked. Which panel a task gets is panelKind's (panels.ts), so a new task
 * adds a panel, not a movie.
 */
import type { Window } from '../grid.js';
import type { ProgramView } from '../models/model.js';
import type { AnimationMode, DataChoice, ModelChoice } from '../plan/plan.js';
import type { GifPalette, Pixels, RGB } from '../render/palette.js';
import type { Scenario } from '../scenario/schema.js';
import type { Timings } from '../timings.js';
import type { Figures } from './movie.js';

/** How a panel's frames advance: the model's stages, a growing sample, or only its final fit (a sweep's frame). */
export type Pace = AnimationMode | 'final';

export interface PanelRequest {
  data: DataChoice;
  scenario: Scenario;
  timings: Timings;
  /** Caption title and subtitle (a comparison's panels have none). */
  title: string;
  subtitle: string;
  /** The frame's size (default: render.width × render.height). */
  width?: number;
  height?: number;
  /** A comparison's panel: a plot of this side, text drawn by the grid (minUnit: its thinnest lines). */
  panel?: { side: number; minUnit: number };
  /** The plot window (default: the data's, or render.xlim / ylim). */
  window?: Window;
  /** Frames in full colour rather than in a GIF's 256 colours. */
  fullColour?: boolean;
  /** Colours the palette must hold for what is drawn beside the panel (the code panel's). */
  accents?: readonly RGB[];
}

export interface Panel {
  width: number;
  height: number;
  palette: GifPalette;
  /** What the user should hear about the scene (limits that leave out most of the data). */
  warnings: string[];
  /** The best any model can do on these data: the Bayes accuracy, the optimal loss (null: unknown). */
  optimal: number | null;
  /** Whether the data have test points. */
  hasTest: boolean;
  /**
   * How a comparison's grid names, writes and reads a panel's figure (accuracy, MSE), on the test
   * points or, when some panel has none, on the training points.
   */
  figure: {
    name(test: boolean): string;
    format(v: number | null): string;
    of(figures: Figures, test: boolean): number | null;
  };
  /** Whether the optimal (dashed) line is drawn, for the grid's key. */
  optimalLine: boolean;
  /**
   * The frames of one model trained on these data; each draws itself when asked. Each call draws
   * with a renderer of its own (a renderer draws a frame from the one before it), except final
   * fits, which a sweep draws one after another: those share one.
   */
  frames(model: ModelChoice, pace: Pace, context: FrameContext): Generator<PanelFrame, void, undefined>;
}

export interface FrameContext {
  timings: Timings;
  warn?: (message: string) => void;
}

export interface PanelFrame {
  frame: number;
  frames: number;
  /** "epoch 12 / 60", "n = 140". */
  label: string;
  stage: number;
  stages: [number, number];
  figures: Figures;
  /** Models drawn together: each one's figures (null before its first frame). */
  tracks?: readonly (Figures | null)[];
  /** The program the model is, for a model that is one (the code panel's). */
  program?: ProgramView;
  /** The panel at this frame, as palette indices (width × height; valid until the next pull). */
  draw(label?: string): Pixels;
}

/**
 * Which of a model's own frames frame f of a figure shows when models advance together (a
 * comparison): the same fraction of its training; a model with fewer frames holds each a while.
 */
export function sharedFrame(f: number, frames: number, own: number): number {
  if (own >= frames || frames <= 1) return Math.min(f, own - 1);
  return Math.round((f * (own - 1)) / (frames - 1));
}

/** What a task's figure provides to the movies. */
export interface PanelKind {
  panel(request: PanelRequest): Panel;
  /** A data sweep's fixed plot window: the one that holds the first and the last frame's data. */
  sweepWindow(first: DataChoice, last: DataChoice, scenario: Scenario): Window | undefined;
}
