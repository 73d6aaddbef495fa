/**
 * The command line: a thin layer over the library. main() returns the exit status and never
 * calls process.exit: 0 done, 2 the user's input is wrong, 1 anything else (a bug), 130/143 when
 * interrupted. No stack trace unless --debug.
 */
import { Command, CommanderError, Option } from 'commander';
import { Interrupted, isUserError, UserError } from '../errors.js';
import { renderScenario } from '../pipeline.js';
import { loadScenario } from '../scenario/load.js';
import type { Io } from './io.js';

export { processIo } from './io.js';

interface RenderFlags {
  output?: string;
  set: string[];
  json?: boolean;
  poster?: string;
  framesDir?: string;
  quiet?: boolean;
  debug?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

const EXAMPLES = `
Examples:
  $ mlgif render configs/logistic-gaussians.yaml
  $ mlgif render configs/*.yaml --json
  $ mlgif render scenario.yaml -o - --set model.k=15 > knn.gif
  $ cat scenario.json | mlgif render - -o out/piped.gif --poster out/piped.png`;

function describeError(error: unknown, debug: boolean): { message: string; code: number } {
  if (error instanceof Interrupted) return { message: error.message, code: error.exitCode };
  if (isUserError(error)) return { message: error.message, code: 2 };
  const e = error as Error;
  return {
    message:
      debug && e?.stack ? e.stack : `internal error: ${e?.message ?? String(error)} (run with --debug for details)`,
    code: 1,
  };
}

async function renderFiles(files: string[], flags: RenderFlags, io: Io): Promise<number> {
  if (flags.output && files.length > 1) {
    throw new UserError(`-o names one output, but ${files.length} scenario files were given`, '-o');
  }
  if (files.filter((f) => f === '-').length > 1) throw new UserError('stdin ("-") can be read only once', 'FILE');
  const stdinText = files.includes('-') ? await io.readStdin() : undefined;
  let worst = 0;
  const progress = io.stderrIsTTY && !flags.quiet && !flags.json;
  for (const file of files) {
    try {
      const loaded = loadScenario(file, flags.set, stdinText);
      const output = flags.output ?? loaded.scenario.output ?? `out/${loaded.name}.gif`;
      const result = await renderScenario({
        scenario: loaded.scenario,
        baseDir: loaded.baseDir,
        output,
        stdout: (chunk) => io.stdout(chunk),
        poster: flags.poster,
        framesDir: flags.framesDir,
        signal: io.signal,
        warn: (message) => {
          if (!flags.quiet) io.stderr(`mlgif: ${file}: warning: ${message}\n`);
        },
        onFrame: progress
          ? (frame, frames) => io.stderr(`\r${file}: frame ${frame + 1}/${frames}${frame + 1 === frames ? '\n' : ''}`)
          : undefined,
      });
      if (flags.json) {
        const { timings: _timings, ...line } = result;
        io.stdout(`${JSON.stringify(line)}\n`);
      } else if (!flags.quiet && output !== '-') {
        io.stderr(
          `${file} → ${output} (${result.frames} frames, ${(result.bytes / 1024).toFixed(0)} KB, ${result.seconds.toFixed(2)} s)\n`,
        );
      }
    } catch (error) {
      const { message, code } = describeError(error, Boolean(flags.debug));
      const prefix = isUserError(error) && (error as UserError).message.startsWith(file) ? '' : `${file}: `;
      io.stderr(`mlgif: ${prefix}${message}\n`);
      if (error instanceof Interrupted) return code;
      worst = Math.max(worst, code);
    }
  }
  return worst;
}

function program(io: Io, exitCode: { value: number }): Command {
  const cli = new Command('mlgif')
    .description('Animated GIFs of machine-learning classifiers learning a decision rule.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError('(run mlgif --help for usage)');

  cli
    .command('render')
    .description('render scenario files (YAML or JSON; "-" reads stdin) to animated GIFs')
    .argument('<file...>', 'scenario files')
    .option('-o, --output <path>', "output GIF ('-' = stdout); default: the scenario's output, or out/<name>.gif")
    .addOption(
      new Option('--set <path=value>', 'override one scenario value, e.g. model.k=5 (repeatable)')
        .default([])
        .argParser(collect),
    )
    .option('--json', 'print one JSON line per rendered file on stdout')
    .option('--poster <png>', 'also write the last frame as PNG')
    .option('--frames-dir <dir>', 'also write every frame as PNG into this directory')
    .option('-q, --quiet', 'no progress or warnings on stderr')
    .option('--debug', 'show stack traces of internal errors')
    .addHelpText('after', EXAMPLES)
    .action(async (files: string[], flags: RenderFlags) => {
      exitCode.value = await renderFiles(files, flags, io);
    });
  return cli;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const exitCode = { value: 0 };
  const debug = argv.includes('--debug');
  try {
    await program(io, exitCode).parseAsync([...argv], { from: 'user' });
    return exitCode.value;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors are the user's: 2.
      return error.exitCode === 0 ? 0 : 2;
    }
    const { message, code } = describeError(error, debug);
    io.stderr(`mlgif: ${message}\n`);
    return code;
  }
}
