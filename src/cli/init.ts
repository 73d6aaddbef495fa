/**
 * `mlgif init`: writes a commented starter scenario that renders as is (starter.ts, loaded only
 * when the command runs: it needs the schemas).
 */
import type { Command } from 'commander';
import type { Context } from './shared.js';
import { writeOutput } from './write.js';

interface InitFlags {
  model?: string;
  data: string;
  output: string;
  force?: boolean;
}

export function registerInit(cli: Command, { io }: Context): void {
  cli
    .command('init')
    .description('write a commented starter scenario that renders as is')
    .option(
      '--model <type>',
      'model type (see mlgif list models; default logistic, or linear for data without classes)',
    )
    .option('--data <source>', 'data source (see mlgif list data)', 'gaussians')
    .option('-o, --output <file>', "where to write it ('-' = stdout)", 'scenario.yaml')
    .option('--force', 'overwrite an existing file')
    .addHelpText('after', '\nExamples:\n  $ mlgif init\n  $ mlgif init --model knn --data moons -o knn-moons.yaml')
    .action(async (flags: InitFlags) => {
      const { starterScenario } = await import('./starter.js');
      writeOutput(io, flags.output, starterScenario(flags.model, flags.data), { force: Boolean(flags.force) });
      if (flags.output !== '-') io.stderr(`wrote ${flags.output}; render it with: mlgif render ${flags.output}\n`);
    });
}
