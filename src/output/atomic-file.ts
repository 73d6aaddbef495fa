/**
 * Every file mlgif writes appears whole or not at all: bytes go to a temporary file beside the
 * target, renamed over it only when complete (commit); a failed or interrupted run removes the
 * temporary file (abort) and leaves the target as it was.
 *
 * The temporary name is `.<name>.<pid>-<random>.tmp`: unpredictable, created exclusively (an
 * existing file or symbolic link of that name is never opened), and findable by this process's
 * prefix, so an abrupt exit can still remove what it left (removeTemps).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface AtomicFile {
  /** Appends bytes. */
  write(chunk: Uint8Array): void;
  /** Closes the temporary file and renames it over the target. */
  commit(): void;
  /** Closes and removes the temporary file, if still there; the target is untouched. */
  abort(): void;
}

/** Bytes of a file name that the name part of a temporary name may take (names stop at 255). */
const NAME_BYTES = 200;

/** This process's temporary names for `target` start with this. */
function tempPrefix(target: string): string {
  let name = basename(target);
  while (Buffer.byteLength(name) > NAME_BYTES) name = name.slice(0, -1);
  return `.${name}.${process.pid}-`;
}

export function createAtomicFile(output: string): AtomicFile {
  const target = resolve(output);
  mkdirSync(dirname(target), { recursive: true });
  const temp = join(dirname(target), `${tempPrefix(target)}${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = openSync(temp, 'wx', 0o666);
  let open = true;
  const close = () => {
    if (fd !== null) closeSync(fd);
    fd = null;
  };
  return {
    write(chunk) {
      if (fd === null) throw new Error(`${temp} is closed`);
      for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done);
    },
    commit() {
      close();
      renameSync(temp, target);
      open = false;
    },
    abort() {
      close();
      if (open) rmSync(temp, { force: true });
      open = false;
    },
  };
}

/** Writes a whole file atomically. */
export function writeFileAtomic(output: string, data: string | Uint8Array): void {
  const file = createAtomicFile(output);
  try {
    file.write(typeof data === 'string' ? Buffer.from(data) : data);
    file.commit();
  } finally {
    file.abort();
  }
}

/**
 * Removes the temporary files this process left beside `output` (a worker terminated mid-render,
 * a second Ctrl-C): called at exit, when the owner can no longer abort.
 */
export function removeTemps(output: string): void {
  if (output === '-') return;
  const target = resolve(output);
  const prefix = tempPrefix(target);
  try {
    for (const name of readdirSync(dirname(target))) {
      if (name.startsWith(prefix) && name.endsWith('.tmp')) rmSync(join(dirname(target), name), { force: true });
    }
  } catch {
    // The folder may not exist yet: nothing to remove.
  }
}
