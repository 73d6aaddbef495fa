/**
 * planRender: a validated scenario → the RenderPlan (see plan.ts). Everything a render would
 * refuse is refused here, as a UserError naming each problem's path: the animation mode, the
 * data sets (a CSV file is read, the simulators built), panels that cannot share one palette or
 * one kind of panel (one task), each swept value, and each model checked against its data's task
 * and built for it.
 */
import { resolve } from 'node:path';
import { createSimulator, type DataEntry } from '../data/simulate.js';
import type { Simulator } from '../data/source.js';
import type { Task } from '../dataset.js';
import { UserError } from '../errors.js';
import { modelSpec } from '../models/index.js';
import { gridShapeOf } from '../scenario/grid-size.js';
import type { Scenario } from '../scenario/schema.js';
import { animationMode } from './animation-mode.js';
import { checkFigureData } from './figure-data.js';
import { checkLandscape } from './landscape.js';
import { checkFrameSize, type OutputFormat, outputFormat } from './output-format.js';
import { checkOutput } from './outputs.js';
import { checkPanelSize } from './panel-size.js';
import type { ComparePlan, DataChoice, ModelChoice, RenderPlan, SearchPlan, SinglePlan, SweepPlan } from './plan.js';
import { planSearch } from './search.js';
import { checkShadingLevels } from './shading.js';
import { planSweep, sweepAxisName, sweepLabel } from './sweep.js';
import { checkTaskFit } from './task-fit.js';
import { captionTitles, modelTitle, panelTitles } from './titles.js';
import { checkWork } from './work.js';

export interface PlanOptions {
  /** Output path; '-' = stdout. */
  output: string;
  /** The scenario's own file, when it was read from one (never written over). */
  scenarioFile?: string;
  /** The work budget (work.ts); default DEFAULT_MAX_WORK. */
  maxWork?: number;
  /** --format: the format of stdout's output; must agree with a file's extension. */
  format?: OutputFormat;
}

/** A model entry as the scenario gives it: type, an optional panel title, its options. */
type ModelEntry = { type: string; title?: string; [option: string]: unknown };

function modelChoice({ type, title: _title, ...options }: ModelEntry): ModelChoice {
  return { spec: modelSpec(type), options };
}

export function planRender(
  scenario: Scenario,
  baseDir: string,
  { output, scenarioFile, maxWork, format }: PlanOptions,
): RenderPlan {
  // The format is read from the output's name once the name is known not to be an input's.
  const base = { scenario, baseDir, output, format: format ?? 'gif', inputs: [] };
  const dataOf = (entry: DataEntry): DataChoice => ({
    entry,
    simulator: createSimulator(entry, scenario.seed, baseDir),
  });
  const plan = scenario.compare
    ? planCompare(scenario, base, dataOf)
    : scenario.search
      ? planSearchFigure(scenario, base, dataOf)
      : scenario.animate.by === 'sweep'
        ? planSweepFigure(scenario, base, dataOf)
        : planSingle(scenario, base, dataOf);
  checkModelsFit(plan);
  checkLandscape(plan);
  checkFigureData(plan);
  checkShadingLevels(plan);
  checkWork(plan, maxWork);
  const inputs = [...(scenarioFile ? [resolve(scenarioFile)] : []), ...dataFiles(plan)];
  checkOutput(output, inputs);
  const chosen = outputFormat(output, format);
  checkFrameSize(chosen, scenario.render);
  return { ...plan, inputs, format: chosen };
}

type Base = { scenario: Scenario; baseDir: string; output: string; format: OutputFormat; inputs: readonly string[] };

/** Each data set of a plan with the path of its entry. */
function dataOfPlan(plan: RenderPlan): DataChoice[] {
  if (plan.kind === 'single' || plan.kind === 'search') return [plan.data];
  return plan.kind === 'sweep' ? plan.frames.map((f) => f.data) : plan.datasets;
}

function filesOf(simulator: Simulator): readonly string[] {
  return simulator.task === 'optimization' ? [] : (simulator.files ?? []);
}

function dataFiles(plan: RenderPlan): string[] {
  return [...new Set(dataOfPlan(plan).flatMap((d) => filesOf(d.simulator)))];
}

/** The task of a comparison's data sets: every row must pose the same (a figure has one kind of panel). */
function sharedTask(datasets: readonly DataChoice[]): Task {
  const task = datasets[0].simulator.task;
  datasets.forEach(({ simulator }, i) => {
    if (simulator.task !== task) {
      throw new UserError(
        `every row must pose the same task (one kind of panel): ${simulator.task} here, ${task} in rows[0]`,
        `rows[${i}]`,
      );
    }
  });
  return task;
}

