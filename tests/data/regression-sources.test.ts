/**
 * The regression sources draw what their options say — x on the range (evenly or uniformly),
 * y − E[y | x] Gaussian with sd σ(x) — and know their optimal expected loss, checked by Monte
 * Carlo; the function source's objectives have the gradients and stationary points they claim;
 * a CSV file with the header x,y is a regression, strictly read.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { csv } from '../../src/data/csv.js';
import { dataSources } from '../../src/data/index.js';
import { objectives } from '../../src/data/objectives.js';
import { noiseLoss, optimalLoss } from '../../src/data/optimal-loss.js';
import type { DataSourceSpec } from '../../src/data/source.js';
import { formatProblem, UserError } from '../../src/errors.js';
import { type RegressionLoss, regressionLoss } from '../../src/losses.js';
import { createRng } from '../../src/random.js';
import { validateScenario } from '../../src/scenario/load.js';
import { regressing } from '../helpers.js';

const N = 40_000;

function source(name: string): DataSourceSpec {
  const spec = dataSources.find((d) => d.source === name);
  if (!spec) throw new Error(`no source ${name}`);
  return spec;
}

function make(name: string, opts: Record<string, unknown> = {}) {
  const spec = source(name);
  return regressing(spec.create(spec.schema.parse(opts), { baseDir: '.', rng: createRng(1) }));
}

const REGRESSION = dataSources.filter((d) => d.tasks.length === 1 && d.tasks[0] === 'regression').map((d) => d.source);

describe('regression sources', () => {
  it('are line, polynomial, sine, step and heteroscedastic', () => {
    expect(REGRESSION).toEqual(['line', 'polynomial', 'sine', 'step', 'heteroscedastic']);
  });

  it.each(
    REGRESSION.flatMap((name) => [
      [name, 'even'],
      [name, 'random'],
    ]),
  )('%s, x %s: y − E[y | x] is N(0, σ(x)²), x on the range', (name, spacing) => {
    const sim = make(name, { spacing });
    const [a, b] = sim.domain;
    const d = sim.sample(N, createRng(7));
    let z1 = 0;
    let z2 = 0;
    let x1 = 0;
    let x2 = 0;
    for (let i = 0; i < d.n; i++) {
      expect(d.x[i]).toBeGreaterThanOrEqual(a);
      expect(d.x[i]).toBeLessThanOrEqual(b);
      const z = (d.y[i] - (sim.mean?.(d.x[i]) ?? Number.NaN)) / (sim.sd?.(d.x[i]) ?? Number.NaN);
      z1 += z;
      z2 += z * z;
      x1 += d.x[i];
      x2 += d.x[i] * d.x[i];
    }
    // Standardized residuals: mean 0 (se 1/√N), variance 1 (se √(2/N)).
    expect(Math.abs(z1 / N)).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(z2 / N - 1)).toBeLessThan(4 * Math.sqrt(2 / N));
    // x uniform on [a, b]: mean (a + b)/2, variance (b − a)²/12.
    const mean = x1 / N;
    expect(Math.abs(mean - (a + b) / 2)).toBeLessThan((4 * (b - a)) / Math.sqrt(12 * N));
    expect(x2 / N - mean * mean).toBeCloseTo((b - a) ** 2 / 12, 1);
    if (spacing === 'even') {
      expect(d.x[0]).toBe(a);
      expect(d.x[N - 1]).toBe(b);
      expect(d.x[1] - d.x[0]).toBeCloseTo((b - a) / (N - 1), 12);
    }
  });

  it("has Ma's line and Bishop's sine as defaults, with their sample sizes", () => {
    const line = make('line');
    expect(line.mean?.(1)).toBe(22);
    expect(line.sd?.(0)).toBe(1);
    expect(line.domain).toEqual([-5, 5]);
    const sine = make('sine');
    expect(sine.mean?.(0.25)).toBeCloseTo(1, 15);
    expect(sine.sd?.(0.5)).toBe(0.3);
    expect(Array.from(sine.sample(10, createRng(1)).x)).toEqual(Array.from({ length: 10 }, (_, i) => i / 9));
    const scenario = (data: Record<string, unknown>) => validateScenario({ data, model: { type: 'linear' } }).data;
    expect(scenario({ source: 'line' })).toMatchObject({ n: 100, test: 2000 });
    expect(scenario({ source: 'sine' })).toMatchObject({ n: 10 });
    expect(scenario({ source: 'polynomial' })).toMatchObject({ n: 400 });
  });

  it('step and heteroscedastic follow their options', () => {
    const step = make('step', { at: [0.5], levels: [-1, 3] });
    expect([step.mean?.(0.49), step.mean?.(0.5), step.mean?.(0.9)]).toEqual([-1, 3, 3]);
    const spread = make('heteroscedastic', { range: [0, 4], noise: [1, 3] });
    expect([spread.sd?.(0), spread.sd?.(2), spread.sd?.(4)]).toEqual([1, 2, 3]);
    const cubic = make('polynomial', { coefficients: [1, 0, -2, 0.5] });
    expect(cubic.mean?.(2)).toBe(1 - 8 + 4);
  });

  it('refuses steps that do not fit their range, each at its path', () => {
    const problems = (data: Record<string, unknown>) => {
      try {
        validateScenario({ data: { source: 'step', ...data }, model: { type: 'linear' } });
        return [];
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        return error.problems.map(formatProblem);
      }
    };
    expect(problems({ at: [0.2], levels: [0, 1, 2] })).toEqual([
      'data.levels: expected 2 levels (one more than the 1 jumps of at), got 3',
    ]);
    expect(problems({ at: [0.6, 0.4], levels: [0, 1, 2] })).toEqual([
      'data.at[1]: expected the jumps in increasing order, got 0.4 after 0.6',
    ]);
    expect(problems({ at: [2], levels: [0, 1] })).toEqual([
      'data.at[0]: expected a jump inside the range (0, 1), got 2',
    ]);
  });
});

describe('the optimal expected loss', () => {
  /** Monte Carlo of the loss of E[y | x] on fresh points, with its standard error. */
  function monteCarlo(name: string, loss: RegressionLoss, opts: Record<string, unknown> = {}) {
    const sim = make(name, { spacing: 'random', ...opts });
    const d = sim.sample(N, createRng(11));
    let s = 0;
    let ss = 0;
    for (let i = 0; i < d.n; i++) {
      const v = regressionLoss(loss, d.y[i] - (sim.mean?.(d.x[i]) ?? 0), 1.35);
      s += v;
      ss += v * v;
    }
    const mean = s / N;
    return { sim, mean, se: Math.sqrt((ss / N - mean * mean) / N) };
  }

  it.each(
    REGRESSION.flatMap((name) => (['squared', 'absolute', 'huber'] as const).map((loss) => [name, loss] as const)),
  )('%s, %s loss: the formula agrees with Monte Carlo', (name, loss) => {
    const { sim, mean, se } = monteCarlo(name, loss);
    const exact = optimalLoss(sim, loss, 1.35);
    expect(exact).not.toBeNull();
    expect(Math.abs((exact ?? 0) - mean)).toBeLessThan(4 * se);
  });

  it('is σ², σ√(2/π), and for huber the closed form through the normal distribution function', () => {
    expect(noiseLoss('squared', 0.3, 1)).toBeCloseTo(0.09, 15);
    expect(noiseLoss('absolute', 2, 1)).toBeCloseTo(2 * Math.sqrt(2 / Math.PI), 15);
    // E h_δ(ε), k = δ/σ: σ²(Φ(k) − 1/2 − kφ(k)) inside ±δ, 2δσφ(k) − δ²(1 − Φ(k)) outside.
    const phi = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
    // Φ by its series Φ(t) = 1/2 + φ(t) Σ t^(2j+1)/(1·3·…·(2j+1)), exact to rounding for |t| < 8.
    const Phi = (t: number) => {
      let term = t;
      let sum = t;
      for (let j = 1; j < 200; j++) {
        term *= (t * t) / (2 * j + 1);
        sum += term;
      }
      return 0.5 + phi(t) * sum;
    };
    for (const [sigma, delta] of [
      [1, 1.35],
      [0.3, 1],
      [2, 0.5],
      [5, 1.35],
    ]) {
      const k = delta / sigma;
      const inside = sigma * sigma * (Phi(k) - 0.5 - k * phi(k));
      const outside = 2 * delta * sigma * phi(k) - delta * delta * (1 - Phi(k));
      expect(Math.abs(noiseLoss('huber', sigma, delta) - (inside + outside))).toBeLessThan(1e-10 * (inside + outside));
    }
  });

  it('averages over x where σ depends on it, and is unknown for a file', () => {
    const sim = make('heteroscedastic', { range: [0, 1], noise: [0, 1] });
    // E over x ~ U[0, 1] of σ(x)² = x²: 1/3; of σ(x)·√(2/π): √(2/π)/2.
    expect(optimalLoss(sim, 'squared')).toBeCloseTo(1 / 3, 12);
    expect(optimalLoss(sim, 'absolute')).toBeCloseTo(Math.sqrt(2 / Math.PI) / 2, 12);
    const dir = fileURLToPath(new URL('../fixtures/csv/', import.meta.url));
    const file = regressing(csv.create(csv.schema.parse({ path: 'series.csv' }), { baseDir: dir, rng: createRng(1) }));
    expect(optimalLoss(file, 'squared')).toBeNull();
  });
});

