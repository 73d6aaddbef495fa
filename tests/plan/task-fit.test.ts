/**
 * A model must fit the task its data poses: the plan (so validate and render alike) refuses a
 * model type without it, an option or a loss of another task, and options its factory will not
 * take together, each at the model's own path, saying which task the data poses. A regression
 * that `mlgif init` writes renders, and its points go out and back in through `mlgif data`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { plan, validate } from '../../src/api.js';
import { formatProblem } from '../../src/errors.js';
import { run, tempDir } from '../cli-helpers.js';

const problems = (scenario: Record<string, unknown>) => validate(scenario).problems.map(formatProblem);

describe('the model fits the task of its data', () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      'a classifier on a regression',
      { data: { source: 'line' }, model: { type: 'lda' } },
      'model.type: lda does not do regression: data.source line poses a regression task; models that do: linear, knn, mlp, mars, tree, forest, boosting, evolve',
    ],
    [
      'a classifier on a function',
      { data: { source: 'function' }, model: { type: 'svm' } },
      'model.type: svm does not do optimization: data.source function poses an optimization task; models that do: linear',
    ],
    [
      'log loss on a regression',
      { data: { source: 'sine' }, model: { type: 'linear', loss: 'log' } },
      'model.loss: loss log is for classification; data.source sine poses a regression task: expected squared, absolute or huber',
    ],
    [
      'huber loss on classes',
      { data: { source: 'moons' }, model: { type: 'linear', loss: 'huber' } },
      'model.loss: loss huber is for regression; data.source moons poses a classification task: expected log, hinge, squared or perceptron',
    ],
    [
      'a polynomial degree on classes',
      { data: { source: 'gaussians' }, model: { type: 'linear', degree: 3 } },
      'model.degree: degree applies to regression only; data.source gaussians poses a classification task',
    ],
    [
      'Playground features on a regression',
      { data: { source: 'line' }, model: { type: 'linear', features: ['x', 'x2'] } },
      'model.features: features applies to classification only; data.source line poses a regression task',
    ],
    [
      'a loss on a function',
      { data: { source: 'function' }, model: { type: 'linear', loss: 'squared' } },
      'model.loss: loss applies to regression or classification only; data.source function poses an optimization task',
    ],
    [
      'a two-class model on three classes',
      { data: { source: 'blobs', classes: 3 }, model: { type: 'evolve' } },
      'model.type: evolve tells apart at most 2 classes; data.source blobs gives 3',
    ],
    [
      'a panel of a comparison',
      { data: { source: 'step' }, compare: [{ type: 'linear' }, { type: 'svm' }] },
      'compare[1].type: svm does not do regression: data.source step poses a regression task; models that do: linear, knn, mlp, mars, tree, forest, boosting, evolve',
    ],
    [
      'a row of a comparison',
      { rows: [{ source: 'moons' }, { source: 'line' }], compare: [{ type: 'linear' }] },
      'rows[1]: every row must pose the same task (one kind of panel): regression here, classification in rows[0]',
    ],
    [
      'exact hinge loss (the factory refuses)',
      { data: { source: 'xor' }, model: { type: 'linear', loss: 'hinge', optimizer: 'exact' } },
      'model.optimizer: exact has no solver for hinge loss (the optimum of a quadratic program); expected gd, momentum or adam, or loss log or squared',
    ],
    [
      'a start of the wrong length',
      { data: { source: 'line' }, compare: [{ type: 'linear', degree: 2, start: [1, 2] }] },
      'compare[0].start: expected 3 starting parameters (2 coefficients of the basis, then the intercept b), got 2',
    ],
    [
      'a priors sweep on a regression',
      {
        data: { source: 'line' },
        model: { type: 'linear' },
        animate: { by: 'sweep', sweep: { path: 'data.priors', from: 0.2, to: 0.8 } },
      },
      'animate.sweep.path: data.priors is swept by the share of class 1, which needs two classes; the data poses a regression task',
    ],
    [
      'a growing sample of a function',
      { data: { source: 'function' }, model: { type: 'linear' }, animate: { by: 'samples' } },
      "animate.by: data.source function has no points to grow: animate by the optimizer's steps (by: epochs)",
    ],
  ])('%s', (_what, scenario, message) => {
    expect(problems(scenario)).toEqual([message]);
  });

  it('accepts what fits: linear on every task, a default loss per task, a swept degree', () => {
    expect(problems({ data: { source: 'line' }, model: { type: 'linear', loss: 'huber', degree: 1 } })).toEqual([]);
    expect(problems({ data: { source: 'gaussians' }, model: { type: 'linear', features: ['x', 'y', 'xy'] } })).toEqual(
      [],
    );
    expect(
      problems({ data: { source: 'function' }, model: { type: 'linear', optimizer: 'adam', start: [0, 1] } }),
    ).toEqual([]);
    const swept = plan({
      data: { source: 'sine' },
      model: { type: 'linear', optimizer: 'exact' },
      animate: { by: 'sweep', frames: 10, sweep: { path: 'model.degree', from: 0, to: 9 } },
    });
    expect(swept.task).toBe('regression');
    expect(swept.kind === 'sweep' && swept.values).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('regression scenarios from the command line', () => {
  it('`mlgif init --data line` writes a linear regression that validates and renders, with its --json figures', async () => {
    const dir = tempDir();
    const file = join(dir, 'line.yaml');
    expect((await run(['init', '--data', 'line', '-o', file])).code).toBe(0);
    expect(parseYaml(readFileSync(file, 'utf8'))).toMatchObject({
      data: { source: 'line', n: 100 },
      model: { type: 'linear' },
    });
    expect((await run(['validate', file, '--quiet'])).code).toBe(0);
    const output = join(dir, 'out.gif');
    const render = await run(['render', file, '-o', output, '--quiet', '--json']);
    expect(render.stderr).toBe('');
    expect(render.code).toBe(0);
    expect(existsSync(output)).toBe(true);
    const { final } = JSON.parse(render.stdout.toString());
    expect(Object.keys(final)).toEqual([
      'train_mse',
      'test_mse',
      'optimal_mse',
      'loss',
      'train_loss',
      'test_loss',
      'optimal_loss',
    ]);
    // Ma's line: noise σ = 1, so the optimal expected squared loss is σ² = 1.
    expect(final.optimal_mse).toBeCloseTo(1, 9);
    expect(final.optimal_loss).toBe(final.optimal_mse);
    expect(final.train_loss).toBe(final.train_mse);
  });

  it('`mlgif data` writes x,y for a regression, which the csv source reads back as one', async () => {
    const dir = tempDir();
    const file = join(dir, 's.yaml');
    writeFileSync(file, 'data: { source: sine, n: 12, test: 5 }\nmodel: { type: linear }\n');
    const train = await run(['data', file]);
    expect(train.code).toBe(0);
    const rows = train.stdout.toString().trim().split('\n');
    expect(rows[0]).toBe('x,y');
    expect(rows).toHaveLength(13);
    writeFileSync(join(dir, 'points.csv'), train.stdout);
    const back = plan({ data: { source: 'csv', path: 'points.csv' }, model: { type: 'linear' } }, { baseDir: dir });
    expect(back.task).toBe('regression');
    expect((await run(['data', file, '--split', 'test'])).stdout.toString().trim().split('\n')).toHaveLength(6);
    writeFileSync(file, 'data: { source: function }\nmodel: { type: linear }\n');
    const none = await run(['data', file]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/data\.source: data\.source function has no points: it is a function to minimise/);
  });
});
