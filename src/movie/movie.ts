/**
 * What the output side needs of any animation: frames pulled one at a time, all in one fixed
 * palette, each with the figures behind it. Pulling a frame draws it; the previous frame's
 * buffer may be reused, so memory does not grow with the number of frames.
 */
import type { ProgramView } from '../models/model.js';
import type { CurveData, CurvesAxis } from '../render/curves.js';
import type { GifPalette, Pixels } from '../render/palette.js';
import type { Timings } from '../timings.js';

/** The figures a frame shows (null where unknown or not defined): accuracies, or losses. */
export type Figures = AccuracyFigures | LossFigures;

export interface AccuracyFigures {
  measure: 'accuracy';
  trainAccuracy: number | null;
  testAccuracy: number | null;
  /** The optimal classifier's accuracy on the same points; it moves when a data option is swept. */
  bayesAccuracy: number | null;
  /** The loss the model reported. */
  loss: number | null;
  /** A search's last frame: the winner (refit on all training points for the accuracies above). */
  search?: SearchOutcome;
}

/** What a search found: the winning model and options, its validation accuracy, the work done. */
export interface SearchOutcome {
  model: string;
  /** Every option of the winner, defaults filled (a `model:` entry that reproduces it). */
  options: Record<string, unknown>;
  validationAccuracy: number;
  /** Configurations drawn, and trainings scored (more than trials under successive halving). */
  trials: number;
  evaluations: number;
}

/** A regression's figures (and a function's: f at the point reached, and its least value). */
export interface LossFigures {
  measure: 'loss';
  /** Mean loss on the training points in use and on the test points, in the model's own loss. */
  train: number | null;
  test: number | null;
  /** The least expected loss any model can reach (the noise's own), or the function's least value. */
  optimal: number | null;
  /** The same as mean squared errors, the common yardstick (regression only). */
  trainMse: number | null;
  testMse: number | null;
  optimalMse: number | null;
  /** The objective the model reported (its loss, with any penalty). */
  loss: number | null;
}

/** One model's figures in a comparison (the frame's own figures are what they share). */
export interface PanelFigures {
  /** The panel's title (the model) and its data set's. */
  model: string;
  data: string;
  figures: Figures | null;
}

export interface MovieFrame {
  /** Palette indices, width × height (a buffer the next frame may reuse). */
  indices: Pixels;
  frame: number;
  frames: number;
  figures: Figures;
  /** A comparison's: each model's figures, in the order of `compare:` (by row with rows). */
  panels?: readonly PanelFigures[];
  /** Position on the animation's axis (stage, n or swept value), and the axis itself. */
  x: number;
  axis: CurvesAxis;
  /** The program the model is, for a model that is one (an evolved algorithm). */
  program?: ProgramView;
}

export interface Movie {
  width: number;
  height: number;
  /** The one palette of every frame (the GIF's global colour table). */
  palette: GifPalette;
  frames(): Generator<MovieFrame, void, undefined>;
  /** With render.curves: the series drawn, filled as frames are pulled (also in --json). */
  curves?: CurveData;
}

/** What a movie is made with besides its plan. */
export interface MovieContext {
  timings: Timings;
  /** Frames in full colour (an MP4, a PNG) rather than in a GIF's 256 colours. */
  fullColour?: boolean;
  /** Called once per distinct warning. */
  warn?: (message: string) => void;
}
