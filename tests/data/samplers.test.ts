/**
 * Every sampler draws what its options say: class proportions follow the priors (Multinomial),
 * and each class's centre and spread match the distribution's moments. Fixed seeds, n = 20,000,
 * tolerances of about four standard errors.
 */
import { describe, expect, it } from 'vitest';
import { blobs } from '../../src/data/blobs.js';
import { circleMeans } from '../../src/data/circle-means.js';
import { circles } from '../../src/data/circles.js';
import { gaussians } from '../../src/data/gaussians.js';
import { dataSources } from '../../src/data/index.js';
import { mixture } from '../../src/data/mixture.js';
import { moons } from '../../src/data/moons.js';
import type { DataSourceSpec, ClassificationSimulator as Simulator } from '../../src/data/source.js';
import { spirals } from '../../src/data/spirals.js';
import { xor } from '../../src/data/xor.js';
import { classCounts, type Dataset } from '../../src/dataset.js';
import { formatProblem, UserError } from '../../src/errors.js';
import { createRng } from '../../src/random.js';
import { validateScenario } from '../../src/scenario/load.js';
import { classifying } from '../helpers.js';

const N = 20_000;

/** The problems validating a scenario (with a model added) finds, formatted. */
function problemsOf(scenario: Record<string, unknown>): string[] {
  try {
    validateScenario(scenario.compare ? scenario : { model: { type: 'knn' }, ...scenario });
    return [];
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return error.problems.map(formatProblem);
  }
}

function make(spec: DataSourceSpec, opts: Record<string, unknown> = {}, seed = 1): Simulator {
  return classifying(spec.create(spec.schema.parse(opts), { baseDir: '.', rng: createRng(seed).fork('data') }));
}

/** Per class: mean, covariance, and mean squared distance to a point. */
function moments(d: Dataset, c: number, about: readonly [number, number] = [0, 0]) {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  let r2 = 0;
  for (let i = 0; i < d.n; i++) {
    if (d.y[i] !== c) continue;
    const x = d.X[2 * i];
    const y = d.X[2 * i + 1];
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
    r2 += (x - about[0]) ** 2 + (y - about[1]) ** 2;
  }
  const mx = sx / n;
  const my = sy / n;
  return { n, mean: [mx, my], cov: [sxx / n - mx * mx, sxy / n - mx * my, syy / n - my * my], r2: r2 / n };
}

function expectProportions(d: Dataset, priors: number[]) {
  const counts = classCounts(d);
  expect(counts.length).toBe(priors.length);
  priors.forEach((p, c) => {
    const sd = Math.sqrt(d.n * p * (1 - p));
    expect(Math.abs(counts[c] - d.n * p)).toBeLessThan(4 * sd);
  });
}

describe('class proportions follow the priors', () => {
  const cases: [string, Record<string, unknown>, number[]][] = [
    ['gaussians', { priors: [1, 3] }, [0.25, 0.75]],
    ['gaussians', { classes: 3, priors: [2, 1, 1] }, [0.5, 0.25, 0.25]],
    ['mixture', { priors: [3, 1] }, [0.75, 0.25]],
    ['mixture', { classes: 4 }, [0.25, 0.25, 0.25, 0.25]],
    ['blobs', { classes: 4, priors: [1, 2, 3, 4] }, [0.1, 0.2, 0.3, 0.4]],
    ['xor', { priors: [1, 4] }, [0.2, 0.8]],
    ['moons', { priors: [2, 3] }, [0.4, 0.6]],
    ['circles', {}, [0.5, 0.5]],
    ['spirals', { classes: 3, priors: [1, 1, 2] }, [0.25, 0.25, 0.5]],
  ];
  it.each(cases)('%s %j', (source, opts, priors) => {
    const spec = dataSources.find((d) => d.source === source)!;
    const sim = make(spec, opts);
    expect(sim.priors).toEqual(priors.map((p) => expect.closeTo(p, 12)));
    const d = sim.sample(N, createRng(7));
    expect(d.n).toBe(N);
    expect(d.classes).toBe(priors.length);
    expectProportions(d, priors);
  });

  it.each(['moons', 'circles', 'xor'])(
    '%s takes classes: 2 (it always has two), and refuses another count',
    (source) => {
      expect(problemsOf({ data: { source, classes: 2 } })).toEqual([]);
      expect(problemsOf({ data: { source, classes: 3 } })).toEqual(['data.classes: expected 2, got 3']);
    },
  );

  it('rejects priors of the wrong length, at data.priors and at rows[i].priors', () => {
    expect(problemsOf({ data: { source: 'blobs', classes: 3, priors: [1, 2] } })).toEqual([
      'data.priors: expected 3 class priors (one per class), got 2',
    ]);
    expect(
      problemsOf({
        rows: [{ source: 'moons' }, { source: 'blobs', classes: 3, priors: [1, 2] }],
        compare: [{ type: 'knn' }],
      }),
    ).toEqual(['rows[1].priors: expected 3 class priors (one per class), got 2']);
  });
});