describe('the function source', () => {
  const h = 1e-6;
  it.each(Object.entries(objectives))('%s: its gradient is its derivative; its stationary points are', (_name, f) => {
    const rng = createRng(3);
    const [[x0, x1], [y0, y1]] = f.window;
    for (let i = 0; i < 20; i++) {
      const x = x0 + (x1 - x0) * rng.uniform();
      const y = y0 + (y1 - y0) * rng.uniform();
      const [gx, gy] = f.gradient(x, y);
      const scale = 1 + Math.abs(gx) + Math.abs(gy);
      expect(Math.abs(gx - (f.value(x + h, y) - f.value(x - h, y)) / (2 * h))).toBeLessThan(1e-5 * scale);
      expect(Math.abs(gy - (f.value(x, y + h) - f.value(x, y - h)) / (2 * h))).toBeLessThan(1e-5 * scale);
    }
    const hessian = (x: number, y: number) => {
      const dx = (a: number, b: number) => f.gradient(a, b);
      const [a, b] = [dx(x + h, y), dx(x - h, y)];
      const [c, d] = [dx(x, y + h), dx(x, y - h)];
      return [(a[0] - b[0]) / (2 * h), (c[1] - d[1]) / (2 * h), (a[1] - b[1]) / (2 * h)];
    };
    for (const [x, y] of [...f.minima, ...f.saddles]) {
      const [gx, gy] = f.gradient(x, y);
      expect(Math.hypot(gx, gy)).toBeLessThan(1e-9);
    }
    for (const [x, y] of f.minima) {
      const [fxx, fyy, fxy] = hessian(x, y);
      expect(fxx > 0 && fxx * fyy - fxy * fxy > 0).toBe(true);
    }
    for (const [x, y] of f.saddles) {
      const [fxx, fyy, fxy] = hessian(x, y);
      expect(fxx * fyy - fxy * fxy).toBeLessThan(0);
    }
  });

  it("goldfield is Ma's 2x² − 4xy + y⁴ + 2", () => {
    const f = objectives.goldfield;
    expect(f.value(1, 1)).toBe(1);
    expect(f.value(-1, -1)).toBe(1);
    expect(f.value(0, 0)).toBe(2);
    expect(f.value(2, -1)).toBe(8 + 8 + 1 + 2);
  });

  it('is named in the data entry, has no points, and refuses n', () => {
    const scenario = validateScenario({
      data: { source: 'function', function: 'rosenbrock' },
      model: { type: 'linear' },
    });
    expect(scenario.data).toEqual({ source: 'function', function: 'rosenbrock', n: 0, test: 0 });
    expect(() => validateScenario({ data: { source: 'function', n: 50 }, model: { type: 'linear' } })).toThrow(
      /data\.n: unknown option "n"; expected one of: source, function/,
    );
  });
});