function requiredModel(scenario: Scenario): ModelEntry {
  // The schema requires model or compare; planRender handles compare first.
  if (!scenario.model) throw new Error('a scenario without compare has a model');
  return scenario.model;
}

function planSingle(scenario: Scenario, base: Base, dataOf: (e: DataEntry) => DataChoice): SinglePlan {
  const model = modelChoice(requiredModel(scenario));
  const data = dataOf(scenario.data);
  return {
    ...base,
    kind: 'single',
    task: data.simulator.task,
    model,
    data,
    mode: animationMode([model.spec], scenario.animate.by),
    ...captionTitles(
      scenario.title,
      modelTitle(requiredModel(scenario), data.simulator.task),
      scenario.data.source,
      scenario.data,
    ),
  };
}

function planSweepFigure(scenario: Scenario, base: Base, dataOf: (e: DataEntry) => DataChoice): SweepPlan {
  const sweep = scenario.animate.sweep;
  // The schema requires sweep with by: sweep.
  if (!sweep) throw new Error('by: sweep comes with animate.sweep');
  const model = modelChoice(requiredModel(scenario));
  const data = dataOf(scenario.data);
  const { values, frames } = planSweep(sweep, scenario.animate.frames, model, data, dataOf);
  return {
    ...base,
    kind: 'sweep',
    task: data.simulator.task,
    path: sweep.path,
    values,
    labels: values.map((v) => sweepLabel(sweep.path, v)),
    axis: { name: sweepAxisName(sweep.path), log: sweep.scale === 'log' },
    frames,
    ...captionTitles(
      scenario.title,
      modelTitle(requiredModel(scenario), data.simulator.task),
      scenario.data.source,
      scenario.data,
    ),
  };
}

function planSearchFigure(scenario: Scenario, base: Base, dataOf: (e: DataEntry) => DataChoice): SearchPlan {
  const search = scenario.search;
  if (!search) throw new Error('a search figure comes with search');
  const data = dataOf(scenario.data);
  const { configs, rounds } = planSearch(search, data, scenario.seed, scenario.render);
  const methodName = search.method === 'random' ? 'Random search' : 'Successive halving';
  return {
    ...base,
    kind: 'search',
    task: data.simulator.task,
    data,
    method: search.method,
    configs,
    rounds,
    eta: search.eta,
    validation: search.validation,
    ...captionTitles(scenario.title, methodName, scenario.data.source, scenario.data),
  };
}

function planCompare(scenario: Scenario, base: Base, dataOf: (e: DataEntry) => DataChoice): ComparePlan {
  const entries = scenario.compare ?? [];
  const models = entries.map(modelChoice);
  const datasets = (scenario.rows ?? [scenario.data]).map(dataOf);
  const task = sharedTask(datasets);
  const classesOf = (simulator: Simulator) => (simulator.task === 'classification' ? simulator.classes : 0);
  const classes = classesOf(datasets[0].simulator);
  datasets.forEach(({ simulator }, i) => {
    if (classesOf(simulator) !== classes) {
      throw new UserError(
        `every row must have the same number of classes (one palette): ${classesOf(simulator)} here, ${classes} in rows[0]`,
        `rows[${i}]`,
      );
    }
  });
  const shape = gridShapeOf(scenario, entries);
  const { rows, columns } = shape;
  const byRows = shape.rowLabels;
  checkPanelSize(scenario.render, shape);
  return {
    ...base,
    kind: 'compare',
    task,
    models,
    datasets,
    byRows,
    rows,
    columns,
    mode: animationMode(
      models.map((m) => m.spec),
      scenario.animate.by,
    ),
    titles: panelTitles(entries, task),
  };
}

/** Every model the plan will train, checked against its data's task and built for it (what training would do first). */
function checkModelsFit(plan: RenderPlan): void {
  // A search's configurations were each checked as they were drawn (plan/search.ts).
  if (plan.kind === 'search') return;
  const pairs: [ModelChoice, string, DataChoice, string][] =
    plan.kind === 'single'
      ? [[plan.model, 'model', plan.data, 'data']]
      : plan.kind === 'sweep'
        ? plan.frames.map((f) => [f.model, 'model', f.data, 'data'])
        : plan.datasets.flatMap((d, row) =>
            plan.models.map((m, i): [ModelChoice, string, DataChoice, string] => [
              m,
              `compare[${i}]`,
              d,
              plan.byRows ? `rows[${row}]` : 'data',
            ]),
          );
  for (const [model, modelPath, data, dataPath] of pairs) checkTaskFit(model, data, modelPath, dataPath);
}
