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
 * `animate.by: auto` means stages when every model has stages of its own, samples otherwise
 * (a mixed grid where some panels grow their data and others do not would not compare).
 */

import { findDataSource } from './data/index.js';
import { UserError } from './errors.js';
import { findModel, modelSpec } from './models/index.js';
import type { ModelSpec } from './models/model.js';
import { indexedPng } from './output/png.js';
import { type Movie, type MovieContext, type MovieFrame, prepareScene, simulate } from './pipeline.js';
import { createRng } from './random.js';
import { formatAccuracy } from './render/caption.js';
import { createFrameRenderer, type FrameRenderer } from './render/frame.js';
import { blit, createGridPainter, type GridText, gridLayout, panelLayout } from './render/grid-frame.js';
import { THEMES } from './render/palette.js';
import type { Scenario } from './scenario/schema.js';
import { timed } from './timings.js';
import { type Snapshot, snapshots, type TrainPlan } from './train.js';

/** Panels never draw lines thinner or points smaller than a 1/2-scale single frame's. */
const MIN_PANEL_UNIT = 0.5;

/** How a comparison animates: the same for every panel. */
export function compareMode(specs: readonly ModelSpec[], by: Scenario['animate']['by']): 'samples' | 'stages' {
  if (by === 'samples') return 'samples';
  const stageless = specs.find((s) => s.stage === null);
  if (by === 'epochs') {
    if (stageless) {
      throw new UserError(
        `model "${stageless.type}" fits in one go and has no training stages to animate; use animate.by: samples (or auto)`,
        'animate.by',
      );
    }
    return 'stages';
  }
  return stageless ? 'samples' : 'stages';
}

/** Panel titles: the given ones, else the model's name, with its options where names repeat. */
export function panelTitles(entries: readonly { type: string; title?: string; [o: string]: unknown }[]): string[] {
  const names = entries.map((e) => findModel(e.type)?.title ?? e.type);
  return entries.map((e, i) => {
    if (e.title) return e.title;
    if (names.filter((n) => n === names[i]).length === 1) return names[i];
    const { type: _t, title: _title, ...options } = e;
    const given = Object.entries(options)
      .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join('×') : String(v)}`)
      .join(', ');
    return given ? `${names[i]} (${given})` : names[i];
  });
}

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

export function compareMovie(scenario: Scenario, context: MovieContext): Movie {
  const entries = scenario.compare ?? [];
  const datasets = scenario.rows ?? [scenario.data];
  const r = scenario.render;
  const specs = entries.map((e) => modelSpec(e.type));
  const mode = compareMode(specs, scenario.animate.by);
  const animate = { ...scenario.animate, by: mode === 'samples' ? ('samples' as const) : ('epochs' as const) };
  const byRows = scenario.rows !== undefined;
  const columns = byRows
    ? entries.length
    : Math.min(entries.length, scenario.layout?.columns ?? Math.ceil(Math.sqrt(entries.length)));
  const rows = byRows ? datasets.length : Math.ceil(entries.length / columns);
  const layout = gridLayout(r.width, r.height, { rows, columns, rowLabels: byRows, titles: byRows ? 'top' : 'each' });
  const titles = panelTitles(entries);

  const simulations = datasets.map((data) => simulate({ ...scenario, data }, context.baseDir));
  const classes = simulations[0].simulator.classes;
  simulations.forEach((s, i) => {
    if (s.simulator.classes !== classes) {
      throw new UserError(
        `every row must have the same number of classes (one palette): ${s.simulator.classes} here, ${classes} in rows[0]`,
        `rows[${i}]`,
      );
    }
  });
  const prepared = simulations.map((sim, i) =>
    prepareScene({ ...scenario, data: datasets[i] }, sim, context.timings, {
      title: '',
      subtitle: '',
      layout: (legend) => panelLayout(layout.side, legend, MIN_PANEL_UNIT),
    }),
  );
  const palette = prepared[0].scene.palette;
  const theme = THEMES[r.theme];
  const painter = createGridPainter(layout, theme, palette);
  const frame = new Uint8Array(r.width * r.height);
  const single = datasets.length === 1;

  function plan(row: number, column: number): TrainPlan {
    const { type: _type, title: _title, ...options } = entries[column];
    const sim = simulations[row];
    return {
      spec: specs[column],
      options,
      train: sim.train,
      test: sim.test,
      grid: prepared[row].scene.grid,
      points: prepared[row].points,
      animate,
      rng: createRng(scenario.seed).fork('model'),
      timings: context.timings,
      warn: context.warn,
    };
  }

  return {
    width: r.width,
    height: r.height,
    palette,
    classes,
    bayesAccuracy: single ? prepared[0].bayesAccuracy : null,
    png: (indices) => indexedPng(indices, r.width, r.height, palette.colours),
    *frames(): Generator<MovieFrame, void, undefined> {
      const panels: Panel[] = [];
      for (let row = 0; row < rows; row++) {
        for (let column = 0; column < columns; column++) {
          const rowData = byRows ? row : 0;
          const entry = byRows ? column : row * columns + column;
          if (entry >= entries.length) continue;
          panels.push({
            renderer: createFrameRenderer(prepared[rowData].scene),
            stream: snapshots(plan(rowData, byRows ? column : entry)),
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
            trainAccuracy: null,
            testAccuracy: null,
            loss: null,
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
    const bayes = single ? prepared[0].bayesAccuracy : null;
    const firstSource = findDataSource(datasets[0].source)?.title ?? datasets[0].source;
    return {
      title: scenario.title ?? 'Classifier comparison',
      subtitle: single ? firstSource : '',
      stage: mode === 'samples' && sameStage ? labels[0] : percent,
      note: `${hasTest ? 'test' : 'train'} accuracy under each panel${bayes !== null ? ` · Bayes ${formatAccuracy(bayes)}` : ''}`,
      bayesLine: prepared.some((p) => p.scene.bayesLines !== null),
      panels: panels.map((p, i) => ({
        title: !byRows || i < columns ? titles[i] : '',
        left: mode === 'stages' ? (p.current?.label ?? '') : '',
        right: formatAccuracy((hasTest ? p.current?.testAccuracy : p.current?.trainAccuracy) ?? null),
      })),
      rows: byRows
        ? datasets.map((d, i) => ({
            name: findDataSource(d.source)?.title ?? d.source,
            detail: prepared[i].bayesAccuracy !== null ? `Bayes ${formatAccuracy(prepared[i].bayesAccuracy)}` : '',
          }))
        : [],
    };
  }
}
