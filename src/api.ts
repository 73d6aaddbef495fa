/**
 * The library: everything the command line does, as functions, over one flow —
 * load (read and validate) → plan (every check a render makes) → movie (frames drawn one at a
 * time) → output (the GIF written atomically). A scenario is given as a file path (YAML or JSON)
 * or as a plain object; the user's mistakes are UserErrors carrying structured problems.
 */
import { resolve } from 'node:path';
import { drawData, drawSeries } from './data/simulate.js';
import type { Dataset, Series, Task } from './dataset.js';
import { type Problem, UserError } from './errors.js';
import type { Figures } from './movie/movie.js';
import { movieOf } from './movie/movie-of.js';
import { writeMovie } from './output/write-movie.js';
import { type OutputFormat, withFormat } from './plan/output-format.js';
import type { DataChoice, RenderPlan } from './plan/plan.js';
import { planRender } from './plan/plan-render.js';
import type { CurveData } from './render/curves.js';
import { INPUT_LIMITS, type LoadedScenario, loadScenario, validateScenario } from './scenario/load.js';
import { newTimings, type Timings } from './timings.js';

/** A scenario file path, or the scenario itself as a plain object. */
export type ScenarioInput = string | Record<string, unknown>;

export interface LoadOptions {
  /** `path=value` overrides, as `--set`. */
  set?: readonly string[];
  /** The width × height × frames budget (default 1e9 pixels). */
  maxPixels?: number;
  /** For an object scenario: the directory that CSV paths resolve against (default: cwd). */
  baseDir?: string;
}

export interface PlanOptions extends LoadOptions {
  /** Output file (.gif, .mp4 or .png); '-' = stdout. Default: the scenario's output, or out/<name>.gif. */
  output?: string;
  /** The output's format where its name does not say (stdout); must agree with its extension. */
  format?: OutputFormat;
  /** The work budget: pixels, model evaluations and training, estimated (plan/work.ts). */
  maxWork?: number;
}

export interface RenderOptions extends PlanOptions {
  stdout?: (chunk: Uint8Array) => void;
  /** Also write the last frame as PNG ('-': to `stdout`). */
  poster?: string;
  /** Also write every frame as PNG into this directory. */
  framesDir?: string;
  /** Stops the render between frames (nothing is left behind). */
  signal?: AbortSignal;
  onFrame?: (frame: number, frames: number) => void;
  warn?: (message: string) => void;
}

export interface RenderResult {
  output: string;
  format: OutputFormat;
  frames: number;
  width: number;
  height: number;
  bytes: number;
  seconds: number;
  /** The last frame's figures, by the figure's task (null where undefined); an evolved program's search too. */
  final: FinalFigures | (FinalFigures & SearchFigures);
  /** Where the time went, in milliseconds. */
  timings: Timings;
  /** With render.curves: the values drawn, per frame. */
  curves?: CurveData;
  /**
   * A comparison's models, each with its last frame's figures (`final` holds what they share: the
   * best possible), in the order of `compare:`, row by row with rows.
   */
  panels?: { model: string; data: string; final: FinalFigures }[];
  /** What the models warned about (each once), when they did: also said through `warn`. */
  warnings?: string[];
}

/** A classification's accuracies; a regression's MSE and its own loss; a function's value. */
export type FinalFigures =
  | {
      train_accuracy: number | null;
      test_accuracy: number | null;
      bayes_accuracy: number | null;
      /** A search's winner (its accuracies above), what it scored on validation, and the work done. */
      model?: string;
      options?: Record<string, unknown>;
      validation_accuracy?: number;
      trials?: number;
      evaluations?: number;
    }
  | {
      train_mse: number | null;
      test_mse: number | null;
      optimal_mse: number | null;
      loss: number | null;
      train_loss: number | null;
      test_loss: number | null;
      optimal_loss: number | null;
    }
  | { loss: number | null; optimal_loss: number | null };

/** An evolved program's search at the last frame (model.type: evolve), beside its figures. */
export interface SearchFigures {
  evaluations: number;
  best_fitness: number | null;
}

/** A figure for JSON: null where undefined or not a number. */
function figure(v: number | null | undefined): number | null {
  return v === undefined || v === null || Number.isNaN(v) ? null : v;
}

