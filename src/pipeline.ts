/**
 * One scenario, start to finish: simulate the data, set the scene (window, grid, palette, the
 * optimal boundary), pull snapshots from training one at a time, draw each, stream it into the
 * GIF. The output goes to a temporary file beside the target and is renamed only when complete:
 * a failed or interrupted run leaves nothing behind.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { bayesAccuracy, bayesProba, hasBayes } from './bayes.js';
import { findDataSource } from './data/index.js';
import type { Simulator } from './data/types.js';
import { type Dataset, reorder } from './dataset.js';
import { Interrupted } from './errors.js';
import { GifWriter } from './gif/writer.js';
import { type Grid, gridPoints, plotWindow } from './grid.js';
import { findModel } from './models/index.js';
import { createRng, permutation } from './random.js';
import { boundaries } from './render/contours.js';
import { createFrameRenderer, type Scene } from './render/frame.js';
import { computeLayout } from './render/layout.js';
import { buildPalette, classColours, THEMES, TRANSPARENT_INDEX } from './render/palette.js';
import type { Scenario } from './scenario/schema.js';
import { newTimings, type Timings, timed } from './timings.js';
import { snapshots } from './train.js';

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

export async function renderScenario(request: RenderRequest): Promise<RenderResult> {
  const started = performance.now();
  const { scenario } = request;
  const timings = newTimings();
  const spec = findModel(scenario.model.type);
  if (!spec) throw new Error(`unregistered model ${scenario.model.type}`);
  const { type: _type, ...modelOptions } = scenario.model;
  const { simulator, train, test } = simulate(scenario, request.baseDir);
  const r = scenario.render;
  const classes = simulator.classes;

  const window = plotWindow([train, test], r.xlim, r.ylim);
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
  const layout = computeLayout(r.width, r.height, {
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
    title: scenario.title ?? spec.title,
    subtitle:
      scenario.title && scenario.title !== spec.title
        ? spec.title
        : (findDataSource(scenario.data.source)?.title ?? ''),
    legend: legendNeeded ? colours.map((colour, c) => ({ name: names?.[c] ?? `class ${c}`, colour })) : null,
    axisLabels: { x: r.xlabel, y: r.ylabel },
  };
  const renderer = createFrameRenderer(scene);

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
        width: r.width,
        height: r.height,
        palette: scene.palette.colours,
        fps: scenario.animate.fps,
        hold: scenario.animate.hold,
        transparentIndex: TRANSPARENT_INDEX,
      },
      sink,
    );
    let last: { train: number; test: number | null } | null = null;
    let lastFrame: Uint8Array | null = null;
    const plan = {
      spec,
      options: modelOptions,
      train,
      test,
      grid: points,
      animate: scenario.animate,
      rng: createRng(scenario.seed).fork('model'),
      timings,
      warn: request.warn,
    };
    for (const snapshot of snapshots(plan)) {
      if (request.signal?.aborted) throw new Interrupted(request.signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
      const frame = timed(timings, 'draw', () => renderer.render(snapshot));
      timed(timings, 'encode', () => writer.push(frame));
      if (request.framesDir) {
        const name = `frame-${String(snapshot.frame + 1).padStart(4, '0')}.png`;
        writeFileSync(join(request.framesDir, name), renderer.png(frame));
      }
      last = { train: snapshot.trainAccuracy, test: snapshot.testAccuracy };
      lastFrame = frame;
      request.onFrame?.(snapshot.frame, snapshot.frames);
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
      writeFileSync(request.poster, renderer.png(lastFrame));
    }
    if (temp) renameSync(temp, target);
    temp = null;
    return {
      output: toStdout ? '-' : request.output,
      frames,
      width: r.width,
      height: r.height,
      bytes: writer.bytes,
      seconds: Math.round(performance.now() - started) / 1000,
      final: {
        train_accuracy: nonNull(last?.train),
        test_accuracy: nonNull(last?.test),
        bayes_accuracy: nonNull(bayesAcc),
      },
      timings,
    };
  } finally {
    if (fd !== null) closeSync(fd);
    if (temp) rmSync(temp, { force: true });
  }
}
