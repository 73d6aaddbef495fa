/**
 * Model and hyper-parameter search (`search:` in place of `model:`): the model types to try, each
 * option a fixed value, a range or a list of choices, checked here against the model's own schema
 * and drawn here, from the seed, into the configurations the render will train. So `validate`
 * sees every configuration a render trains, and a bad range is refused before anything runs.
 *
 * - A numeric option takes a value or a range: [lo, hi] (uniform; whole numbers for an integer
 *   option) or [lo, hi, log] (log-uniform: Bergstra & Bengio 2012, "Random search for
 *   hyper-parameter optimization", JMLR 13, draw scale parameters such as C and gamma this way).
 *   Both ends must be values the option accepts, and lo < hi.
 * - Any other option takes a value, or a list of choices when the list is not itself a value of
 *   the option (`kernel: [rbf, linear]`, `hidden: [[8], [16, 16]]`; `hidden: [16, 16]` is one value).
 *
 * Methods. `random` trains every configuration on the fitting points (Bergstra & Bengio 2012).
 * `halving` is successive halving (Jamieson & Talwalkar 2016, "Non-stochastic best arm
 * identification and hyperparameter optimization", AISTATS; the inner loop of Li et al. 2018,
 * "Hyperband", JMLR 18) with the training sample as the resource: every configuration starts on
 * a small share of the fitting points, the best 1/eta go on to a sample eta times larger, until
 * one remains, trained on all of them. Either way each configuration is scored on a validation
 * split of the training points, never on the test points.
 */
import { z } from 'zod';
import { joinPath, type Problem, UserError } from '../errors.js';
import { models } from '../models/index.js';
import type { ModelSpec } from '../models/model.js';
import { unknownKeyMessage, unknownNameMessage } from '../options.js';
import { createRng, type Rng } from '../random.js';
import { MIN_PANEL_SIDE } from '../render/grid-layout.js';
import { searchPanelSide } from '../render/search-layout.js';
import { plainError } from '../scenario/plain-errors.js';
import type { SearchOptions } from '../scenario/schema.js';
import type { DataChoice, SearchConfig } from './plan.js';
import { checkTaskFit, dataPhrase } from './task-fit.js';

/** One option searched over: a range of numbers, or a list of choices. */
export type Dimension =
  | { name: string; kind: 'range'; lo: number; hi: number; log: boolean; integer: boolean }
  | { name: string; kind: 'choice'; values: readonly unknown[] };

/** A model type with its fixed options and the options searched over. */
export interface SearchSpace {
  spec: ModelSpec;
  fixed: Record<string, unknown>;
  dimensions: Dimension[];
}

/** Fewest points a search scores on, and fits on. */
export const MIN_VALIDATION = 5;
export const MIN_FIT = 10;

/** Points held out to score configurations: a share of n, the rest fit. */
export function validationCount(n: number, share: number): number {
  return Math.max(1, Math.round(share * n));
}

/**
 * How many configurations each round trains: random search, one round of all; successive
 * halving, all, then the best ⌈k/eta⌉ of the k before, down to one.
 */
export function searchRounds(method: SearchOptions['method'], trials: number, eta: number): number[] {
  const rounds = [trials];
  if (method === 'random') return rounds;
  for (let k = trials; k > 1; ) {
    k = Math.ceil(k / eta);
    rounds.push(k);
  }
  return rounds;
}

/**
 * The training sample of each round: the last round fits on all `fit` points, each earlier round
 * on 1/eta of the next, never fewer than `smallest` (nor more than `fit`).
 */
export function roundSizes(fit: number, rounds: number, eta: number, smallest: number): number[] {
  const floor = Math.min(fit, smallest);
  return Array.from({ length: rounds }, (_, i) => Math.max(floor, Math.round(fit / eta ** (rounds - 1 - i))));
}

/** Whether an option takes numbers, and whole ones: from its JSON Schema (a union may allow a word too). */
function numericKind(schema: z.ZodType): 'integer' | 'number' | null {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    type?: unknown;
    anyOf?: { type?: unknown }[];
  };
  const types = [json.type, ...(json.anyOf ?? []).map((m) => m.type)];
  if (types.includes('number')) return 'number';
  return types.includes('integer') ? 'integer' : null;
}

