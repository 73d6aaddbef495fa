/**
 * Creates a folder and its missing parents, one mkdir at a time from the deepest folder that
 * exists. Node's `mkdirSync(path, { recursive: true })` never returns for a path under /proc
 * (it retries the parent forever at full CPU, and a thread stuck there cannot even be stopped);
 * here a parent that cannot be made is an error that names it.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function makeFolders(folder: string): void {
  const missing: string[] = [];
  for (let dir = resolve(folder); ; dir = dirname(dir)) {
    try {
      if (statSync(dir).isDirectory()) break;
      throw Object.assign(new Error(`EEXIST: a file is in the way, mkdir '${dir}'`), {
        code: 'EEXIST',
        syscall: 'mkdir',
        path: dir,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (dirname(dir) === dir) break;
    missing.push(dir);
  }
  // Made from the outermost down; mkdir's own error names the folder it could not make.
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
