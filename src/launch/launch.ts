/**
 * Loads the bundled command line (dist/bundle/mlgif.cjs, made by scripts/bundle.mjs) for
 * bin/mlgif and its worker threads, with as little start-up work as Node 20 allows:
 *
 * - The bundle is compiled as one script through vm.Script with V8's code cache
 *   (dist/bundle/mlgif.cache), made at build time by a warm-up run (scripts/code-cache.mjs), so it
 *   holds the bytecode of the functions a render runs, not only the top level: nothing that the
 *   cache holds is parsed or compiled again. A cache that is missing, made from another build, or
 *   rejected by V8 (another Node version, other V8 flags) is ignored and the bundle is compiled
 *   from its source: the same program, a few tens of milliseconds slower. Nothing is written at
 *   run time.
 * - bin/mlgif is a CommonJS script that requires this file's CommonJS build
 *   (dist/bundle/launch.cjs, made by scripts/bundle.mjs): Node starts it ~15 ms sooner than an
 *   ES module. The main thread loads no more than this file and the supervisor (supervisor.ts);
 *   the command line itself runs in a worker thread started from this same file, which loads
 *   the bundle there. The --jobs worker threads load the ES module (dist/launch/launch.js).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { isMainThread, workerData } from 'node:worker_threads';
import type * as Bundle from './bundle.js';
import { superviseCommandLine } from './supervisor.js';

/** Beside this file's folder, as in dist/: dist/launch/launch.js loads dist/bundle/mlgif.cjs. */
const BUNDLE_FILE = fileURLToPath(new URL('../bundle/mlgif.cjs', import.meta.url));

/** The code cache of a bundle: beside it, same name, .cache. */
export function cacheFileOf(bundleFile: string): string {
  return bundleFile.replace(/\.cjs$/, '.cache');
}

export type BundleExports = typeof Bundle;

export interface Loaded {
  exports: BundleExports;
  /** The compiled script: the warm-up run makes the code cache from it. */
  script: Script;
  /** Whether the code cache was used (false: missing, from another build, or rejected). */
  cached: boolean;
}

/**
 * The bundle's first line (`// mlgif-build <hash>\n`) names its build; a cache file starts with
 * the line of the build it was made from, then V8's data.
 */
export function buildLine(source: string): string {
  return source.slice(0, source.indexOf('\n') + 1);
}

/** The cache's V8 data if the cache file exists and belongs to this build of the bundle. */
function cacheFor(line: string, cacheFile: string): Buffer | undefined {
  let cache: Buffer;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  return line.length > 0 && cache.toString('latin1', 0, line.length) === line ? cache.subarray(line.length) : undefined;
}

export interface LoadOptions {
  /** Default: dist/bundle/mlgif.cjs, beside this file's folder. */
  bundleFile?: string;
  /** false: compile from source (the warm-up run that makes the cache). */
  useCache?: boolean;
}

/** Compiles and runs the bundle (a CommonJS file: wrapped as Node wraps one) and returns its exports. */
export function loadBundle({ bundleFile = BUNDLE_FILE, useCache = true }: LoadOptions = {}): Loaded {
  // The bundle is ASCII (esbuild escapes the rest): read as latin1, it needs no UTF-8 decoding.
  const source = readFileSync(bundleFile, 'latin1');
  const cachedData = useCache ? cacheFor(buildLine(source), cacheFileOf(bundleFile)) : undefined;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundleFile,
    cachedData,
  });
  const module = { exports: {} as BundleExports };
  script.runInThisContext()(module.exports, createRequire(bundleFile), module, bundleFile, dirname(bundleFile));
  return { exports: module.exports, script, cached: cachedData !== undefined && !script.cachedDataRejected };
}

/** bin/mlgif: the command line, in a worker thread started from this file (supervisor.ts). */
export function runCommandLine(argv: readonly string[]): void {
  superviseCommandLine(argv, fileURLToPath(import.meta.url));
}

// Started by runCommandLine as the command line's worker thread: load the bundle and serve.
if (!isMainThread && (workerData as { mlgif?: string } | null)?.mlgif === 'command-line') {
  void loadBundle().exports.serveCommandLine();
}
