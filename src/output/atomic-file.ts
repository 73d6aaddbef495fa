/**
 * Every file mlgif writes appears whole or not at all: bytes go to a temporary file beside the
 * target, renamed over it only when complete (commit); a failed or interrupted run removes the
 * temporary file (abort) and leaves the target as it was. A folder of files (--frames-dir) is
 * built the same way under a temporary name and swapped in at the end.
 *
 * What stands at the target decides how it is written:
 * - nothing, or a regular file: temporary file + rename (through a symbolic link, the file it
 *   points to is the one replaced, as the shell's `>` would write into it);
 * - a device, a FIFO or a socket (or a link to one: /dev/null, /dev/stdout): written directly,
 *   streamed, never renamed over — it is not ours to replace;
 * - a folder: refused (EISDIR).
 *
 * The temporary name is `.<name>.<pid>-<random>.tmp` (the name part cut so the whole stays within
 * 255 bytes): unpredictable, created exclusively without following links (O_EXCL | O_NOFOLLOW),
 * announced before it exists (temporaries.ts) so that an abrupt stop can still remove it.
 * Errors name the target, not the temporary file.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { makeFolders } from './make-folders.js';
import { announceTemporary } from './temporaries.js';

export interface AtomicFile {
  /** Appends bytes. */
  write(chunk: Uint8Array): void;
  /** Closes the temporary file and renames it over the target. */
  commit(): void;
  /** Closes and removes the temporary file, if still there; the target is untouched. */
  abort(): void;
}

/** A new file, never an existing one or a link: exclusive creation that follows no link. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** Bytes of a file name that the name part of a temporary name may take (names stop at 255). */
const NAME_BYTES = 200;

/** This process's temporary names for `target` start with this. */
function tempPrefix(target: string): string {
  let name = basename(target);
  while (Buffer.byteLength(name) > NAME_BYTES) name = name.slice(0, -1);
  return `.${name}.${process.pid}-`;
}

function tempName(target: string, suffix = '.tmp'): string {
  return join(dirname(target), `${tempPrefix(target)}${randomBytes(6).toString('hex')}${suffix}`);
}

/** A file-system error reported against `target` (what the user named), whatever path failed. */
function against(target: string, error: unknown): unknown {
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string') {
    e.path = target;
    delete (e as { dest?: string }).dest;
  }
  return error;
}

function errno(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} ${path}`), { code, syscall, path });
}

/** How `output` is written: the path renamed over, or the path written directly. */
function targetOf(output: string): { path: string; direct: boolean } {
  const path = resolve(output);
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch (error) {
    // Nothing there (or a dangling link, replaced like a missing file); a file in the way of its
    // folder is reported when the folder is made.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { path, direct: false };
    throw error;
  }
  if (stats.isDirectory()) throw errno('EISDIR', 'open', path);
  if (stats.isFile()) return { path: lstatSync(path).isSymbolicLink() ? realpathSync(path) : path, direct: false };
  return { path, direct: true };
}

export function createAtomicFile(output: string): AtomicFile {
  const { path: target, direct } = targetOf(output);
  if (direct) {
    try {
      return directFile(output, openSync(target, constants.O_WRONLY));
    } catch (error) {
      throw against(output, error);
    }
  }
  // A folder that cannot be made is named itself.
  makeFolders(dirname(target));
  const temp = tempName(target);
  announceTemporary({ path: temp, open: true, folder: false });
  let fd: number | null;
  try {
    fd = openSync(temp, CREATE_NEW, 0o666);
  } catch (error) {
    throw against(output, error);
  }
  let open = true;
  const close = () => {
    if (fd !== null) closeSync(fd);
    fd = null;
  };
  return {
    write(chunk) {
      if (fd === null) throw new Error(`${temp} is closed`);
      try {
        for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done);
      } catch (error) {
        throw against(output, error);
      }
    },
    commit() {
      try {
        close();
        renameSync(temp, target);
      } catch (error) {
        throw against(output, error);
      }
      open = false;
      announceTemporary({ path: temp, open: false, folder: false });
    },
    abort() {
      try {
        close();
      } finally {
        if (open) rmSync(temp, { force: true });
        open = false;
        announceTemporary({ path: temp, open: false, folder: false });
      }
    },
  };
}

/** A device or FIFO, written as it comes; there is nothing to rename or to take back. */
function directFile(output: string, fd: number): AtomicFile {
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write(chunk) {
      try {
        for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done);
      } catch (error) {
        throw against(output, error);
      }
    },
    commit: close,
    abort: close,
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

export interface AtomicFolder {
  /** Writes a new file of the folder (a plain name). */
  write(name: string, data: Uint8Array): void;
  /** Puts the folder in place of the target; the target's own files (`ours`) are removed. */
  commit(): void;
  /** Removes the temporary folder; the target is untouched. */
  abort(): void;
}

/**
 * A folder built under a temporary name beside `output` and swapped in whole at commit, so that
 * no file of an earlier run stays. The folder at `output`, if any, must hold only files that
 * `ours` accepts (the caller refuses others before rendering): those are what the swap removes.
 */
export function createAtomicFolder(output: string, ours: (name: string) => boolean): AtomicFolder {
  const target = resolve(output);
  const temp = tempName(target);
  makeFolders(dirname(target));
  announceTemporary({ path: temp, open: true, folder: true });
  try {
    mkdirSync(temp);
  } catch (error) {
    throw against(output, error);
  }
  let open = true;
  const abort = () => {
    if (open) rmSync(temp, { recursive: true, force: true });
    open = false;
    announceTemporary({ path: temp, open: false, folder: true });
  };
  return {
    write(name, data) {
      const fd = openSync(join(temp, name), CREATE_NEW, 0o666);
      try {
        for (let done = 0; done < data.length; ) done += writeSync(fd, data, done);
      } catch (error) {
        throw against(join(output, name), error);
      } finally {
        closeSync(fd);
      }
    },
    commit() {
      const aside = tempName(target, '.old');
      let moved = false;
      try {
        try {
          renameSync(target, aside);
          moved = true;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
        renameSync(temp, target);
      } catch (error) {
        if (moved) renameSync(aside, target);
        throw against(output, error);
      }
      open = false;
      announceTemporary({ path: temp, open: false, folder: true });
      if (moved) removeOurs(aside, ours);
    },
    abort,
  };
}

/** Removes `dir` and its files that `ours` accepts; a file that came in meanwhile keeps the folder. */
function removeOurs(dir: string, ours: (name: string) => boolean): void {
  for (const name of readdirSync(dir)) if (ours(name)) rmSync(join(dir, name), { force: true });
  try {
    rmdirSync(dir);
  } catch {
    // Not empty: someone else's file is there; it stays, under the aside name.
  }
}

/**
 * Removes the temporary files this process left beside `output` (a worker terminated mid-render):
 * called when the owner can no longer abort.
 */
export function removeTemps(output: string): void {
  if (output === '-') return;
  const target = resolve(output);
  const prefix = tempPrefix(target);
  try {
    for (const name of readdirSync(dirname(target))) {
      if (name.startsWith(prefix) && name.endsWith('.tmp')) {
        rmSync(join(dirname(target), name), { force: true, recursive: true });
      }
    }
  } catch {
    // The folder may not exist yet: nothing to remove.
  }
}
