/** Pieces every command shares: the context it runs in, error reporting, flag parsers. */
import { dirname } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { Interrupted, isUserError } from '../errors.js';
import type { Io } from './io.js';

export interface Context {
  io: Io;
  /** The exit status the command sets (the worst over its files). */
  exitCode: { value: number };
}

/** File-system errors that come from a path the user gave (an output that cannot be written). */
const PATH_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  ENOENT: 'no such file or folder',
  EEXIST: 'a file is in the way',
  EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
};

/** "cannot write out/x.gif: permission denied" for a path error, else undefined. */
function pathProblem(error: unknown): string | undefined {
  const e = error as NodeJS.ErrnoException & { dest?: string };
  const reason = typeof e?.code === 'string' ? PATH_ERRORS[e.code] : undefined;
  const path = e?.dest ?? e?.path;
  if (!reason || !path || !e.syscall) return undefined;
  // A temporary file beside an output (.name.pid.time.tmp) is named by its folder.
  const temporary = /\/\.[^/]*\.\d+\.\d+\.tmp$/.test(path);
  const shown = temporary ? `${dirname(path)}/` : path;
  const verb = e.syscall === 'mkdir' ? 'create the folder' : temporary ? 'write in' : 'write';
  return `cannot ${verb} ${shown}: ${reason}`;
}

/** Exit status and message of a failure: 2 the user's input, 1 a bug (stack only with --debug). */
export function describeError(error: unknown, debug: boolean): { message: string; code: number } {
  if (error instanceof Interrupted) return { message: error.message, code: error.exitCode };
  if (isUserError(error)) return { message: error.message, code: 2 };
  const problem = pathProblem(error);
  if (problem) return { message: problem, code: 2 };
  const e = error as Error;
  return {
    message:
      debug && e?.stack ? e.stack : `internal error: ${e?.message ?? String(error)} (run with --debug for details)`,
    code: 1,
  };
}

/** Orders exit statuses by how bad they are: an interruption beats a bug beats a user error. */
export function worse(a: number, b: number): number {
  const rank = (c: number) => (c >= 128 ? 3 : c === 1 ? 2 : c === 2 ? 1 : 0);
  return rank(b) > rank(a) ? b : a;
}

/** Repeatable flag: collects every value. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** A positive integer flag value (commander reports the error as a usage error, exit 2). */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a positive integer');
  }
  return n;
}

/** Whether colour may be used on stderr: a terminal, and NO_COLOR unset or empty (no-color.org). */
export function useColour(io: Io): boolean {
  return io.stderrIsTTY && !io.env.NO_COLOR;
}

/** Prefix for a message about `file` unless the message already starts with it. */
export function aboutFile(file: string, message: string): string {
  const named = message.startsWith(file) || (file === '-' && message.startsWith('<stdin>'));
  return named ? message : `${file}: ${message}`;
}
