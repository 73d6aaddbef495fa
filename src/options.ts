/**
 * Building blocks for the option schemas that every data source and model exports. Options are
 * strict: an unknown key is an error that suggests the nearest known name ("did you mean k?"),
 * because a misspelt option silently ignored is the worst kind of wrong figure.
 */
import { z } from 'zod';
import type { Task } from './dataset.js';
import { quote } from './quote.js';
import { suggest } from './suggest.js';

export function unknownKeyMessage(keys: readonly string[], known: readonly string[]): string {
  return keys
    .map((key) => {
      const close = suggest(key, known);
      return `unknown option ${quote(key)}${close ? ` (did you mean "${close}"?)` : ''}; expected one of: ${known.join(', ')}`;
    })
    .join('; ');
}

/** A strict object schema whose unknown-key error names the nearest known key. */
export function options<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeyMessage(issue.keys, known) : undefined),
  });
}

/** Message for a discriminator ("type", "source") whose value is not one of the registered names. */
export function unknownNameMessage(what: string, value: unknown, known: readonly string[]): string {
  const close = typeof value === 'string' ? suggest(value, known) : undefined;
  const shown =
    value === undefined
      ? 'nothing'
      : typeof value === 'string'
        ? quote(value)
        : String(JSON.stringify(value)).slice(0, 80);
  return `expected ${what} to be one of ${known.join(', ')}${close ? ` (did you mean "${close}"?)` : ''}, received ${shown}`;
}

/** A 2-D point, [x, y]. */
export const point = z.tuple([z.number(), z.number()]);
/** A 2×2 matrix, [[a, b], [c, d]]. */
export const matrix2 = z.tuple([point, point]);

/**
 * Options that apply to one task's data only (a polynomial degree of x to regression, the
 * Playground features of (x, y) to classification), and options whose values do (a loss): the
 * plan refuses such an option, when given, on data of another task, saying which task the data
 * poses — the schema alone cannot, since the data's task is known only once the data is.
 */
export interface TaskFit {
  /** The tasks the option applies to. */
  tasks?: readonly Task[];
  /** For an option with named values: the values that fit each task. */
  values?: Partial<Record<Task, readonly string[]>>;
}

export const taskFits = z.registry<TaskFit>();

/** `schema`, marked as an option of these tasks only. Mark last: describe() and default() make new schemas. */
export function forTasks<T extends z.ZodType>(schema: T, tasks: readonly Task[]): T {
  taskFits.add(schema, { tasks });
  return schema;
}

/**
 * An optional option whose values each fit some tasks (its default, when absent, depends on the
 * task and is the model's to choose).
 */
export function valuesByTask(values: Partial<Record<Task, readonly string[]>>, description: string) {
  const all = [...new Set(Object.values(values).flat())] as [string, ...string[]];
  const schema = z.enum(all).optional().describe(description);
  taskFits.add(schema, { tasks: Object.keys(values) as Task[], values });
  return schema;
}
