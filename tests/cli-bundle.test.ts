/**
 * The bundled command line that bin/mlgif runs (dist/bundle/mlgif.cjs through src/launch/launch.ts,
 * `npm run build` first): its code cache is used when it belongs to the build and ignored,
 * without a trace, when it is missing, from another build or unreadable to V8; the canvas module
 * is loaded only by commands that use the renderer; --jobs workers run the same bundle, byte for
 * byte.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Io } from '../src/cli/io.js';
import { buildLine, cacheFileOf, loadBundle } from '../src/launch/launch.js';
import { BIN, tempDir, tiny, writeScenario } from './cli-helpers.js';

const BUNDLE = new URL('../dist/bundle/mlgif.cjs', import.meta.url).pathname;
const LAUNCH = new URL('../dist/launch/launch.js', import.meta.url).href;
const LAUNCH_CJS = fileURLToPath(new URL('../dist/bundle/launch.cjs', import.meta.url));
const exec = promisify(execFile);

/** Runs `main` of a loaded bundle with captured streams. */
async function runBundle(exports: ReturnType<typeof loadBundle>['exports'], argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (chunk) => {
      stdout += chunk.toString();
    },
    stderr: (text) => {
      stderr += text;
    },
    readStdin: async () => '',
    stderrIsTTY: false,
    env: {},
  };
  const code = await exports.main(argv, io);
  return { code, stdout, stderr };
}

/**
 * A copy of the bundle in its own folder, with `cache` (bytes) beside it, or no cache. The folder
 * links the project's node_modules, as an installed bundle finds its dependencies.
 */
function bundleWith(cache: Buffer | null): string {
  const dir = tempDir();
  symlinkSync(fileURLToPath(new URL('../node_modules', import.meta.url)), join(dir, 'node_modules'));
  const file = join(dir, 'mlgif.cjs');
  copyFileSync(BUNDLE, file);
  if (cache) writeFileSync(cacheFileOf(file), cache);
  return file;
}

describe('the code cache', () => {
  it('is made by the build and used by bin/mlgif and the worker threads (fresh processes, default flags)', async () => {
    // bin/mlgif's worker loads it through the CommonJS build of the loader, --jobs workers through the ES module.
    const cjs = await exec(process.execPath, [
      '-e',
      `console.log(require(${JSON.stringify(LAUNCH_CJS)}).loadBundle().cached);`,
    ]);
    expect(cjs.stdout.trim()).toBe('true');
    // bin/mlgif's command line runs in a worker thread, which loads the bundle there.
    const inWorker = await exec(process.execPath, [
      '-e',
      `const { Worker } = require('node:worker_threads');
       const code = "require('node:worker_threads').parentPort.postMessage(require(${JSON.stringify(JSON.stringify(LAUNCH_CJS)).slice(1, -1)}).loadBundle().cached)";
       const worker = new Worker(code, { eval: true });
       worker.on('message', (cached) => { console.log(cached); void worker.terminate(); });`,
    ]);
    expect(inWorker.stdout.trim()).toBe('true');
    const { stdout } = await exec(process.execPath, [
      '--input-type=module',
      '-e',
      `import { loadBundle } from '${LAUNCH}'; console.log(loadBundle().cached);`,
    ]);
    expect(stdout.trim()).toBe('true');
  });

  it('is ignored when missing, from another build or rejected by V8, and the CLI works the same', async () => {
    const cache = readFileSync(cacheFileOf(BUNDLE));
    const line = buildLine(readFileSync(BUNDLE, 'latin1'));
    expect(line).toMatch(/^\/\/ mlgif-build [0-9a-f]{40}\n$/);
    expect(cache.subarray(0, line.length).toString('latin1')).toBe(line);
    const otherBuild = Buffer.concat([
      Buffer.from(line.replace(/[0-9a-f]{40}/, '0'.repeat(40))),
      cache.subarray(line.length),
    ]);
    const garbage = Buffer.concat([Buffer.from(line), Buffer.alloc(4096, 7)]);
    const dir = tempDir();
    const bad = writeScenario(dir, 'bad.yaml', 'model: { type: knn, k: -1 }');
    const good = writeScenario(dir, 'good.yaml', tiny());
    const outcomes = [];
    for (const variant of [null, otherBuild, garbage]) {
      const loaded = loadBundle({ bundleFile: bundleWith(variant) });
      expect(loaded.cached).toBe(false);
      outcomes.push([
        await runBundle(loaded.exports, ['--version']),
        await runBundle(loaded.exports, ['validate', bad, good]),
      ]);
    }
    expect(outcomes[0][0]).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
    expect(outcomes[0][1].code).toBe(2);
    expect(outcomes[0][1].stderr).toMatch(/model\.k: /);
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
  });
});

describe('the canvas module', () => {
  it('is loaded by render and validate (the library API), not by --version, list, schema or init', async () => {
    const file = writeScenario(tempDir(), 's.yaml', tiny());
    const out = join(tempDir(), 's.gif');
    const script = `
      import { createRequire } from 'node:module';
      import { loadBundle } from '${LAUNCH}';
      const { main } = loadBundle().exports;
      const io = { stdout() {}, stderr() {}, readStdin: async () => '', stderrIsTTY: false, env: {} };
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('@napi-rs'));
      const seen = [];
      for (const args of [['--version'], ['list'], ['schema'], ['init', '-o', '-'], ['validate', ${JSON.stringify(file)}],
        ['render', ${JSON.stringify(file)}, '-o', ${JSON.stringify(out)}]]) {
        seen.push([args[0], await main(args, io), loaded()]);
      }
      console.log(JSON.stringify(seen));`;
    const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', script]);
    expect(JSON.parse(stdout)).toEqual([
      ['--version', 0, false],
      ['list', 0, false],
      ['schema', 0, false],
      ['init', 0, false],
      ['validate', 0, true],
      ['render', 0, true],
    ]);
    expect(readFileSync(out).subarray(0, 6).toString()).toBe('GIF89a');
  });
});

describe('bin/mlgif render --jobs 2', () => {
  it('renders in workers that run the bundle, the same bytes as --jobs 1', async () => {
    const dir = tempDir();
    const paths = [
      writeScenario(dir, 'a.yaml', tiny()),
      writeScenario(dir, 'b.yaml', tiny({ model: '{ type: knn, k: 5 }' })),
      writeScenario(dir, 'c.yaml', tiny({ seed: '9' })),
    ];
    for (const jobs of ['1', '2']) {
      await exec(process.execPath, [BIN, 'render', ...paths, '--out-dir', join(dir, jobs), '--jobs', jobs]);
    }
    for (const name of ['a.gif', 'b.gif', 'c.gif']) {
      expect(readFileSync(join(dir, '2', name)).equals(readFileSync(join(dir, '1', name)))).toBe(true);
    }
  });
});
