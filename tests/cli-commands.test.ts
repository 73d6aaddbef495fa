/** validate, init, list, schema and data, run in-process through main(argv, io). */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { listDataSources, listModels, load, points, scenarioJsonSchema, validate } from '../src/index.js';
import { files, run, smallScenario, tempDir, writeScenario } from './cli-helpers.js';

const noStack = /\n\s+at /;

describe('mlgif validate', () => {
  it('exits 0 for valid files, prints nothing on stdout, and a line per file on stderr', async () => {
    const dir = tempDir();
    const a = writeScenario(dir, 'a.yaml', smallScenario());
    const b = writeScenario(dir, 'b.yaml', smallScenario({ model: '{ type: knn, k: 3 }' }));
    const result = await run(['validate', a, b]);
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBe(0);
    expect(result.stderr).toBe(`${a}: valid\n${b}: valid\n`);
    expect((await run(['validate', a, '--quiet'])).stderr).toBe('');
  });

  it('lists every problem of every file, exit 2, and still checks the rest', async () => {
    const dir = tempDir();
    const bad = writeScenario(
      dir,
      'bad.yaml',
      'data: { n: -5 }\nmodel: { type: logistic, learningRate: 0, epoch: 3 }\nrender: { width: big }',
    );
    const good = writeScenario(dir, 'good.yaml', smallScenario());
    const result = await run(['validate', bad, good, '--json']);
    expect(result.code).toBe(2);
    const lines = result.stdout
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.file, l.valid])).toEqual([
      [bad, false],
      [good, true],
    ]);
    const problems: { path: string; message: string }[] = lines[0].problems;
    expect(problems).toHaveLength(4);
    for (const field of ['data.n', 'model.learningRate', 'model.epoch', 'render.width']) {
      expect(problems.some((p) => p.path === field)).toBe(true);
      expect(result.stderr).toContain(field);
    }
    expect(result.stderr).not.toMatch(noStack);
  });

  it('checks what only the data can tell: a CSV file, a covariance, and --set values', async () => {
    const dir = tempDir();
    const csv = writeScenario(dir, 'c.yaml', 'data: { source: csv, path: missing.csv }\nmodel: { type: knn }');
    const result = await run(['validate', csv]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing\.csv/);
    const ok = writeScenario(dir, 'ok.yaml', smallScenario());
    const set = await run(['validate', ok, '--set', 'model.epochs=0']);
    expect(set.code).toBe(2);
    expect(set.stderr).toMatch(/model\.epochs/);
    expect((await run(['validate', '-'], smallScenario())).code).toBe(0);
  });

  it('refuses a width × height × frames over the budget unless --max-pixels raises it', async () => {
    const dir = tempDir();
    const big = writeScenario(
      dir,
      'big.yaml',
      smallScenario({ animate: '{ frames: 2000 }', render: '{ width: 1000, height: 1000 }' }),
    );
    const result = await run(['validate', big]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/1000 × 1000 × 2000 = 2000000000 pixels, over the budget.*--max-pixels/);
    expect((await run(['validate', big, '--max-pixels', '3000000000'])).code).toBe(0);
    expect((await run(['validate', big, '--max-pixels', 'lots'])).code).toBe(2);
  });

  it.each([
    ['frame size', 'render: { width: 5000 }', /render\.width/],
    ['frames', 'animate: { frames: 2001 }', /animate\.frames/],
    ['training points', 'data: { n: 200001 }', /data\.n/],
    ['an enormous number', 'seed: 1e300', /seed/],
    ['a prototype key', '__proto__: { polluted: 1 }', /"__proto__" is not allowed/],
    ['a constructor key', 'model: { type: logistic, constructor: { prototype: 1 } }', /"constructor" is not allowed/],
  ])('refuses %s with exit 2', async (_what, section, pattern) => {
    const text = section.startsWith('model') ? section : `${section}\nmodel: { type: logistic }`;
    const result = await run(['validate', '-'], text);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(pattern);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a YAML alias bomb and absurd nesting without running out of memory or stack', async () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      rows.push(
        `${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10)
          .fill(`*${'abcdefghi'[i - 1]}`)
          .join(', ')}]`,
      );
    const bomb = await run(['validate', '-'], `${rows.join('\n')}\nmodel: { type: logistic }`);
    expect(bomb.code).toBe(2);
    expect(bomb.stderr).toMatch(/alias/i);
    const deepJson = await run(['validate', '-'], `{"model": ${'['.repeat(5000)}${']'.repeat(5000)}}`);
    expect(deepJson.code).toBe(2);
    expect(deepJson.stderr).toMatch(/nested more than/);
    const deepYaml = await run(['validate', '-'], `model: ${'['.repeat(3000)}`);
    expect(deepYaml.code).toBe(2);
    expect(`${bomb.stderr}${deepJson.stderr}${deepYaml.stderr}`).not.toMatch(noStack);
  });
});

