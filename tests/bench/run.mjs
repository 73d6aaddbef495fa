#!/usr/bin/env node
/**
 * The timing harness: `npm run bench` (not part of `npm test`; machines are noisy).
 * Each row runs the command line as users run it (bin/mlgif, the bundled CLI) several times, each
 * time in a fresh process (cold start included), and prints the median wall time, min and max,
 * the median CPU time (user + system: steadier than wall time on a busy machine), the split
 * train / evaluate / draw / encode (medians, ms, from the `timings` of the --json lines), the
 * peak resident memory, the GIF's size and, from one extra untimed run through the library, the
 * size of the same animation written with one whole frame per image. The rows are the performance
 * targets, with two floors beside them: Node starting alone, and the logistic render once V8 has
 * compiled it (the 4th render in one process, timed alone: tests/bench/warm.cjs).
 *
 *   npm run bench                       the target rows, 5 runs each
 *   npm run bench -- --runs 3           repetitions per row
 *   npm run bench -- --only logistic    rows whose name contains the text
 *   npm run bench -- --models           also one row per registered model and data source
 *   npm run bench -- --json             one JSON line per row, for scripts
 *   node tests/bench/run.mjs --dist DIR another build (e.g. an older commit's dist/), to compare:
 *                                       its CLI as its bin/mlgif would load it
 *
 * Then the MP4 rows (`--only mp4`): each figure written as GIF and as MP4, interleaved, and the
 * MP4's size against the GIF's (goal ≤ 0.25×), the encode times (medians of the --json split),
 * and the luma SSIM of every decoded picture against its frame (goal ≥ 0.97; tests/bench/
 * mp4-quality.ts, decoded without ffmpeg).
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
const otherDist = args.includes('--dist') ? resolve(args[args.indexOf('--dist') + 1]) : null;
const dist = otherDist ?? join(root, 'dist');
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
 * Rows: name, target text, target seconds (or null), and the scenario files to render (each a
 * file and its --set overrides), in one `mlgif render` command; or `args`, a command whose time
 * alone is measured; or `node`, node's own arguments (no mlgif at all). A `warm` row renders its
 * files that many times in one process and times the last render alone (its --json seconds).
 */
