#!/usr/bin/env node
/**
 * Speed of the AutoML-Zero engine (src/models/algorithms/automl/), from dist/ (`npm run build`
 * first). Each row runs one evolution with a fixed budget in this process and prints evaluations
 * per second of wall time and of CPU time (cache hits included: every program scored counts, as in
 * the paper), the share the
 * functional-equivalence cache answered, the best fitness and, for the linear-regression row,
 * when it was solved (fitness > 0.999). Not part of `npm test`: timings are noisy.
 *
 *   node tests/bench/evolve.mjs                       all rows, seed 1
 *   node tests/bench/evolve.mjs --only demo           rows whose name contains the text
 *   node tests/bench/evolve.mjs --evaluations 100000  another budget for every row
 *   node tests/bench/evolve.mjs --seeds 1-10          several seeds (solved counts for the linear row)
 *   node tests/bench/evolve.mjs --json                one JSON line per row and seed
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const json = args.includes('--json');
const only = option('--only', null);
const budget = option('--evaluations', null);
const [firstSeed, lastSeed] = option('--seeds', '1').split('-').map(Number);
const dist = join(process.cwd(), 'dist');
const load = (file) => import(pathToFileURL(join(dist, file)).href);

const { createRng } = await load('random.js');
const { evolve, everyComponent, DEMO_EVOLUTION } = await load('models/algorithms/automl/evolution.js');
const { BASELINE_OPS } = await load('models/algorithms/automl/ops.js');
const { linearRegressionTasks, splitTask } = await load('models/algorithms/automl/task.js');

/** Two Gaussian classes in the plane (means (0, 2) and (2, 0), unit variance): 100 training, 100 validation points. */
function gaussians(rng) {
  const n = 200;
  const X = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    X[2 * i] = rng.normal() + 2 * y[i];
    X[2 * i + 1] = rng.normal() + 2 * (1 - y[i]);
  }
  return [splitTask('classification', 2, X, y, 0.5, rng.fork('split'))];
}

const rows = [
  {
    name: 'gaussians-demo-ops',
    note: '2-D classification, F = 2, 100 + 100 points, the demo ops and sizes, P = 1000',
    tasks: gaussians,
    options: { ...DEMO_EVOLUTION, evaluations: 300_000 },
  },
  {
    name: 'gaussians-baseline-ops',
    note: '2-D classification, every op but the random ones in Predict/Learn, sizes 1..10, empty start',
    tasks: gaussians,
    options: {
      ...DEMO_EVOLUTION,
      evaluations: 300_000,
      start: 'empty',
      ops: {
        setup: BASELINE_OPS,
        predict: BASELINE_OPS.filter((op) => op < 59),
        learn: BASELINE_OPS.filter((op) => op < 59),
      },
      sizes: everyComponent({ initial: 1, min: 1, max: 10 }),
    },
  },
  {
    name: 'linear-regression-demo',
    note: "the paper's demo: y = w·x, F = 2, 10 tasks of 100 + 100, demo ops, P = 1000, T = 10",
    tasks: (rng) => linearRegressionTasks({ features: 2, tasks: 10, train: 100, valid: 100 }, rng),
    options: { ...DEMO_EVOLUTION, evaluations: 300_000 },
    solve: 0.999,
  },
];

for (const row of rows) {
  if (only && !row.name.includes(only)) continue;
  let solved = 0;
  for (let seed = firstSeed; seed <= (lastSeed ?? firstSeed); seed++) {
    const options = { ...row.options, evaluations: Number(budget ?? row.options.evaluations) };
    options.every = options.evaluations;
    const tasks = row.tasks(createRng(1000 + seed));
    const cpu = process.cpuUsage();
    const start = performance.now();
    let last;
    let solvedAt = null;
    for (const event of evolve(tasks, options, createRng(seed))) {
      last = event;
      if (solvedAt === null && row.solve && event.bestFitness > row.solve) solvedAt = event.evaluations;
    }
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    if (solvedAt !== null) solved++;
    const result = {
      row: row.name,
      seed,
      evaluations: last.evaluations,
      seconds: Number(seconds.toFixed(2)),
      cpu_seconds: Number(((used.user + used.system) / 1e6).toFixed(2)),
      per_second: Math.round(last.evaluations / seconds),
      // On a shared machine the wall clock counts other processes' turns; CPU time does not.
      per_cpu_second: Math.round(last.evaluations / ((used.user + used.system) / 1e6)),
      cache_hit_rate: Number((last.cacheHits / last.evaluations).toFixed(3)),
      best_fitness: Number(last.bestFitness.toFixed(4)),
      median_fitness: Number(last.medianFitness.toFixed(4)),
      solved_at: solvedAt,
    };
    if (json) console.log(JSON.stringify(result));
    else {
      console.log(
        `${row.name.padEnd(24)} seed ${String(seed).padStart(2)}  ${result.evaluations} evaluations in ${seconds.toFixed(1)} s ` +
          `(cpu ${result.cpu_seconds} s) = ${result.per_second}/s (${result.per_cpu_second}/cpu s), cache ${(100 * result.cache_hit_rate).toFixed(1)} %, ` +
          `best ${result.best_fitness}, median ${result.median_fitness}` +
          (row.solve ? `, solved ${solvedAt === null ? 'no' : `at ${solvedAt}`}` : ''),
      );
    }
  }
  if (!json && row.solve && lastSeed) console.log(`${row.name}: solved ${solved} of ${lastSeed - firstSeed + 1} seeds`);
  if (!json) console.log(`  (${row.note})`);
}
