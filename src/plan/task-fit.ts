/**
 * Whether a model fits the task its data poses: the model type builds something for that task
 * (a classifier, a regressor, a minimizer), none of its options given is one of another task's
 * (options.ts, taskFits: a polynomial degree on classification data, a log loss on regression
 * data), and its factory accepts the options together. Every problem names the model's path and
 * says which task the data poses.
 */
import { joinPath, type Problem, UserError } from '../errors.js';
import { models } from '../models/index.js';
import { type ModelSpec, tasksOf } from '../models/model.js';
import { taskFits } from '../options.js';
import type { DataChoice, ModelChoice } from './plan.js';

/** How a problem refers to the data: "data.source line, a regression". */
export function dataPhrase(choice: DataChoice, path: string): string {
  return `${path}.source ${choice.entry.source} poses ${choice.simulator.task === 'optimization' ? 'an' : 'a'} ${choice.simulator.task} task`;
}

/** Whether a given option value differs from what the option would be if left out. */
function given(schema: { safeParse(v: unknown): { success: boolean; data?: unknown } }, value: unknown): boolean {
  if (value === undefined) return false;
  const fallback = schema.safeParse(undefined);
  return !fallback.success || JSON.stringify(fallback.data) !== JSON.stringify(value);
}

function list(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** The options given that do not fit the data's task. */
function optionProblems(model: ModelChoice, choice: DataChoice, modelPath: string, dataPath: string): Problem[] {
  const task = choice.simulator.task;
  const shape = model.spec.schema.shape as Record<string, Parameters<typeof taskFits.get>[0]>;
  const problems: Problem[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    const fit = taskFits.get(schema);
    const value = model.options[name];
    if (!fit || !given(schema as never, value)) continue;
    const path = joinPath(modelPath, name);
    if (fit.tasks && !fit.tasks.includes(task)) {
      problems.push({
        path,
        message: `${name} applies to ${list(fit.tasks)} only; ${dataPhrase(choice, dataPath)}`,
      });
      continue;
    }
    const fitting = fit.values?.[task];
    if (fitting && typeof value === 'string' && !fitting.includes(value)) {
      const other = Object.entries(fit.values ?? {}).find(([, values]) => values.includes(value))?.[0];
      problems.push({
        path,
        message:
          `${name} ${value} is ${other ? `for ${other}` : 'not for this task'}; ${dataPhrase(choice, dataPath)}: ` +
          `expected ${list(fitting)}`,
      });
    }
  }
  return problems;
}

/** The model types that take on a task. */
function typesFor(task: string): string[] {
  return models.filter((m: ModelSpec) => (tasksOf(m) as string[]).includes(task)).map((m) => m.type);
}

/**
 * Checks that the model fits the data and builds what a render will train (so a factory's
 * refusal is the plan's). `modelPath` is where the model's entry is ("model", "compare[1]"),
 * `dataPath` where its data's is ("data", "rows[0]").
 */
export function checkTaskFit(model: ModelChoice, choice: DataChoice, modelPath: string, dataPath: string): void {
  const { spec, options } = model;
  const simulator = choice.simulator;
  const task = simulator.task;
  if (!tasksOf(spec).includes(task)) {
    throw new UserError(
      `${spec.type} does not do ${task}: ${dataPhrase(choice, dataPath)}; models that do: ${typesFor(task).join(', ')}`,
      joinPath(modelPath, 'type'),
    );
  }
  if (simulator.task === 'classification' && spec.maxClasses !== undefined && simulator.classes > spec.maxClasses) {
    throw new UserError(
      `${spec.type} tells apart at most ${spec.maxClasses} classes; ${dataPath}.source ${choice.entry.source} gives ${simulator.classes}`,
      joinPath(modelPath, 'type'),
    );
  }
  const problems = optionProblems(model, choice, modelPath, dataPath);
  if (problems.length > 0) throw UserError.of(problems);
  try {
    if (simulator.task === 'classification') spec.classifier(options, simulator.classes);
    else if (simulator.task === 'regression') spec.regressor?.(options);
    else spec.minimizer?.(options);
  } catch (error) {
    if (error instanceof UserError) throw error.within(modelPath);
    throw error;
  }
}