const rows = [
  {
    name: 'floor: node alone (node -e 0)',
    target: '',
    seconds: null,
    node: ['-e', '0'],
  },
  {
    name: 'start-up: mlgif --version',
    target: '',
    seconds: null,
    args: ['--version'],
  },
  {
    name: 'logistic, gaussians, by samples',
    target: '≤ 0.7 s',
    seconds: 0.7,
    files: [['configs/logistic-gaussians.yaml']],
  },
  {
    // The same render once V8 has compiled it (the 4th in one process): times and split are the
    // render's own, without process start-up or JIT warm-up, the floor that warm-up sits on.
    name: 'floor: logistic, 4th render in one process',
    target: '≤ 0.3 s, render only, as --watch',
    seconds: 0.3,
    warm: 4,
    files: [['configs/logistic-gaussians.yaml']],
  },
  {
    name: 'Holbrook: 8 models × 2 data sets (16 GIFs)',
    target: '≤ 10 s',
    seconds: 10,
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
    name: "Ma's linear regression, 480×480, 60 frames, landscape",
    target: '≤ 0.8 s',
    seconds: 0.8,
    files: [['configs/ma/linear-regression.yaml', 'render.width=480', 'render.height=480']],
  },
  {
    name: 'mlp on the sine, 200 epochs, 60 frames',
    target: '≤ 1.2 s',
    seconds: 1.2,
    files: [['configs/regression/sine-epochs.yaml']],
  },
  {
    name: 'comparison 3 × 8, 960×360, 60 frames',
    target: '≤ 10 s',
    seconds: 10,
    files: [['configs/compare/classifier-comparison.yaml']],
  },
  {
    // AutoML-Zero's engine alone (tests/bench/evolve.mjs): programs scored per second of CPU.
    name: 'evolve: evaluations/s, 100 examples, F = 2',
    target: '≥ 20,000/s',
    rate: { only: 'gaussians-demo-ops', evaluations: 100_000, least: 20_000 },
  },
  {
    name: 'evolve: gaussians config (100,000 programs)',
    target: '≤ 15 s',
    seconds: 15,
    runs: 3,
    files: [['configs/automl/evolve-gaussians.yaml']],
  },
];
if (perModel) {
  const registry = readFileSync('src/models/index.ts', 'utf8');
  for (const [, model] of registry.matchAll(/from '\.\/([\w-]+)\.js'/g)) {
    if (!existsSync(`src/models/${model}.ts`) || model === 'model') continue;
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

/** The `mlgif render` command of a row: one file with its overrides, or several into a folder. */
function renderArgs(files) {
  const out = join(dir, 'out');
  if (files.length === 1) {
    const [file, ...sets] = files[0];
    return ['render', file, ...sets.flatMap((s) => ['--set', s]), '-o', join(out, 'bench.gif'), '--json', '--quiet'];
  }
  if (files.some((f) => f.length > 1)) throw new Error('--set works with one file per row');
  return ['render', ...files.map(([file]) => file), '--out-dir', out, '--json', '--quiet'];
}

// The command line as users run it: bin/mlgif, or with --dist the command line of that build,
// loaded as its own bin/mlgif would (its code-cached bundle, an older ES module bundle, or the
// compiled modules).
const cli = otherDist
  ? join(dir, existsSync(join(dist, 'bundle/launch.cjs')) ? 'mlgif.cjs' : 'mlgif.mjs')
  : join(root, 'bin/mlgif');
if (otherDist && cli.endsWith('.cjs')) {
  // A build with bin/mlgif's own loader: run it exactly as that build's bin/mlgif does (the
  // command line in a supervised worker thread, or, before that, on the main thread).
  writeFileSync(
    cli,
    `const launch = require(${JSON.stringify(join(dist, 'bundle/launch.cjs'))});\n` +
      'if (launch.runCommandLine) launch.runCommandLine(process.argv.slice(2));\n' +
      'else { const { main, processIo } = launch.loadBundle().exports;\n' +
      '  main(process.argv.slice(2), processIo()).then((code) => { process.exitCode = code; }); }\n',
  );
} else if (otherDist) {
  const [from, load] = existsSync(join(dist, 'cli/launch.js'))
    ? ['cli/launch.js', 'const { main, processIo } = loadBundle().exports;']
    : existsSync(join(dist, 'bundle/main.js'))
      ? ['bundle/main.js', '']
      : ['cli/main.js', ''];
  const names = load ? '{ loadBundle }' : '{ main, processIo }';
  writeFileSync(
    cli,
    `import ${names} from '${join(dist, from)}';\n${load}\nprocess.exitCode = await main(process.argv.slice(2), processIo());\n`,
  );
}

// The sizes come from one more run, untimed, through the library: the GIF as rendered, and the
// same frames fed to a second writer that writes whole frames.
const sizer = join(dir, 'sizes.mjs');
writeFileSync(
  sizer,
  `import { render } from '${join(dist, 'index.js')}';
import { GifWriter } from '${join(dist, existsSync(join(dist, 'output/gif/writer.js')) ? 'output/gif/writer.js' : 'gif/writer.js')}';
const files = JSON.parse(process.argv[2]);
let wholeBytes = 0;
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
let bytes = 0;
for (const [i, [file, ...sets]] of files.entries()) {
  const r = await render(file, { set: sets, output: '${join(dir, 'sizes')}' + i + '.gif' });
  bytes += r.bytes;
}
process.stdout.write(JSON.stringify({ bytes, wholeBytes }));
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
await mp4Rows();
rmSync(dir, { recursive: true, force: true });

/** The MP4 rows: bytes and encode time against the GIF's, and SSIM against the frames. */
async function mp4Rows() {
  const figures = [
    ['mp4: mlp by epochs (200), moons', ['configs/mlp-epochs.yaml']],
    ['mp4: comparison 3 × 8, 960×360', ['configs/compare/classifier-comparison.yaml']],
  ].filter(([name]) => !only || name.includes(only));
  if (figures.length === 0 || otherDist) return;
  const { build } = await import('esbuild');
  // Compiled inside the project, where its imports resolve.
  const quality = join(root, 'node_modules/.cache/mlgif-bench/mp4-quality.mjs');
  await build({
    entryPoints: [join(root, 'tests/bench/mp4-quality.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: quality,
    packages: 'external',
    logLevel: 'warning',
  });
  const { mp4Quality } = await import(quality);
  if (!json) {
    console.log(`\n${'row'.padEnd(44)}  GIF KB  MP4 KB  ratio  GIF encode  MP4 encode (ms)  SSIM mean   min  goal`);
  }
  for (const [name, [file, ...sets]] of figures) {
    const encode = { gif: [], mp4: [] };
    const bytes = {};
    for (let r = 0; r < runs; r++) {
      for (const format of ['gif', 'mp4']) {
        const args = ['render', file, ...sets.flatMap((s) => ['--set', s]), '-o', join(dir, 'out', `f.${format}`)];
        const line = JSON.parse(measure('node', [cli, ...args, '--json', '--quiet']).stdout);
        encode[format].push(line.timings.encode);
        bytes[format] = line.bytes;
      }
    }
    const frames = join(dir, 'frames');
    rmSync(frames, { recursive: true, force: true });
    const out = join(dir, 'out', 'q.mp4');
    execFileSync('node', [
      cli,
      'render',
      file,
      ...sets.flatMap((s) => ['--set', s]),
      '-o',
      out,
      '--frames-dir',
      frames,
      '-q',
    ]);
    const q = await mp4Quality(out, frames);
    const ratio = bytes.mp4 / bytes.gif;
    const result = {
      name,
      gifKb: Math.round(bytes.gif / 1024),
      mp4Kb: Math.round(bytes.mp4 / 1024),
      ratio: Math.round(1000 * ratio) / 1000,
      gifEncodeMs: Math.round(median(encode.gif)),
      mp4EncodeMs: Math.round(median(encode.mp4)),
      pictures: q.pictures,
      ssimMean: Math.round(1e4 * q.ssimMean) / 1e4,
      ssimMin: Math.round(1e4 * q.ssimMin) / 1e4,
      met: ratio <= 0.25 && q.ssimMin >= 0.97,
    };
    if (json) console.log(JSON.stringify(result));
    else {
      console.log(
        name.padEnd(44),
        String(result.gifKb).padStart(7),
        String(result.mp4Kb).padStart(7),
        result.ratio.toFixed(3).padStart(6),
        String(result.gifEncodeMs).padStart(11),
        String(result.mp4EncodeMs).padStart(11),
        result.ssimMean.toFixed(4).padStart(15),
        result.ssimMin.toFixed(4).padStart(5),
        ` ≤ 0.25×, SSIM ≥ 0.97${result.met ? ' ✓' : ' ✗'}`,
      );
    }
  }
}

/** tests/bench/warm.cjs with the launcher of the build being measured. */
function warmer() {
  const launch = join(dist, 'bundle/launch.cjs');
  if (!existsSync(launch)) throw new Error(`the warm row needs ${launch} (a build from after it existed)`);
  return [join(root, 'tests/bench/warm.cjs'), launch];
}

/** A rate row: evolve.mjs's evaluations per CPU second (the median of the runs) against its floor. */
function rateRow(row) {
  const { only: which, evaluations, least } = row.rate;
  const rates = [];
  for (let r = 0; r < (row.runs ?? runs); r++) {
    const out = execFileSync(
      'node',
      [join(root, 'tests/bench/evolve.mjs'), '--only', which, '--evaluations', String(evaluations), '--json'],
      { encoding: 'utf8' },
    );
    rates.push(JSON.parse(out.trim().split('\n')[0]).per_cpu_second);
  }
  const rate = median(rates);
  const result = {
    name: row.name,
    runs: rates.length,
    per_second: rate,
    min: Math.min(...rates),
    max: Math.max(...rates),
  };
  if (json) console.log(JSON.stringify({ ...result, target: row.target, met: rate >= least }));
  else {
    console.log(
      row.name.padEnd(44),
      `${rate}/s (min ${result.min}, max ${result.max}, per CPU second)`.padEnd(96),
      ` ${row.target}${rate >= least ? ' ✓' : ' ✗'}`,
    );
  }
}

/** Runs one row: the timed runs, then one untimed run for the sizes; prints the result. */
function benchRow(row) {
  if (row.rate) {
    rateRow(row);
    return;
  }
  const walls = [];
  const cpuTimes = [];
  const rsses = [];
  const parts = { train: [], evaluate: [], draw: [], encode: [] };
  let bytes = 0;
  let frames = 0;
  const commandArgs = row.node ? [] : (row.args ?? renderArgs(row.files));
  const nodeArgs = row.node ?? (row.warm ? [...warmer(), String(row.warm), ...commandArgs] : [cli, ...commandArgs]);
  for (let r = 0; r < (row.runs ?? runs); r++) {
    const m = measure('node', nodeArgs);
    // A warm row's process CPU and memory are those of all its renders: not shown.
    cpuTimes.push(row.warm ? null : m.cpu);
    rsses.push(row.warm ? null : m.rss);
    if (!row.files) {
      walls.push(m.wall);
      continue;
    }
    const lines = m.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // A warm row's time is the last render's own; others, the whole process's.
    walls.push(row.warm ? lines.reduce((a, l) => a + l.seconds, 0) : m.wall);
    bytes = lines.reduce((a, l) => a + l.bytes, 0);
    frames = lines.reduce((a, l) => a + l.frames, 0);
    // Builds from before the --json timings have no split.
    if (lines.every((l) => l.timings)) {
      for (const k of Object.keys(parts)) parts[k].push(lines.reduce((a, l) => a + l.timings[k], 0));
    }
  }
  const sizes = row.files
    ? JSON.parse(execFileSync('node', [sizer, JSON.stringify(row.files)], { encoding: 'utf8' }))
    : null;
  const result = {
    name: row.name,
    runs: walls.length,
    median: median(walls),
    min: Math.min(...walls),
    max: Math.max(...walls),
    cpu: cpuTimes[0] === null ? null : median(cpuTimes),
    ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, v.length ? Math.round(median(v)) : null])),
    peakMB: rsses[0] === null ? null : Math.round(Math.max(...rsses) / 1024),
    frames,
    kb: Math.round(bytes / 1024),
    wholeKb: sizes ? Math.round(sizes.wholeBytes / 1024) : null,
    ratio: sizes ? Math.round((100 * sizes.bytes) / sizes.wholeBytes) / 100 : null,
    target: row.target,
    met: row.seconds === null ? null : median(walls) <= row.seconds,
  };
  if (json) console.log(JSON.stringify(result));
  else {
    const ms = (v) => (v === null ? '—' : String(v)).padStart(7);
    const cell = (v, width, text = String(v)) => (v === null ? '—' : text).padStart(width);
    console.log(
      row.name.padEnd(44),
      result.median.toFixed(2).padStart(6),
      result.min.toFixed(2).padStart(6),
      result.max.toFixed(2).padStart(6),
      cell(result.cpu, 6, result.cpu?.toFixed(2)),
      ms(result.train),
      ms(result.evaluate).slice(1),
      ms(result.draw).slice(1),
      ms(result.encode).slice(1),
      cell(result.peakMB, 13),
      cell(sizes && result.kb, 7),
      cell(result.wholeKb, 9),
      cell(result.ratio, 6, result.ratio?.toFixed(2)),
      ` ${row.target}${result.met === null ? '' : result.met ? ' ✓' : ' ✗'}`,
    );
  }
}
