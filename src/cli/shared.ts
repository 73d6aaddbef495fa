/** What every command runs in, and how messages about a scenario file are worded. */
import { printable, shown } from '../quote.js';
import type { Io } from './io.js';

export interface Context {
  io: Io;
  /** The exit status the command sets (the worst over its files). */
  exitCode: { value: number };
}

/** Whether colour may be used on stderr: a terminal, and NO_COLOR unset or empty (no-color.org). */
export function useColour(io: Io): boolean {
  return io.stderrIsTTY && !io.env.NO_COLOR;
}

/** How a scenario file is named in messages (its name may come from a glob over anyone's files). */
export function shownFile(file: string): string {
  return file === '-' ? '<stdin>' : shown(file);
}

/**
 * A message line about `file`, prefixed with its name unless the line already starts with it,
 * ready to print (control characters escaped, length bounded).
 */
export function aboutFile(file: string, line: string): string {
  const name = shownFile(file);
  return printable(line.startsWith(name) ? line : `${name}: ${line}`);
}
