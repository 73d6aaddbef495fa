/**
 * `mlgif validate FILE...`: everything short of rendering (fields, the data source built and its
 * CSV read, the model constructed), every problem of every file listed. Exit 0 all valid, 2 some
 * file is not; --json prints one line per file on stdout.
 */
import { type Command, Option } from 'commander';
import { UserError } from '../errors.js';
import { INPUT_LIMITS } from '../scenario/limits.js';
import { aboutFile, type Context, collect, describeError, positiveInteger, worse } from './shared.js';

interface ValidateFlags {
  set?: string[];
  json?: boolean;
  maxPixels: number;
  quiet?: boolean;
  debug?: boolean;
}

export function registerValidate(cli: Command, { io, exitCode }: Context): void {
  cli
    .command('validate')
    .description('check scenario files without rendering; lists every problem')
    .argument('<file...>', 'scenario files ("-" reads stdin)')
    .addOption(new Option('--set <path=value>', 'override one scenario value (repeatable)').argParser(collect))
    .option('--json', 'print {"file","valid","problems"} per file on stdout')
    .addOption(
      new Option('--max-pixels <n>', 'budget for width × height × frames')
        .argParser(positiveInteger)
        .default(INPUT_LIMITS.pixels, '1e9'),
    )
    .option('-q, --quiet', 'print nothing for valid files')
    .option('--debug', 'show stack traces of internal errors')
    .addHelpText(
      'after',
      '\nExamples:\n  $ mlgif validate configs/*.yaml\n  $ mlgif validate s.yaml --set model.k=0 --json',
    )
    .action(async (files: string[], flags: ValidateFlags) => {
      if (files.filter((f) => f === '-').length > 1) throw new UserError('stdin ("-") can be read only once', 'FILE');
      const stdinText = files.includes('-') ? await io.readStdin() : undefined;
      // Loaded here, not at start-up: --help and --version do without them.
      const [{ check, problemLines }, { loadScenario }] = await Promise.all([
        import('../api.js'),
        import('../scenario/load.js'),
      ]);
      let worst = 0;
      for (const file of files) {
        let problems: string[] = [];
        try {
          check(loadScenario(file, flags.set ?? [], stdinText, flags.maxPixels));
          if (!flags.quiet && !flags.json) io.stderr(`${file}: valid\n`);
        } catch (error) {
          const { message, code } = describeError(error, Boolean(flags.debug));
          worst = worse(worst, code);
          problems = error instanceof UserError ? problemLines(message) : [message];
          for (const line of problems) io.stderr(`mlgif: ${aboutFile(file, line)}\n`);
        }
        if (flags.json) io.stdout(`${JSON.stringify({ file, valid: problems.length === 0, problems })}\n`);
      }
      exitCode.value = worst;
    });
}
