/**
 * Comparison grids, sweeps and curves, end to end through the CLI: a grid's panels are the
 * single-model renders of the same scenarios (pixel for pixel inside each panel), a sweep's
 * frame i is a plain render with the swept value set by --set, and the curves are the figures
 * --json reports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedFrame as panelFrame } from '../src/movie/panel.js';
import { sweepValues } from '../src/plan/sweep.js';
import { panelTitles } from '../src/plan/titles.js';
import { gridLayout, singleFrameSize } from '../src/render/grid-frame.js';
import { computeLayout, type Rect } from '../src/render/layout.js';
import { files, run, tempDir, writeScenario } from './cli-helpers.js';
import { type DecodedGif, decodeGif } from './decode.js';

/** The `--set` text that gives a swept option the value v, as a sweep frame has it. */
function setText(path: string, v: number): string {
  return path === 'data.priors' ? `${path}=[${Number((1 - v).toPrecision(3))}, ${v}]` : `${path}=${v}`;
}

/** The RGBA pixels of a rectangle of a decoded frame, row by row. */
function crop(gif: DecodedGif, frame: number, r: Rect): Uint8Array {
  const rgba = gif.rgba(frame);
  const out = new Uint8Array(r.w * r.h * 4);
  for (let y = 0; y < r.h; y++) {
    const from = ((r.y + y) * gif.width + r.x) * 4;
    out.set(rgba.subarray(from, from + r.w * 4), y * r.w * 4);
  }
  return out;
}

function countDiff(a: Uint8Array, b: Uint8Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) d++;
  return d;
}

/**
 * Pixel for pixel, but for antialiasing: Skia's coverage of a line can differ by a grey step
 * when the same path sits at another integer offset (float32 rounding of the coordinates), so
 * a few edge pixels of a boundary line may be one palette grey apart. Anything else differs.
 */
function expectSamePixels(panel: Uint8Array, alone: Uint8Array): void {
  let d = 0;
  for (let i = 0; i < panel.length; i += 4) {
    const gap = Math.max(
      Math.abs(panel[i] - alone[i]),
      Math.abs(panel[i + 1] - alone[i + 1]),
      Math.abs(panel[i + 2] - alone[i + 2]),
    );
    if (gap === 0) continue;
    d++;
    expect(gap).toBeLessThanOrEqual(24);
  }
  expect(d).toBeLessThanOrEqual(Math.ceil(panel.length / 4 / 5000));
}

/**
 * A frame drawn after others against one drawn after different ones: the same but where the
 * history shows, a small share of the plot. Growing samples add points a few at a time, so
 * overlapping points' antialiased edges may stack in another order; steady shading may hold a
 * pixel one shade level (less than an 8-bit step or two) from the other's.
 */
function expectSameUpToHistory(a: Uint8Array, b: Uint8Array): void {
  let visible = 0;
  for (let i = 0; i < a.length; i += 4) {
    const gap = Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
    if (gap > 6) visible++;
  }
  expect(visible).toBeLessThan((0.015 * a.length) / 4);
}

