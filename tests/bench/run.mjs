#!/usr/bin/env node
/**
 * The timing harness: `npm run bench` (not part of `npm test`; machines are noisy).
 * Renders each bench scenario several times in a fresh process (cold start included) and prints
 * the median wall time, min and max, and the split train / evaluate / draw / encode.
 * `npm run bench -- --json` prints one JSON line per row; `--runs N` sets the repetitions;
 * `--only TEXT` keeps rows whose name contains TEXT.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const json = args.includes('--json');
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const dir = mkdtempSync(join(tmpdir(), 'mlgif-bench-'));

/** Bench rows: [name, scenario file, --set overrides]. */
const rows = [['logistic, gaussians, by samples', 'configs/logistic-gaussians.yaml', []]];
const models = readdirSync('src/models')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));
const registry = readFileSync('src/models/index.ts', 'utf8');
const registered = [...registry.matchAll(/from '\.\/([\w-]+)\.js'/g)]
  .map((m) => m[1])
  .filter((m) => models.includes(m));
for (const model of registered) {
  if (model === 'logistic') continue;
  for (const source of ['gaussians', 'mixture']) {
    rows.push([
      `${model}, ${source}, by samples`,
      'configs/logistic-gaussians.yaml',
      [`model=${JSON.stringify({ type: model })}`, `data.source=${source}`, 'title=bench'],
    ]);
  }
}
rows.push(['logistic, gaussians, by epochs', 'configs/logistic-epochs.yaml', []]);
rows.push(['comparison 3 × 8, 960×360 (target < 10 s)', 'configs/compare/classifier-comparison.yaml', []]);

// The rendering code reports its own split through a tiny runner script.
const runner = join(dir, 'runner.mjs');
writeFileSync(
  runner,
  `import { loadScenario } from '${join(process.cwd(), 'dist/scenario/load.js')}';
import { renderScenario } from '${join(process.cwd(), 'dist/pipeline.js')}';
const [file, out, ...sets] = process.argv.slice(2);
const t0 = performance.now();
const loaded = loadScenario(file, sets);
const r = await renderScenario({ scenario: loaded.scenario, baseDir: loaded.baseDir, output: out });
process.stdout.write(JSON.stringify({ timings: r.timings, frames: r.frames, bytes: r.bytes }));
`,
);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (!json) {
  console.log(
    `mlgif bench: ${runs} runs per row, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
  );
  console.log('row'.padEnd(42), 'median s   min s   max s   train  eval   draw  encode (ms)   KB');
}
for (const [name, file, sets] of rows) {
  if (only && !name.includes(only)) continue;
  const walls = [];
  let last;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const out = execFileSync('node', [runner, file, join(dir, 'bench.gif'), ...sets], { encoding: 'utf8' });
    walls.push((performance.now() - t) / 1000);
    last = JSON.parse(out);
  }
  const row = {
    name,
    median: median(walls),
    min: Math.min(...walls),
    max: Math.max(...walls),
    ...Object.fromEntries(Object.entries(last.timings).map(([k, v]) => [k, Math.round(v)])),
    frames: last.frames,
    kb: Math.round(last.bytes / 1024),
  };
  if (json) console.log(JSON.stringify(row));
  else {
    const t = last.timings;
    console.log(
      name.padEnd(42),
      row.median.toFixed(2).padStart(8),
      row.min.toFixed(2).padStart(7),
      row.max.toFixed(2).padStart(7),
      String(Math.round(t.train)).padStart(7),
      String(Math.round(t.evaluate)).padStart(6),
      String(Math.round(t.draw)).padStart(6),
      String(Math.round(t.encode)).padStart(7),
      String(row.kb).padStart(13),
    );
  }
}
