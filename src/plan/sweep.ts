/**
 * Parameter sweeps (`animate.by: sweep`): frame i is the model fitted to the end with one option
 * at the i-th value between `from` and `to` — Holbrook's animations of a prior or of a complexity
 * parameter. Each value is checked against the option's own schema (and, for a data option, the
 * data entry's checks across options), so a value out of range is refused with the option named.
 *
 * Values: evenly spaced (or geometrically, `scale: log`), rounded to 3 significant digits so the
 * caption shows the value used; integer options take integer steps, each value once (so
 * `model.k` from 1 to 50 gives 50 frames at most). `data.priors` takes a number p: the priors
 * [1 − p, p] (p = the share of class 1; two classes).
 */
import { z } from 'zod';
import { dataSource } from '../data/index.js';
import type { DataEntry } from '../data/simulate.js';
import { joinPath, type Problem, UserError } from '../errors.js';
import { unknownKeyMessage } from '../options.js';
import { plainError } from '../scenario/plain-errors.js';
import { dataEntrySchemas } from '../scenario/schema.js';
import type { DataChoice, ModelChoice } from './plan.js';

export interface SweepSpec {
  path: string;
  from: number;
  to: number;
  scale: 'linear' | 'log';
}

/** Rounded to 3 significant digits: the value a caption shows is the value used. */
function roundValue(v: number): number {
  return Number(v.toPrecision(3));
}

/** `frames` values from `from` to `to`; integers (each once) when the option is an integer. */
export function sweepValues(sweep: SweepSpec, frames: number, integer: boolean): number[] {
  const { from, to, scale } = sweep;
  const count = Math.max(1, frames);
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = count === 1 ? 1 : i / (count - 1);
    const raw = scale === 'log' ? from * (to / from) ** t : from + (to - from) * t;
    const v = integer ? Math.round(raw) : roundValue(raw);
    if (values[values.length - 1] !== v) values.push(v);
  }
  return values;
}

/** The caption's stage text for a swept value. */
export function sweepLabel(path: string, v: number): string {
  return path === 'data.priors' ? `P(class 1) = ${v}` : `${optionName(path)} = ${v}`;
}

/** The option's name: "k" of "model.k". */
function optionName(path: string): string {
  return path.slice(path.indexOf('.') + 1);
}

/** The curves' axis name for a swept option. */
export function sweepAxisName(path: string): string {
  return path === 'data.priors' ? 'P(class 1)' : optionName(path);
}

/** JSON Schema type of an option: "integer", "number", or something not numeric. */
function jsonType(schema: z.ZodType): unknown {
  return (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { type?: unknown }).type;
}

const SWEEP_PATH = 'animate.sweep.path';

/** Where each end of the sweep is reported. */
function endPath(values: readonly number[], i: number): string {
  return i === 0 ? 'animate.sweep.from' : i === values.length - 1 ? 'animate.sweep.to' : 'animate.sweep';
}

function notAllowed(path: string, v: number, issues: readonly z.core.$ZodIssue[], prefix: string): string {
  const reasons = issues.map((issue) => {
    const at = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    return `${joinPath(prefix, at.replace(/^\./, ''))}: ${issue.message}`;
  });
  return `${path} = ${v} is not allowed: ${reasons.join('; ')}`;
}

export interface SweptFrames {
  values: number[];
  frames: { model: ModelChoice; data: DataChoice }[];
}

/**
 * The swept values and each frame's model and data. `dataAt` turns a checked data entry into a
 * data choice (its simulator); the unswept side is the same choice in every frame.
 */
export function planSweep(
  sweep: SweepSpec,
  frames: number,
  model: ModelChoice,
  data: DataChoice,
  dataAt: (entry: DataEntry) => DataChoice,
): SweptFrames {
  const problems: Problem[] = [];
  if (sweep.scale === 'log' && (sweep.from <= 0 || sweep.to <= 0))
    throw new UserError('scale: log needs from and to above 0', 'animate.sweep');
  const [section, key] = [sweep.path.slice(0, sweep.path.indexOf('.')), optionName(sweep.path)];
  const priors = sweep.path === 'data.priors';
  if (priors) {
    for (const [end, v] of [
      ['from', sweep.from],
      ['to', sweep.to],
    ] as const) {
      if (!(v > 0 && v < 1)) {
        throw new UserError(
          `data.priors is swept by p, the share of class 1: expected 0 < p < 1, got ${v}`,
          `animate.sweep.${end}`,
        );
      }
    }
    const simulator = data.simulator;
    const classes = simulator.task === 'classification' ? simulator.classes : 0;
    if (classes !== 2) {
      throw new UserError(
        `data.priors is swept by the share of class 1, which needs two classes; the data ${
          simulator.task === 'classification' ? `has ${classes}` : `poses a ${simulator.task} task`
        }`,
        SWEEP_PATH,
      );
    }
  }
  if (section === 'data' && data.simulator.task !== 'optimization' && data.simulator.fromFile) {
    throw new UserError(
      `${sweep.path} cannot be swept: the points of ${data.entry.source} data come from its file`,
      SWEEP_PATH,
    );
  }

  // The option's own schema: it must exist and be a number.
  const shape =
    section === 'model'
      ? (model.spec.schema.shape as Record<string, z.ZodType>)
      : {
          n: z.number().int(),
          test: z.number().int(),
          ...(dataSource(data.entry.source).schema.shape as Record<string, z.ZodType>),
        };
  const option = shape[key];
  if (!option) throw new UserError(`${sweep.path}: ${unknownKeyMessage([key], Object.keys(shape))}`, SWEEP_PATH);
  const type = priors ? 'number' : jsonType(option);
  if (type !== 'number' && type !== 'integer') throw new UserError(`${sweep.path} is not a numeric option`, SWEEP_PATH);

  const values = sweepValues(sweep, frames, type === 'integer');
  const swept = values.map((v, i) => {
    const value = priors ? [roundValue(1 - v), v] : v;
    if (section === 'model') {
      const parsed = model.spec.schema.safeParse({ ...model.options, [key]: value }, { error: plainError });
      if (!parsed.success) {
        problems.push({ path: endPath(values, i), message: notAllowed(sweep.path, v, parsed.error.issues, 'model') });
        return null;
      }
      return { model: { spec: model.spec, options: parsed.data as Record<string, unknown> }, data };
    }
    const parsed = dataEntrySchemas
      .get(data.entry.source)
      ?.safeParse({ ...data.entry, [key]: value }, { error: plainError });
    if (!parsed?.success) {
      problems.push({
        path: endPath(values, i),
        message: notAllowed(sweep.path, v, parsed?.error.issues ?? [], 'data'),
      });
      return null;
    }
    return { model, data: dataAt(parsed.data as DataEntry) };
  });
  if (problems.length > 0) throw UserError.of(problems.slice(0, 3));
  return { values, frames: swept.filter((f) => f !== null) };
}
