/**
 * One scenario, start to finish: simulate the data, set the scene (window, grid, palette, the
 * optimal boundary), pull snapshots from training one at a time, draw each, stream it into the
 * GIF. The output goes to a temporary file beside the target and is renamed only when complete:
 * a failed or interrupted run leaves nothing behind.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { bayesAccuracy, bayesProba, hasBayes } from './bayes.js';
import { compareMovie } from './compare.js';
import { findDataSource } from './data/index.js';
import type { Simulator } from './data/types.js';
import { type Dataset, reorder } from './dataset.js';
import { Interrupted } from './errors.js';
import { type Grid, gridPoints, plotWindow, type Window } from './grid.js';
import { modelSpec } from './models/index.js';
import type { ModelSpec } from './models/model.js';
import { GifWriter } from './output/gif/writer.js';
import { createRng, permutation } from './random.js';
import { boundaries } from './render/contours.js';
import { type CurveData, curvesSplit, withCurves } from './render/curves.js';
import { createFrameRenderer } from './render/frame.js';
import { computeLayout, type Layout } from './render/layout.js';
import { buildPalette, classColours, type GifPalette, THEMES, TRANSPARENT_INDEX } from './render/palette.js';
import type { Scene } from './render/scene.js';
import type { Scenario } from './scenario/schema.js';
import { sweepMovie } from './sweep.js';
import { newTimings, type Timings, timed } from './timings.js';
import { animationMode, snapshots } from './train.js';

export interface RenderRequest {
  scenario: Scenario;
  /** Directory that relative data paths resolve against. */
  baseDir: string;
  /** Output path; '-' writes to `stdout`. */
  output: string;
  stdout?: (chunk: Uint8Array) => void;
  /** Also write the last frame as PNG here. */
  poster?: string;
  /** Also write every frame as PNG into this directory (frame-0001.png, ...). */
  framesDir?: string;
  warn?: (message: string) => void;
  /** Called after each frame (for progress bars). */
  onFrame?: (frame: number, frames: number) => void;
  /** Checked between frames: when aborted, the run stops and cleans up. */
  signal?: AbortSignal;
}

export interface RenderResult {
  output: string;
  frames: number;
  width: number;
  height: number;
  bytes: number;
  seconds: number;
  final: { train_accuracy: number | null; test_accuracy: number | null; bayes_accuracy: number | null };
  timings: Timings;
  /** With render.curves: the values drawn, per frame (also in --json). */
  curves?: CurveData;
}

export interface Simulation {
  simulator: Simulator;
  train: Dataset;
  test: Dataset;
}

/** The scenario's data: one simulator, a training set (shuffled once) and a test set. */
export function simulate(scenario: Scenario, baseDir: string): Simulation {
  const rng = createRng(scenario.seed).fork('data');
  const { source, n, test: nTest, ...options } = scenario.data;
  const spec = findDataSource(source);
  if (!spec) throw new Error(`unregistered data source ${source}`);
  const simulator = spec.create(options as never, { baseDir, rng: rng.fork('source') });
  const drawn = simulator.sample(n, rng.fork('train'), 'train');
  // Files may come sorted by class; growing-sample frames need a random order.
  const train = reorder(drawn, permutation(drawn.n, rng.fork('order')));
  const test = nTest > 0 || source === 'csv' ? simulator.sample(nTest, rng.fork('test'), 'test') : emptyLike(train);
  return { simulator, train, test };
}

function emptyLike(data: Dataset): Dataset {
  return { X: new Float64Array(0), y: new Uint8Array(0), n: 0, classes: data.classes };
}

function nonNull(v: number | null | undefined): number | null {
  return v === undefined || v === null || Number.isNaN(v) ? null : v;
}

/** The title and the muted subtitle of a single-model frame. */
export function captionTitles(
  scenario: Scenario,
  spec: ModelSpec,
  source: string,
): { title: string; subtitle: string } {
  // The subtitle names what the title leaves out: the model when a custom title does not, else
  // the data, unless the title names that too.
  const title = scenario.title ?? spec.title;
  const names = (text: string) => text !== '' && title.toLowerCase().includes(text.toLowerCase());
  const data = findDataSource(source)?.title ?? '';
  return { title, subtitle: !names(spec.title) ? spec.title : names(data) ? '' : data };
}

export interface SceneOptions {
  title: string;
  subtitle: string;
  /** Frame size (default: the scenario's render.width × render.height). */
  width?: number;
  height?: number;
  /** A layout of one's own (comparison panels); default: computeLayout for the size. */
  layout?: (legend: boolean) => Layout;
  /** The plot window (default: the data's, or render.xlim / ylim). */
  window?: Window;
}