describe('a CSV file with the header x,y', () => {
  const baseDir = fileURLToPath(new URL('../fixtures/csv/', import.meta.url));
  const open = (path: string, testPath?: string) =>
    csv.create(csv.schema.parse({ path, testPath }), { baseDir, rng: createRng(1) });

  /** The UserError that opening throws. */
  function refusal(path: string, testPath?: string): UserError {
    try {
      open(path, testPath);
    } catch (error) {
      if (error instanceof UserError) return error;
      throw error;
    }
    throw new Error('expected a UserError');
  }

  it('is a regression: points (x, y) in any column order, its test file beside it, no true function', () => {
    const sim = regressing(open('series.csv', 'series-test.csv'));
    const d = sim.sample(999, createRng(1));
    expect(Array.from(d.x)).toEqual([1, 2, 3.5]);
    expect(Array.from(d.y)).toEqual([2.5, 4, 7.25]);
    expect(sim.domain).toEqual([1, 3.5]);
    expect(sim.mean).toBeUndefined();
    expect(sim.sample(0, createRng(1), 'test').n).toBe(2);
    expect(sim.fromFile).toBe(true);
  });

  it.each([
    ['series-text.csv', undefined, 'series-text.csv:4', /y = "four" is not a number/],
    ['series-one.csv', undefined, 'series-one.csv:2', /one point after the header; expected at least two points/],
    ['series-ragged.csv', undefined, 'series-ragged.csv:2', /expected 2 fields \(x,y\), got 3/],
    ['series.csv', 'train.csv', 'train.csv:1', /the header is x,y,label but the training file's is x,y/],
  ])('%s (test %s): a UserError at %s', (path, testPath, where, message) => {
    const error = refusal(path, testPath);
    expect(error.problems[0].path).toBe(where);
    expect(error.message).toMatch(message);
  });
});
