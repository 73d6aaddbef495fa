/**
 * What the renderer of a regression's or a function's frame draws (figure-frame.ts): the
 * FigureScene, which stays the same from frame to frame (layout, palette, the data and the true
 * curve, the caption's fixed text), the LandscapeField (the loss over two parameters, set again
 * only when the objective changes), and one frame's FigureState: each model's ("track's") fitted
 * curve and path so far, and the figures that change. A comparison on one landscape has several
 * tracks, each in its own colour; a single model, one.
 */
import type { Point2, Series } from '../dataset.js';
import type { Grid, Window } from '../grid.js';
import type { FigureLayout } from './figure-layout.js';
import type { GifPalette, RGB, Theme } from './palette.js';

export interface FitScene {
  /** The plot window (x and y). */
  window: Window;
  /** The x of each pixel column's centre, where the models are evaluated. */
  xs: Float64Array;
  train: Series;
  showTrain: boolean;
  /** Test points to draw hollow, or null. */
  test: Series | null;
  /** E[y | x] at xs and σ(x) (null: no band), or null when not drawn. */
  truth: { mean: Float64Array; sd: Float64Array | null } | null;
  residuals: boolean;
  axisLabels: { x: string; y: string };
}

export interface LandscapeScene {
  /** The two parameters' names, e.g. ["w", "b"]: the axes'. */
  names: readonly [string, string];
  /** What the colour key measures ("loss", "f"). */
  measure: string;
  /** Fill colours of the bands between levels, lowest first (all in the palette). */
  fills: readonly RGB[];
}

/** The objective over the landscape's window, on a grid, and what to mark on it. */
export interface LandscapeField {
  /** The window (w and b ranges) and the grid the values are on (grid.ts layout). */
  grid: Grid;
  values: Float64Array;
  /** Contour levels, increasing: band k holds values in [levels[k − 1], levels[k]). */
  levels: readonly number[];
  /** Which levels the colour key writes out. */
  major: readonly boolean[];
  minima: readonly Point2[];
  saddles: readonly Point2[];
}

/** A caption entry on the key line. */
export type KeyEntry =
  | { kind: 'line'; name: string; colour: RGB; dashed: boolean }
  | { kind: 'band'; name: string; colour: RGB }
  | { kind: 'mark'; name: string; mark: 'cross' | 'diamond' };

export interface FigureCaption {
  title: string;
  subtitle: string;
  /**
   * Line 2: named figures at fixed places, each a value of its own ('—' for null) or the
   * frame's ('frame': FigureState.figures, in order).
   */
  slots: { name: string; value: number | null | 'frame' }[];
  /** Decimals of the figures (values of 10⁴ and more are written 1.2e4). */
  decimals: number;
  /** Line 2, after the figures: a muted note (a comparison's "test MSE by model"). */
  note: string;
  /** Line 3: the key to what is drawn, or the models' names beside their figures. */
  key: KeyEntry[];
  legend: string[] | null;
}

export interface FigureScene {
  layout: FigureLayout;
  theme: Theme;
  palette: GifPalette;
  /** Null for a comparison's panel: its text is the grid's. */
  caption: FigureCaption | null;
  fit: FitScene | null;
  landscape: LandscapeScene | null;
  pointColour: RGB;
  /** One colour per track (model): its curve and its path. */
  trackColours: readonly RGB[];
}

/** A model's path over the landscape so far: (first, second) pairs. */
export interface Path {
  points: Float64Array;
  count: number;
}

export interface TrackState {
  /** Predictions at the fit's xs, or null (a function has no fit). */
  fit: Float64Array | null;
  /** Predictions at the first trainUsed training points (for the residuals), or null. */
  trainFit: Float64Array | null;
  path: Path | null;
}

export interface FigureState {
  /** Where in training: "step 12 / 60", "n = 40", "degree = 3". */
  label: string;
  /** The training points drawn: the first trainUsed. */
  trainUsed: number;
  tracks: TrackState[];
  /** The caption's figures that change: the slots' with value 'frame', then the legend's. */
  figures: (number | null)[];
}
