/**
 * The command line's exit statuses, in one place: 0 done, 1 a bug or the machine failed (a full
 * disk: no "internal error" then), 2 the input is wrong, 128 + the signal's number when stopped
 * by one (130 Ctrl-C, 143 SIGTERM, 141 a closed stdout).
 */
import { formatProblem, Interrupted, isUserError, SIGNAL_STATUS, stopSignalOf } from '../errors.js';
import { shown } from '../quote.js';

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

/** File-system errors that come from a path the user gave (an output that cannot be written): exit 2. */
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
  ENXIO: 'not something a file can be written to (a socket?)',
};

/** Errors of the machine, neither the input's nor a bug: exit 1, the file and the cause named. */
const ENVIRONMENT_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'over the disk quota',
  EFBIG: 'file too large (a file size limit: ulimit -f?)',
  EIO: 'input/output error',
  EBUSY: 'busy (a mount point?)',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ENOMEM: 'out of memory',
};

/** The problem of a failed system call on a path, with its exit status; undefined for anything else. */
function systemProblem(error: unknown): { line: string; code: number } | undefined {
  const e = error as NodeJS.ErrnoException & { dest?: string };
  if (typeof e?.code !== 'string' || !e.syscall) return undefined;
  if (e.syscall === 'uv_cwd') {
    return { line: 'the working folder no longer exists; run mlgif from a folder that does', code: EXIT.bug };
  }
  const path = e.dest ?? e.path;
  const input = PATH_ERRORS[e.code];
  const machine = ENVIRONMENT_ERRORS[e.code];
  if (!path || (!input && !machine)) return undefined;
  const verb = e.syscall === 'mkdir' ? 'create the folder' : e.syscall === 'read' ? 'read' : 'write';
  return { line: `cannot ${verb} ${shown(path)}: ${input ?? machine}`, code: input ? EXIT.input : EXIT.bug };
}

/** A failure as lines to print and its exit status (a stack trace only for a bug, with --debug). */
export function failure(error: unknown, debug: boolean): { lines: string[]; code: number } {
  if (error instanceof Interrupted) return { lines: [error.message], code: error.exitCode };
  if (isUserError(error)) return { lines: error.problems.map(formatProblem), code: EXIT.input };
  const problem = systemProblem(error);
  if (problem) return { lines: [problem.line], code: problem.code };
  const e = error as Error;
  const text =
    debug && e?.stack ? e.stack : `internal error: ${e?.message ?? String(error)} (run with --debug for details)`;
  return { lines: [text], code: EXIT.bug };
}
