/**
 * `search:` in the plan: what it refuses (each refusal watched failing with its guard removed),
 * the configurations it draws (inside the ranges, the same per seed), and successive halving's
 * schedule.
 */
import { describe, expect, it } from 'vitest';
import { plan, validate } from '../../src/api.js';
import { formatProblem } from '../../src/errors.js';
import type { SearchPlan } from '../../src/plan/plan.js';
import { roundSizes, searchRounds } from '../../src/plan/search.js';

const problems = (scenario: Record<string, unknown>) => validate(scenario).problems.map(formatProblem);

const MODELS = [
  { type: 'svm', C: [0.01, 100, 'log'], gamma: [0.01, 10, 'log'] },
  { type: 'knn', k: [1, 50] },
  { type: 'forest', trees: [10, 200] },
];
const scenario = (search: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  data: { source: 'mixture', n: 200, test: 100 },
  search: { models: MODELS, ...search },
  ...extra,
});

describe('search: what the plan refuses', () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      'an unknown model type',
      scenario({ models: [{ type: 'svn' }] }),
      'search.models[0].type: expected type to be one of logistic, linear, lda, qda, naive-bayes, knn, mlp, svm, mars, tree, forest, boosting, evolve (did you mean "svm"?), received "svn"',
    ],
    [
      'an unknown option',
      scenario({ models: [{ type: 'knn', kk: [1, 5] }] }),
      'search.models[0].kk: unknown option "kk" (did you mean "k"?); expected one of: k, weights',
    ],
    [
      'a range end the option does not take',
      scenario({ models: [{ type: 'knn', k: [0, 5] }] }),
      'search.models[0].k[0]: k = 0 is not allowed: must be at least 1, got 0',
    ],
    [
      'a range upside down',
      scenario({ models: [{ type: 'knn', k: [20, 5] }] }),
      'search.models[0].k: expected [lo, hi] with lo < hi, got [20, 5]',
    ],
    [
      'a log range through zero',
      scenario({ models: [{ type: 'svm', coef0: [0, 1, 'log'] }] }),
      'search.models[0].coef0: a log range needs lo > 0, got 0',
    ],
    [
      'a range of three numbers',
      scenario({ models: [{ type: 'knn', k: [1, 5, 9] }] }),
      'search.models[0].k: expected a value, a range [lo, hi] or a log range [lo, hi, log]',
    ],
    [
      'a choice the option does not take',
      scenario({ models: [{ type: 'svm', kernel: ['rbf', 'sigmoid'] }] }),
      'search.models[0].kernel[1]: expected rbf | linear | poly, got "sigmoid"',
    ],
    ['more trials than the limit', scenario({ trials: 201 }), 'search.trials: must be at most 200, got 201'],
    [
      'search beside model',
      scenario({}, { model: { type: 'knn' } }),
      'search: give search in place of model, not both',
    ],
    [
      'search beside compare',
      scenario({}, { compare: [{ type: 'knn' }] }),
      'search: give search in place of compare, not both',
    ],
    [
      'a search by epochs',
      scenario({}, { animate: { by: 'epochs' } }),
      'animate.by: a search animates one trial per frame (by: search or auto), not by epochs',
    ],
    [
      'by: search without a search',
      { model: { type: 'knn' }, animate: { by: 'search' } },
      'search: animate.by: search needs search: { models, method, trials }',
    ],
    [
      'regression data',
      { data: { source: 'sine' }, search: { models: [{ type: 'knn', k: [1, 9] }] } },
      'search: a search scores classifiers by their validation accuracy; data.source sine poses a regression task: search works on classification data',
    ],
    [
      'too few points to hold some out',
      { data: { source: 'mixture', n: 12 }, search: { models: [{ type: 'knn' }] } },
      'data.n: a search holds out 3 of the 12 training points to score configurations and fits on 9; it needs at least 5 and 10: raise data.n (or search.validation)',
    ],
    [
      'a frame too small for two maps',
      scenario({}, { render: { width: 240, height: 200 } }),
      "render: a search's frame (the best map, the trial's beside it, the leaderboard) in 240 × 200 px leaves a map under 48 px",
    ],
    [
      'a configuration over the work budget',
      scenario({ models: [{ type: 'forest', trees: [5000, 10000] }], trials: 200 }),
      'this render would take about',
    ],
  ])('%s', (_what, s, message) => {
    const found = problems(s);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].slice(0, message.length)).toBe(message);
  });
});

