/**
 * `--shard I/N`: the I-th of N deterministic slices of the file list, so N CI machines split a
 * gallery with no coordination (as vitest and Playwright shard). The list is sorted first, so the
 * slices do not depend on the order the shell or the CI system passes the files in; slice i is
 * the contiguous block [floor((i−1)·L/N), floor(i·L/N)) of the sorted list, so the N slices are
 * disjoint, cover the list, and differ in size by at most one.
 */
import { InvalidArgumentError } from 'commander';

export interface Shard {
  index: number;
  total: number;
}

export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : Number.NaN;
  const total = m ? Number(m[2]) : Number.NaN;
  if (!m || !Number.isSafeInteger(total) || total < 1 || index < 1 || index > total) {
    throw new InvalidArgumentError('expected I/N with 1 ≤ I ≤ N, e.g. 2/4');
  }
  return { index, total };
}

/** The files of one shard, in the order they were given. */
export function shardFiles(files: readonly string[], { index, total }: Shard): string[] {
  const sorted = [...new Set(files)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const from = Math.floor(((index - 1) * sorted.length) / total);
  const to = Math.floor((index * sorted.length) / total);
  const mine = new Set(sorted.slice(from, to));
  return files.filter((f, i) => mine.has(f) && files.indexOf(f) === i);
}
