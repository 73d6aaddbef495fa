/**
 * The command line's exit statuses, in one place: 0 done, 1 a bug, 2 the input is wrong, 128 +
 * the signal's number when stopped by one (130 Ctrl-C, 143 SIGTERM, 141 a closed stdout).
 */
import { dirname } from 'node:path';
import { formatProblem, Interrupted, isUserError, SIGNAL_STATUS, stopSignalOf } from '../errors.js';

export const EXIT = { done: 0, bug: 1, input: 2, brokenPipe: 141, ...SIGNAL_STATUS } as const;

/** The status of a run stopped by an abort signal whose reason is the signal's name. */
export function signalStatus(reason: unknown): number {
  return SIGNAL_STATUS[stopSignalOf(reason)];
}

/** Orders exit statuses by how bad they are: an interruption beats a bug beats a user error. */
export function worse(a: number, b: number): number {
  const rank = (c: number) => (c >= 128 ? 3 : c === EXIT.bug ? 2 : c === EXIT.input ? 1 : 0);
  return rank(b) > rank(a) ? b : a;
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
  // A temporary file beside an output (.name.pid-random.tmp) is named by its folder.
  const temporary = /\/\.[^/]*\.\d+-[0-9a-f]+\.tmp$/.test(path);
  const shown = temporary ? `${dirname(path)}/` : path;
  const verb = e.syscall === 'mkdir' ? 'create the folder' : temporary ? 'write in' : 'write';
  return `cannot ${verb} ${shown}: ${reason}`;
}

/** A failure as lines to print and its exit status (a stack trace only for a bug, with --debug). */
export function failure(error: unknown, debug: boolean): { lines: string[]; code: number } {
  if (error instanceof Interrupted) return { lines: [error.message], code: error.exitCode };
  if (isUserError(error)) return { lines: error.problems.map(formatProblem), code: EXIT.input };
  const problem = pathProblem(error);
  if (problem) return { lines: [problem], code: EXIT.input };
  const e = error as Error;
  const text =
    debug && e?.stack ? e.stack : `internal error: ${e?.message ?? String(error)} (run with --debug for details)`;
  return { lines: [text], code: EXIT.bug };
}
