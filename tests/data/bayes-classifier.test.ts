import { describe, expect, it } from 'vitest';
import { bayesAccuracy, bayesProba } from '../../src/data/bayes.js';
import { gaussians } from '../../src/data/gaussians.js';
import { mixture } from '../../src/data/mixture.js';
import { createRng } from '../../src/random.js';

const context = { baseDir: '.', rng: createRng(1) };

function moments(X: Float64Array, y: Uint8Array, c: number) {
  let n = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== c) continue;
    n++;
    mx += X[2 * i];
    my += X[2 * i + 1];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== c) continue;
    const dx = X[2 * i] - mx;
    const dy = X[2 * i + 1] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  return { n, mean: [mx, my], cov: [sxx / (n - 1), sxy / (n - 1), syy / (n - 1)] };
}

describe('gaussians', () => {
  it("samples Holbrook's defaults: means, covariances and a Binomial(n, 1/2) class split", () => {
    const sim = gaussians.create(gaussians.schema.parse({}), context);
    const data = sim.sample(40000, createRng(2));
    const m0 = moments(data.X, data.y, 0);
    const m1 = moments(data.X, data.y, 1);
    expect(Math.abs(m0.n / 40000 - 0.5)).toBeLessThan(0.01);
    for (const [got, want] of [
      [m0.mean, [0, 2]],
      [m1.mean, [2, 0]],
      [m0.cov, [1, 0.3, 1]],
      [m1.cov, [1, -0.3, 1]],
    ]) {
      for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i], 1);
    }
  });

  it('has the analytic Bayes line for equal covariances and equal priors', () => {
    // Σ = I, μ0 = (0, 0), μ1 = (2, 1): the boundary is the perpendicular bisector 2x + y = 2.5.
    const sim = gaussians.create(
      gaussians.schema.parse({
        means: [
          [0, 0],
          [2, 1],
        ],
        covs: [
          [
            [1, 0],
            [0, 1],
          ],
          [
            [1, 0],
            [0, 1],
          ],
        ],
      }),
      context,
    );
    for (const x of [-3, -1, 0, 0.7, 2, 4]) {
      const onLine = 2.5 - 2 * x;
      const p = bayesProba(sim, Float64Array.from([x, onLine, x, onLine + 0.01, x, onLine - 0.01]));
      expect(p[1]).toBeCloseTo(0.5, 6);
      expect(p[3]).toBeGreaterThan(0.5);
      expect(p[5]).toBeLessThan(0.5);
    }
  });

  it('moves the Bayes boundary with the priors', () => {
    const make = (priors?: number[]) => gaussians.create(gaussians.schema.parse({ priors }), context);
    // Posterior odds scale by the prior odds: here by 3.
    const point = Float64Array.from([1, 1]);
    const equal = bayesProba(make(), point)[1];
    const odds = (3 * equal) / (1 - equal);
    expect(bayesProba(make([1, 3]), point)[1]).toBeCloseTo(odds / (1 + odds), 6);
  });
});

describe('ESL mixture', () => {
  it('draws its component means from the seed, and its Bayes accuracy is about 0.79', () => {
    const opts = mixture.schema.parse({});
    const a = mixture.create(opts, { baseDir: '.', rng: createRng(1) });
    const b = mixture.create(opts, { baseDir: '.', rng: createRng(1) });
    const c = mixture.create(opts, { baseDir: '.', rng: createRng(2) });
    const sample = a.sample(10, createRng(5));
    expect(Array.from(b.sample(10, createRng(5)).X)).toEqual(Array.from(sample.X));
    expect(Array.from(c.sample(10, createRng(5)).X)).not.toEqual(Array.from(sample.X));
    // The Bayes error depends on the means drawn; ESL's is 0.21. Averaged over seeds:
    let total = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const sim = mixture.create(opts, { baseDir: '.', rng: createRng(seed) });
      total += bayesAccuracy(sim, sim.sample(5000, createRng(100 + seed)));
    }
    expect(total / 8).toBeGreaterThan(0.74);
    expect(total / 8).toBeLessThan(0.86);
  });

  it('has densities that integrate to 1', () => {
    const sim = mixture.create(mixture.schema.parse({}), context);
    let mass = 0;
    const h = 0.05;
    for (let x = -6; x < 7; x += h) for (let y = -6; y < 7; y += h) mass += Math.exp(sim.logDensity!(x, y, 0)) * h * h;
    expect(mass).toBeCloseTo(1, 3);
  });
});