function issueText(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => i.message).join('; ');
}

/** The problem with one value of an option (null: none), the model's other options fixed. */
function valueProblem(spec: ModelSpec, fixed: Record<string, unknown>, key: string, value: unknown): string | null {
  const parsed = spec.schema.safeParse({ ...fixed, [key]: value }, { error: plainError });
  if (parsed.success) return null;
  const own = parsed.error.issues.filter((i) => i.path[0] === key);
  return issueText(own.length > 0 ? own : parsed.error.issues);
}

const RANGE_SHAPE = 'expected a value, a range [lo, hi] or a log range [lo, hi, log]';

/** A numeric option's range, each end checked; problems go to `report`. */
function rangeOf(
  spec: ModelSpec,
  fixed: Record<string, unknown>,
  key: string,
  value: unknown[],
  integer: boolean,
  report: (path: string, message: string) => void,
  path: string,
): Dimension | null {
  const [lo, hi, scale] = value;
  const shaped =
    (value.length === 2 || (value.length === 3 && (scale === 'log' || scale === 'linear'))) &&
    typeof lo === 'number' &&
    typeof hi === 'number';
  if (!shaped) {
    report(path, RANGE_SHAPE);
    return null;
  }
  let ok = true;
  for (const [i, end] of [lo, hi].entries()) {
    const problem = valueProblem(spec, fixed, key, end);
    if (problem) {
      report(`${path}[${i}]`, `${key} = ${end} is not allowed: ${problem}`);
      ok = false;
    }
  }
  if (ok && !(lo < hi)) {
    report(path, `expected [lo, hi] with lo < hi, got [${lo}, ${hi}]`);
    ok = false;
  }
  if (ok && scale === 'log' && !(lo > 0)) {
    report(path, `a log range needs lo > 0, got ${lo}`);
    ok = false;
  }
  return ok ? { name: key, kind: 'range', lo, hi, log: scale === 'log', integer } : null;
}

/** One entry of search.models: its model type, fixed options and dimensions; problems go to `report`. */
function spaceOf(
  entry: { type: string; [option: string]: unknown },
  path: string,
  report: (path: string, message: string) => void,
): SearchSpace | null {
  const names = models.map((m) => m.type);
  const spec = models.find((m) => m.type === entry.type);
  if (!spec) {
    report(joinPath(path, 'type'), unknownNameMessage('type', entry.type, names));
    return null;
  }
  const shape = spec.schema.shape as Record<string, z.ZodType>;
  const { type: _type, ...given } = entry;
  const fixed: Record<string, unknown> = {};
  const searched: [string, unknown][] = [];
  const known = Object.keys(shape);
  for (const [key, value] of Object.entries(given)) {
    const option = shape[key];
    if (!option) {
      report(joinPath(path, key), unknownKeyMessage([key], known));
      continue;
    }
    // A list is a range for a numeric option; for another, choices unless the list is one value.
    const searches = Array.isArray(value) && (numericKind(option) !== null || !option.safeParse(value).success);
    if (searches) searched.push([key, value]);
    else fixed[key] = value;
  }
  const base = spec.schema.safeParse(fixed, { error: plainError });
  if (!base.success) {
    for (const issue of base.error.issues) {
      report(joinPath(path, issue.path.map(String).join('.')), issue.message);
    }
    return null;
  }
  const dimensions: Dimension[] = [];
  for (const [key, value] of searched as [string, unknown[]][]) {
    const at = joinPath(path, key);
    const numeric = numericKind(shape[key]);
    if (numeric) {
      const range = rangeOf(spec, fixed, key, value, numeric === 'integer', report, at);
      if (range) dimensions.push(range);
      continue;
    }
    if (value.length === 0) {
      report(at, 'expected a value or a list of choices, got an empty list');
      continue;
    }
    let ok = true;
    value.forEach((choice, i) => {
      const problem = valueProblem(spec, fixed, key, choice);
      if (problem) {
        report(`${at}[${i}]`, problem);
        ok = false;
      }
    });
    if (ok) dimensions.push({ name: key, kind: 'choice', values: value });
  }
  return { spec, fixed, dimensions };
}

