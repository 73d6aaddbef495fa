/**
 * Comparison grids (`compare:` in place of `model:`): one panel per model, on one data set or on
 * one row per data set (`rows:`), all advancing together. Each panel is exactly the frames a
 * single-model render of that model and data would pull (same data, same seeds), drawn at panel
 * size — as the plot of a single frame whose plot is that size, except that small panels keep
 * lines and points at half scale at least — and blitted into the big frame. The panels are
 * their task's (panels.ts): classification maps or regression fits.
 *
 * How panels advance together:
 * - by samples: every panel refits on the same first n points at every frame;
 * - by the models' own stages: each panel at the same fraction of its own training (a panel
 *   with fewer stages than frames holds each stage for a few frames).
 * Which of the two is the plan's (plan/animation-mode.ts).
 */

import { dataSource } from '../data/index.js';
import type { ComparePlan } from '../plan/plan.js';
import { dataTitle } from '../plan/titles.js';
import { blit, createGridPainter, type GridText, gridLayout } from '../render/grid-frame.js';
import { THEMES } from '../render/palette.js';
import { timed } from '../timings.js';
import type { Figures, Movie, MovieContext, MovieFrame } from './movie.js';
import { type Panel, type PanelFrame, sharedFrame } from './panel.js';
import { panelKind } from './panels.js';

/** Panels never draw lines thinner or points smaller than a 1/2-scale single frame's. */
const MIN_PANEL_UNIT = 0.5;

interface Cell {
  panel: Panel;
  /** What the panel shows: its model's title and its data set's. */
  model: string;
  data: string;
  stream: Generator<PanelFrame, void, undefined>;
  current: PanelFrame | null;
  /** Frames pulled so far. */
  pulled: number;
}

export function compareMovie(plan: ComparePlan, context: MovieContext): Movie {
  const { scenario, models, datasets, byRows, rows, columns, mode } = plan;
  const r = scenario.render;
  const layout = gridLayout(r.width, r.height, { rows, columns, rowLabels: byRows, titles: byRows ? 'top' : 'each' });
  const kind = panelKind(plan.task);
  const panels = datasets.map((data) =>
    kind.panel({
      data,
      scenario,
      timings: context.timings,
      fullColour: context.fullColour,
      title: '',
      subtitle: '',
      panel: { side: layout.side, minUnit: MIN_PANEL_UNIT },
    }),
  );
  for (const warning of new Set(panels.flatMap((p) => p.warnings))) context.warn?.(warning);
  const palette = panels[0].palette;
  const painter = createGridPainter(layout, THEMES[r.theme], palette);
  const frame = palette.newFrame(r.width * r.height);
  const single = datasets.length === 1;
  const optimal = single ? panels[0].optimal : null;

  return {
    width: r.width,
    height: r.height,
    palette,
    *frames(): Generator<MovieFrame, void, undefined> {
      const cells: Cell[] = [];
      for (let row = 0; row < rows; row++) {
        for (let column = 0; column < columns; column++) {
          const rowData = byRows ? row : 0;
          const entry = byRows ? column : row * columns + column;
          if (entry >= models.length) continue;
          const panel = panels[rowData];
          cells.push({
            panel,
            model: plan.titles[entry],
            data: dataTitle(datasets[rowData].entry.source, datasets[rowData].entry),
            stream: panel.frames(models[entry], mode, context),
            current: null,
            pulled: 0,
          });
        }
      }
      try {
        // The first frame of every panel tells how many frames each has.
        for (const c of cells) pull(c);
        const frames = Math.max(...cells.map((c) => c.current?.frames ?? 1));
        for (let f = 0; f < frames; f++) {
          for (const c of cells) {
            const own = c.current?.frames ?? 1;
            while (c.pulled <= sharedFrame(f, frames, own) && pull(c));
          }
          timed(context.timings, 'draw', () => {
            frame.fill(0);
            cells.forEach((c, i) => {
              if (c.current) blit(c.current.draw(), frame, r.width, layout.panels[i]);
            });
            painter.paint(frame, gridText(cells, f, frames));
          });
          yield {
            indices: frame,
            frame: f,
            frames,
            figures: bestOnly(),
            panels: cells.map((c) => ({ model: c.model, data: c.data, figures: c.current?.figures ?? null })),
            x: f,
            axis: { name: 'frame', from: 0, to: frames - 1, log: false },
          };
        }
      } finally {
        for (const c of cells) c.stream.return(undefined);
      }
    },
  };

  /** A grid's figures: the best possible alone (each panel has its own). */
  function bestOnly(): Figures {
    if (plan.task === 'classification') {
      return { measure: 'accuracy', trainAccuracy: null, testAccuracy: null, bayesAccuracy: optimal, loss: null };
    }
    const none = { train: null, test: null, trainMse: null, testMse: null, loss: null };
    return { measure: 'loss', ...none, optimal, optimalMse: plan.task === 'regression' ? optimal : null };
  }

  /** Takes the panel's next frame; false when its stream has ended. */
  function pull(c: Cell): boolean {
    const next = c.stream.next();
    if (next.done) return false;
    c.current = next.value;
    c.pulled++;
    return true;
  }

  function gridText(cells: Cell[], f: number, frames: number): GridText {
    const labels = cells.map((c) => c.current?.label ?? '');
    const sameStage = labels.every((l) => l === labels[0]);
    const percent = `${Math.round((100 * (f + 1)) / frames)} % of training`;
    const figure = panels[0].figure;
    const test = panels.every((p) => p.hasTest);
    const best = plan.task === 'classification' ? 'Bayes' : 'optimal';
    const firstSource = dataSource(datasets[0].entry.source).title;
    return {
      title: scenario.title ?? (plan.task === 'classification' ? 'Classifier comparison' : 'Model comparison'),
      subtitle: single ? firstSource : '',
      stage: mode === 'samples' && sameStage ? labels[0] : percent,
      note: `${figure.name(test)} under each panel${optimal !== null ? ` · ${best} ${figure.format(optimal)}` : ''}`,
      bayesLine: panels.some((p) => p.optimalLine),
      panels: cells.map((c, i) => ({
        title: !byRows || i < columns ? plan.titles[i] : '',
        left: mode !== 'samples' ? (c.current?.label ?? '') : '',
        right: figure.format(c.current ? c.panel.figure.of(c.current.figures, test) : null),
      })),
      rows: byRows
        ? datasets.map((d, i) => ({
            name: dataSource(d.entry.source).title,
            detail: panels[i].optimal !== null ? `${best} ${panels[i].figure.format(panels[i].optimal)}` : '',
          }))
        : [],
    };
  }
}