async function render(dir: string, name: string, yaml: string, extra: string[] = []) {
  const path = writeScenario(dir, `${name}.yaml`, yaml);
  const out = join(dir, `${name}.gif`);
  const result = await run(['render', path, '-o', out, '--json', '-q', ...extra]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return { gif: decodeGif(readFileSync(out)), json: JSON.parse(result.stdout.toString()) };
}

const plotOf = (size: number): Rect => computeLayout(size, size, { legend: false, xlabel: false, ylabel: false }).plot;

describe('comparison grids', () => {
  it('draws each panel exactly as the single-model render of its model (by samples, columns)', async () => {
    const dir = tempDir();
    const models = ['{ type: logistic, epochs: 20 }', '{ type: knn, k: 5 }', '{ type: tree, maxDepth: 3 }'];
    const common = 'seed: 4\ndata: { source: moons, n: 60, test: 100 }\nanimate: { by: samples, frames: 3 }\n';
    const grid = await render(
      dir,
      'grid',
      `${common}compare:\n${models.map((m) => `  - ${m}`).join('\n')}\nlayout: { columns: 2 }\nrender: { width: 520, height: 560, grid: 40 }\n`,
    );
    const layout = gridLayout(520, 560, { rows: 2, columns: 2, rowLabels: false, titles: 'each' });
    const size = singleFrameSize(layout.side, false);
    expect(size / 480).toBeGreaterThanOrEqual(0.5); // no minimum line width in play: a true single frame
    expect(grid.gif.frames).toBe(3);
    for (const [i, model] of models.entries()) {
      const single = await render(
        dir,
        `single${i}`,
        `${common}model: ${model}\nrender: { width: ${size}, height: ${size}, grid: 40 }\n`,
      );
      expect(single.gif.frames).toBe(3);
      // --json: each panel's figures are its single render's; the grid's own, the Bayes alone.
      expect(grid.json.panels[i]).toEqual({
        model: grid.json.panels[i].model,
        data: 'two moons',
        final: single.json.final,
      });
      const plot = plotOf(size);
      expect(plot.w).toBe(layout.side);
      for (let f = 0; f < 3; f++) {
        expectSamePixels(crop(grid.gif, f, layout.panels[i]), crop(single.gif, f, plot));
      }
    }
  }, 60_000);

  it('--json of a regression comparison: each model as its single render, in a grid and on one landscape', async () => {
    const dir = tempDir();
    const common = 'seed: 2\ndata: { source: line, n: 40, test: 40 }\nanimate: { frames: 3 }\n';
    const models = ['{ type: linear, optimizer: gd }', '{ type: linear, optimizer: adam, learningRate: 0.5 }'];
    for (const shared of [false, true]) {
      const render_ = `render: { width: 480, height: 300${shared ? ', landscape: true' : ''} }\n`;
      const grid = await render(
        dir,
        'grid',
        `${common}compare:\n${models.map((m) => `  - ${m}`).join('\n')}\n${render_}`,
      );
      expect(grid.json.final).toEqual({
        train_mse: null,
        test_mse: null,
        optimal_mse: 1,
        loss: null,
        train_loss: null,
        test_loss: null,
        optimal_loss: 1,
      });
      expect(grid.json.panels.map((p: { model: string }) => p.model)).toEqual([
        'Linear model (optimizer gd)',
        'Linear model (optimizer adam, learningRate 0.5)',
      ]);
      for (const [i, model] of models.entries()) {
        const single = await render(dir, `single${i}`, `${common}model: ${model}\n${render_}`);
        expect(single.json.final.test_mse).toBeGreaterThan(0);
        expect(grid.json.panels[i]).toEqual({
          model: grid.json.panels[i].model,
          data: 'a line',
          final: single.json.final,
        });
      }
    }
  }, 60_000);

  it('rows of data sets × models by stages: each panel at the same fraction of its own training', async () => {
    const dir = tempDir();
    const rows = ['{ source: moons, n: 50, test: 0 }', '{ source: circles, n: 50, test: 0 }'];
    const models = ['{ type: logistic, epochs: 3 }', '{ type: boosting, rounds: 6, maxDepth: 2 }'];
    const common = 'seed: 2\nanimate: { by: epochs, frames: 6 }\n';
    const width = 520;
    const height = 520;
    const grid = await render(
      dir,
      'rows',
      `${common}rows:\n${rows.map((r) => `  - ${r}`).join('\n')}\ncompare:\n${models.map((m) => `  - ${m}`).join('\n')}\nrender: { width: ${width}, height: ${height}, grid: 32 }\n`,
    );
    expect(grid.gif.frames).toBe(6);
    const layout = gridLayout(width, height, { rows: 2, columns: 2, rowLabels: true, titles: 'top' });
    const size = singleFrameSize(layout.side, false);
    for (const [r, data] of rows.entries()) {
      for (const [c, model] of models.entries()) {
        const single = await render(
          dir,
          `s${r}${c}`,
          `${common}data: ${data}\nmodel: ${model}\nrender: { width: ${size}, height: ${size}, grid: 32 }\n`,
        );
        const own = single.gif.frames;
        expect(own).toBe(c === 0 ? 3 : 6);
        for (let f = 0; f < 6; f++) {
          // 3 epochs over 6 frames: each epoch held for two frames, the last at the end.
          const alone = crop(single.gif, own === 6 ? f : [0, 0, 1, 1, 2, 2][f], plotOf(size));
          expectSamePixels(crop(grid.gif, f, layout.panels[r * 2 + c]), alone);
        }
      }
    }
  }, 60_000);

  it('maps grid frames onto a panel with fewer frames evenly, first to first and last to last', () => {
    expect([0, 1, 2, 3, 4, 5].map((f) => panelFrame(f, 6, 3))).toEqual([0, 0, 1, 1, 2, 2]);
    expect([0, 1, 2].map((f) => panelFrame(f, 3, 3))).toEqual([0, 1, 2]);
    expect(panelFrame(0, 1, 1)).toBe(0);
  });

  it('titles panels by model, with their options where a model repeats', () => {
    expect(
      panelTitles([{ type: 'knn', k: 3 }, { type: 'knn', k: 15 }, { type: 'qda' }, { type: 'lda', title: 'Mine' }]),
    ).toEqual(['k-nearest neighbours (k 3)', 'k-nearest neighbours (k 15)', 'Quadratic discriminant analysis', 'Mine']);
    // Validated entries carry every default: only what differs names a panel.
    const linear = { type: 'linear', degree: 1, epochs: 100 };
    expect(
      panelTitles(
        [
          { ...linear, optimizer: 'gd' },
          { ...linear, optimizer: 'adam', learningRate: 0.5 },
        ],
        'regression',
      ),
    ).toEqual(['Linear model (optimizer gd)', 'Linear model (optimizer adam, learningRate 0.5)']);
  });

  it.each([
    [
      'model and compare together',
      'model: { type: lda }\ncompare: [{ type: qda }]',
      /compare: give either model or compare/,
    ],
    ['rows without compare', 'model: { type: lda }\nrows: [{ source: moons }]', /rows: rows .* go with compare/],
    ['an unknown option in a panel', 'compare: [{ type: knn, kk: 3 }]', /compare\[0\]\.kk: .*did you mean "k"/],
    ['curves with compare', 'compare: [{ type: lda }]\nrender: { curves: true }', /render\.curves/],
    [
      'rows with different class counts',
      'compare: [{ type: lda }]\nrows: [{ source: moons }, { source: blobs, classes: 3 }]',
      /rows\[1\]: every row must have the same number of classes/,
    ],
  ])('exits 2 on %s, naming the field', async (_what, text, pattern) => {
    const dir = tempDir();
    const path = writeScenario(dir, 'bad.yaml', text);
    const result = await run(['render', path, '-o', join(dir, 'bad.gif')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(pattern);
    expect(files(dir)).toEqual(['bad.yaml']);
  });
});

describe('sweeps', () => {
  const plot = plotOf(200);

  it('frame i is the plain render with the swept value set by --set (model.k)', async () => {
    const dir = tempDir();
    const base =
      'seed: 6\ndata: { source: mixture, n: 80, test: 200 }\nmodel: { type: knn, k: 1 }\nrender: { width: 200, height: 200, grid: 40 }\n';
    const sweep = await render(
      dir,
      'sweep',
      `${base}animate: { by: sweep, sweep: { path: model.k, from: 1, to: 9 }, frames: 5 }\n`,
    );
    const values = sweepValues({ path: 'model.k', from: 1, to: 9, scale: 'linear' }, 5, true);
    expect(values).toEqual([1, 3, 5, 7, 9]);
    expect(sweep.gif.frames).toBe(5);
    for (const i of [0, 2, 4]) {
      const plain = await render(
        dir,
        `plain${i}`,
        `${base}animate: { by: sweep, sweep: { path: model.k, from: 1, to: 9 } }\n`,
        ['--set', 'animate.by=samples', '--set', setText('model.k', values[i])],
      );
      const last = plain.gif.frames - 1;
      expectSameUpToHistory(crop(sweep.gif, i, plot), crop(plain.gif, last, plot));
      if (i === 4) expect(sweep.json.final).toEqual(plain.json.final);
    }
  }, 60_000);

  it('frame i is the plain render with --set for a data option too (data.priors, fixed window)', async () => {
    const dir = tempDir();
    const base =
      'seed: 6\ndata: { source: gaussians, n: 150, test: 300 }\nmodel: { type: qda }\n' +
      'render: { width: 200, height: 200, grid: 40, xlim: [-4, 6], ylim: [-4, 6] }\n';
    const sweep = await render(
      dir,
      'sweep',
      `${base}animate: { by: sweep, sweep: { path: data.priors, from: 0.2, to: 0.8 }, frames: 4 }\n`,
    );
    const values = sweepValues({ path: 'data.priors', from: 0.2, to: 0.8, scale: 'linear' }, 4, false);
    expect(values).toEqual([0.2, 0.4, 0.6, 0.8]);
    const plain = await render(dir, 'plain', `${base}animate: { by: samples }\n`, [
      '--set',
      setText('data.priors', values[1]),
    ]);
    expect(setText('data.priors', values[1])).toBe('data.priors=[0.6, 0.4]');
    expectSameUpToHistory(crop(sweep.gif, 1, plot), crop(plain.gif, plain.gif.frames - 1, plot));
    // The class balance really moves: the sweep's first and last frames differ.
    expect(countDiff(crop(sweep.gif, 0, plot), crop(sweep.gif, 3, plot))).toBeGreaterThan(100);
  }, 60_000);

  it('frame i of a model with stages is where a plain render by its own stages ends (model.maxDepth)', async () => {
    const dir = tempDir();
    const base =
      'seed: 2\ndata: { source: moons, n: 80, test: 100 }\nmodel: { type: tree }\nrender: { width: 200, height: 200, grid: 40 }\n';
    const sweep = await render(
      dir,
      'sweep',
      `${base}animate: { by: sweep, sweep: { path: model.maxDepth, from: 1, to: 3 } }\n`,
    );
    expect(sweep.gif.frames).toBe(3);
    const plain = await render(dir, 'plain', `${base}animate: { by: epochs, frames: 5 }\n`, [
      '--set',
      'model.maxDepth=2',
    ]);
    expectSameUpToHistory(crop(sweep.gif, 1, plot), crop(plain.gif, plain.gif.frames - 1, plot));
    expect(countDiff(crop(sweep.gif, 0, plot), crop(sweep.gif, 1, plot))).toBeGreaterThan(100);
  }, 30_000);

  it('spaces values evenly or geometrically, integers once each, 3 significant digits', () => {
    expect(sweepValues({ path: 'model.C', from: 0.01, to: 100, scale: 'log' }, 5, false)).toEqual([
      0.01, 0.1, 1, 10, 100,
    ]);
    expect(sweepValues({ path: 'model.k', from: 1, to: 4, scale: 'linear' }, 10, true)).toEqual([1, 2, 3, 4]);
    expect(sweepValues({ path: 'data.noise', from: 0.1, to: 0.2, scale: 'linear' }, 4, false)).toEqual([
      0.1, 0.133, 0.167, 0.2,
    ]);
    expect(sweepValues({ path: 'model.k', from: 9, to: 1, scale: 'linear' }, 3, true)).toEqual([9, 5, 1]);
  });

  it.each([
    [
      'k below its minimum',
      'model.k',
      0,
      5,
      /animate\.sweep\.from: model\.k = 0 is not allowed: model\.k: must be at least 1, got 0/,
    ],
    ['k not an option of knn', 'model.kk', 1, 5, /model\.kk: unknown option.*did you mean "k"/],
    ['a prior share of 1.2', 'data.priors', 0.5, 1.2, /animate\.sweep\.to: data\.priors is swept by p/],
    ['log scale through 0', 'model.k', 0, 5, /scale: log needs from and to above 0/],
  ])('exits 2 on a swept value out of range (%s), naming the path', async (what, path, from, to, pattern) => {
    const dir = tempDir();
    const scale = what.startsWith('log') ? 'log' : 'linear';
    const text = `data: { n: 40, test: 0 }\nmodel: { type: knn }\nanimate: { by: sweep, sweep: { path: ${path}, from: ${from}, to: ${to}, scale: ${scale} }, frames: 3 }\n`;
    const file = writeScenario(dir, 'bad.yaml', text);
    const result = await run(['render', file, '-o', join(dir, 'bad.gif')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(pattern);
    expect(files(dir)).toEqual(['bad.yaml']);
  });
});

describe('training curves', () => {
  it('plots the accuracies --json reports: frame i = a plain render stopped at that stage', async () => {
    const dir = tempDir();
    const base = 'seed: 8\ndata: { source: moons, n: 80, test: 200 }\nmodel: { type: logistic, epochs: 12 }\n';
    const curved = await render(
      dir,
      'curves',
      `${base}animate: { by: epochs, frames: 4 }\nrender: { width: 400, height: 240, grid: 32, curves: true }\n`,
    );
    const c = curved.json.curves;
    expect(c.axis).toBe('epoch');
    expect(c.x).toEqual([1, 5, 8, 12]);
    expect(c.train.at(-1)).toBe(curved.json.final.train_accuracy);
    expect(c.test.at(-1)).toBe(curved.json.final.test_accuracy);
    expect(c.bayes).toEqual([0, 1, 2, 3].map(() => curved.json.final.bayes_accuracy));
    expect(c.loss.every((v: number | null) => typeof v === 'number')).toBe(true);
    // Each point is what a render trained for that many epochs reports.
    for (const [i, epochs] of c.x.entries()) {
      const plain = await render(
        dir,
        `plain${i}`,
        `${base}animate: { by: epochs, frames: 1 }\nrender: { width: 200, height: 200, grid: 32 }\n`,
        ['--set', `model.epochs=${epochs}`],
      );
      expect([c.train[i], c.test[i]]).toEqual([plain.json.final.train_accuracy, plain.json.final.test_accuracy]);
    }
    // Beside the curves, the map is the plain render at the map's size (240 × 240), whole.
    const plain = await render(
      dir,
      'map',
      `${base}animate: { by: epochs, frames: 4 }\nrender: { width: 240, height: 240, grid: 32 }\n`,
    );
    const map = { x: 0, y: 0, w: 240, h: 240 };
    for (let f = 0; f < 4; f++) expect(countDiff(crop(curved.gif, f, map), crop(plain.gif, f, map))).toBe(0);
  }, 60_000);

  it('draws against a sweep too: the swept values are the axis', async () => {
    const dir = tempDir();
    const text =
      'seed: 1\ndata: { source: moons, n: 60, test: 100 }\nmodel: { type: knn }\n' +
      'animate: { by: sweep, sweep: { path: model.k, from: 1, to: 30, scale: log }, frames: 4 }\n' +
      'render: { width: 400, height: 240, grid: 32, curves: true }\n';
    const { json } = await render(dir, 'sweep-curves', text);
    expect(json.curves.axis).toBe('k');
    expect(json.curves.x).toEqual([1, 3, 10, 30]);
    expect(json.curves.test.at(-1)).toBe(json.final.test_accuracy);
  }, 30_000);
});