/** Rounded to 3 significant digits: the value a leaderboard shows is the value used. */
function roundValue(v: number): number {
  return Number(v.toPrecision(3));
}

/** One value of a dimension, drawn from rng. */
export function drawValue(d: Dimension, rng: Rng): unknown {
  if (d.kind === 'choice') return d.values[rng.int(d.values.length)];
  const { lo, hi } = d;
  if (d.integer) {
    if (!d.log) return lo + rng.int(hi - lo + 1);
    // Log-uniform over [lo, hi + 1), floored: each whole number weighted by log((v + 1) / v).
    return Math.min(hi, Math.floor(Math.exp(Math.log(lo) + rng.uniform() * (Math.log(hi + 1) - Math.log(lo)))));
  }
  const x = d.log
    ? Math.exp(Math.log(lo) + rng.uniform() * (Math.log(hi) - Math.log(lo)))
    : lo + rng.uniform() * (hi - lo);
  return Math.min(hi, Math.max(lo, roundValue(x)));
}

/** `trials` configurations: each a model entry drawn uniformly, then each of its dimensions. */
export function drawConfigs(spaces: readonly SearchSpace[], trials: number, rng: Rng): SearchConfig[] {
  return Array.from({ length: trials }, () => {
    const entry = rng.int(spaces.length);
    const { spec, fixed, dimensions } = spaces[entry];
    const drawn = dimensions.map((d): [string, unknown] => [d.name, drawValue(d, rng)]);
    // Every value is within what the option accepts (both ends were checked), so this parses.
    const options = spec.schema.parse({ ...fixed, ...Object.fromEntries(drawn) }) as Record<string, unknown>;
    return { model: { spec, options }, entry, drawn };
  });
}

export interface PlannedSearch {
  configs: SearchConfig[];
  rounds: number[];
}

/** The search's configurations and rounds for its data, or a UserError naming every problem. */
export function planSearch(
  search: SearchOptions,
  data: DataChoice,
  seed: number,
  render: { width: number; height: number },
): PlannedSearch {
  const { simulator, entry } = data;
  if (simulator.task !== 'classification') {
    throw new UserError(
      `a search scores classifiers by their validation accuracy; ${dataPhrase(data, 'data')}: search works on classification data`,
      'search',
    );
  }
  if (!simulator.fromFile) {
    const held = validationCount(entry.n, search.validation);
    if (held < MIN_VALIDATION || entry.n - held < MIN_FIT) {
      throw new UserError(
        `a search holds out ${held} of the ${entry.n} training points to score configurations and fits on ${entry.n - held}; ` +
          `it needs at least ${MIN_VALIDATION} and ${MIN_FIT}: raise data.n (or search.validation)`,
        'data.n',
      );
    }
  }
  const { width, height } = render;
  if (searchPanelSide(width, height) < MIN_PANEL_SIDE) {
    throw new UserError(
      `a search's frame (the best map, the trial's beside it, the leaderboard) in ${width} × ${height} px leaves ` +
        `a map under ${MIN_PANEL_SIDE} px, too small to read: make render.width and render.height larger (480 × 480 or 720 × 480 read well)`,
      'render',
    );
  }
  const problems: Problem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });
  const spaces = search.models.map((m, i) => spaceOf(m, `search.models[${i}]`, report));
  if (problems.length > 0) throw UserError.of(problems.slice(0, 5));
  const checked = spaces as SearchSpace[];
  const configs = drawConfigs(checked, search.trials, createRng(seed).fork('search').fork('configs'));
  // What training would do first: each configuration built for the data (a factory may refuse a combination).
  for (const config of configs) checkTaskFit(config.model, data, `search.models[${config.entry}]`, 'data');
  return { configs, rounds: searchRounds(search.method, search.trials, search.eta) };
}
