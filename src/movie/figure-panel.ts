/**
 * The panel of a regression — its fit, and with render.landscape the bowl of its loss over (w, b)
 * beside it — and of a function (data.source: function): its landscape alone. The data are drawn
 * from the seed and the window, the true curve and its band, the layout and the palette are set
 * once; then for a model, or for several models drawn together on one landscape, the caption is
 * set from the model's loss, the models are trained (curve-snapshots.ts, path-snapshots.ts), and
 * each frame is drawn by figure-frame.ts.
 *
 * Several models drawn together advance as a comparison's panels do (compare.ts): each at the
 * same fraction of its own training.
 */
import { interpolateBlues } from 'd3-scale-chromatic';
import { optimalLoss } from '../data/optimal-loss.js';
import { drawSeries, type SeriesSimulation } from '../data/simulate.js';
import type { Objective } from '../dataset.js';
import type { Window } from '../grid.js';
import type { RegressionLoss } from '../losses.js';
import type { Landscape, ProgramView } from '../models/model.js';
import { sameObjective } from '../plan/landscape.js';
import type { DataChoice, ModelChoice } from '../plan/plan.js';
import { createRng } from '../random.js';
import { decimalsFor, formatFigure } from '../render/figure-caption.js';
import { createFigureRenderer, type FigureRenderer } from '../render/figure-frame.js';
import { type FigureLayout, figureLayout } from '../render/figure-layout.js';
import type {
  FigureCaption,
  FigureScene,
  FigureState,
  FitScene,
  KeyEntry,
  LandscapeField,
  LandscapeScene,
  TrackState,
} from '../render/figure-scene.js';
import { BAND_TINT } from '../render/fit-plot.js';
import { panelLayout } from '../render/grid-frame.js';
import { FILLS } from '../render/landscape-plot.js';
import {
  buildPalette,
  figureColours,
  fullColourPalette,
  hexToRgb,
  mix,
  type RGB,
  THEMES,
  type Theme,
} from '../render/palette.js';
import type { RenderOptions, Scenario } from '../scenario/schema.js';
import { type CurveSnapshot, curveSnapshots, type LossMeasure } from './curve-snapshots.js';
import { bowlWindow, landscapeField } from './landscape-field.js';
import type { LossFigures } from './movie.js';
import {
  type FrameContext,
  type Pace,
  type Panel,
  type PanelFrame,
  type PanelKind,
  type PanelRequest,
  sharedFrame,
} from './panel.js';
import { pathSnapshots } from './path-snapshots.js';
import type { StagePlace } from './training.js';

/** What the caption and the curves call each loss. */
export const LOSS_NAMES: Record<RegressionLoss, string> = { squared: 'MSE', absolute: 'MAE', huber: 'Huber' };

/** The loss a model is measured by: its `loss` option where it has one (huber's δ with it), else squared. */
export function lossMeasure(model: ModelChoice): LossMeasure {
  const { loss, delta } = model.options;
  return {
    loss: loss === 'absolute' || loss === 'huber' ? loss : 'squared',
    delta: typeof delta === 'number' ? delta : 1.35,
  };
}

/** A regression's plot window: x over the data's domain, y over the points drawn and the band, padded. */
export function curveWindow(sims: readonly SeriesSimulation[], r: RenderOptions): Window {
  let [x0, x1] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  let [y0, y1] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  const see = (y: number) => {
    if (Number.isFinite(y)) [y0, y1] = [Math.min(y0, y), Math.max(y1, y)];
  };
  for (const { simulator, train, test } of sims) {
    const [a, b] = simulator.domain;
    [x0, x1] = [Math.min(x0, a), Math.max(x1, b)];
    for (let i = 0; i < train.n; i++) see(train.y[i]);
    if (r.show.includes('test')) for (let i = 0; i < test.n; i++) see(test.y[i]);
    const { mean, sd } = simulator;
    if (r.bayes && mean) {
      for (let i = 0; i <= 200; i++) {
        const x = a + ((b - a) * i) / 200;
        const spread = sd ? sd(x) : 0;
        see(mean(x) - spread);
        see(mean(x) + spread);
      }
    }
  }
  if (!(x1 > x0)) [x0, x1] = Number.isFinite(x0) ? [x0 - 1, x0 + 1] : [-1, 1];
  if (!(y1 > y0)) [y0, y1] = Number.isFinite(y0) ? [y0 - 1, y0 + 1] : [-1, 1];
  const [px, py] = [0.04 * (x1 - x0), 0.08 * (y1 - y0)];
  const [xmin, xmax] = r.xlim ?? [x0 - px, x1 + px];
  const [ymin, ymax] = r.ylim ?? [y0 - py, y1 + py];
  return { xmin, xmax, ymin, ymax };
}

