/**
 * What a scenario may say, generated from the zod schemas themselves: every model and data source
 * with its options (type, default, description) for `mlgif list`, and the scenario's JSON Schema
 * for editors (`mlgif schema`). Nothing here is written by hand, so it cannot drift from what
 * validation accepts.
 */
import { z } from 'zod';
import { dataSources } from '../data/index.js';
import type { Task } from '../dataset.js';
import { models } from '../models/index.js';
import { tasksOf } from '../models/model.js';
import { taskFits } from '../options.js';
import { scenarioSchema } from './schema.js';

export interface OptionInfo {
  name: string;
  /** A short type, e.g. "integer 1..1000", "gd | sgd | adam", "[number, number][]". */
  type: string;
  /** The default, when the option has one (absent: the option is required or derived). */
  default?: unknown;
  required: boolean;
  description?: string;
  /** The tasks the option applies to, when not all the model's (options.ts, taskFits). */
  tasks?: Task[];
}

export interface ModelInfo {
  type: string;
  title: string;
  /** Noun for one stage of the model's own training, or null (one fit). */
  stage: string | null;
  /** What it does: classification, regression, optimization (a given function). */
  tasks: Task[];
  /** The most classes it tells apart, when limited. */
  maxClasses?: number;
  options: OptionInfo[];
}

export interface DataSourceInfo {
  source: string;
  title: string;
  /** The task its data poses (a file: either, by its header). */
  tasks: Task[];
  options: OptionInfo[];
}

type Json = Record<string, unknown>;

const SAFE_MAX = Number.MAX_SAFE_INTEGER;

function range(j: Json): string {
  const lo = j.minimum ?? j.exclusiveMinimum;
  const hi = j.maximum ?? j.exclusiveMaximum;
  const hasHi = hi !== undefined && hi !== SAFE_MAX;
  if (lo !== undefined && hasHi) {
    const left = j.exclusiveMinimum !== undefined ? '(' : '';
    const right = j.exclusiveMaximum !== undefined ? ')' : '';
    return left || right ? ` in ${left || '['}${lo}, ${hi}${right || ']'}` : ` ${lo}..${hi}`;
  }
  if (lo !== undefined) return j.exclusiveMinimum !== undefined ? ` > ${lo}` : ` ≥ ${lo}`;
  if (hasHi) return j.exclusiveMaximum !== undefined ? ` < ${hi}` : ` ≤ ${hi}`;
  return '';
}

/** A one-line type description of a JSON Schema fragment. */
export function typeOf(j: Json): string {
  // A long list of names (the evolve model's 64 ops) would make every row of a table as wide; the
  // option's description says where the names are.
  if (Array.isArray(j.enum)) return j.enum.length > 12 ? 'name' : j.enum.map(String).join(' | ');
  if (j.const !== undefined) return JSON.stringify(j.const);
  if (Array.isArray(j.anyOf)) return (j.anyOf as Json[]).map(typeOf).join(' | ');
  if (Array.isArray(j.oneOf)) return (j.oneOf as Json[]).map(typeOf).join(' | ');
  switch (j.type) {
    case 'integer':
    case 'number':
      return `${j.type}${range(j)}`;
    case 'array': {
      if (Array.isArray(j.items)) return `[${(j.items as Json[]).map(typeOf).join(', ')}]`;
      if (Array.isArray(j.prefixItems)) return `[${(j.prefixItems as Json[]).map(typeOf).join(', ')}]`;
      const item = j.items ? typeOf(j.items as Json) : 'any';
      const count =
        j.minItems !== undefined || j.maxItems !== undefined ? ` (${j.minItems ?? 0}..${j.maxItems ?? '∞'})` : '';
      return `${item.includes(' ') && !item.startsWith('[') ? `(${item})` : item}[]${count}`;
    }
    case 'object':
      return j.properties ? `{ ${Object.keys(j.properties as Json).join(', ')} }` : 'object';
    case undefined:
      return 'any';
    default:
      return String(j.type);
  }
}

