/**
 * `mlgif schema`: the scenario's JSON Schema (generated from the zod schema) for editors; with
 * the line `# yaml-language-server: $schema=./mlgif.schema.json` atop a scenario, the YAML
 * language server (VS Code and others) completes and checks it.
 */
import type { Command } from 'commander';
import type { Context } from './shared.js';
import { writeOutput } from './write.js';

export function registerSchema(cli: Command, { io }: Context): void {
  cli
    .command('schema')
    .description("print the scenario's JSON Schema, for editor completion and checking")
    .option('-o, --output <file>', "write it to a file instead of stdout ('-')", '-')
    .addHelpText(
      'after',
      '\nExamples:\n  $ mlgif schema > mlgif.schema.json\n' +
        '  then, as the first line of a scenario:  # yaml-language-server: $schema=./mlgif.schema.json',
    )
    .action(async (flags: { output: string }) => {
      // Loaded here, not at start-up: --help and --version do without the schemas.
      const { scenarioJsonSchema } = await import('../scenario/catalog.js');
      writeOutput(io, flags.output, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`, { force: true });
    });
}
