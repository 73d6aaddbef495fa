/**
 * What a frame renderer draws: the Scene (everything that stays the same from frame to frame)
 * and the PlotState of one frame (the model's probabilities on the grid and the figures).
 */
import type { Dataset } from '../dataset.js';
import type { Grid, Window } from '../grid.js';
import type { Caption } from './caption.js';
import type { Polyline } from './contours.js';
import type { Layout } from './layout.js';
import type { GifPalette, RGB, Theme } from './palette.js';
import type { Shading } from './shade.js';

export interface Scene {
  layout: Layout;
  theme: Theme;
  palette: GifPalette;
  classColours: readonly RGB[];
  window: Window;
  grid: Grid;
  classes: number;
  shading: Shading;
  /** Probability shading in this many bands (render.levels); absent: smooth. */
  bands?: number;
  train: Dataset;
  showTrain: boolean;
  /** Test points to draw hollow, or null. */
  test: Dataset | null;
  /** The optimal boundary (static), or null when not drawn. */
  bayesLines: Polyline[] | null;
  bayesAccuracy: number | null;
  title: string;
  subtitle: string;
  legend: Caption['legend'];
  axisLabels: { x: string; y: string };
}

/** One frame's state of the plot. */
export interface PlotState {
  /** Class probabilities on the grid (grid points × classes). */
  proba: Float32Array;
  /** Training points drawn: the first trainUsed (a growing sample shows its prefix). */
  trainUsed: number;
  /** Where in training the frame is: "epoch 12 / 60", "n = 140". */
  label: string;
  trainAccuracy: number;
  testAccuracy: number | null;
}
