/**
 * Two kinds of failure. A UserError is the user's input being wrong (a bad scenario, a missing
 * file, a bad flag): exit status 2 and a message that names the field and what was expected.
 * Anything else is a bug: exit status 1.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  /** Where the problem is: a scenario path like "model.k", a file, or a flag. */
  readonly where: string | undefined;

  constructor(message: string, where?: string) {
    super(where ? `${where}: ${message}` : message);
    this.where = where;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** Thrown when a run is interrupted (SIGINT/SIGTERM); carries the conventional exit status. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(readonly signal: 'SIGINT' | 'SIGTERM') {
    super(`interrupted by ${signal}`);
  }
  get exitCode(): number {
    return this.signal === 'SIGINT' ? 130 : 143;
  }
}
