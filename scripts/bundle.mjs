#!/usr/bin/env node
/**
 * Bundles the command line into one minified CommonJS file, dist/bundle/mlgif.cjs, that
 * bin/mlgif (and each --jobs worker thread) loads through src/launch/launch.ts: one file to read
 * instead of hundreds of modules, and a script that V8's code cache can hold (an ES module
 * cannot be given cached data in Node 20). The library (dist/index.js) stays the tsc build.
 *
 * The first line names the build: `// mlgif-build <sha1 of the rest>`. The code cache made from
 * this bundle (scripts/code-cache.mjs) starts with the same line, so a cache left over from
 * another build is never used, even when V8 would take it (V8 checks only the source's length).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const OUT = 'dist/bundle/mlgif.cjs';

const result = await build({
  entryPoints: ['src/launch/bundle.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Names are kept (--debug stack traces stay readable): minifying them saves ~1 % of start-up.
  minifyWhitespace: true,
  minifySyntax: true,
  // Loaded on first use by the loader (src/launch/launch.ts): a native module.
  external: ['@napi-rs/canvas'],
  // import.meta.url (fonts, the worker script) is the bundle's own URL. The banner comes before
  // esbuild's "use strict", so it states the directive itself.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: `"use strict";var __bundleUrl=require('node:url').pathToFileURL(__filename).href;` },
  write: false,
  logLevel: 'warning',
});
const code = result.outputFiles[0].text;
// The loader compiles the bundle as a plain script (vm.Script): it has no import() to offer.
if (/\bimport\(/.test(code)) throw new Error(`${OUT}: the bundle must not use import(); see src/launch/launch.ts`);

const id = createHash('sha1').update(code).digest('hex');
mkdirSync('dist/bundle', { recursive: true });
// The previous build's files (the ES module bundles before the code cache; a stale cache).
for (const old of ['main.js', 'render-worker.js', 'mlgif.cache']) rmSync(`dist/bundle/${old}`, { force: true });
writeFileSync(OUT, `// mlgif-build ${id}\n${code}`);

// bin/mlgif's own loader (src/launch/launch.ts) as CommonJS too: bin/mlgif is then a CommonJS
// script (bin/package.json), and Node starts one ~15 ms sooner than an ES module.
await build({
  entryPoints: ['src/launch/launch.ts'],
  outfile: 'dist/bundle/launch.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  define: { 'import.meta.url': '__launchUrl' },
  banner: { js: `"use strict";var __launchUrl=require('node:url').pathToFileURL(__filename).href;` },
  logLevel: 'warning',
});
