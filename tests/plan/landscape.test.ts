/**
 * `render.landscape` and `render.residuals` are checked in the plan (plan/landscape.ts), so
 * `validate` and `render` refuse alike: a landscape needs a model of exactly two trainable
 * parameters (the message names how many it has), a regression or a function, the optimizer's
 * steps, and in a comparison one objective; residuals need a regression's fitted curve.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/api.js';
import { formatProblem } from '../../src/errors.js';
import { files, run, tempDir } from '../cli-helpers.js';

const problems = (scenario: Record<string, unknown>) => validate(scenario).problems.map(formatProblem);
const LANDSCAPE = { landscape: true };

describe('the landscape and the residuals', () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      'a cubic (four parameters)',
      { data: { source: 'sine' }, model: { type: 'linear', degree: 3 }, render: LANDSCAPE },
      'render.landscape: draws the loss over two trainable parameters (y = w·x + b: linear with degree 1); the model (linear) has 4',
    ],
    [
      'a line with Fourier terms (four parameters)',
      { data: { source: 'sine' }, model: { type: 'linear', fourier: 1 }, render: LANDSCAPE },
      'render.landscape: draws the loss over two trainable parameters (y = w·x + b: linear with degree 1); the model (linear) has 4',
    ],
    [
      'a constant (one parameter)',
      { data: { source: 'line' }, model: { type: 'linear', degree: 0 }, render: LANDSCAPE },
      'render.landscape: draws the loss over two trainable parameters (y = w·x + b: linear with degree 1); the model (linear) has 1',
    ],
    [
      'a forest',
      { data: { source: 'step' }, model: { type: 'forest' }, render: LANDSCAPE },
      'render.landscape: draws the loss over two trainable parameters (y = w·x + b: linear with degree 1); the model (forest) has no fixed set of them (it grows with the data)',
    ],
    [
      'a panel of a comparison',
      { data: { source: 'line' }, compare: [{ type: 'linear' }, { type: 'linear', degree: 2 }], render: LANDSCAPE },
      'render.landscape: draws the loss over two trainable parameters (y = w·x + b: linear with degree 1); compare[1] (linear) has 3',
    ],
    [
      'classification',
      { data: { source: 'moons' }, model: { type: 'linear' }, render: LANDSCAPE },
      'render.landscape: draws the loss over two parameters (w, b) of a 1-D regression or a function; a classifier of 2-D points has at least three (w₁, w₂, b)',
    ],
    [
      'a growing sample',
      { data: { source: 'line' }, model: { type: 'linear' }, animate: { by: 'samples' }, render: LANDSCAPE },
      "animate.by: the landscape follows the optimizer's steps; a growing sample would change the loss under it every frame: use by: epochs (or auto)",
    ],
    [
      'paths of two objectives on one landscape',
      { data: { source: 'line' }, compare: [{ type: 'linear' }, { type: 'linear', loss: 'huber' }], render: LANDSCAPE },
      'compare[1]: the paths share one landscape, so every model must minimise the same objective: the same type and options but optimizer, learningRate, epochs and start',
    ],
    [
      'residuals of classes',
      { data: { source: 'xor' }, model: { type: 'knn' }, render: { residuals: true } },
      'render.residuals: draws a segment from each point to a fitted curve; the data pose a classification task',
    ],
  ])('refuses %s', (_what, scenario, message) => {
    expect(problems(scenario)).toEqual([message]);
  });

  it('accepts a line, a comparison of optimizers on it, and a function', () => {
    expect(problems({ data: { source: 'line' }, model: { type: 'linear' }, render: LANDSCAPE })).toEqual([]);
    const optimizers = ['gd', 'momentum', 'adam'].map((optimizer) => ({ type: 'linear', optimizer }));
    expect(problems({ data: { source: 'line' }, compare: optimizers, render: LANDSCAPE })).toEqual([]);
    expect(problems({ data: { source: 'function' }, model: { type: 'linear' } })).toEqual([]);
  });

  it('render refuses a landscape of a cubic as validate does, exit 2 naming the count, writing nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 's.yaml');
    writeFileSync(file, 'data: { source: sine }\nmodel: { type: linear, degree: 3 }\nrender: { landscape: true }\n');
    const message = /render\.landscape: .*the model \(linear\) has 4\n/;
    const checked = await run(['validate', file, '--quiet']);
    const rendered = await run(['render', file, '-o', join(dir, 'x.gif'), '--quiet']);
    expect([checked.code, rendered.code]).toEqual([2, 2]);
    expect(checked.stderr).toMatch(message);
    expect(rendered.stderr).toBe(checked.stderr);
    expect(files(dir)).toEqual(['s.yaml']);
  });
});
