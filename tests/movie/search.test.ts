/**
 * Running a search: the validation split (a part of the training points, never the test points),
 * successive halving's rounds (the best of each go on), the leaderboard's order, and the whole
 * animation the same, byte for byte, per seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plan, render } from '../../src/api.js';
import { drawData } from '../../src/data/simulate.js';
import type { ClassificationSimulator } from '../../src/data/source.js';
import { searchSizes, searchTrials, splitValidation, survivors, type Trial } from '../../src/movie/search-trials.js';
import { Standings } from '../../src/movie/standings.js';
import type { SearchPlan } from '../../src/plan/plan.js';
import { createRng } from '../../src/random.js';
import { newTimings } from '../../src/timings.js';
import { tempDir } from '../cli-helpers.js';

const search = (method: string, extra: Record<string, unknown> = {}) => ({
  seed: 5,
  data: { source: 'mixture', n: 120, test: 200 },
  search: {
    models: [
      { type: 'knn', k: [1, 30] },
      { type: 'tree', maxDepth: [1, 8] },
    ],
    method,
    trials: 9,
    eta: 3,
  },
  render: { width: 320, height: 240, grid: 40 },
  ...extra,
});

function trialsOf(p: SearchPlan): Trial[] {
  const simulation = drawData(p.data.simulator as ClassificationSimulator, p.data.entry, p.scenario.seed);
  return [
    ...searchTrials({
      configs: p.configs,
      rounds: p.rounds,
      eta: p.eta,
      data: splitValidation(simulation.train, p.validation),
      rng: createRng(p.scenario.seed).fork('search'),
      timings: newTimings(),
    }),
  ];
}

describe('the validation split', () => {
  it('splits the training points in two, the last share held out', () => {
    const simulation = drawData(
      (plan(search('random')) as SearchPlan).data.simulator as ClassificationSimulator,
      { source: 'mixture', n: 120, test: 200 },
      5,
    );
    const { fit, validation } = splitValidation(simulation.train, 0.25);
    expect([fit.n, validation.n]).toEqual([90, 30]);
    expect(Array.from(fit.X)).toEqual(Array.from(simulation.train.X.subarray(0, 180)));
    expect(Array.from(validation.X)).toEqual(Array.from(simulation.train.X.subarray(180)));
    expect(Array.from(validation.y)).toEqual(Array.from(simulation.train.y.subarray(90)));
  });

  it('never touches the test points: other test points change the test accuracy, not the search', async () => {
    const dir = tempDir();
    const finals = [];
    for (const [i, test] of [200, 0, 1000].entries()) {
      const s = search('random', { data: { source: 'mixture', n: 120, test } });
      finals.push((await render(s, { output: join(dir, `${i}.gif`) })).final as Record<string, unknown>);
    }
    const searched = ({ model, options, validation_accuracy, trials }: Record<string, unknown>) => ({
      model,
      options,
      validation_accuracy,
      trials,
    });
    expect(searched(finals[1])).toEqual(searched(finals[0]));
    expect(searched(finals[2])).toEqual(searched(finals[0]));
    expect(finals[1].test_accuracy).toBeNull();
    expect(finals[2].test_accuracy).not.toEqual(finals[0].test_accuracy);
  });
});

describe('successive halving', () => {
  const p = plan(search('halving')) as SearchPlan;
  const trials = trialsOf(p);

  it('trains each round the best of the round before, on a sample eta times larger', () => {
    expect(p.rounds).toEqual([9, 3, 1]);
    expect(trials.map((t) => t.round)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2]);
    const sizes = searchSizes({ rounds: p.rounds, eta: p.eta, data: splitValidation({ ...emptyTrain(120) }, 0.25) });
    expect(sizes).toEqual([10, 30, 90]);
    expect(trials.map((t) => t.n)).toEqual([...Array(9).fill(10), 30, 30, 30, 90]);
    for (const round of [1, 2]) {
      const before = trials.filter((t) => t.round === round - 1);
      const kept = survivors(
        before.map((t) => ({ config: t.config, score: t.validationAccuracy })),
        p.rounds[round],
      );
      expect(trials.filter((t) => t.round === round).map((t) => t.config)).toEqual(kept);
      // Each kept configuration scored at least as well as each one dropped.
      const worstKept = Math.min(...before.filter((t) => kept.includes(t.config)).map((t) => t.validationAccuracy));
      const bestDropped = Math.max(...before.filter((t) => !kept.includes(t.config)).map((t) => t.validationAccuracy));
      expect(worstKept).toBeGreaterThanOrEqual(bestDropped);
    }
  });

  it('breaks ties by the configuration drawn first', () => {
    const scored = [
      { config: 0, score: 0.5 },
      { config: 1, score: 0.9 },
      { config: 2, score: 0.7 },
      { config: 3, score: 0.9 },
      { config: 4, score: 0.7 },
    ];
    expect(survivors(scored, 2)).toEqual([1, 3]);
    expect(survivors(scored, 3)).toEqual([1, 2, 3]);
  });
});

function emptyTrain(n: number) {
  return { X: new Float64Array(2 * n), y: new Uint8Array(n).map((_, i) => i % 2), n, classes: 2 };
}

describe('the leaderboard', () => {
  const trial = (index: number, config: number, round: number, validationAccuracy: number): Trial =>
    ({ index, config, round, n: 10 * (round + 1), validationAccuracy }) as Trial;

  it('ranks by round, then validation accuracy, then the configuration drawn first; says when the newest leads', () => {
    const s = new Standings();
    expect(s.add(trial(0, 0, 0, 0.7))).toBe(true);
    expect(s.add(trial(1, 1, 0, 0.8))).toBe(true);
    expect(s.add(trial(2, 2, 0, 0.8))).toBe(false);
    expect(s.add(trial(3, 3, 0, 0.6))).toBe(false);
    expect(s.top(5).map((x) => x.config)).toEqual([1, 2, 0, 3]);
    // A later round ranks above every earlier one, whatever its score.
    expect(s.add(trial(4, 2, 1, 0.65))).toBe(true);
    expect(s.add(trial(5, 1, 1, 0.75))).toBe(true);
    expect(s.top(3).map((x) => [x.config, x.round])).toEqual([
      [1, 1],
      [2, 1],
      [0, 0],
    ]);
    expect(s.leader()?.trial).toBe(5);
  });
});

describe('the animation', () => {
  it('is the same, byte for byte, for a seed; a frame per training and one for the winner', async () => {
    const dir = tempDir();
    const a = await render(search('halving'), { output: join(dir, 'a.gif') });
    const b = await render(search('halving'), { output: join(dir, 'b.gif') });
    expect(readFileSync(join(dir, 'a.gif')).equals(readFileSync(join(dir, 'b.gif')))).toBe(true);
    expect(a.frames).toBe(9 + 3 + 1 + 1);
    expect(b.final).toMatchObject({ trials: 9, evaluations: 13 });
    await render({ ...search('halving'), seed: 6 }, { output: join(dir, 'c.gif') });
    expect(readFileSync(join(dir, 'c.gif')).equals(readFileSync(join(dir, 'a.gif')))).toBe(false);
  });
});
