/** Writing a command's text output: to stdout ('-'), or to a file atomically. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../output/atomic-file.js';
import type { Io } from './io.js';

export function writeOutput(io: Io, output: string, text: string, { force }: { force: boolean }): void {
  if (output === '') throw new UserError('is empty; expected a file name, or - for stdout', '-o');
  if (output === '-') {
    io.stdout(text);
    return;
  }
  if (!force && existsSync(resolve(output))) throw new UserError('exists already; use --force to overwrite it', output);
  writeFileAtomic(output, text);
}