/** The --json `final` of a figure of this task from its last frame's figures. */
export function finalFigures(task: Task, figures: Figures | null): FinalFigures {
  const accuracy = figures?.measure === 'accuracy' ? figures : null;
  const loss = figures?.measure === 'loss' ? figures : null;
  if (task === 'classification') {
    const search = accuracy?.search;
    return {
      train_accuracy: figure(accuracy?.trainAccuracy),
      test_accuracy: figure(accuracy?.testAccuracy),
      bayes_accuracy: figure(accuracy?.bayesAccuracy),
      ...(search
        ? {
            model: search.model,
            options: search.options,
            validation_accuracy: search.validationAccuracy,
            trials: search.trials,
            evaluations: search.evaluations,
          }
        : {}),
    };
  }
  if (task === 'optimization') return { loss: figure(loss?.loss), optimal_loss: figure(loss?.optimal) };
  return {
    train_mse: figure(loss?.trainMse),
    test_mse: figure(loss?.testMse),
    optimal_mse: figure(loss?.optimalMse),
    loss: figure(loss?.loss),
    train_loss: figure(loss?.train),
    test_loss: figure(loss?.test),
    optimal_loss: figure(loss?.optimal),
  };
}

export interface Validation {
  ok: boolean;
  /** The validated scenario, defaults filled in, when ok. */
  scenario?: LoadedScenario['scenario'];
  /** Every problem found (empty when ok). */
  problems: Problem[];
}

/** Reads and validates a scenario (file or object); throws a UserError listing every problem. */
export function load(input: ScenarioInput, options: LoadOptions = {}): LoadedScenario {
  const maxPixels = options.maxPixels ?? INPUT_LIMITS.pixels;
  if (typeof input === 'string') return loadScenario(input, options.set ?? [], undefined, maxPixels);
  return {
    scenario: validateScenario(input, options.set ?? [], maxPixels),
    baseDir: resolve(options.baseDir ?? '.'),
    name: 'scenario',
  };
}

/** The output a render of `loaded` writes when none is given (out/<name>.gif, or the format's extension). */
export function defaultOutput(loaded: LoadedScenario, format?: OutputFormat): string {
  return loaded.scenario.output ?? withFormat(`out/${loaded.name}`, format);
}

/** The render plan of a loaded scenario: every check a render makes, nothing drawn or written. */
export function planOf(
  loaded: LoadedScenario,
  output: string = defaultOutput(loaded),
  maxWork?: number,
  format?: OutputFormat,
): RenderPlan {
  return planRender(loaded.scenario, loaded.baseDir, { output, scenarioFile: loaded.file, maxWork, format });
}

/** Loads and plans; throws a UserError listing every problem. */
export function plan(input: ScenarioInput, options: PlanOptions = {}): RenderPlan {
  const loaded = load(input, options);
  return planOf(loaded, options.output ?? defaultOutput(loaded, options.format), options.maxWork, options.format);
}

/** Validates without rendering (everything a render checks); never throws for the user's mistakes. */
export function validate(input: ScenarioInput, options: PlanOptions = {}): Validation {
  try {
    const planned = plan(input, options);
    return { ok: true, scenario: planned.scenario, problems: [] };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { ok: false, problems: [...error.problems] };
  }
}

/** Renders a plan: its movie, streamed into its output. */
export async function renderPlan(
  planned: RenderPlan,
  options: Omit<RenderOptions, keyof PlanOptions> = {},
): Promise<RenderResult> {
  const started = performance.now();
  const timings = newTimings();
  const { scenario } = planned;
  const warnings = new Set<string>();
  const warn = (message: string) => {
    if (warnings.has(message)) return;
    warnings.add(message);
    options.warn?.(message);
  };
  // A GIF is drawn in its 256 colours; the other formats, and a poster, in full colour.
  const fullColour = planned.format !== 'gif';
  const movie = movieOf(planned, { timings, warn, fullColour });
  const written = await writeMovie(
    movie,
    {
      output: planned.output,
      format: planned.format,
      stdout: options.stdout,
      poster: options.poster,
      // Beside a GIF the poster's frame is drawn again in full colour: the animation once more.
      posterMovie:
        options.poster && !fullColour ? () => movieOf(planned, { timings, warn, fullColour: true }) : undefined,
      framesDir: options.framesDir,
      fps: scenario.animate.fps,
      hold: scenario.animate.hold,
      signal: options.signal,
      onFrame: options.onFrame,
    },
    timings,
  );
  return {
    output: planned.output,
    format: planned.format,
    frames: written.frames,
    width: movie.width,
    height: movie.height,
    bytes: written.bytes,
    seconds: Math.round(performance.now() - started) / 1000,
    final: {
      ...finalFigures(planned.task, written.figures),
      ...(written.program
        ? { evaluations: written.program.evaluations, best_fitness: figure(written.program.bestFitness) }
        : {}),
    },
    timings,
    ...(movie.curves ? { curves: movie.curves } : {}),
    ...(written.panels
      ? {
          panels: written.panels.map(({ model, data, figures }) => ({
            model,
            data,
            final: finalFigures(planned.task, figures),
          })),
        }
      : {}),
    ...(warnings.size > 0 ? { warnings: [...warnings] } : {}),
  };
}

