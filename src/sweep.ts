/**
 * Parameter sweeps (`animate.by: sweep`): frame i is the model fitted to the end with one option
 * set to the i-th value between `from` and `to` — Holbrook's animations of a prior or of a
 * complexity parameter. Each frame's scenario is the scenario with `path=value` applied exactly
 * as `--set` would and validated again, so a value out of range is the option's own error (with
 * its path), and frame i is what `mlgif render --set path=value` ends on.
 *
 * Values: evenly spaced (or geometrically, `scale: log`), rounded to 3 significant digits so the
 * caption shows the value used; integer options take integer steps, each value once (so
 * `model.k` from 1 to 50 gives 50 frames at most). Data options (`data.*`) draw the data anew
 * for each frame, from the same seed, so neighbouring frames differ only by the option.
 * `data.priors` takes a number p: the priors [1 − p, p] (p = the share of class 1).
 */
import { z } from 'zod';
import { findDataSource } from './data/index.js';
import type { Dataset } from './dataset.js';
import { isUserError, UserError } from './errors.js';
import { plotWindow, type Window } from './grid.js';
import { findModel, modelSpec } from './models/index.js';
import {
  captionTitles,
  type Movie,
  type MovieContext,
  type MovieFrame,
  prepareScene,
  type Simulation,
  simulate,
} from './pipeline.js';
import { createRng } from './random.js';
import { createFrameRenderer, type FrameRenderer } from './render/frame.js';
import { validateScenario } from './scenario/load.js';
import type { Scenario } from './scenario/schema.js';
import { timed } from './timings.js';
import { snapshots } from './train.js';

export interface SweepSpec {
  path: string;
  from: number;
  to: number;
  scale: 'linear' | 'log';
}

/** The `--set` text that gives `path` the value v. */
export function setText(path: string, v: number): string {
  return path === 'data.priors' ? `${path}=[${roundValue(1 - v)}, ${v}]` : `${path}=${v}`;
}

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

/** The schema of the option a path names (model.X or data.X), or null if there is none. */
function optionSchema(scenario: Scenario, path: string): z.ZodType | null {
  const [section, key] = path.split('.');
  if (section === 'model') {
    const shape = findModel(scenario.model?.type ?? '')?.schema.shape as Record<string, z.ZodType> | undefined;
    return shape?.[key] ?? null;
  }
  if (key === 'n' || key === 'test') return z.number().int();
  const shape = findDataSource(scenario.data.source)?.schema.shape as Record<string, z.ZodType> | undefined;
  return shape?.[key] ?? null;
}

function isInteger(scenario: Scenario, path: string): boolean {
  const schema = optionSchema(scenario, path);
  if (!schema) return false;
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { type?: string };
  return json.type === 'integer';
}

/** The scenario with the swept option at v, validated as `--set` would be. */
export function sweptScenario(scenario: Scenario, sweep: SweepSpec, v: number, where = 'animate.sweep'): Scenario {
  try {
    return validateScenario(scenario, [setText(sweep.path, v)]);
  } catch (error) {
    if (!isUserError(error)) throw error;
    const problems = error.message.replace(/^scenario: invalid scenario:\n/, '');
    throw new UserError(`${sweep.path} = ${v} is not allowed:\n${problems}`, where);
  }
}

/** Checks the sweep as a whole: its ends are valid values, the scale fits, the option is numeric. */
export function checkSweep(scenario: Scenario, sweep: SweepSpec): void {
  if (sweep.scale === 'log' && (sweep.from <= 0 || sweep.to <= 0)) {
    throw new UserError('scale: log needs from and to above 0', 'animate.sweep');
  }
  if (sweep.path === 'data.priors') {
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
  }
  sweptScenario(scenario, sweep, sweep.from, 'animate.sweep.from');
  sweptScenario(scenario, sweep, sweep.to, 'animate.sweep.to');
}

/** The caption's stage text for a swept value. */
export function sweepLabel(path: string, v: number): string {
  const key = path.split('.')[1];
  return path === 'data.priors' ? `P(class 1) = ${v}` : `${key} = ${v}`;
}

export function sweepMovie(scenario: Scenario, context: MovieContext, size?: { width: number; height: number }): Movie {
  const sweep = scenario.animate.sweep;
  if (!sweep) throw new UserError('by: sweep needs sweep: { path, from, to }', 'animate.sweep');
  checkSweep(scenario, sweep);
  const values = sweepValues(sweep, scenario.animate.frames, isInteger(scenario, sweep.path));
  const dataSweep = sweep.path.startsWith('data.');
  const at = (i: number) => sweptScenario(scenario, sweep, values[i]);
  const first = at(0);
  const model = first.model;
  if (!model) throw new UserError('animate.by: sweep needs model', 'model');
  const spec = modelSpec(model.type);
  const titles = captionTitles(scenario, spec, scenario.data.source);

  // One window for every frame: data sweeps move the data, the axes must not.
  let simulation: Simulation = simulate(first, context.baseDir);
  let window: Window | undefined;
  if (dataSweep && !(scenario.render.xlim && scenario.render.ylim)) {
    const last = simulate(at(values.length - 1), context.baseDir);
    const all: Dataset[] = [simulation.train, simulation.test, last.train, last.test];
    window = plotWindow(all, scenario.render.xlim, scenario.render.ylim);
  }
  const sceneOf = (sim: Simulation) => prepareScene(scenario, sim, context.timings, { ...titles, ...size, window });
  let prepared = sceneOf(simulation);
  const palette = prepared.scene.palette;
  let renderer: FrameRenderer = createFrameRenderer(prepared.scene);

  return {
    width: prepared.scene.layout.width,
    height: prepared.scene.layout.height,
    palette,
    classes: prepared.scene.classes,
    get bayesAccuracy() {
      return prepared.bayesAccuracy;
    },
    png: (indices) => renderer.png(indices),
    *frames(): Generator<MovieFrame, void, undefined> {
      for (let i = 0; i < values.length; i++) {
        const s = i === 0 ? first : at(i);
        if (dataSweep && i > 0) {
          simulation = simulate(s, context.baseDir);
          prepared = sceneOf(simulation);
          renderer = createFrameRenderer(prepared.scene);
        }
        const { type: _type, ...options } = s.model ?? model;
        // The fit a plain render ends on: all the training points, every stage (one growing-sample
        // frame of n points trains to the end once, without by-stages' counting run).
        let snapshot = null;
        for (const shot of snapshots({
          spec,
          options,
          train: simulation.train,
          test: simulation.test,
          grid: prepared.scene.grid,
          points: prepared.points,
          animate: { ...s.animate, by: 'samples', frames: 1, start: simulation.train.n },
          rng: createRng(s.seed).fork('model'),
          timings: context.timings,
          warn: context.warn,
        })) {
          snapshot = shot;
        }
        if (!snapshot) continue;
        const shown = { ...snapshot, frame: i, frames: values.length, label: sweepLabel(sweep.path, values[i]) };
        const indices = timed(context.timings, 'draw', () => renderer.render(shown));
        yield {
          indices,
          frame: i,
          frames: values.length,
          trainAccuracy: snapshot.trainAccuracy,
          testAccuracy: snapshot.testAccuracy,
          loss: snapshot.loss,
          x: values[i],
          axis: {
            name: sweep.path === 'data.priors' ? 'P(class 1)' : sweep.path.split('.')[1],
            from: values[0],
            to: values[values.length - 1],
            log: sweep.scale === 'log',
          },
        };
      }
    },
  };
}
