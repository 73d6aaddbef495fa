/**
 * Two kinds of failure. A UserError is the user's input being wrong (a bad scenario, a missing
 * file, a bad flag): exit status 2, and each problem names where it is and what was expected.
 * Anything else is a bug: exit status 1. Problems stay structured until the command line formats
 * them; nothing parses a message back.
 */

/** One thing wrong with the input. */
export interface Problem {
  /** Where: a scenario path ("model.k", "rows[1].covs[0]"), a file or file:line, a flag, or '' (the whole input). */
  path: string;
  message: string;
}

/** "path: message", or the message alone for the whole input. */
export function formatProblem({ path, message }: Problem): string {
  return path ? `${path}: ${message}` : message;
}

export class UserError extends Error {
  override readonly name = 'UserError';
  readonly problems: readonly Problem[];

  /** One problem at `path` (default: the whole input). */
  constructor(message: string, path = '') {
    super(formatProblem({ path, message }));
    this.problems = [{ path, message }];
  }

  /** Several problems at once (at least one). */
  static of(problems: readonly Problem[]): UserError {
    const error = new UserError(problems[0].message, problems[0].path);
    Object.defineProperty(error, 'problems', { value: [...problems] });
    error.message = problems.map(formatProblem).join('\n');
    return error;
  }

  /** The same problems, each path prefixed (a row's data problems as rows[1].…). */
  within(prefix: string): UserError {
    return UserError.of(this.problems.map((p) => ({ ...p, path: joinPath(prefix, p.path) })));
  }
}

/** A scenario path below another: "rows[1]" + "covs[0]" = "rows[1].covs[0]". */
export function joinPath(prefix: string, path: string): string {
  if (!prefix) return path;
  if (!path) return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/**
 * The signals that stop a run, and the exit status each gives (128 + the signal's number): Ctrl-C,
 * kill, a closed terminal, Ctrl-\, and SIGUSR2 (which would otherwise end Node without cleaning up).
 */
export const SIGNAL_STATUS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129, SIGQUIT: 131, SIGUSR2: 140 } as const;
export type StopSignal = keyof typeof SIGNAL_STATUS;

/** Thrown when a run is interrupted by a signal; carries the conventional exit status. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(readonly signal: StopSignal) {
    super(`interrupted by ${signal}`);
  }
  get exitCode(): number {
    return SIGNAL_STATUS[this.signal];
  }
}

/** The signal behind an AbortSignal's reason (its name; SIGINT when it names none). */
export function stopSignalOf(reason: unknown): StopSignal {
  return typeof reason === 'string' && Object.hasOwn(SIGNAL_STATUS, reason) ? (reason as StopSignal) : 'SIGINT';
}