describe('inputs that never end or are too big', () => {
  it('refuses a huge file, a device without end, and a directory, reading at most the limit', async () => {
    const dir = tempDir();
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `model: { type: logistic }\n# ${'x'.repeat(1_100_000)}\n`);
    for (const path of [big, '/dev/zero']) {
      const result = await run(['validate', path]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/larger than 1000000 bytes/);
    }
    const folder = await run(['validate', dir]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/is a directory/);
  });
});

describe('mlgif init', () => {
  it('writes a commented starter that validates and renders as is, and will not overwrite it', async () => {
    const dir = tempDir();
    const file = join(dir, 'starter.yaml');
    const result = await run(['init', '-o', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/render it with/);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# /);
    expect(text).toMatch(/# epochs: 100 +# integer/);
    expect(parseYaml(text)).toMatchObject({ model: { type: 'logistic' }, data: { source: 'gaussians' } });
    // Renders as is (only made smaller here, to keep the test fast).
    const tiny = ['--set', 'render.width=160', '--set', 'render.height=160', '--set', 'render.grid=20'];
    const rendered = await run(['render', file, '-o', join(dir, 's.gif'), '--set', 'animate.frames=2', ...tiny]);
    expect(rendered.code).toBe(0);
    writeFileSync(file, 'mine');
    const again = await run(['init', '-o', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists already; use --force/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect((await run(['init', '-o', file, '--force'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(files(dir)).toEqual(['s.gif', 'starter.yaml']);
  });

  it('lists every option of the chosen model and source for its task, and each pair that fits validates', async () => {
    for (const m of listModels()) {
      for (const d of listDataSources().filter((d) => d.source !== 'csv')) {
        const result = await run(['init', '--model', m.type, '--data', d.source, '-o', '-']);
        if (!d.tasks.some((task) => m.tasks.includes(task))) {
          expect(result.code).toBe(2);
          expect(result.stderr).toMatch(
            new RegExp(`--model: ${m.type} does not do ${d.tasks[0]}.*models that do: .*linear`),
          );
          continue;
        }
        expect(result.code).toBe(0);
        const text = result.stdout.toString();
        const fitting = m.options.filter((o) => !o.tasks || o.tasks.some((t) => d.tasks.includes(t)));
        for (const o of [...fitting, ...d.options]) expect(text).toMatch(new RegExp(`^  (# )?${o.name}:`, 'm'));
        const modelSection = text.slice(text.indexOf('\nmodel:'), text.indexOf('\nanimate:'));
        for (const o of m.options.filter((o) => !fitting.includes(o))) {
          expect(modelSection).not.toMatch(new RegExp(`^  (# )?${o.name}:`, 'm'));
        }
        // validate() builds the data and the model: cheap, so every pair is checked.
        const small = d.tasks.includes('optimization') ? [] : ['data.n=40', 'data.test=0'];
        const check = validate(parseYaml(text), { set: small });
        expect(check.problems).toEqual([]);
      }
    }
  });

  it('refuses unknown names with a suggestion, and csv (it needs a file)', async () => {
    const model = await run(['init', '--model', 'knm', '-o', '-']);
    expect(model.code).toBe(2);
    expect(model.stderr).toMatch(/--model: .*did you mean "knn"/);
    const data = await run(['init', '--data', 'moon', '-o', '-']);
    expect(data.stderr).toMatch(/did you mean "moons"/);
    const csv = await run(['init', '--data', 'csv', '-o', '-']);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/mlgif data/);
    expect(csv.stdout.length).toBe(0);
  });
});

describe('mlgif list', () => {
  it('shows every registered model and source with options, types and defaults', async () => {
    const result = await run(['list']);
    expect(result.code).toBe(0);
    const text = result.stdout.toString();
    for (const m of listModels()) expect(text).toContain(`  ${m.type} — ${m.title}`);
    for (const d of listDataSources()) expect(text).toContain(`  ${d.source} — ${d.title}`);
    expect(text).toMatch(/ {4}k +integer 1\.\.1000 += 5 +neighbours that vote/);
    expect(text).toMatch(/ {4}kernel +rbf \| linear \| poly += "rbf"/);
    expect(text).toMatch(/ {4}path +string +required/);
    const models = (await run(['list', 'models'])).stdout.toString();
    expect(models).not.toContain('Data sources');
    expect((await run(['list', 'data'])).stdout.toString()).not.toContain('Models');
    expect((await run(['list', 'trees'])).code).toBe(2);
    // A long list of names (evolve's 64 ops) is one word, so no row is padded to its width.
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThan(300);
    expect(text).toMatch(/ {4}ops +demo \| baseline \| name\[\] \(1\.\.64\)/);
  });

  it('--json gives the same catalogue, with defaults that the schema itself applies', async () => {
    const json = JSON.parse((await run(['list', 'models', '--json'])).stdout.toString());
    expect(json).toEqual(listModels());
    const knn = json.find((m: { type: string }) => m.type === 'knn');
    const scenario = load({ model: { type: 'knn' } }).scenario;
    for (const o of knn.options) expect(scenario.model?.[o.name]).toEqual(o.default);
    const both = JSON.parse((await run(['list', '--json'])).stdout.toString());
    expect(Object.keys(both)).toEqual(['models', 'data']);
    expect(both.data.map((d: { source: string }) => d.source)).toContain('moons');
  });
});

describe('mlgif schema', () => {
  it('prints a JSON Schema that accepts the configs and rejects what validation rejects', async () => {
    const result = await run(['schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout.toString());
    expect(schema).toEqual(scenarioJsonSchema());
    expect(schema.$schema).toMatch(/draft-07/);
    // zod reads JSON Schema back: a round trip checks the schema is meaningful, not just JSON.
    const back = z.fromJSONSchema(schema);
    expect(back.safeParse({ model: { type: 'knn', k: 3 }, data: { noise: 0.1, source: 'moons' } }).success).toBe(true);
    expect(back.safeParse({ model: { type: 'knn', k: 0 } }).success).toBe(false);
    expect(back.safeParse({ model: { type: 'knn', kk: 3 } }).success).toBe(false);
    expect(back.safeParse({ data: { n: 50 }, model: { type: 'lda' } }).success).toBe(true);
    // Regression and function scenarios, their options and the figure's: what the configs use.
    const line = { data: { source: 'line', n: 50 }, model: { type: 'linear', loss: 'huber', degree: 1 } };
    expect(back.safeParse({ ...line, render: { landscape: true, residuals: true } }).success).toBe(true);
    expect(back.safeParse({ ...line, render: { landscape: 'yes' } }).success).toBe(false);
    expect(back.safeParse({ data: { source: 'sine', spacing: 'random' }, model: { type: 'mlp' } }).success).toBe(true);
    expect(back.safeParse({ data: { source: 'sine', spacing: 'sometimes' } }).success).toBe(false);
    expect(back.safeParse({ data: { source: 'function', function: 'goldfield' } }).success).toBe(true);
    expect(back.safeParse({ data: { source: 'function', function: 'goldfeld' } }).success).toBe(false);
    expect(back.safeParse({ data: { source: 'step' }, model: { type: 'linear', optimizer: 'lbfgs' } }).success).toBe(
      false,
    );
    for (const folder of ['ma', 'bishop', 'regression']) {
      const dir = new URL(`../configs/${folder}/`, import.meta.url);
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
        expect(back.safeParse(parseYaml(readFileSync(new URL(name, dir), 'utf8'))).success, name).toBe(true);
      }
    }
    // data.source defaults to gaussians, in a comparison's rows too.
    const rows = { compare: [{ type: 'knn' }, { type: 'lda' }], rows: [{ n: 50 }, { source: 'moons' }] };
    expect(validate(rows).problems).toEqual([]);
    expect(back.safeParse(rows).success).toBe(true);
    const dir = tempDir();
    expect((await run(['schema', '-o', join(dir, 's.json')])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'))).toEqual(schema);
  });
});

describe('mlgif data', () => {
  it('writes the training points as CSV that source: csv reads back to the same points', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 's.yaml', smallScenario({ data: '{ source: moons, n: 50, test: 30 }' }));
    const result = await run(['data', scenario]);
    expect(result.code).toBe(0);
    const csv = result.stdout.toString();
    const rows = csv.trim().split('\n');
    expect(rows[0]).toBe('x,y,label');
    expect(rows).toHaveLength(51);
    const original = points(load(scenario)).points;
    writeFileSync(join(dir, 'points.csv'), csv);
    const back = load({ data: { source: 'csv', path: 'points.csv' }, model: { type: 'knn' } }, { baseDir: dir });
    const read = points(back).points;
    // The pipeline shuffles a file's rows once; as sets of (x, y, label) they are the same.
    const key = (d: typeof read) =>
      Array.from({ length: d.n }, (_, i) => `${d.X[2 * i]} ${d.X[2 * i + 1]} ${d.y[i]}`).sort();
    expect(key(read)).toEqual(key(original));
    expect(read.X.every(Number.isFinite)).toBe(true);
  });

  it('a scenario with rows exports the data set --row names, and refuses to guess', async () => {
    const dir = tempDir();
    const text =
      'rows: [{ source: moons, n: 30 }, { source: circles, n: 20 }]\ncompare: [{ type: knn }]\nanimate: { frames: 2 }';
    const scenario = writeScenario(dir, 'rows.yaml', text);
    const guess = await run(['data', scenario]);
    expect(guess.code).toBe(2);
    expect(guess.stderr).toMatch(/--row: the scenario has 2 data sets \(rows\); choose one with --row 0\.\.1/);
    expect(guess.stdout.length).toBe(0);
    const second = await run(['data', scenario, '--row', '1']);
    expect(second.code).toBe(0);
    expect(second.stdout.toString().trim().split('\n')).toHaveLength(21);
    expect((await run(['data', scenario, '--row', '2'])).stderr).toMatch(/not rows\[2\]/);
    const single = writeScenario(dir, 's.yaml', smallScenario());
    expect((await run(['data', single, '--row', '0'])).stderr).toMatch(/--row goes with rows:/);
  });

  it('--split test and -o write the test points to a file; class names survive', async () => {
    const dir = tempDir();
    const scenario = writeScenario(
      dir,
      's.yaml',
      smallScenario({ data: '{ source: blobs, classes: 4, n: 40, test: 24 }' }),
    );
    expect((await run(['data', scenario, '--split', 'test', '-o', join(dir, 'test.csv')])).code).toBe(0);
    const rows = readFileSync(join(dir, 'test.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(25);
    expect(new Set(rows.slice(1).map((r) => r.split(',')[2]))).toEqual(new Set(['0', '1', '2', '3']));
    writeFileSync(join(dir, 'named.csv'), 'x,y,label\n0,0,"cat, big"\n1,1,dog\n0.5,0.2,dog\n');
    const named = writeScenario(dir, 'n.yaml', 'data: { source: csv, path: named.csv }\nmodel: { type: knn }');
    const out = (await run(['data', named])).stdout.toString();
    expect(out.split('\n').slice(1).sort()).toEqual(['', '0,0,"cat, big"', '0.5,0.2,dog', '1,1,dog']);
    expect((await run(['data', scenario, '--split', 'validation'])).code).toBe(2);
    expect((await run(['data', join(dir, 'nope.yaml')])).code).toBe(2);
  });
});

describe('help', () => {
  it('every command has --help with an example', async () => {
    for (const command of ['render', 'validate', 'init', 'list', 'schema', 'data']) {
      const result = await run([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout.toString()).toMatch(/Examples:\n {2}\$ mlgif /);
    }
    const top = await run(['--help']);
    expect(top.stdout.toString()).toMatch(/render.*\n.*validate.*Examples:\n {2}\$ mlgif /s);
    expect((await run(['--version'])).stdout.toString()).toMatch(/\d+\.\d+\.\d+/);
  });
});

describe('library API', () => {
  it('render, validate and the catalogue work without the CLI', async () => {
    const { render, validate: check, listModels: models } = await import('../src/index.js');
    const dir = tempDir();
    const output = join(dir, 'lib.gif');
    const frames: number[] = [];
    const result = await render(
      {
        model: { type: 'lda' },
        data: { n: 40, test: 40 },
        animate: { frames: 2 },
        render: { width: 160, height: 160, grid: 20 },
      },
      { output, onFrame: (frame) => frames.push(frame) },
    );
    expect(result).toMatchObject({ output, frames: 2, width: 160 });
    expect(frames).toEqual([0, 1]);
    expect(readFileSync(output).subarray(0, 6).toString()).toBe('GIF89a');
    const bad = check({ model: { type: 'knn', k: 0, wieghts: 'distance' } });
    expect(bad.ok).toBe(false);
    expect(bad.problems).toHaveLength(2);
    expect(bad.problems.map((p) => p.path)).toEqual(['model.k', 'model.wieghts']);
    expect(bad.problems[1].message).toMatch(/did you mean "weights"/);
    expect(check({ model: { type: 'knn' } })).toMatchObject({ ok: true, problems: [] });
    await expect(render({ model: { type: 'nope' } }, { output })).rejects.toThrow(/model\.type/);
    expect(models().map((m) => m.type)).toContain('svm');
  });
});