/** Renders a scenario to a GIF, MP4 or PNG (see RenderOptions). */
export async function render(input: ScenarioInput, options: RenderOptions = {}): Promise<RenderResult> {
  return renderPlan(plan(input, options), options);
}

export interface Points {
  points: Dataset;
  /** Class names (CSV labels), when the source has them. */
  classNames?: readonly string[];
}

/**
 * The scenario's data set, planned (only the data is drawn, so the work budget does not apply):
 * with rows, rows[row].
 */
function plannedData(loaded: LoadedScenario, row?: number): DataChoice {
  const planned = planOf(loaded, '-', Number.POSITIVE_INFINITY);
  return planned.kind === 'compare'
    ? rowOf(planned.datasets, planned.byRows, row)
    : noRow(planned.kind === 'sweep' ? planned.frames[0].data : planned.data, row);
}

function wrongTask(data: DataChoice, expected: string): UserError {
  const task = data.simulator.task;
  return new UserError(
    task === 'optimization'
      ? `data.source ${data.entry.source} has no points: it is a function to minimise`
      : `data.source ${data.entry.source} poses a ${task} task; expected ${expected}`,
    'data.source',
  );
}

/** A data set's classification points (a UserError for data of another task). */
function pointsOf(data: DataChoice, seed: number, split: 'train' | 'test'): Points {
  if (data.simulator.task !== 'classification') throw wrongTask(data, 'classification data (labelled points)');
  const { simulator, train, test } = drawData(data.simulator, data.entry, seed);
  return { points: split === 'train' ? train : test, classNames: simulator.classNames };
}

/** A data set's regression points (a UserError for data of another task). */
function seriesOf(data: DataChoice, seed: number, split: 'train' | 'test'): Series {
  if (data.simulator.task !== 'regression') throw wrongTask(data, 'regression data (points x, y)');
  const { train, test } = drawSeries(data.simulator, data.entry, seed);
  return split === 'train' ? train : test;
}

/** The scenario's simulated training points (in training order) or test points: classification data. */
export function points(loaded: LoadedScenario, split: 'train' | 'test' = 'train', row?: number): Points {
  return pointsOf(plannedData(loaded, row), loaded.scenario.seed, split);
}

/** The scenario's training points (in training order) or test points: regression data. */
export function series(loaded: LoadedScenario, split: 'train' | 'test' = 'train', row?: number): Series {
  return seriesOf(plannedData(loaded, row), loaded.scenario.seed, split);
}

/** The scenario's points as CSV, x,y,label or x,y by its task (what `mlgif data` writes). */
export function dataCsv(loaded: LoadedScenario, split: 'train' | 'test' = 'train', row?: number): string {
  const data = plannedData(loaded, row);
  const seed = loaded.scenario.seed;
  return data.simulator.task === 'regression'
    ? seriesCsv(seriesOf(data, seed, split))
    : toCsv(pointsOf(data, seed, split));
}

/** A series as CSV with the header x,y, which `source: csv` reads back as regression data. */
export function seriesCsv(data: Series): string {
  const rows = ['x,y'];
  for (let i = 0; i < data.n; i++) rows.push(`${data.x[i]},${data.y[i]}`);
  return `${rows.join('\n')}\n`;
}

/** The data set of rows[row]: a scenario with rows must say which. */
function rowOf<T>(datasets: readonly T[], byRows: boolean, row: number | undefined): T {
  if (!byRows) return noRow(datasets[0], row);
  if (row === undefined) {
    throw new UserError(
      `the scenario has ${datasets.length} data sets (rows); choose one with --row 0..${datasets.length - 1}`,
      '--row',
    );
  }
  if (row >= datasets.length) {
    throw new UserError(
      `the scenario has ${datasets.length} data sets (rows[0] to rows[${datasets.length - 1}]), not rows[${row}]`,
      '--row',
    );
  }
  return datasets[row];
}

function noRow<T>(data: T, row: number | undefined): T {
  if (row !== undefined) throw new UserError('the scenario has one data set (data:); --row goes with rows:', '--row');
  return data;
}

function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Points as CSV with the header x,y,label, which `source: csv` reads back: coordinates in the
 * shortest form that parses to the same double, labels as class names or class numbers.
 */
export function toCsv({ points: data, classNames }: Points): string {
  const rows = ['x,y,label'];
  for (let i = 0; i < data.n; i++) {
    const label = classNames ? csvField(classNames[data.y[i]]) : String(data.y[i]);
    rows.push(`${data.X[2 * i]},${data.X[2 * i + 1]},${label}`);
  }
  return `${rows.join('\n')}\n`;
}