describe('search: the configurations drawn', () => {
  const planned = plan(scenario({ trials: 60 }), { output: '/tmp/x.gif' }) as SearchPlan;

  it('stay inside their ranges, integers where the option is, and fill the other options with defaults', () => {
    expect(planned.kind).toBe('search');
    expect(planned.configs).toHaveLength(60);
    for (const { model, drawn } of planned.configs) {
      const o = model.options;
      if (model.spec.type === 'svm') {
        expect(o.C as number).toBeGreaterThanOrEqual(0.01);
        expect(o.C as number).toBeLessThanOrEqual(100);
        expect(o.gamma as number).toBeGreaterThanOrEqual(0.01);
        expect(o.kernel).toBe('rbf');
        expect(drawn.map(([n]) => n)).toEqual(['C', 'gamma']);
      } else if (model.spec.type === 'knn') {
        expect(Number.isInteger(o.k)).toBe(true);
        expect(o.k as number).toBeGreaterThanOrEqual(1);
        expect(o.k as number).toBeLessThanOrEqual(50);
      } else {
        expect(model.spec.type).toBe('forest');
        expect(Number.isInteger(o.trees)).toBe(true);
      }
    }
    // Every model type is drawn; C on a log scale puts about half the draws below 1.
    expect(new Set(planned.configs.map((c) => c.model.spec.type)).size).toBe(3);
    const cs = planned.configs.filter((c) => c.model.spec.type === 'svm').map((c) => c.model.options.C as number);
    expect(cs.some((c) => c < 1) && cs.some((c) => c > 1)).toBe(true);
  });

  it('are the same for a seed, and differ for another', () => {
    const again = plan(scenario({ trials: 60 }), { output: '/tmp/x.gif' }) as SearchPlan;
    const other = plan({ ...scenario({ trials: 60 }), seed: 2 }, { output: '/tmp/x.gif' }) as SearchPlan;
    const options = (p: SearchPlan) => p.configs.map((c) => [c.model.spec.type, c.model.options]);
    expect(options(again)).toEqual(options(planned));
    expect(options(other)).not.toEqual(options(planned));
  });

  it('take a list of choices for an option that is not a number, and a list that is one value as fixed', () => {
    const p = plan(
      {
        data: { source: 'mixture', n: 100 },
        search: {
          models: [
            { type: 'svm', kernel: ['rbf', 'linear'] },
            { type: 'mlp', hidden: [4, 4], epochs: 5 },
          ],
          trials: 30,
        },
      },
      { output: '/tmp/x.gif' },
    ) as SearchPlan;
    const kernels = new Set(p.configs.filter((c) => c.model.spec.type === 'svm').map((c) => c.model.options.kernel));
    expect(kernels).toEqual(new Set(['rbf', 'linear']));
    for (const c of p.configs.filter((c) => c.model.spec.type === 'mlp')) {
      expect(c.model.options.hidden).toEqual([4, 4]);
      expect(c.drawn).toEqual([]);
    }
  });
});

describe('successive halving: the schedule', () => {
  it('keeps the best ⌈k/eta⌉ of k until one remains; random search is one round', () => {
    expect(searchRounds('halving', 40, 2)).toEqual([40, 20, 10, 5, 3, 2, 1]);
    expect(searchRounds('halving', 27, 3)).toEqual([27, 9, 3, 1]);
    expect(searchRounds('halving', 1, 2)).toEqual([1]);
    expect(searchRounds('random', 40, 2)).toEqual([40]);
  });

  it('grows the sample eta-fold each round, to all the fitting points in the last, never below the smallest', () => {
    expect(roundSizes(300, 4, 3, 10)).toEqual([11, 33, 100, 300]);
    expect(roundSizes(300, 7, 2, 10)).toEqual([10, 10, 19, 38, 75, 150, 300]);
    expect(roundSizes(8, 3, 2, 10)).toEqual([8, 8, 8]);
  });

  it('is the plan of a halving search', () => {
    const p = plan(scenario({ method: 'halving', trials: 27, eta: 3 }), { output: '/tmp/x.gif' }) as SearchPlan;
    expect(p.rounds).toEqual([27, 9, 3, 1]);
  });
});
