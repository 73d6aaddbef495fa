/**
 * The evolve figure through the command line: the frame widened for the code panel, --json's
 * evaluations and best fitness beside the usual figures, the same GIF bytes for a seed,
 * animate.by: generations refused for a model that does not evolve, and the work budget.
 */
import { describe, expect, it } from 'vitest';
import { run, smallScenario, tempDir, writeScenario } from './cli-helpers.js';

const evolveModel = '{ type: evolve, evaluations: 2000, population: 100 }';

async function renderJson(text: string) {
  const file = writeScenario(tempDir(), 'evolve.yaml', text);
  const result = await run(['render', file, '-o', `${tempDir()}/out.gif`, '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout.toString());
}

describe('evolve figure', () => {
  it('draws the code panel beside the map, and --json adds the search to the accuracies', async () => {
    const line = await renderJson(smallScenario({ model: evolveModel, animate: '{ frames: 5 }' }));
    expect([line.width, line.height]).toEqual([400, 200]);
    expect(line.frames).toBe(5);
    expect(line.final.evaluations).toBe(2000);
    expect(line.final.best_fitness).toBeGreaterThan(0.4);
    expect(line.final.best_fitness).toBeLessThanOrEqual(1);
    expect(line.final.train_accuracy).toEqual(expect.any(Number));
  });

  it('does so beside a regression fit, with the MSE', async () => {
    const line = await renderJson(
      smallScenario({ data: '{ source: line, n: 40, test: 50 }', model: evolveModel, animate: '{ frames: 4 }' }),
    );
    expect(line.width).toBe(400);
    expect(line.final.train_mse).toEqual(expect.any(Number));
    expect(line.final.evaluations).toBe(2000);
    expect(line.final.best_fitness).toEqual(expect.any(Number));
  });

  it('shows the final program of each value in a sweep', async () => {
    const line = await renderJson(
      smallScenario({
        model: evolveModel,
        animate: '{ by: sweep, sweep: { path: model.tournament, from: 2, to: 10 }, frames: 2 }',
      }),
    );
    expect([line.width, line.frames]).toEqual([400, 2]);
    expect(line.final.evaluations).toBe(2000);
  });

  it('adds no search figures for a model that does not evolve', async () => {
    const line = await renderJson(smallScenario());
    expect(line.width).toBe(200);
    expect(line.final).not.toHaveProperty('evaluations');
    expect(line.final).not.toHaveProperty('best_fitness');
  });

  it('writes the same GIF bytes for the same seed', async () => {
    const file = writeScenario(
      tempDir(),
      'evolve.yaml',
      smallScenario({ model: evolveModel, animate: '{ frames: 4 }' }),
    );
    const once = await run(['render', file, '-o', '-']);
    const again = await run(['render', file, '-o', '-']);
    expect(once.code).toBe(0);
    expect(once.stdout.length).toBeGreaterThan(1000);
    expect(once.stdout.equals(again.stdout)).toBe(true);
  });

  it('refuses animate.by: generations for a model without generations', async () => {
    const file = writeScenario(tempDir(), 'bad.yaml', smallScenario({ animate: '{ by: generations }' }));
    const result = await run(['render', file, '-o', `${tempDir()}/out.gif`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/animate\.by: .*does not evolve/);
  });

  it('counts an evolution in the work budget: 2,000,000 programs on 200,000 points are refused', async () => {
    const file = writeScenario(tempDir(), 'big.yaml', smallScenario({ model: evolveModel }));
    const sets = ['data.n=200000', 'model.evaluations=2000000'].flatMap((s) => ['--set', s]);
    const result = await run(['validate', file, ...sets]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/training \d\.\de11\), over the budget/);
    expect((await run(['validate', file])).code).toBe(0);
  });
});
