/**
 * The library: everything the command line does, as functions. A scenario is given as a file path
 * (YAML or JSON) or as a plain object; user mistakes are UserErrors (the CLI's exit 2).
 */
import { resolve } from 'node:path';
import type { Dataset } from './dataset.js';
import { UserError } from './errors.js';
import { modelSpec } from './models/index.js';
import { type RenderResult, renderScenario, simulate } from './pipeline.js';
import { INPUT_LIMITS, type LoadedScenario, loadScenario, validateScenario } from './scenario/load.js';
import type { Scenario } from './scenario/schema.js';

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

export interface RenderOptions extends LoadOptions {
  /** Output GIF; '-' sends the bytes to `stdout`. Default: the scenario's output, or out/<name>.gif. */
  output?: string;
  stdout?: (chunk: Uint8Array) => void;
  /** Also write the last frame as PNG. */
  poster?: string;
  /** Also write every frame as PNG into this directory. */
  framesDir?: string;
  /** Stops the render between frames (nothing is left behind). */
  signal?: AbortSignal;
  onFrame?: (frame: number, frames: number) => void;
  warn?: (message: string) => void;
}

export interface Validation {
  ok: boolean;
  /** The validated scenario, defaults filled in, when ok. */
  scenario?: LoadedScenario['scenario'];
  /** One line per problem (empty when ok). */
  problems: string[];
}

/** Reads and validates a scenario (file or object); throws a UserError listing every problem. */
export function load(input: ScenarioInput, options: LoadOptions = {}): LoadedScenario {
  const maxPixels = options.maxPixels ?? INPUT_LIMITS.pixels;
  if (typeof input === 'string') return loadScenario(input, options.set ?? [], undefined, maxPixels);
  return {
    scenario: validateScenario(input, options.set ?? [], 'scenario', maxPixels),
    baseDir: resolve(options.baseDir ?? '.'),
    name: 'scenario',
  };
}

/**
 * Everything short of rendering: the scenario's fields, its data (a CSV is read and checked,
 * a covariance factorised) and the model's construction for that many classes.
 */
export function check(loaded: LoadedScenario): void {
  const { scenario, baseDir } = loaded;
  // A comparison (compare, rows) checks every panel's model on every row's data.
  const loose = scenario as { model?: ModelEntry; compare?: ModelEntry[]; rows?: Scenario['data'][] };
  const entries = loose.model ? [loose.model] : (loose.compare ?? []);
  for (const data of loose.rows ?? [scenario.data]) {
    // No simulated test points: sampling more of the same source checks nothing more (a CSV's
    // test file is still read: csv always loads it).
    const { train } = simulate({ ...scenario, data: { ...data, test: 0 } }, baseDir);
    for (const { type, title: _title, ...options } of entries) {
      const spec = modelSpec(type);
      // Constructed only to surface option errors that depend on the data (e.g. the class count).
      spec.classifier(options, train.classes);
    }
  }
}

type ModelEntry = { type: string; title?: string; [option: string]: unknown };

/** Validates without rendering; never throws for the user's mistakes. */
export function validate(input: ScenarioInput, options: LoadOptions = {}): Validation {
  try {
    const loaded = load(input, options);
    check(loaded);
    return { ok: true, scenario: loaded.scenario, problems: [] };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { ok: false, problems: problemLines(error.message) };
  }
}

/** A UserError message as one line per problem ("file: invalid scenario:\n  a: x\n  b: y" → 2). */
export function problemLines(message: string): string[] {
  const lines = message.split('\n');
  if (lines.length === 1) return lines;
  const head = lines[0].replace(/:?\s*invalid scenario:$/, '');
  return lines.slice(1).map((line) => (head ? `${head}: ${line.trim()}` : line.trim()));
}

/** Renders a scenario to a GIF (see RenderOptions). */
export async function render(input: ScenarioInput, options: RenderOptions = {}): Promise<RenderResult> {
  const loaded = load(input, options);
  return renderScenario({
    scenario: loaded.scenario,
    baseDir: loaded.baseDir,
    output: options.output ?? loaded.scenario.output ?? `out/${loaded.name}.gif`,
    stdout: options.stdout,
    poster: options.poster,
    framesDir: options.framesDir,
    signal: options.signal,
    onFrame: options.onFrame,
    warn: options.warn,
  });
}

export interface Points {
  points: Dataset;
  /** Class names (CSV labels), when the source has them. */
  classNames?: readonly string[];
}

/** The scenario's simulated training points (in training order) or test points. */
export function points(loaded: LoadedScenario, split: 'train' | 'test' = 'train'): Points {
  const { simulator, train, test } = simulate(loaded.scenario, loaded.baseDir);
  return { points: split === 'train' ? train : test, classNames: simulator.classNames };
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