export interface PreparedScene {
  scene: Scene;
  /** The grid's points (n×2), where the models are evaluated. */
  points: Float64Array;
  bayesAccuracy: number | null;
}

/** Everything a frame shows that does not change while the model trains. */
export function prepareScene(
  scenario: Scenario,
  { simulator, train, test }: Simulation,
  timings: Timings,
  o: SceneOptions,
): PreparedScene {
  const r = scenario.render;
  const classes = simulator.classes;
  const window = o.window ?? plotWindow([train, test], r.xlim, r.ylim);
  const grid: Grid = { ...window, nx: r.grid, ny: r.grid };
  const points = gridPoints(grid);
  const bayes = r.bayes && hasBayes(simulator);
  const bayesLines = bayes
    ? timed(timings, 'evaluate', () => boundaries(bayesProba(simulator, points), grid, classes))
    : null;
  const bayesAcc = hasBayes(simulator) ? bayesAccuracy(simulator, test.n > 0 ? test : train) : null;

  const theme = THEMES[r.theme];
  const colours = classColours(r.palette, classes);
  const names = simulator.classNames;
  const legendNeeded = classes > 2 || names !== undefined;
  const layout = o.layout
    ? o.layout(legendNeeded)
    : computeLayout(o.width ?? r.width, o.height ?? r.height, {
        legend: legendNeeded,
        xlabel: r.xlabel !== '',
        ylabel: r.ylabel !== '',
      });
  const scene: Scene = {
    layout,
    theme,
    palette: buildPalette(theme, colours),
    classColours: colours,
    window,
    grid,
    classes,
    shading: r.shading,
    train,
    showTrain: r.show.includes('train'),
    test: r.show.includes('test') && test.n > 0 ? test : null,
    bayesLines,
    bayesAccuracy: bayesAcc,
    title: o.title,
    subtitle: o.subtitle,
    legend: legendNeeded ? colours.map((colour, c) => ({ name: names?.[c] ?? `class ${c}`, colour })) : null,
    axisLabels: { x: r.xlabel, y: r.ylabel },
  };
  return { scene, points, bayesAccuracy: bayesAcc };
}

/** One drawn frame of any kind of animation, with the figures behind it. */
export interface MovieFrame {
  /** Palette indices, width × height (a buffer the next frame may reuse). */
  indices: Uint8Array;
  frame: number;
  frames: number;
  trainAccuracy: number | null;
  testAccuracy: number | null;
  loss: number | null;
  /** Position on the animation's axis (stage, n or swept value), and the axis itself. */
  x: number;
  axis: Axis;
}

export interface Axis {
  /** "epoch", "n", "k", ... */
  name: string;
  from: number;
  to: number;
  log: boolean;
}

/** What the output loop needs: frames pulled one at a time, all in one fixed palette. */
export interface Movie {
  width: number;
  height: number;
  /** The one palette of every frame (the GIF's global colour table). */
  palette: GifPalette;
  classes: number;
  /** The series behind the curves panel, when one is drawn (filled as frames are pulled). */
  curves?: CurveData;
  frames(): Generator<MovieFrame, void, undefined>;
  png(indices: Uint8Array): Buffer;
  bayesAccuracy: number | null;
}

export interface MovieContext {
  baseDir: string;
  timings: Timings;
  warn?: (message: string) => void;
}

/** The single-model animation (by the model's own stages or by samples), at a given size. */
export function singleMovie(
  scenario: Scenario,
  context: MovieContext,
  size?: { width: number; height: number },
): Movie {
  const model = scenario.model;
  if (!model) throw new Error('singleMovie needs scenario.model');
  const spec = modelSpec(model.type);
  const { type: _type, ...modelOptions } = model;
  const simulation = simulate(scenario, context.baseDir);
  const { scene, points, bayesAccuracy } = prepareScene(scenario, simulation, context.timings, {
    ...captionTitles(scenario, spec, scenario.data.source),
    ...size,
  });
  const renderer = createFrameRenderer(scene);
  const mode = animationMode(spec, scenario.animate.by);
  return {
    width: scene.layout.width,
    height: scene.layout.height,
    palette: scene.palette,
    classes: scene.classes,
    bayesAccuracy,
    png: (indices) => renderer.png(indices),
    *frames() {
      const plan = {
        spec,
        options: modelOptions,
        train: simulation.train,
        test: simulation.test,
        grid: scene.grid,
        points,
        animate: scenario.animate,
        rng: createRng(scenario.seed).fork('model'),
        timings: context.timings,
        warn: context.warn,
      };
      for (const snapshot of snapshots(plan)) {
        const indices = timed(context.timings, 'draw', () => renderer.render(snapshot));
        yield {
          indices,
          frame: snapshot.frame,
          frames: snapshot.frames,
          trainAccuracy: snapshot.trainAccuracy,
          testAccuracy: snapshot.testAccuracy,
          loss: snapshot.loss,
          x: snapshot.stage,
          axis: {
            name: mode === 'samples' ? 'n' : (spec.stage ?? 'stage'),
            from: snapshot.stages[0],
            to: snapshot.stages[1],
            log: scenario.animate.spacing === 'log' && mode === 'stages',
          },
        };
      }
    },
  };
}

