/**
 * `mlgif list [models|data]`: every model and data source with its options, types, defaults and
 * descriptions, generated from the zod schemas (scenario/catalog.ts). `--json` for scripts.
 */
import { type Command, InvalidArgumentError } from 'commander';
import type { DataSourceInfo, ModelInfo, OptionInfo } from '../scenario/catalog.js';
import { suggest } from '../suggest.js';
import type { Context } from './shared.js';

function show(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value);
}

function table(options: readonly OptionInfo[]): string[] {
  if (options.length === 0) return ['    (no options)'];
  const rows = options.map((o) => [
    o.name,
    o.type,
    o.required ? 'required' : o.default === undefined ? '(derived)' : `= ${show(o.default)}`,
    [o.tasks ? `(${o.tasks.join(', ')})` : '', o.description ?? ''].filter(Boolean).join(' '),
  ]);
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => `    ${r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]) : cell)).join('  ')}`.trimEnd());
}

export function modelsText(models: readonly ModelInfo[]): string {
  const lines = ['Models (model.type):', ''];
  for (const m of models) {
    const stage = m.stage ? `a frame per ${m.stage}` : 'one fit; animate by samples';
    lines.push(`  ${m.type} — ${m.title} (${stage}; ${m.tasks.join(', ')})`);
    lines.push(...table(m.options), '');
  }
  return lines.join('\n');
}

export function dataText(sources: readonly DataSourceInfo[]): string {
  const lines = ['Data sources (data.source):', ''];
  for (const d of sources) {
    lines.push(`  ${d.source} — ${d.title} (${d.tasks.join(' or ')})`);
    lines.push(...table(d.options), '');
  }
  return lines.join('\n');
}

export function registerList(cli: Command, { io }: Context): void {
  cli
    .command('list')
    .description('list models and data sources with their options, types and defaults')
    .argument('[what]', 'models or data (default: both)', (value: string) => {
      if (value !== 'models' && value !== 'data') {
        const close = suggest(value, ['models', 'data']);
        throw new InvalidArgumentError(`expected models or data${close ? ` (did you mean "${close}"?)` : ''}`);
      }
      return value;
    })
    .option('--json', 'print JSON on stdout')
    .addHelpText('after', '\nExamples:\n  $ mlgif list models\n  $ mlgif list data --json | jq -r ".[].source"')
    .action(async (what: 'models' | 'data' | undefined, flags: { json?: boolean }) => {
      // Loaded here, not at start-up: --help and --version do without the schemas.
      const { listDataSources, listModels } = await import('../scenario/catalog.js');
      if (flags.json) {
        const value =
          what === 'models'
            ? listModels()
            : what === 'data'
              ? listDataSources()
              : { models: listModels(), data: listDataSources() };
        io.stdout(`${JSON.stringify(value, null, 2)}\n`);
        return;
      }
      const models = () => modelsText(listModels());
      const data = () => dataText(listDataSources());
      const parts = what === 'models' ? [models()] : what === 'data' ? [data()] : [models(), data()];
      io.stdout(parts.join('\n'));
    });
}
