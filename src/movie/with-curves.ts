/**
 * A map movie with the training-curves panel beside or below it (render.curves): the map drawn
 * at its share of the frame, and the curves of every frame so far drawn next to it.
 */

import { type CurveData, type CurvesSplit, createCurvesPanel } from '../render/curves.js';
import { blit } from '../render/grid-frame.js';
import type { Theme } from '../render/palette.js';
import type { Movie, MovieFrame } from './movie.js';

export function withCurves(
  map: Movie,
  split: CurvesSplit,
  theme: Theme,
  classes: number,
): Movie & { curves: CurveData } {
  const { width, height } = split;
  const unit = Math.min(width, height) / 480;
  const frame = new Uint8Array(width * height);
  const data: CurveData = { axis: '', x: [], train: [], test: [], loss: [], bayes: [] };
  const panel = createCurvesPanel(split.curves, unit, theme, map.palette, classes);
  return {
    width,
    height,
    palette: map.palette,
    curves: data,
    *frames(): Generator<MovieFrame, void, undefined> {
      for (const shot of map.frames()) {
        data.axis = shot.axis.name;
        data.x.push(shot.x);
        data.train.push(shot.figures.trainAccuracy);
        data.test.push(shot.figures.testAccuracy);
        data.loss.push(shot.figures.loss);
        data.bayes.push(shot.figures.bayesAccuracy);
        frame.fill(0);
        blit(shot.indices, frame, width, { x: 0, y: 0, w: split.map.width, h: split.map.height });
        panel.draw(data, shot.axis, frame, width);
        yield { ...shot, indices: frame };
      }
    },
  };
}