/** The animation a scenario asks for: one model, a comparison grid or a sweep, with or without curves. */
export function movieOf(scenario: Scenario, context: MovieContext): Movie {
  if (scenario.compare) return compareMovie(scenario, context);
  const r = scenario.render;
  const map = (size?: { width: number; height: number }) =>
    scenario.animate.by === 'sweep' ? sweepMovie(scenario, context, size) : singleMovie(scenario, context, size);
  if (!r.curves) return map();
  const split = curvesSplit(r.width, r.height);
  return withCurves(map(split.map), split, scenario);
}

export async function renderScenario(request: RenderRequest): Promise<RenderResult> {
  const started = performance.now();
  const timings = newTimings();
  const movie = movieOf(request.scenario, { baseDir: request.baseDir, timings, warn: request.warn });
  return writeMovie(request, movie, timings, started);
}

/** Streams a movie into the GIF (and PNGs), through a temporary file renamed only when complete. */
async function writeMovie(
  request: RenderRequest,
  movie: Movie,
  timings: Timings,
  started: number,
): Promise<RenderResult> {
  const { scenario } = request;
  const toStdout = request.output === '-';
  const target = toStdout ? '-' : resolve(request.output);
  let temp: string | null = null;
  let fd: number | null = null;
  if (!toStdout) {
    mkdirSync(dirname(target), { recursive: true });
    temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
    fd = openSync(temp, 'w');
  }
  const sink = toStdout
    ? (chunk: Uint8Array) => request.stdout?.(chunk)
    : (chunk: Uint8Array) => {
        writeSync(fd as number, chunk);
      };
  if (request.framesDir) mkdirSync(request.framesDir, { recursive: true });

  try {
    const writer = new GifWriter(
      {
        width: movie.width,
        height: movie.height,
        palette: movie.palette.colours,
        fps: scenario.animate.fps,
        hold: scenario.animate.hold,
        transparentIndex: TRANSPARENT_INDEX,
      },
      sink,
    );
    let last: { train: number | null; test: number | null } | null = null;
    let lastFrame: Uint8Array | null = null;
    for (const shot of movie.frames()) {
      if (request.signal?.aborted) throw new Interrupted(request.signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
      const frame = shot.indices;
      timed(timings, 'encode', () => writer.push(frame));
      if (request.framesDir) {
        const name = `frame-${String(shot.frame + 1).padStart(4, '0')}.png`;
        writeFileSync(join(request.framesDir, name), movie.png(frame));
      }
      last = { train: shot.trainAccuracy, test: shot.testAccuracy };
      lastFrame = frame;
      request.onFrame?.(shot.frame, shot.frames);
      // Let signals and other tasks in between frames.
      await new Promise<void>((done) => setImmediate(done));
    }
    const frames = timed(timings, 'encode', () => writer.finish());
    if (fd !== null) {
      closeSync(fd);
      fd = null;
    }
    if (request.poster && lastFrame) {
      mkdirSync(dirname(resolve(request.poster)), { recursive: true });
      writeFileSync(request.poster, movie.png(lastFrame));
    }
    if (temp) renameSync(temp, target);
    temp = null;
    return {
      output: toStdout ? '-' : request.output,
      frames,
      width: movie.width,
      height: movie.height,
      bytes: writer.bytes,
      seconds: Math.round(performance.now() - started) / 1000,
      final: {
        train_accuracy: nonNull(last?.train),
        test_accuracy: nonNull(last?.test),
        bayes_accuracy: nonNull(movie.bayesAccuracy),
      },
      timings,
      ...(movie.curves ? { curves: movie.curves } : {}),
    };
  } finally {
    if (fd !== null) closeSync(fd);
    if (temp) rmSync(temp, { force: true });
  }
}
