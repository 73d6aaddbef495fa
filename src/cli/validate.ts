/**
 * `mlgif validate FILE...`: everything a render checks, short of rendering (the library's plan:
 * fields, data read, models built, the animation mode, swept values), every problem of every
 * file listed. Its exit status is what `mlgif render` of the same file would give before drawing.
 * --json prints one line per file on stdout.
 */
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { EXIT, failure, worse } from './exit-status.js';
import { addFlags, type ScenarioFlags } from './flags.js';
import { aboutFile, type Context } from './shared.js';

interface ValidateFlags extends ScenarioFlags {
  json?: boolean;
}

export function registerValidate(cli: Command, { io, exitCode }: Context): void {
  const command = cli
    .command('validate')
    .description('check scenario files without rendering; lists every problem')
    .argument('<file...>', 'scenario files ("-" reads stdin)');
  addFlags(command, [
    'set',
    ['json', 'print {"file","valid","problems":[{"path","message"}]} per file on stdout'],
    'maxPixels',
    'maxWork',
    ['quiet', 'print nothing for valid files'],
    'debug',
  ])
    .addHelpText(
      'after',
      '\nExamples:\n  $ mlgif validate configs/*.yaml\n  $ mlgif validate s.yaml --set model.k=0 --json',
    )
    .action(async (files: string[], flags: ValidateFlags) => {
      if (files.filter((f) => f === '-').length > 1) throw new UserError('stdin ("-") can be read only once', 'FILE');
      const stdinText = files.includes('-') ? await io.readStdin() : undefined;
      // Loaded here, not at start-up: --help and --version do without them.
      const [{ planOf }, { loadScenario }] = await Promise.all([import('../api.js'), import('../scenario/load.js')]);
      let worst: number = EXIT.done;
      for (const file of files) {
        let problems: { path: string; message: string }[] = [];
        try {
          planOf(loadScenario(file, flags.set ?? [], stdinText, flags.maxPixels), undefined, flags.maxWork);
          if (!flags.quiet && !flags.json) io.stderr(`${file}: valid\n`);
        } catch (error) {
          const { lines, code } = failure(error, Boolean(flags.debug));
          worst = worse(worst, code);
          problems = error instanceof UserError ? [...error.problems] : lines.map((message) => ({ path: '', message }));
          for (const line of lines) io.stderr(`mlgif: ${aboutFile(file, line)}\n`);
        }
        if (flags.json) io.stdout(`${JSON.stringify({ file, valid: problems.length === 0, problems })}\n`);
      }
      exitCode.value = worst;
    });
}
