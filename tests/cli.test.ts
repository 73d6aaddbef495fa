import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { files, run, smallScenario, tempDir, tiny, writeScenario } from './cli-helpers.js';
import { decodeGif } from './decode.js';

describe('mlgif render', () => {
  it('writes a GIF an independent decoder reads, with the --json line', async () => {
    const dir = tempDir();
    const scenario = writeScenario(
      dir,
      'small.yaml',
      smallScenario({ animate: '{ by: samples, frames: 4, fps: 10, hold: 1 }' }),
    );
    const out = join(dir, 'small.gif');
    const result = await run(['render', scenario, '-o', out, '--json', '--poster', join(dir, 'last.png')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const line = JSON.parse(result.stdout.toString());
    expect(line).toMatchObject({ output: out, frames: 4, width: 200, height: 200 });
    expect(Object.keys(line.final)).toEqual(['train_accuracy', 'test_accuracy', 'bayes_accuracy']);
    // Where the time went (the bench reads this), in ms rounded to 0.1.
    expect(Object.keys(line.timings)).toEqual(['train', 'evaluate', 'draw', 'encode']);
    for (const ms of Object.values(line.timings) as number[]) {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(Math.round(ms * 10) / 10).toBe(ms);
    }
    expect(line.timings.draw).toBeGreaterThan(0);
    expect(line.final.bayes_accuracy).toBeGreaterThan(0.85);
    const bytes = readFileSync(out);
    expect(line.bytes).toBe(bytes.length);
    const gif = decodeGif(bytes);
    expect([gif.width, gif.height, gif.frames]).toEqual([200, 200, 4]);
    expect(gif.delays).toEqual([10, 10, 10, 110]);
    expect(readFileSync(join(dir, 'last.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(files(dir)).toEqual(['last.png', 'small.gif', 'small.yaml']);
  });

  it('is byte-identical for one scenario and seed, and differs for another seed', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 's.yaml', smallScenario());
    await run(['render', scenario, '-o', join(dir, 'a.gif')]);
    await run(['render', scenario, '-o', join(dir, 'b.gif')]);
    await run(['render', scenario, '-o', join(dir, 'c.gif'), '--set', 'seed=4']);
    const a = readFileSync(join(dir, 'a.gif'));
    expect(a.equals(readFileSync(join(dir, 'b.gif')))).toBe(true);
    expect(a.equals(readFileSync(join(dir, 'c.gif')))).toBe(false);
  });

  it('reads the scenario from stdin and writes the GIF to stdout', async () => {
    const result = await run(['render', '-', '-o', '-'], smallScenario());
    expect(result.code).toBe(0);
    expect(decodeGif(result.stdout).frames).toBe(4);
  });

  it('animates by epochs with the stage in the frames', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'e.yaml', smallScenario({ animate: '{ by: epochs, frames: 5 }' }));
    const result = await run(['render', scenario, '-o', join(dir, 'e.gif'), '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.toString()).frames).toBe(5);
  });

  it.each([
    ['an unknown option', 'model: { type: logistic, epoch: 3 }', /model\.epoch: unknown option.*did you mean "epochs"/],
    ['a bad value', 'model: { type: logistic, learningRate: -1 }', /model\.learningRate/],
    ['an unknown model', 'model: { type: svn }', /model\.type/],
    ['broken YAML', 'model: [', /not valid YAML/],
    [
      'a bad covariance',
      'data: { covs: [[[1, 2], [2, 1]], [[1, 0], [0, 1]]] }\nmodel: { type: logistic }',
      /data\.covs\[0\]: .*positive-definite/,
    ],
  ])('exits 2 on %s, names the field, leaves no file', async (_what, text, pattern) => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'bad.yaml', text);
    const result = await run(['render', scenario, '-o', join(dir, 'bad.gif')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(files(dir)).toEqual(['bad.yaml']);
  });

  it('exits 2 on a bad flag or a missing file, and 0 on --help', async () => {
    expect((await run(['render', 'nope.yaml'])).code).toBe(2);
    expect((await run(['render', '--bogus', 'x.yaml'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    const help = await run(['render', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.toString()).toMatch(/Examples:/);
  });

  it('refuses by: epochs for a model without stages of its own only when asked explicitly', async () => {
    const knn = tiny({ model: '{ type: knn }' });
    const refused = await run(['render', '-', '-o', '-', '--set', 'animate.by=epochs'], knn);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/animate\.by: model "knn" fits in one go and has no training stages to animate/);
    expect(refused.stdout.length).toBe(0);
    // auto means samples for it, and a GIF comes out.
    expect((await run(['render', '-', '-o', '-'], knn)).code).toBe(0);
    // In a comparison too: one panel without stages refuses by: epochs for the grid.
    const grid = tiny({ model: '', compare: '[{ type: knn }, { type: logistic, epochs: 5 }]' }).replace(
      /^model: \n/m,
      '',
    );
    const refusedGrid = await run(['render', '-', '-o', '-', '--set', 'animate.by=epochs'], grid);
    expect(refusedGrid.code).toBe(2);
    expect(refusedGrid.stderr).toMatch(/animate\.by: model "knn" fits in one go/);
    expect((await run(['render', '-', '-o', '-'], grid)).code).toBe(0);
  });

  it('stops between frames when aborted, leaving no file', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 's.yaml', smallScenario());
    const controller = new AbortController();
    controller.abort('SIGINT');
    const result = await run(['render', scenario, '-o', join(dir, 'x.gif')], '', controller.signal);
    expect(result.code).toBe(130);
    expect(files(dir)).toEqual(['s.yaml']);
  });

  it('runs as a child process through bin/mlgif', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 's.yaml', smallScenario());
    const out = join(dir, 'child.gif');
    const { stdout } = await promisify(execFile)('node', ['bin/mlgif', 'render', scenario, '-o', out, '--json']);
    expect(JSON.parse(stdout).frames).toBe(4);
    expect(existsSync(out)).toBe(true);
    const bad = await promisify(execFile)('node', ['bin/mlgif', 'render', join(dir, 'missing.yaml')]).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/missing\.yaml: no such file/);
  });
});
