/**
 * `mlgif data FILE`: the scenario's simulated points as CSV (x,y,label for classification, x,y
 * for regression), training points in training order or the test points, so the data can be
 * used elsewhere or fed back with `data: { source: csv, path: points.csv }`.
 */
import { type Command, Option } from 'commander';
import { addFlags, type ScenarioFlags, wholeNumber } from './flags.js';
import type { Context } from './shared.js';
import { writeOutput } from './write.js';

interface DataFlags extends ScenarioFlags {
  split: 'train' | 'test';
  output: string;
  row?: number;
}

export function registerData(cli: Command, { io }: Context): void {
  const command = cli
    .command('data')
    .description("write a scenario's simulated points as CSV (x,y,label, or x,y for a regression)")
    .argument('<file>', 'scenario file ("-" reads stdin)')
    .addOption(new Option('--split <split>', 'which points').choices(['train', 'test']).default('train'))
    .option('-o, --output <csv>', "CSV file ('-' = stdout)", '-')
    .addOption(
      new Option('--row <i>', 'with rows: (one data set per row), the data set rows[i]').argParser(wholeNumber),
    );
  addFlags(command, ['set', 'maxPixels', 'debug'])
    .addHelpText(
      'after',
      '\nExamples:\n  $ mlgif data configs/logistic-gaussians.yaml -o points.csv\n' +
        '  $ mlgif data s.yaml --split test --set data.test=500 | head\n' +
        '  $ mlgif data configs/compare/classifier-comparison.yaml --row 1 -o circles.csv',
    )
    .action(async (file: string, flags: DataFlags) => {
      const stdinText = file === '-' ? await io.readStdin() : undefined;
      // Loaded here, not at start-up: --help and --version do without them.
      const [{ dataCsv }, { loadScenario }] = await Promise.all([import('../api.js'), import('../scenario/load.js')]);
      const loaded = loadScenario(file, flags.set ?? [], stdinText, flags.maxPixels);
      writeOutput(io, flags.output, dataCsv(loaded, flags.split, flags.row), { force: true });
    });
}
