#!/usr/bin/env node
/**
 * `npm install`'s prepare step: builds dist/ (npm run build) unless it is already the build of
 * these sources. npm also runs prepare whenever `npx mlgif` runs in this folder — npm's exec
 * installs a project's own bin into its npx cache, packing the folder and running prepare first —
 * so a build that is already there must cost nothing: the README's first command then takes well
 * under a second more than the render itself, instead of a second full build.
 *
 * "These sources" is a hash of everything the build reads (src/, scripts/, the TypeScript and
 * lock files) and of the Node version (the V8 code cache is per version), kept in
 * dist/.build-inputs beside the build.
 */
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const INPUTS = ['src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const STAMP = 'dist/.build-inputs';
const OUTPUTS = ['dist/index.js', 'dist/bundle/mlgif.cjs', 'dist/bundle/launch.cjs', 'dist/bundle/mlgif.cache'];

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

function inputsHash() {
  const hash = createHash('sha256').update(process.version);
  for (const file of INPUTS.flatMap(files)) hash.update(`\0${file}\0`).update(readFileSync(file));
  return hash.digest('hex');
}

const wanted = inputsHash();
const built = existsSync(STAMP) ? readFileSync(STAMP, 'utf8') : '';
if (built === wanted && OUTPUTS.every((file) => existsSync(file))) process.exit(0);
execSync('npm run build', { stdio: 'inherit' });
writeFileSync(STAMP, wanted);
