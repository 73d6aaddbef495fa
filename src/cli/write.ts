/** Writing a command's text output: to stdout ('-'), or to a file through a temporary name. */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { Io } from './io.js';

export function writeOutput(io: Io, output: string, text: string, { force }: { force: boolean }): void {
  if (output === '-') {
    io.stdout(text);
    return;
  }
  const target = resolve(output);
  if (!force && existsSync(target)) throw new UserError('exists already; use --force to overwrite it', output);
  mkdirSync(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, target);
  } finally {
    rmSync(temp, { force: true });
  }
}
