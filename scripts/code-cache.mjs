#!/usr/bin/env node
/**
 * Makes dist/bundle/mlgif.cache, V8's code cache for the bundled command line (see
 * src/launch/launch.ts): loads the bundle without a cache, runs what users run most (--version,
 * validate, list and a short render of configs/logistic-gaussians.yaml), then saves the bytecode
 * of every function compiled so far. Run at build time only, after tsc and scripts/bundle.mjs.
 * Sizes and frame counts do not matter here: the same functions run for 3 frames as for 60.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildLine, cacheFileOf, loadBundle } from '../dist/launch/launch.js';

const BUNDLE_FILE = resolve('dist/bundle/mlgif.cjs');
const CACHE_FILE = cacheFileOf(BUNDLE_FILE);

const { exports, script } = loadBundle({ bundleFile: BUNDLE_FILE, useCache: false });
const dir = mkdtempSync(join(tmpdir(), 'mlgif-cache-'));
const quiet = { stdout() {}, stderr() {}, readStdin: async () => '', stderrIsTTY: false, env: {} };
const scenario = 'configs/logistic-gaussians.yaml';
const runs = [
  ['--version'],
  ['validate', scenario],
  ['list'],
  ['render', scenario, '--set', 'animate.frames=3', '-o', join(dir, 'warm-up.gif'), '--json'],
];
try {
  for (const args of runs) {
    const code = await exports.main(args, quiet);
    if (code !== 0) throw new Error(`code cache warm-up: mlgif ${args.join(' ')} exited ${code}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const line = buildLine(readFileSync(BUNDLE_FILE, 'latin1'));
const temp = `${CACHE_FILE}.${process.pid}.tmp`;
writeFileSync(temp, Buffer.concat([Buffer.from(line, 'latin1'), script.createCachedData()]));
renameSync(temp, CACHE_FILE);