/** The landscape's fills: a light sequential blue, deepest in the lowest band (dimmed on the dark theme). */
function landscapeFills(theme: Theme): RGB[] {
  const light = theme.background[0] + theme.background[1] + theme.background[2] > 3 * 128;
  return Array.from({ length: FILLS }, (_, k) => {
    const rgb = hexToRgb(rgbHex(interpolateBlues(0.5 - (0.48 * k) / (FILLS - 1))));
    return light ? rgb : mix(theme.background, rgb, 0.4);
  });
}

/** d3's "rgb(r, g, b)" as #rrggbb. */
function rgbHex(css: string): string {
  const [r, g, b] = (css.match(/\d+/g) ?? ['0', '0', '0']).map(Number);
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** A comparison panel's layout: all plot, the fit filling it. */
function panelFigureLayout(side: number, minUnit: number): FigureLayout {
  const layout = panelLayout(side, false, minUnit);
  return { ...layout, fit: layout.plot, landscape: null, key: null };
}

/** The variance of y (the loss of the best constant), for a file's scale where the noise is unknown. */
function spread(y: Float64Array): number {
  if (y.length === 0) return 1;
  let mean = 0;
  for (const v of y) mean += v / y.length;
  let s = 0;
  for (const v of y) s += (v - mean) ** 2 / y.length;
  return s;
}

/** One model's frames, as the figure draws them. */
interface TrackShot extends StagePlace {
  trainUsed: number;
  track: TrackState;
  figures: LossFigures;
  landscape: Landscape | null;
  program?: ProgramView;
}

export interface FigureRequest extends PanelRequest {
  /** How many models are drawn together (one colour each). */
  tracks?: number;
}

export interface FigurePanel extends Panel {
  /** Several models drawn together on one fit and one landscape, named in the caption by titles. */
  together(
    models: readonly ModelChoice[],
    titles: readonly string[],
    context: FrameContext,
  ): Generator<PanelFrame, void, undefined>;
}

export function figurePanel(request: FigureRequest): FigurePanel {
  const { data, scenario } = request;
  const r = scenario.render;
  const theme = THEMES[r.theme];
  const colours = figureColours(r.palette, theme);
  const trackColours = Array.from({ length: request.tracks ?? 1 }, (_, i) => colours.models[i % colours.models.length]);
  const simulator = data.simulator;
  const series = simulator.task === 'regression' ? drawSeries(simulator, data.entry, scenario.seed) : null;
  const objective: Objective | null = simulator.task === 'optimization' ? simulator.objective : null;
  const withLandscape = objective !== null || (r.landscape && !request.panel);
  const layout = request.panel
    ? panelFigureLayout(request.panel.side, request.panel.minUnit)
    : figureLayout(request.width ?? r.width, request.height ?? r.height, {
        fit: series !== null,
        landscape: withLandscape,
        xlabel: r.xlabel !== '',
        ylabel: r.ylabel !== '',
      });
  const fills = withLandscape ? landscapeFills(theme) : [];
  const palette = request.fullColour
    ? fullColourPalette(theme, [colours.points, ...trackColours])
    : buildPalette(theme, [colours.points, ...trackColours], [...fills, ...(request.accents ?? [])]);
  const fit = series && layout.fit ? fitScene(series, layout.fit.w, r, request.window) : null;
  const landscape: LandscapeScene | null = withLandscape
    ? { names: objective?.names ?? ['w', 'b'], measure: objective ? 'f' : 'loss', fills }
    : null;
  // A grid point every other pixel: the objectives drawn are smooth, the bands interpolated between.
  const fieldSide = Math.min(r.grid, Math.ceil((layout.landscape?.w ?? 2 * r.grid) / 2));
  const least = objective ? Math.min(...objective.minima.map(([x, y]) => objective.value(x, y))) : null;
  const optimalMse = series ? optimalLoss(series.simulator, 'squared') : null;
  const hasTest = (series?.test.n ?? 0) > 0;
  const mseDecimals = decimalsFor(optimalMse ?? 0.01 * spread(series?.train.y ?? new Float64Array(0)));

  // The landscape of a function is the function's; a model's is set by the first frame of its fit.
  let field: LandscapeField | null = null;
  let fieldModel: ModelChoice | null = null;
  if (objective) {
    const [[xmin, xmax], [ymin, ymax]] = [r.xlim ?? objective.window[0], r.ylim ?? objective.window[1]];
    field = landscapeField(objective.value, { xmin, xmax, ymin, ymax }, fieldSide, objective.minima, objective.saddles);
  }

  function newRenderer(caption: FigureCaption | null): FigureRenderer {
    const scene: FigureScene = {
      layout,
      theme,
      palette,
      caption,
      fit,
      landscape,
      pointColour: colours.points,
      trackColours,
    };
    const made = createFigureRenderer(scene);
    if (field) made.setField(field);
    return made;
  }

  // An animation draws with a renderer of its own; a sweep's final fits, drawn one after another,
  // share one while their caption stays the same.
  let shared: { renderer: FigureRenderer; caption: string } | null = null;
  function rendererFor(caption: FigureCaption | null, pace: Pace): FigureRenderer {
    if (pace !== 'final') return newRenderer(caption);
    const key = JSON.stringify(caption);
    if (shared?.caption !== key) shared = { renderer: newRenderer(caption), caption: key };
    return shared.renderer;
  }

  /** The field of a model's landscape: its window set by the first (the starts around the minimum), then kept. */
  function modelField(model: ModelChoice, shots: readonly TrackShot[]): LandscapeField | null {
    const first = shots[0]?.landscape;
    if (!first) return null;
    if (field && fieldModel && sameObjective(fieldModel, model)) return field;
    const minimum = first.minimum ?? first.at;
    const starts = shots.map((s) => s.landscape?.start ?? s.landscape?.at ?? minimum);
    const window = field?.grid ?? bowlWindow(minimum, starts);
    fieldModel = model;
    return landscapeField(first.loss, window, fieldSide, [minimum], []);
  }

  function captionFor(models: readonly ModelChoice[], titles: readonly string[] | null): FigureCaption | null {
    if (request.panel) return null;
    const measure = lossMeasure(models[0]);
    const name = objective ? 'f' : LOSS_NAMES[measure.loss];
    const optimal = objective ? least : series ? optimalLoss(series.simulator, measure.loss, measure.delta) : null;
    const decimals = objective ? 3 : decimalsFor(optimal ?? 0.01 * spread(series?.train.y ?? new Float64Array(0)));
    const best = { name: objective ? 'minimum' : 'optimal', value: optimal };
    const caption = { title: request.title, subtitle: request.subtitle, decimals, key: [] as KeyEntry[] };
    if (titles) {
      const which = objective ? 'f' : `${hasTest ? 'test' : 'train'} ${name}`;
      return {
        ...caption,
        slots: optimal === null ? [] : [best],
        note: `${which} beside each ${objective ? 'path' : 'model'}`,
        legend: [...titles],
      };
    }
    const slots: FigureCaption['slots'] = objective
      ? [{ name: 'f', value: 'frame' }]
      : [
          { name: `train ${name}`, value: 'frame' },
          ...(hasTest ? [{ name: `test ${name}`, value: 'frame' as const }] : []),
        ];
    if (optimal !== null) slots.push(best);
    return { ...caption, slots, note: '', key: keyOf(), legend: null };
  }

  function keyOf(): KeyEntry[] {
    const key: KeyEntry[] = [
      { kind: 'line', name: objective ? 'path' : 'fit', colour: trackColours[0], dashed: false },
    ];
    if (fit?.truth) key.push({ kind: 'line', name: 'E[y | x]', colour: theme.line, dashed: true });
    if (fit?.truth?.sd) key.push({ kind: 'band', name: '± σ', colour: mix(theme.background, theme.ink, BAND_TINT) });
    if (withLandscape) key.push({ kind: 'mark', name: 'minimum', mark: 'cross' });
    if (objective && objective.saddles.length > 0) key.push({ kind: 'mark', name: 'saddle', mark: 'diamond' });
    return key;
  }

  /** One model's frames at the pace asked. */
  function* track(model: ModelChoice, pace: Pace, context: FrameContext): Generator<TrackShot, void, undefined> {
    const rng = createRng(scenario.seed).fork('model');
    const final = pace === 'final';
    if (objective) {
      const animate = final ? { ...scenario.animate, frames: 1 } : scenario.animate;
      for (const s of pathSnapshots({ model, objective, animate, rng, ...context })) {
        yield {
          ...s,
          trainUsed: 0,
          track: { fit: null, trainFit: null, path: s.path },
          figures: {
            measure: 'loss',
            train: s.value,
            test: null,
            optimal: least,
            trainMse: null,
            testMse: null,
            optimalMse: null,
            loss: s.value,
          },
          landscape: null,
        };
      }
      return;
    }
    if (!series || !fit) return;
    const measure = lossMeasure(model);
    const optimal = optimalLoss(series.simulator, measure.loss, measure.delta);
    const animate = final ? { ...scenario.animate, frames: 1, start: series.train.n } : scenario.animate;
    for (const s of curveSnapshots({
      model,
      mode: final ? 'samples' : pace,
      train: series.train,
      test: series.test,
      xs: fit.xs,
      measure,
      animate,
      rng,
      path: withLandscape,
      ...context,
    })) {
      yield curveShot(s, optimal);
    }
  }

  function curveShot(s: CurveSnapshot, optimal: number | null): TrackShot {
    return {
      frame: s.frame,
      frames: s.frames,
      label: s.label,
      stage: s.stage,
      stages: s.stages,
      trainUsed: s.trainUsed,
      track: { fit: s.fit, trainFit: s.trainFit, path: s.path },
      figures: {
        measure: 'loss',
        train: s.train,
        test: s.test,
        optimal,
        trainMse: s.trainMse,
        testMse: s.testMse,
        optimalMse,
        loss: s.loss,
      },
      landscape: s.landscape,
      program: s.program,
    };
  }

  /** The frames of models drawn together: each at the same fraction of its own training. */
  function* drawn(
    models: readonly ModelChoice[],
    titles: readonly string[] | null,
    pace: Pace,
    context: FrameContext,
  ): Generator<PanelFrame, void, undefined> {
    const paint = rendererFor(captionFor(models, titles), pace);
    const streams = models.map((m) => track(m, pace, context));
    const current: (TrackShot | null)[] = models.map(() => null);
    const pulled = models.map(() => 0);
    const ended = models.map(() => false);
    const pull = (i: number): boolean => {
      const next = streams[i].next();
      if (next.done) {
        ended[i] = true;
        return false;
      }
      current[i] = next.value;
      pulled[i]++;
      return true;
    };
    try {
      for (let i = 0; i < models.length; i++) pull(i);
      const shots = current.filter((s): s is TrackShot => s !== null);
      if (shots.length === 0) return;
      if (withLandscape && !objective) {
        const next = modelField(models[0], shots);
        if (next && next !== field) {
          field = next;
          paint.setField(next);
        }
      }
      const frames = Math.max(...shots.map((s) => s.frames));
      for (let f = 0; f < frames; f++) {
        let moved = f === 0;
        current.forEach((shot, i) => {
          const own = shot?.frames ?? 1;
          while (pulled[i] <= sharedFrame(f, frames, own) && pull(i)) moved = true;
        });
        // Every model has stopped early (a run that diverged): the animation ends where they did.
        if (!moved && ended.every(Boolean)) return;
        const live = current.filter((s): s is TrackShot => s !== null);
        const first = live[0];
        const labels = live.map((s) => s.label);
        const label = labels.every((l) => l === labels[0])
          ? labels[0]
          : `${Math.round((100 * (f + 1)) / frames)} % of training`;
        const state: FigureState = {
          label,
          trainUsed: first.trainUsed,
          tracks: current.map((s) => s?.track ?? { fit: null, trainFit: null, path: null }),
          figures: titles
            ? current.map((s) => (s ? (s.figures.test ?? s.figures.train) : null))
            : [first.figures.train, ...(hasTest ? [first.figures.test] : [])],
        };
        const figures: LossFigures =
          live.length === 1
            ? first.figures
            : {
                ...first.figures,
                train: null,
                test: null,
                trainMse: null,
                testMse: null,
                loss: null,
              };
        yield {
          frame: f,
          frames,
          label,
          stage: first.stage,
          stages: first.stages,
          figures,
          tracks: current.map((s) => s?.figures ?? null),
          program: live.length === 1 ? first.program : undefined,
          draw: (shown) => paint.render(shown === undefined ? state : { ...state, label: shown }),
        };
      }
    } finally {
      for (const s of streams) s.return(undefined);
    }
  }

  return {
    width: layout.width,
    height: layout.height,
    palette,
    warnings: [],
    optimal: objective ? least : optimalMse,
    optimalLine: fit?.truth !== null && fit?.truth !== undefined,
    hasTest,
    figure: {
      name: (test) => `${test ? 'test' : 'train'} MSE`,
      format: (v) => formatFigure(v, mseDecimals),
      of: (f, test) => (f.measure === 'loss' ? (test ? f.testMse : f.trainMse) : null),
    },
    frames: (model, pace, context) => drawn([model], null, pace, context),
    together: (models, titles, context) => drawn(models, titles, 'stages', context),
  };

  function fitScene(sim: SeriesSimulation, columns: number, render: RenderOptions, window?: Window): FitScene {
    const w = window ?? curveWindow([sim], render);
    const xs = Float64Array.from({ length: columns }, (_, i) => w.xmin + ((i + 0.5) * (w.xmax - w.xmin)) / columns);
    const { mean, sd } = sim.simulator;
    const truth =
      render.bayes && mean
        ? { mean: xs.map((x) => mean(x)), sd: sd && xs.some((x) => sd(x) > 0) ? xs.map((x) => sd(x)) : null }
        : null;
    return {
      window: w,
      xs,
      train: sim.train,
      showTrain: render.show.includes('train'),
      test: render.show.includes('test') && sim.test.n > 0 ? sim.test : null,
      truth,
      residuals: render.residuals,
      axisLabels: { x: render.xlabel, y: render.ylabel },
    };
  }
}

/** The panels of regressions and functions. */
export const figurePanels: PanelKind = {
  panel: figurePanel,
  sweepWindow(first: DataChoice, last: DataChoice, scenario: Scenario): Window | undefined {
    const r = scenario.render;
    if (first.simulator.task !== 'regression' || last.simulator.task !== 'regression' || (r.xlim && r.ylim)) {
      return undefined;
    }
    return curveWindow(
      [drawSeries(first.simulator, first.entry, scenario.seed), drawSeries(last.simulator, last.entry, scenario.seed)],
      r,
    );
  },
};
