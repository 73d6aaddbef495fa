/**
 * Comparison grids (`compare:` in place of `model:`): one panel per model, on one data set or on
 * one row per data set (`rows:`), all advancing together. Each panel is exactly the snapshot
 * stream a single-model render of that model and data would pull (same data, same seeds, same
 * grid), drawn at panel size — as the plot of a single frame whose plot is that size, except
 * that small panels keep lines and points at half scale at least — and blitted into the big frame.
 *
 * How panels advance together:
 * - by samples: every panel refits on the same first n points at every frame;
 * - by the models' own stages: each panel at the same fraction of its own training (a panel
 *   with fewer stages than frames holds each stage for a few frames).
 * Which of the two is the plan's (plan/animation-mode.ts).
 */

import { dataSource } from '../data/index.js';
import { drawData } from '../data/simulate.js';
import type { ComparePlan } from '../plan/plan.js';
import { createRng } from '../random.js';
import { formatAccuracy } from '../render/caption.js';
import { createFrameRenderer, type FrameRenderer } from '../render/frame.js';
import { blit, createGridPainter, type GridText, gridLayout, panelLayout } from '../render/grid-frame.js';
import { THEMES } from '../render/palette.js';
import { timed } from '../timings.js';
import { classificationSimulator } from './classification-only.js';
import type { Movie, MovieContext, MovieFrame } from './movie.js';
import { prepareScene } from './scene.js';
import { type Snapshot, snapshots, type TrainPlan } from './snapshots.js';

/** Panels never draw lines thinner or points smaller than a 1/2-scale single frame's. */
const MIN_PANEL_UNIT = 0.5;

interface Panel {
  renderer: FrameRenderer;
  stream: Generator<Snapshot, void, undefined>;
  current: Snapshot | null;
  /** Snapshots pulled so far. */
  pulled: number;
}

/** Which of a panel's own frames grid frame f shows: the same fraction of its training. */
export function panelFrame(f: number, frames: number, own: number): number {
  if (own >= frames || frames <= 1) return Math.min(f, own - 1);
  return Math.round((f * (own - 1)) / (frames - 1));
}

export function compareMovie(plan: ComparePlan, context: MovieContext): Movie {
  const { scenario, models, datasets, byRows, rows, columns, mode } = plan;
  const r = scenario.render;
  const layout = gridLayout(r.width, r.height, { rows, columns, rowLabels: byRows, titles: byRows ? 'top' : 'each' });
  const simulations = datasets.map((d) => drawData(classificationSimulator(d), d.entry, scenario.seed));
  const prepared = simulations.map((sim) =>
    prepareScene(r, sim, context.timings, {
      title: '',
      subtitle: '',
      layout: (legend) => panelLayout(layout.side, legend, MIN_PANEL_UNIT),
    }),
  );
  for (const warning of new Set(prepared.flatMap((p) => p.warnings))) context.warn?.(warning);
  const palette = prepared[0].scene.palette;
  const theme = THEMES[r.theme];
  const painter = createGridPainter(layout, theme, palette);
  const frame = new Uint8Array(r.width * r.height);
  const single = datasets.length === 1;
  const bayesAccuracy = single ? prepared[0].bayesAccuracy : null;

  function trainPlan(row: number, column: number): TrainPlan {
    const sim = simulations[row];
    return {
      model: models[column],
      mode,
      train: sim.train,
      test: sim.test,
      grid: prepared[row].scene.grid,
      points: prepared[row].points,
      animate: scenario.animate,
      rng: createRng(scenario.seed).fork('model'),
      timings: context.timings,
      warn: context.warn,
    };
  }

  return {
    width: r.width,
    height: r.height,
    palette,
    *frames(): Generator<MovieFrame, void, undefined> {
      const panels: Panel[] = [];
      for (let row = 0; row < rows; row++) {
        for (let column = 0; column < columns; column++) {
          const rowData = byRows ? row : 0;
          const entry = byRows ? column : row * columns + column;
          if (entry >= models.length) continue;
          panels.push({
            renderer: createFrameRenderer(prepared[rowData].scene),
            stream: snapshots(trainPlan(rowData, entry)),
            current: null,
            pulled: 0,
          });
        }
      }
      try {
        // The first snapshot of every panel tells how many frames each has.
        for (const p of panels) pull(p);
        const frames = Math.max(...panels.map((p) => p.current?.frames ?? 1));
        for (let f = 0; f < frames; f++) {
          for (const p of panels) {
            const own = p.current?.frames ?? 1;
            while (p.pulled <= panelFrame(f, frames, own) && pull(p));
          }
          timed(context.timings, 'draw', () => {
            frame.fill(0);
            panels.forEach((p, i) => {
              if (p.current) blit(p.renderer.render(p.current), frame, r.width, layout.panels[i]);
            });
            painter.paint(frame, gridText(panels, f, frames));
          });
          yield {
            indices: frame,
            frame: f,
            frames,
            figures: { trainAccuracy: null, testAccuracy: null, bayesAccuracy, loss: null },
            x: f,
            axis: { name: 'frame', from: 0, to: frames - 1, log: false },
          };
        }
      } finally {
        for (const p of panels) p.stream.return(undefined);
      }
    },
  };

  /** Takes the panel's next snapshot; false when its stream has ended. */
  function pull(p: Panel): boolean {
    const next = p.stream.next();
    if (next.done) return false;
    p.current = next.value;
    p.pulled++;
    return true;
  }

  function gridText(panels: Panel[], f: number, frames: number): GridText {
    const labels = panels.map((p) => p.current?.label ?? '');
    const sameStage = labels.every((l) => l === labels[0]);
    const percent = `${Math.round((100 * (f + 1)) / frames)} % of training`;
    const hasTest = simulations.every((s) => s.test.n > 0);
    const bayes = bayesAccuracy;
    const firstSource = dataSource(datasets[0].entry.source).title;
    return {
      title: scenario.title ?? 'Classifier comparison',
      subtitle: single ? firstSource : '',
      stage: mode === 'samples' && sameStage ? labels[0] : percent,
      note: `${hasTest ? 'test' : 'train'} accuracy under each panel${bayes !== null ? ` · Bayes ${formatAccuracy(bayes)}` : ''}`,
      bayesLine: prepared.some((p) => p.scene.bayesLines !== null),
      panels: panels.map((p, i) => ({
        title: !byRows || i < columns ? plan.titles[i] : '',
        left: mode === 'stages' ? (p.current?.label ?? '') : '',
        right: formatAccuracy((hasTest ? p.current?.testAccuracy : p.current?.trainAccuracy) ?? null),
      })),
      rows: byRows
        ? datasets.map((d, i) => ({
            name: dataSource(d.entry.source).title,
            detail: prepared[i].bayesAccuracy !== null ? `Bayes ${formatAccuracy(prepared[i].bayesAccuracy)}` : '',
          }))
        : [],
    };
  }
}
