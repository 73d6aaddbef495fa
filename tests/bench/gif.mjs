#!/usr/bin/env node
/**
 * Micro-benchmark of the GIF encoder alone, on the frames of real renders (not part of `npm test`).
 * The frames (palette indices) are captured once from the library and cached in the temp dir;
 * then every scenario's frames are encoded `--runs` times with each build's GifWriter, differenced
 * and whole, and the fastest run's CPU ms/frame, the sizes and their ratio are printed. With
 * `--gifenc` (after `npm install --no-save gifenc`) gifenc encodes the same frames whole, for
 * comparison: its ms/frame is the floor.
 *
 *   npm run build && node tests/bench/gif.mjs
 *   node tests/bench/gif.mjs --runs 10 --only mlp --gifenc
 *   node tests/bench/gif.mjs --dist /tmp/old --dist dist   builds compared, runs interleaved
 *   node tests/bench/gif.mjs --fresh                  render the frames again (the renderer changed)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', 5));
const only = option('--only', null);
// Every --dist given (default: this build), compared on the same frames.
const dists = args.flatMap((a, i) => (a === '--dist' ? [resolve(args[i + 1])] : []));
if (dists.length === 0) dists.push(resolve('dist'));
const dist = dists[0];
const fresh = args.includes('--fresh');
const cache = join(tmpdir(), 'mlgif-gif-frames');

// Scenarios: the bench's logistic and mlp rows, and a few of Holbrook's (480×480, 60 frames).
const holbrook = (model, file, source) => ({
  name: `${model}-${source}`,
  file: `configs/holbrook/${file}`,
  set: [`data.source=${source}`, 'data.n=400', 'animate.by=samples', 'animate.frames=60'],
});
const scenarios = [
  { name: 'logistic', file: 'configs/logistic-gaussians.yaml', set: [] },
  { name: 'mlp', file: 'configs/mlp-epochs.yaml', set: ['data.source=circles', 'data.noise=0.1'] },
  holbrook('qda', 'qda-gaussians.yaml', 'mixture'),
  holbrook('knn', 'knn-gaussians.yaml', 'mixture'),
  holbrook('svm', 'svm-mixture.yaml', 'gaussians'),
  holbrook('forest', 'forest-mixture.yaml', 'mixture'),
  holbrook('boosting', 'boosting-mixture.yaml', 'gaussians'),
].filter((s) => !only || s.name.includes(only));

/** The scenario's frames and writer options, rendered once through the library and cached. */
async function frames(scenario) {
  const file = join(cache, `${scenario.name}.bin`);
  const meta = join(cache, `${scenario.name}.json`);
  if (!fresh && existsSync(file) && existsSync(meta)) {
    const options = JSON.parse(readFileSync(meta, 'utf8'));
    const all = new Uint8Array(readFileSync(file));
    const size = options.width * options.height;
    return {
      options,
      frames: Array.from({ length: all.length / size }, (_, i) => all.subarray(i * size, (i + 1) * size)),
    };
  }
  const { loadScenario } = await import(join(dist, 'scenario/load.js'));
  const { renderScenario } = await import(join(dist, 'pipeline.js'));
  const { GifWriter } = await import(join(dist, 'output/gif/writer.js'));
  const captured = [];
  let options = null;
  const push = GifWriter.prototype.push;
  GifWriter.prototype.push = function (indices) {
    options = this.options;
    captured.push(indices.slice());
    return push.call(this, indices);
  };
  const loaded = loadScenario(scenario.file, scenario.set);
  await renderScenario({ scenario: loaded.scenario, baseDir: loaded.baseDir, output: join(cache, 'render.gif') });
  GifWriter.prototype.push = push;
  mkdirSync(cache, { recursive: true });
  const all = new Uint8Array(captured.length * captured[0].length);
  for (const [i, f] of captured.entries()) all.set(f, i * f.length);
  writeFileSync(file, all);
  writeFileSync(meta, JSON.stringify(options));
  return { options, frames: captured };
}

/** CPU milliseconds of one call (steadier than wall time on a shared machine), and its result. */
function cpu(run) {
  const start = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, result };
}

/** Bytes of the frames written by this GifWriter class with these options. */
const writerBytes = (Writer, options, list) => () => {
  let bytes = 0;
  const writer = new Writer(options, (c) => {
    bytes += c.length;
  });
  for (const f of list) writer.push(f);
  writer.finish();
  return bytes;
};

const builds = [];
for (const dist of dists)
  builds.push({ dist, GifWriter: (await import(join(dist, 'output/gif/writer.js'))).GifWriter });
const gifenc = args.includes('--gifenc') ? (await import('gifenc')).default : null;

console.log(`GIF encoder: fastest of ${runs} runs, CPU ms per frame (builds interleaved)`);
console.log(
  `${'scenario'.padEnd(20)}${'build'.padEnd(28)}diff ms  whole ms  diff KB  whole KB  ratio${gifenc ? '  gifenc ms  gifenc KB' : ''}`,
);
for (const scenario of scenarios) {
  const { options, frames: list } = await frames(scenario);
  const palette = options.palette.map((c) => [...c]);
  while (palette.length < 256) palette.push([0, 0, 0]);
  const jobs = builds.flatMap(({ dist, GifWriter }) => [
    { dist, kind: 'diff', run: writerBytes(GifWriter, options, list) },
    { dist, kind: 'whole', run: writerBytes(GifWriter, { ...options, transparentIndex: undefined }, list) },
  ]);
  if (gifenc) {
    jobs.push({
      dist: 'gifenc',
      kind: 'whole',
      run: () => {
        const enc = gifenc.GIFEncoder();
        for (const f of list) enc.writeFrame(f, options.width, options.height, { palette, delay: 8 });
        enc.finish();
        return enc.bytes().length;
      },
    });
  }
  const best = jobs.map(() => ({ ms: Infinity, result: 0 }));
  for (let r = 0; r < runs; r++) {
    for (const [j, job] of jobs.entries()) {
      const t = cpu(job.run);
      if (t.ms < best[j].ms) best[j] = t;
    }
  }
  const perFrame = (t) => (t.ms / list.length).toFixed(2);
  for (const [b, { dist }] of builds.entries()) {
    const [diff, whole] = [best[2 * b], best[2 * b + 1]];
    let line =
      `${scenario.name.padEnd(20)}${dist.slice(-27).padEnd(28)}${perFrame(diff).padStart(7)}${perFrame(whole).padStart(10)}` +
      `${(diff.result / 1024).toFixed(0).padStart(9)}${(whole.result / 1024).toFixed(0).padStart(10)}` +
      `${(diff.result / whole.result).toFixed(3).padStart(7)}`;
    if (gifenc && b === 0) {
      const g = best[best.length - 1];
      line += `${perFrame(g).padStart(11)}${(g.result / 1024).toFixed(0).padStart(11)}`;
    }
    console.log(line);
  }
}