describe('spread and centres match the options', () => {
  it("gaussians: Holbrook's defaults for two classes", () => {
    const d = make(gaussians).sample(N, createRng(3));
    const m0 = moments(d, 0);
    const m1 = moments(d, 1);
    const se = 4 / Math.sqrt(N / 2);
    expect(Math.abs(m0.mean[0] - 0)).toBeLessThan(se);
    expect(Math.abs(m0.mean[1] - 2)).toBeLessThan(se);
    expect(Math.abs(m1.mean[0] - 2)).toBeLessThan(se);
    expect(Math.abs(m1.mean[1] - 0)).toBeLessThan(se);
    for (const [m, b] of [
      [m0, 0.3],
      [m1, -0.3],
    ] as const) {
      expect(Math.abs(m.cov[0] - 1)).toBeLessThan(0.06);
      expect(Math.abs(m.cov[1] - b)).toBeLessThan(0.05);
      expect(Math.abs(m.cov[2] - 1)).toBeLessThan(0.06);
    }
  });

  it("gaussians: the two-class default is Holbrook's, same draws as given explicitly", () => {
    const explicit = {
      means: [
        [0, 2],
        [2, 0],
      ],
      covs: [
        [
          [1, 0.3],
          [0.3, 1],
        ],
        [
          [1, -0.3],
          [-0.3, 1],
        ],
      ],
    };
    for (const opts of [{}, { classes: 2 }]) {
      const a = make(gaussians, opts).sample(500, createRng(5));
      const b = make(gaussians, explicit).sample(500, createRng(5));
      expect(Array.from(a.X)).toEqual(Array.from(b.X));
      expect(Array.from(a.y)).toEqual(Array.from(b.y));
    }
  });

  it('gaussians: K means on a circle through (0,2) and (2,0), identity covariances', () => {
    expect(circleMeans(2, [1, 1], 2 * Math.SQRT2).flat()).toEqual([0, 2, 2, 0].map((v) => expect.closeTo(v, 12)));
    const means = circleMeans(5, [1, 1], 2 * Math.SQRT2);
    for (let c = 0; c < 5; c++) {
      const [a, b] = [means[c], means[(c + 1) % 5]];
      expect(Math.hypot(a[0] - b[0], a[1] - b[1])).toBeCloseTo(2 * Math.SQRT2, 12);
    }
    const d = make(gaussians, { classes: 5 }).sample(N, createRng(4));
    for (let c = 0; c < 5; c++) {
      const m = moments(d, c);
      expect(Math.abs(m.mean[0] - means[c][0])).toBeLessThan(4 / Math.sqrt(N / 5));
      expect(Math.abs(m.mean[1] - means[c][1])).toBeLessThan(4 / Math.sqrt(N / 5));
      expect(Math.abs(m.cov[0] - 1)).toBeLessThan(0.08);
      expect(Math.abs(m.cov[1])).toBeLessThan(0.06);
      expect(Math.abs(m.cov[2] - 1)).toBeLessThan(0.08);
    }
  });

  it('gaussians: the class count must agree with the means and covariances, each problem at its path', () => {
    const I = [
      [1, 0],
      [0, 1],
    ];
    expect(
      problemsOf({
        data: {
          classes: 3,
          means: [
            [0, 0],
            [1, 1],
          ],
        },
      }),
    ).toEqual(['data.classes: expected 2 classes (one per mean), got classes: 3']);
    expect(problemsOf({ data: { classes: 3, covs: [I, I] } })).toEqual([
      'data.covs: expected 3 covariance matrices (one per class), got 2',
    ]);
    expect(
      problemsOf({
        rows: [
          {},
          {
            covs: [
              I,
              [
                [1, 2],
                [2, 1],
              ],
            ],
          },
        ],
        compare: [{ type: 'knn' }],
      }),
    ).toEqual([
      'rows[1].covs[1]: expected a positive-definite covariance matrix (variances > 0, determinant > 0), got [[1, 2], [2, 1]]',
    ]);
  });

  it('mixture: the two-class default is ESL’s (centres (0,1), (1,0)), same draws as given explicitly', () => {
    const a = make(mixture).sample(500, createRng(5));
    const b = make(mixture, {
      centers: [
        [0, 1],
        [1, 0],
      ],
    }).sample(500, createRng(5));
    expect(Array.from(a.X)).toEqual(Array.from(b.X));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
  });

  it('mixture: each component is N(mean, spread·I)', () => {
    // One component per class: a class is exactly one Gaussian of covariance spread·I.
    const d = make(mixture, { components: 1, spread: 0.5, classes: 3 }).sample(N, createRng(6));
    for (let c = 0; c < 3; c++) {
      const m = moments(d, c);
      expect(Math.abs(m.cov[0] - 0.5)).toBeLessThan(0.04);
      expect(Math.abs(m.cov[1])).toBeLessThan(0.03);
      expect(Math.abs(m.cov[2] - 0.5)).toBeLessThan(0.04);
    }
  });

  it('mixture: the component means scatter around the centres with unit variance', () => {
    // Over many seeds, class 0's mean minus its centre (0,1) is the average of 10 N(0, I) draws.
    let sum = 0;
    let sum2 = 0;
    const seeds = 200;
    for (let s = 0; s < seeds; s++) {
      const m = moments(make(mixture, {}, s).sample(2000, createRng(s)), 0, [0, 1]);
      const dx = m.mean[0];
      sum += dx;
      sum2 += dx * dx;
    }
    expect(Math.abs(sum / seeds)).toBeLessThan(4 * Math.sqrt(0.1 / seeds));
    expect(sum2 / seeds).toBeGreaterThan(0.06);
    expect(sum2 / seeds).toBeLessThan(0.15);
  });

  it('blobs: centres on a circle of the given radius, variance = spread', () => {
    const d = make(blobs, { classes: 4, radius: 3, spread: 0.25 }).sample(N, createRng(8));
    const tops = [
      [0, 3],
      [-3, 0],
      [0, -3],
      [3, 0],
    ];
    for (let c = 0; c < 4; c++) {
      const m = moments(d, c);
      expect(Math.abs(m.mean[0] - tops[c][0])).toBeLessThan(0.03);
      expect(Math.abs(m.mean[1] - tops[c][1])).toBeLessThan(0.03);
      expect(Math.abs(m.cov[0] - 0.25)).toBeLessThan(0.02);
      expect(Math.abs(m.cov[2] - 0.25)).toBeLessThan(0.02);
    }
  });

  it('xor: class 0 where x·y > 0, second moments offset² + noise²', () => {
    const d = make(xor, { offset: 2, noise: 0.5 }).sample(N, createRng(9));
    for (const [c, sign] of [
      [0, 1],
      [1, -1],
    ]) {
      const m = moments(d, c);
      expect(Math.abs(m.mean[0])).toBeLessThan(0.06);
      expect(Math.abs(m.mean[1])).toBeLessThan(0.06);
      expect(Math.abs(m.cov[0] - 4.25)).toBeLessThan(0.12);
      expect(Math.abs(m.cov[2] - 4.25)).toBeLessThan(0.12);
      expect(Math.abs(m.cov[1] - sign * 4)).toBeLessThan(0.12);
    }
  });

  it('moons: scikit-learn’s arcs, radius² 1 + 2·noise² about their centres', () => {
    const noise = 0.15;
    const d = make(moons, { noise }).sample(N, createRng(10));
    const upper = moments(d, 0, [0, 0]);
    const lower = moments(d, 1, [1, 0.5]);
    const twoOverPi = 2 / Math.PI;
    expect(upper.mean[0]).toBeCloseTo(0, 1);
    expect(Math.abs(upper.mean[1] - twoOverPi)).toBeLessThan(0.015);
    expect(Math.abs(lower.mean[0] - 1)).toBeLessThan(0.03);
    expect(Math.abs(lower.mean[1] - (0.5 - twoOverPi))).toBeLessThan(0.015);
    for (const m of [upper, lower]) expect(Math.abs(m.r2 - (1 + 2 * noise * noise))).toBeLessThan(0.02);
  });

  it('circles: radius² radius² + 2·noise², centred on the origin', () => {
    const noise = 0.2;
    const d = make(circles, { noise, factor: 0.3 }).sample(N, createRng(11));
    const outer = moments(d, 0);
    const inner = moments(d, 1);
    expect(Math.abs(outer.r2 - (1 + 2 * noise * noise))).toBeLessThan(0.02);
    expect(Math.abs(inner.r2 - (0.09 + 2 * noise * noise))).toBeLessThan(0.01);
    for (const m of [outer, inner]) for (const v of m.mean) expect(Math.abs(v)).toBeLessThan(0.03);
  });

  it('spirals: radius 5s with s uniform, arms a 1/K turn apart', () => {
    const noise = 0.1;
    const d = make(spirals, { classes: 3, noise, turns: 1 }).sample(N, createRng(12));
    for (let c = 0; c < 3; c++) expect(Math.abs(moments(d, c).r2 - (25 / 3 + 2 * noise * noise))).toBeLessThan(0.25);
    // With one turn, a point at radius r lies at angle 2π·r/5 + 2πc/3 (clockwise from +y).
    for (let c = 0; c < 3; c++) {
      let off = 0;
      let count = 0;
      for (let i = 0; i < d.n; i++) {
        if (d.y[i] !== c) continue;
        const x = d.X[2 * i];
        const y = d.X[2 * i + 1];
        const r = Math.hypot(x, y);
        if (r < 1) continue;
        const expected = (2 * Math.PI * r) / 5 + (2 * Math.PI * c) / 3;
        off += Math.cos(Math.atan2(x, y) - expected);
        count++;
      }
      expect(off / count).toBeGreaterThan(0.98);
    }
  });

  it('noise 0 puts points on the curves and drops the densities', () => {
    const sim = make(circles, { noise: 0 });
    expect(sim.logDensity).toBeUndefined();
    const d = sim.sample(100, createRng(1));
    for (let i = 0; i < d.n; i++) {
      expect(Math.hypot(d.X[2 * i], d.X[2 * i + 1])).toBeCloseTo(d.y[i] === 0 ? 1 : 0.5, 12);
    }
    expect(() => moons.schema.parse({ noise: 0.001 })).toThrow(/at least 0.01/);
  });
});

describe('spreads too small to have a covariance', () => {
  it.each([
    ['mixture', 'spread', 5e-324],
    ['blobs', 'spread', 1e-200],
    ['xor', 'noise', 1e-100],
  ])('%s with %s = %d is refused as input, not an internal error', (source, option, value) => {
    expect(problemsOf({ data: { source, [option]: value } })).toEqual([
      expect.stringMatching(new RegExp(`^data\\.${option}: must be at least`)),
    ]);
  });
});
