/**
 * A figure movie with the training-curves panel beside or below it (render.curves): the figure
 * drawn at its share of the frame, and the curves of every frame so far drawn next to it —
 * accuracies for a classification map, losses for a regression (f for a function).
 */

import { type CurveData, type CurvesMeasure, type CurvesSplit, createCurvesPanel } from '../render/curves.js';
import { blit } from '../render/grid-frame.js';
import type { Theme } from '../render/palette.js';
import type { Movie, MovieFrame } from './movie.js';

export function withCurves(
  map: Movie,
  split: CurvesSplit,
  theme: Theme,
  measure: CurvesMeasure,
): Movie & { curves: CurveData } {
  const { width, height } = split;
  const unit = Math.min(width, height) / 480;
  const frame = map.palette.newFrame(width * height);
  const series = { axis: '', x: [], train: [], test: [], loss: [] };
  const data: CurveData =
    measure.measure === 'accuracy'
      ? { ...series, measure: 'accuracy', bayes: [] }
      : { ...series, measure: 'loss', optimal: [] };
  const panel = createCurvesPanel(split.curves, unit, theme, map.palette, measure);
  return {
    width,
    height,
    palette: map.palette,
    curves: data,
    *frames(): Generator<MovieFrame, void, undefined> {
      for (const shot of map.frames()) {
        const f = shot.figures;
        data.axis = shot.axis.name;
        data.x.push(shot.x);
        data.loss.push(f.loss);
        if (data.measure === 'accuracy' && f.measure === 'accuracy') {
          data.train.push(f.trainAccuracy);
          data.test.push(f.testAccuracy);
          data.bayes.push(f.bayesAccuracy);
        } else if (data.measure === 'loss' && f.measure === 'loss') {
          data.train.push(f.train);
          data.test.push(f.test);
          data.optimal.push(f.optimal);
        }
        frame.fill(0);
        blit(shot.indices, frame, width, { x: 0, y: 0, w: split.map.width, h: split.map.height });
        panel.draw(data, shot.axis, frame, width);
        yield { ...shot, indices: frame };
      }
    },
  };
}
