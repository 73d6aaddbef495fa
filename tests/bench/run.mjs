#!/usr/bin/env node
/**
 * The timing harness: `npm run bench` (not part of `npm test`; machines are noisy).
 * Each row runs several times, each time in a fresh process (cold start included), and prints the
 * median wall time, min and max, the median CPU time (user + system: steadier than wall time on
 * a busy machine), the split train / evaluate / draw / encode (medians, ms), the
 * peak resident memory, the GIF's size and, from one extra untimed run, the size of the same
 * animation written with one whole frame per image. The rows are issue 7's targets.
 *
 *   npm run bench                       the target rows, 5 runs each
 *   npm run bench -- --runs 3           repetitions per row
 *   npm run bench -- --only logistic    rows whose name contains the text
 *   npm run bench -- --models           also one row per registered model and data source
 *   npm run bench -- --json             one JSON line per row, for scripts
 *   node tests/bench/run.mjs --dist DIR another build (e.g. an older commit's dist/), to compare
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const args = process.argv.slice(2);
const json = args.includes('--json');
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const perModel = args.includes('--models');
const dir = mkdtempSync(join(tmpdir(), 'mlgif-bench-'));
const root = process.cwd();
const dist = args.includes('--dist') ? resolve(args[args.indexOf('--dist') + 1]) : join(root, 'dist');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** A scenario written into the bench directory (JSON is valid scenario syntax). */
function scenarioFile(name, base, change) {
  const scenario = parse(readFileSync(base, 'utf8'));
  change(scenario);
  scenario.output = join(dir, 'out', `${name}.gif`);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(scenario));
  return file;
}

// Holbrook's thread: each model with the options of its configs/holbrook file, on both data sets,
// 480×480, 60 frames, n = 400, by samples.
const holbrookModels = ['logistic', 'qda', 'mars', 'knn', 'svm', 'tree', 'forest', 'boosting'];
const holbrookFiles = [];
for (const model of holbrookModels) {
  const base = readdirSync('configs/holbrook').find((f) => f.startsWith(`${model}-`));
  if (!base) continue;
  for (const source of ['gaussians', 'mixture']) {
    holbrookFiles.push(
      scenarioFile(`${model}-${source}`, join('configs/holbrook', base), (s) => {
        s.data = { ...s.data, source, n: 400 };
        s.animate = { ...s.animate, by: 'samples', frames: 60 };
        s.render = { ...s.render, width: 480, height: 480 };
      }),
    );
  }
}

/**
 * Rows: name, target text, target seconds (or null), and what to run: `files` through the bench
 * runner (one process, in turn) or `cli` (bin/mlgif with these arguments).
 */
const rows = [
  {
    name: 'logistic, gaussians, by samples',
    target: '≤ 0.5 s',
    seconds: 0.5,
    files: [['configs/logistic-gaussians.yaml']],
  },
  {
    name: 'Holbrook: 8 models × 2 data sets (16 GIFs)',
    target: '≤ 10 s',
    seconds: 10,
    cli: ['render', ...holbrookFiles, '--quiet', '--json'],
    files: holbrookFiles.map((f) => [f]),
  },
  {
    name: 'mlp by epochs (200), circles',
    target: '≤ 1.5 s',
    seconds: 1.5,
    files: [['configs/mlp-epochs.yaml', 'data.source=circles', 'data.noise=0.1']],
  },
  {
    name: 'logistic by epochs, 60 frames',
    target: 'memory baseline',
    seconds: null,
    files: [['configs/logistic-epochs.yaml', 'model.epochs=1000', 'animate.frames=60']],
  },
  {
    name: 'logistic by epochs, 1000 frames',
    target: 'memory ≤ 1.1 × 60 frames',
    seconds: null,
    runs: 1,
    files: [['configs/logistic-epochs.yaml', 'model.epochs=1000', 'animate.frames=1000']],
  },
  {
    name: 'comparison 3 × 8, 960×360, 60 frames',
    target: '≤ 10 s',
    seconds: 10,
    files: [['configs/compare/classifier-comparison.yaml']],
  },
];
if (perModel) {
  const registry = readFileSync('src/models/index.ts', 'utf8');
  for (const [, model] of registry.matchAll(/from '\.\/([\w-]+)\.js'/g)) {
    if (!existsSync(`src/models/${model}.ts`) || model === 'types') continue;
    for (const source of ['gaussians', 'mixture']) {
      rows.push({
        name: `${model}, ${source}, by samples`,
        target: '',
        seconds: null,
        files: [
          [
            'configs/logistic-gaussians.yaml',
            `model=${JSON.stringify({ type: model })}`,
            `data.source=${source}`,
            'title=bench',
          ],
        ],
      });
    }
  }
}

