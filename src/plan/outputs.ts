/**
 * Where a render writes, checked against what it reads: an output that is one of its inputs (the
 * scenario file, a CSV file — by any spelling, or a link to it) would destroy the input, and an
 * output that is a folder cannot be written. Both are refused before anything is drawn, so that
 * `mlgif validate` refuses them too.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { shown } from '../quote.js';

/** Whether two paths name the same file: the same path, or the same file by another name. */
export function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.isFile() && x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** Refuses writing `path` (what `flag` names) over one of `inputs`. */
export function checkNotInput(path: string, inputs: readonly string[], flag: string): void {
  for (const input of inputs) {
    if (sameFile(path, input)) {
      throw new UserError(`${shown(path)} is ${shown(input)}, which the render reads; choose another file`, flag);
    }
  }
}

/** Refuses an output over an input, or an output that is a folder. */
export function checkOutput(output: string, inputs: readonly string[]): void {
  if (output === '-') return;
  checkNotInput(output, inputs, 'output');
  let folder = false;
  try {
    folder = statSync(output).isDirectory();
  } catch {
    // Nothing there yet: it will be created.
  }
  if (folder)
    throw new UserError(`cannot write ${shown(output)}: is a folder; expected a file name for the output`, 'output');
}
