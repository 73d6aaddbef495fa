/**
 * `mlgif render --watch`: renders the files, then renders a file again each time it, or a CSV
 * file its data reads, changes; until Ctrl-C. Everything runs in this one process, in one thread
 * (bin/mlgif's command-line worker, kept across changes): once V8 has compiled the renderer
 * (after the first render), a render costs about half of what a fresh `mlgif render` of the
 * same file does, which is what someone adjusting a figure waits for. A failed render (a typo
 * mid-edit) is reported and watching goes on.
 */
import { type FSWatcher, watch } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { loadScenario } from '../scenario/load.js';
import { signalStatus } from './exit-status.js';
import type { Io } from './io.js';
import { renderFiles } from './render-files.js';
import type { RenderFlags } from './render-flags.js';
import { shardFiles } from './shard.js';

/** Quiet time after a change before rendering: an editor's save is often several writes. */
const SETTLE_MS = 100;

/** The files a scenario file's render reads: itself and, for CSV data, its CSV files. */
function inputsOf(file: string, flags: RenderFlags): string[] {
  const inputs = [resolve(file)];
  try {
    const { scenario, baseDir } = loadScenario(file, flags.set ?? [], undefined, flags.maxPixels);
    const data = scenario.data as { source: string; path?: string; testPath?: string };
    if (data.source === 'csv') {
      for (const path of [data.path, data.testPath]) if (path) inputs.push(resolve(baseDir, path));
    }
  } catch {
    // Invalid for now: the render reports why; the file itself is still watched.
  }
  return inputs;
}

export async function watchFiles(files: string[], flags: RenderFlags, io: Io): Promise<number> {
  if (files.includes('-')) throw new UserError('--watch needs scenario files to watch, not stdin', '--watch');
  if (flags.output === '-') throw new UserError('--watch cannot write the GIF to stdout; give a file', '--watch');
  // One process, one thread: a worker would start cold at every change.
  const render = (only?: ReadonlySet<string>) => renderFiles(files, { ...flags, jobs: 1 }, io, only);
  await render();
  if (io.signal?.aborted) return signalStatus(io.signal.reason);

  // Scenario files changed since the last render, and whether their quiet time is over.
  const changed = new Set<string>();
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  let wake = () => {};
  const touched = (scenarios: Iterable<string>) => {
    for (const file of scenarios) changed.add(file);
    if (changed.size === 0) return;
    settled = false;
    clearTimeout(timer);
    timer = setTimeout(() => {
      settled = true;
      wake();
    }, SETTLE_MS);
  };

  // Which scenario files each input belongs to (absolute paths). Directories are watched, not
  // files: editors often save by writing a new file and renaming it over the old one, which ends
  // a watch on the old file.
  const owners = new Map<string, Set<string>>();
  const watchers = new Map<string, FSWatcher>();
  const watchDir = (dir: string) => {
    if (watchers.has(dir)) return;
    try {
      const watcher = watch(dir, (_event, name) => {
        // No name (some platforms): anything in the directory may have changed.
        const inputs = name ? [resolve(dir, String(name))] : [...owners.keys()].filter((i) => dirname(i) === dir);
        touched(inputs.flatMap((input) => [...(owners.get(input) ?? [])]));
      });
      watchers.set(dir, watcher);
    } catch (error) {
      throw new UserError(`cannot watch ${dir}: ${(error as Error).message}`, '--watch');
    }
  };
  const track = (file: string) => {
    for (const input of inputsOf(file, flags)) {
      if (!owners.has(input)) owners.set(input, new Set());
      owners.get(input)?.add(file);
      watchDir(dirname(input));
    }
  };

  const stopped = new Promise<void>((done) => io.signal?.addEventListener('abort', () => done(), { once: true }));
  try {
    for (const file of flags.shard ? shardFiles(files, flags.shard) : files) track(file);
    if (!flags.quiet) io.stderr(`mlgif: watching ${owners.size} file${owners.size === 1 ? '' : 's'}; Ctrl-C stops\n`);
    for (;;) {
      // Changes that settled during the last render are rendered at once.
      if (!settled) await Promise.race([new Promise<void>((done) => (wake = done)), stopped]);
      if (io.signal?.aborted) break;
      const batch = new Set(changed);
      changed.clear();
      settled = false;
      if (!flags.quiet) io.stderr(`mlgif: ${[...batch].join(', ')} changed\n`);
      await render(batch);
      // A scenario may now read other CSV files.
      for (const file of batch) track(file);
    }
  } finally {
    clearTimeout(timer);
    for (const watcher of watchers.values()) watcher.close();
  }
  return signalStatus(io.signal?.reason);
}