// The runner renders its files in turn and reports the summed split, bytes and peak memory.
// With --whole it also feeds every frame to a second writer that writes whole frames (untimed).
const runner = join(dir, 'runner.mjs');
writeFileSync(
  runner,
  `import { loadScenario } from '${join(dist, 'scenario/load.js')}';
import { renderScenario } from '${join(dist, 'pipeline.js')}';
import { GifWriter } from '${join(dist, 'gif/writer.js')}';
const { whole, files } = JSON.parse(process.argv[2]);
let wholeBytes = 0;
if (whole) {
  const push = GifWriter.prototype.push;
  const finish = GifWriter.prototype.finish;
  const shadows = new WeakMap();
  const isShadow = new WeakSet();
  GifWriter.prototype.push = function (indices) {
    if (!isShadow.has(this) && !shadows.has(this)) {
      const shadow = new GifWriter({ ...this.options, transparentIndex: undefined }, (c) => { wholeBytes += c.length; });
      isShadow.add(shadow);
      shadows.set(this, shadow);
    }
    shadows.get(this)?.push(indices);
    return push.call(this, indices);
  };
  GifWriter.prototype.finish = function () {
    shadows.get(this)?.finish();
    return finish.call(this);
  };
}
const timings = { train: 0, evaluate: 0, draw: 0, encode: 0 };
let bytes = 0;
let frames = 0;
for (const [i, [file, ...sets]] of files.entries()) {
  const loaded = loadScenario(file, sets);
  const r = await renderScenario({ scenario: loaded.scenario, baseDir: loaded.baseDir, output: '${join(dir, 'bench')}' + i + '.gif' });
  for (const k of Object.keys(timings)) timings[k] += r.timings[k] ?? 0;
  bytes += r.bytes;
  frames += r.frames;
}
process.stdout.write(JSON.stringify({ timings, frames, bytes, wholeBytes, rss: process.resourceUsage().maxRSS }));
`,
);

// The command line of that build, as bin/mlgif runs it.
const cli = join(dir, 'mlgif.mjs');
writeFileSync(
  cli,
  `import { main, processIo } from '${join(dist, 'cli/main.js')}';
process.exitCode = await main(process.argv.slice(2), processIo());
`,
);

/** Runs a command, returning its stdout, wall seconds, peak RSS (KB) and CPU seconds (user + system). */
function measure(command, commandArgs) {
  const timeFile = join(dir, 'time.txt');
  const t = performance.now();
  const stdout = TIME
    ? execFileSync(TIME, ['-f', '%M %U %S', '-o', timeFile, command, ...commandArgs], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      })
    : execFileSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t) / 1000;
  const [rss, user, sys] = TIME ? readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [];
  return { stdout, wall, rss: rss ?? null, cpu: TIME ? user + sys : null };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (!json) {
  console.log(
    `mlgif bench: ${runs} runs per row (medians), ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ` +
      `${Math.round(totalmem() / 2 ** 30)} GB, node ${process.version}`,
  );
  console.log(
    `${'row'.padEnd(44)} median    min    max  cpu s   train   eval   draw encode (ms)  peak MB      KB  whole KB  ratio  target`,
  );
}
mkdirSync(join(dir, 'out'), { recursive: true });
for (const row of rows) {
  if (only && !row.name.includes(only)) continue;
  try {
    benchRow(row);
  } catch (error) {
    // One broken row (a model mid-edit, a crash) should not cost the others.
    const message = String(error.stderr || error.message)
      .trim()
      .split('\n')[0];
    if (json) console.log(JSON.stringify({ name: row.name, error: message }));
    else console.log(row.name.padEnd(44), `failed: ${message}`);
  }
}
rmSync(dir, { recursive: true, force: true });

/** Runs one row: the timed runs, then one untimed run for the sizes; prints the result. */
function benchRow(row) {
  const walls = [];
  const cpuTimes = [];
  const rsses = [];
  const parts = { train: [], evaluate: [], draw: [], encode: [] };
  let bytes = 0;
  let frames = 0;
  for (let r = 0; r < (row.runs ?? runs); r++) {
    if (row.cli) {
      const m = measure('node', [cli, ...row.cli]);
      walls.push(m.wall);
      cpuTimes.push(m.cpu);
      rsses.push(m.rss);
      const lines = m.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      bytes = lines.reduce((a, l) => a + l.bytes, 0);
      frames = lines.reduce((a, l) => a + l.frames, 0);
    } else {
      const m = measure('node', [runner, JSON.stringify({ whole: false, files: row.files })]);
      const out = JSON.parse(m.stdout);
      walls.push(m.wall);
      cpuTimes.push(m.cpu);
      rsses.push(m.rss ?? out.rss);
      for (const k of Object.keys(parts)) parts[k].push(out.timings[k]);
      bytes = out.bytes;
      frames = out.frames;
    }
  }
  // Sizes: one more run, untimed, with whole frames written alongside.
  const sizes = JSON.parse(
    execFileSync('node', [runner, JSON.stringify({ whole: true, files: row.files })], { encoding: 'utf8' }),
  );
  const result = {
    name: row.name,
    runs: walls.length,
    median: median(walls),
    min: Math.min(...walls),
    max: Math.max(...walls),
    cpu: cpuTimes[0] === null ? null : median(cpuTimes),
    ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, v.length ? Math.round(median(v)) : null])),
    peakMB: Math.round(Math.max(...rsses) / 1024),
    frames,
    kb: Math.round(bytes / 1024),
    wholeKb: Math.round(sizes.wholeBytes / 1024),
    ratio: Math.round((100 * sizes.bytes) / sizes.wholeBytes) / 100,
    target: row.target,
    met: row.seconds === null ? null : median(walls) <= row.seconds,
  };
  if (json) console.log(JSON.stringify(result));
  else {
    const ms = (v) => (v === null ? '—' : String(v)).padStart(7);
    console.log(
      row.name.padEnd(44),
      result.median.toFixed(2).padStart(6),
      result.min.toFixed(2).padStart(6),
      result.max.toFixed(2).padStart(6),
      (result.cpu === null ? '—' : result.cpu.toFixed(2)).padStart(6),
      ms(result.train),
      ms(result.evaluate).slice(1),
      ms(result.draw).slice(1),
      ms(result.encode).slice(1),
      String(result.peakMB).padStart(13),
      String(result.kb).padStart(7),
      String(result.wholeKb).padStart(9),
      result.ratio.toFixed(2).padStart(6),
      ` ${row.target}${result.met === null ? '' : result.met ? ' ✓' : ' ✗'}`,
    );
  }
}
