/**
 * The command line: a thin layer over the library, one file per command. main() returns the exit
 * status and never calls process.exit: 0 done, 2 the user's input is wrong, 1 anything else (a
 * bug), 130/143 when interrupted. No stack trace unless --debug.
 */
import { Command, CommanderError } from 'commander';
import { printable } from '../quote.js';
import { registerData } from './data.js';
import { EXIT, failure } from './exit-status.js';
import { registerInit } from './init.js';
import type { Io } from './io.js';
import { registerList } from './list.js';
import { registerRender } from './render.js';
import { registerSchema } from './schema.js';
import type { Context } from './shared.js';
import { registerValidate } from './validate.js';

function program(context: Context): Command {
  const { io } = context;
  const cli = new Command('mlgif')
    .description('Animated GIFs of machine-learning classifiers learning a decision rule.')
    .version('0.1.0', '-v, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError('(run mlgif --help for usage)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ mlgif init --model knn --data moons -o knn.yaml && mlgif render knn.yaml\n' +
        '  $ mlgif render configs/*.yaml --out-dir out --json\n' +
        '  $ mlgif list models\n' +
        '\nExit status: 0 done, 2 the input is wrong, 1 a bug, 130/143 interrupted.',
    );
  for (const register of [registerRender, registerValidate, registerInit, registerList, registerSchema, registerData]) {
    register(cli, context);
  }
  // Subcommands exit through main() too, with the same output streams.
  for (const command of cli.commands) {
    command.exitOverride().configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  }
  return cli;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const context: Context = { io, exitCode: { value: EXIT.done } };
  const debug = argv.includes('--debug');
  try {
    await program(context).parseAsync([...argv], { from: 'user' });
    return context.exitCode.value;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors are the user's.
      return error.exitCode === 0 ? EXIT.done : EXIT.input;
    }
    const { lines, code } = failure(error, debug);
    for (const line of lines) io.stderr(`mlgif: ${printable(line)}\n`);
    return code;
  }
}
