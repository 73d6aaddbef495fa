/**
 * The starter scenario of `mlgif init` (init.ts has the command): a commented scenario that
 * renders as is. It is generated from the schemas: every option of the chosen model and data
 * source that applies to the data's task is listed, commented out, with its default and
 * description, so the file doubles as the reference for that pair.
 */
import { UserError } from '../errors.js';
import { unknownNameMessage } from '../options.js';
import { listDataSources, listModels, type OptionInfo, sectionOptions } from '../scenario/catalog.js';

/** Values written explicitly (the rest are listed commented out). */
const EXPLICIT: Record<string, readonly string[]> = {
  top: ['seed'],
  data: ['n', 'test'],
  animate: ['by', 'frames', 'fps'],
  render: ['width', 'height'],
};
const COLUMN = 30;

const RESERVED = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n', '~']);

/** A default as YAML: plain words unquoted, everything else as JSON (which YAML reads). */
function yamlValue(value: unknown): string {
  if (typeof value === 'string' && /^[a-z][a-z0-9-]*$/i.test(value) && !RESERVED.has(value.toLowerCase())) {
    return value;
  }
  if (Array.isArray(value)) return `[${value.map(yamlValue).join(', ')}]`;
  return JSON.stringify(value);
}

function line(indent: string, option: OptionInfo, explicit: boolean): string {
  const value = option.default === undefined ? '' : ` ${yamlValue(option.default)}`;
  const text = `${indent}${explicit ? '' : '# '}${option.name}:${value}`;
  const about = [option.description, option.type].filter(Boolean).join('; ');
  return about ? `${text.padEnd(COLUMN)}  # ${about}` : text;
}

function section(indent: string, options: readonly OptionInfo[], explicit: readonly string[]): string[] {
  return options.map((o) => line(indent, o, explicit.includes(o.name)));
}

/**
 * The starter for a model and a data source; without a model, logistic regression for
 * classification data and the linear model for the rest (a regression, a function).
 */
export function starterScenario(modelType: string | undefined, source: string): string {
  const models = listModels();
  const sources = listDataSources();
  const data = sources.find((d) => d.source === source);
  if (!data) {
    throw new UserError(
      unknownNameMessage(
        'data source',
        source,
        sources.map((d) => d.source),
      ),
      '--data',
    );
  }
  const type = modelType ?? (data.tasks.includes('classification') ? 'logistic' : 'linear');
  const model = models.find((m) => m.type === type);
  if (!model) {
    throw new UserError(
      unknownNameMessage(
        'model',
        type,
        models.map((m) => m.type),
      ),
      '--model',
    );
  }
  if (!data.tasks.some((task) => model.tasks.includes(task))) {
    const task = data.tasks.join(' or ');
    const fitting = models.filter((m) => data.tasks.some((t) => m.tasks.includes(t))).map((m) => m.type);
    throw new UserError(
      `${model.type} does not do ${task}, the task of ${source} data; models that do: ${fitting.join(', ')}`,
      '--model',
    );
  }
  if (data.options.some((o) => o.required)) {
    throw new UserError(
      `${source} needs a file of points, so no starter renders as is; write one with ` +
        '`mlgif data scenario.yaml -o points.csv` and set data: { source: csv, path: points.csv }',
      '--data',
    );
  }
  const top = sectionOptions('top');
  // A model limited to fewer classes than the source's default gets the classes it tells apart.
  const limit = model.maxClasses;
  const limited = (o: OptionInfo) =>
    o.name === 'classes' && limit !== undefined && typeof o.default === 'number' && o.default > limit;
  const dataOptions = data.options.map((o) => (limited(o) ? { ...o, default: limit } : o));
  const explicitData = data.options.some(limited) ? [...EXPLICIT.data, 'classes'] : EXPLICIT.data;
  return [
    `# ${model.title} on ${data.title}: a starter scenario written by \`mlgif init\`.`,
    '# Render it with `mlgif render <this file>`; check it with `mlgif validate <this file>`.',
    '# Options are listed with their defaults; uncomment a line to change it. `mlgif list` shows',
    '# every model and data source. Editor completion: `mlgif schema > mlgif.schema.json`, then add',
    '# the line "# yaml-language-server: $schema=./mlgif.schema.json" at the top.',
    '',
    ...section('', top, EXPLICIT.top),
    '',
    'data:',
    `  source: ${data.source}`,
    ...section('  ', dataOptions, explicitData),
    '',
    'model:',
    `  type: ${model.type}`,
    // Options of another task would be refused on this data.
    ...section(
      '  ',
      model.options.filter((o) => !o.tasks || o.tasks.some((t) => data.tasks.includes(t))),
      [],
    ),
    '',
    'animate:',
    ...section('  ', sectionOptions('animate'), EXPLICIT.animate),
    '',
    'render:',
    ...section('  ', sectionOptions('render'), EXPLICIT.render),
    '',
  ].join('\n');
}