function fieldSchema(field: z.ZodType): Json {
  return z.toJSONSchema(field, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Json;
}

/** Every option of an object schema, in declaration order. */
export function describeOptions(schema: z.ZodObject, skip: readonly string[] = []): OptionInfo[] {
  return Object.entries(schema.shape)
    .filter(([name]) => !skip.includes(name))
    .map(([name, field]) => {
      const j = fieldSchema(field as z.ZodType);
      const info: OptionInfo = { name, type: typeOf(j), required: !(field as z.ZodType).safeParse(undefined).success };
      if ('default' in j) info.default = j.default;
      if (typeof j.description === 'string') info.description = j.description;
      const tasks = taskFits.get(field as z.ZodType)?.tasks;
      if (tasks) info.tasks = [...tasks];
      return info;
    });
}

/** The data branches of the scenario's JSON Schema (one per source). */
function dataBranches(schema: Json): Json[] {
  const data = ((schema.properties as Json | undefined)?.data ?? {}) as Json;
  return ((data.oneOf ?? data.anyOf ?? []) as Json[]).filter((b) => b.properties);
}

/**
 * The options a source with points has besides its own (n, test; n's default is the source's),
 * taken from its branch of the scenario schema.
 */
function commonDataOptions(source: string): OptionInfo[] {
  const branch = dataBranches(scenarioJsonSchema()).find(
    (b) => ((b.properties as Record<string, Json>).source as Json | undefined)?.const === source,
  );
  const props = (branch?.properties ?? {}) as Record<string, Json>;
  return ['n', 'test']
    .filter((name) => props[name])
    .map((name) => {
      const j = props[name];
      const info: OptionInfo = { name, type: typeOf(j), required: false, default: j.default };
      if (typeof j.description === 'string') info.description = j.description;
      return info;
    });
}

/** Computed once: the registries do not change while the process runs. */
let modelCache: ModelInfo[] | undefined;
let sourceCache: DataSourceInfo[] | undefined;

export function listModels(): ModelInfo[] {
  modelCache ??= models.map((m) => ({
    type: m.type,
    title: m.title,
    stage: m.stage ?? null,
    tasks: tasksOf(m),
    ...(m.maxClasses === undefined ? {} : { maxClasses: m.maxClasses }),
    options: describeOptions(m.schema),
  }));
  return structuredClone(modelCache);
}

export function listDataSources(): DataSourceInfo[] {
  if (!sourceCache) {
    sourceCache = dataSources.map((d) => ({
      source: d.source,
      title: d.title,
      tasks: [...d.tasks],
      options: [...commonDataOptions(d.source), ...describeOptions(d.schema)],
    }));
  }
  return structuredClone(sourceCache);
}

/**
 * The scenario's JSON Schema (draft-07, which the YAML language server and VS Code read), for
 * input: defaults are shown, optional fields are optional. `data.source` may be left out (it
 * defaults to gaussians), which the discriminated union cannot say by itself.
 */
export function scenarioJsonSchema(): Json {
  cached ??= buildJsonSchema();
  return structuredClone(cached);
}

let cached: Json | undefined;

function buildJsonSchema(): Json {
  const schema = z.toJSONSchema(scenarioSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-7',
  }) as Json;
  schema.title = 'mlgif scenario';
  optionalGaussiansSource(schema);
  return schema;
}

/** Wherever data is described (data, and each of compare's rows), gaussians needs no source. */
function optionalGaussiansSource(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) optionalGaussiansSource(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const j = node as Json;
  const source = (j.properties as Json | undefined)?.source as Json | undefined;
  if (source?.const === 'gaussians' && Array.isArray(j.required)) {
    j.required = (j.required as string[]).filter((k) => k !== 'source');
  }
  for (const value of Object.values(j)) optionalGaussiansSource(value);
}

/** The options of a plain scenario section (animate, render; also title, seed, output at the top). */
export function sectionOptions(section: 'animate' | 'render' | 'top'): OptionInfo[] {
  const schema = scenarioJsonSchema();
  const node = section === 'top' ? schema : ((schema.properties as Json)[section] as Json | undefined);
  const required = new Set((node?.required as string[] | undefined) ?? []);
  return Object.entries((node?.properties ?? {}) as Record<string, Json>)
    .filter(([, j]) => section !== 'top' || ['string', 'integer', 'number', 'boolean'].includes(j.type as string))
    .map(([name, j]) => {
      const info: OptionInfo = { name, type: typeOf(j), required: required.has(name) };
      if ('default' in j) info.default = j.default;
      if (typeof j.description === 'string') info.description = j.description;
      return info;
    });
}
