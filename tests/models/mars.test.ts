/**
 * MARS: the knot of a hinge-shaped truth, interactions with degree 2, the logistic fit against
 * scikit-learn, and accuracy against a reference. R's earth is not available here, so the
 * accuracy reference is scikit-learn's unpenalised LogisticRegression on an additive
 * piecewise-linear spline basis (SplineTransformer, degree 1, 6 quantile knots per input), the
 * model class of a degree-1 MARS fit (see tests/fixtures/models-1-svm-mars/make.py).
 */
import { describe, expect, it } from 'vitest';
import { accuracy, type Dataset, type Series } from '../../src/dataset.js';
import { backward, gcv, termValue } from '../../src/models/algorithms/mars-passes.js';
import { type Mars, type MarsRegression, mars } from '../../src/models/mars.js';
import { createRng } from '../../src/random.js';
import { expected, loadCsv } from '../fixtures/models-1-svm-mars/load.js';
import { trainToEnd } from '../helpers.js';

function trained(data: Dataset, options: Record<string, unknown> = {}): Mars {
  const model = mars.classifier(mars.schema.parse(options), data.classes) as Mars;
  trainToEnd(model, data);
  return model;
}

/** n points, x ~ U(−2, xMax), y ~ U(−2, 2), class 1 with probability σ(logit(x, y)). */
function simulate(n: number, seed: number, logit: (x: number, y: number) => number, xMax = 4): Dataset {
  const rng = createRng(seed);
  const X = new Float64Array(2 * n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    X[2 * i] = -2 + (xMax + 2) * rng.uniform();
    X[2 * i + 1] = -2 + 4 * rng.uniform();
    y[i] = rng.uniform() < 1 / (1 + Math.exp(-logit(X[2 * i], X[2 * i + 1]))) ? 1 : 0;
  }
  return { X, y, n, classes: 2 };
}

describe('mars forward pass', () => {
  it('finds the knot of a hinge-shaped truth: logit = 3·max(0, x − 1)', () => {
    // The forward pass fits least squares to the 0/1 labels, i.e. on the probability scale: keep
    // x ≤ 2, where σ(3·max(0, x − 1)) is still close to a hinge (it saturates further right).
    const data = simulate(1000, 7, (x) => 3 * Math.max(0, x - 1), 2);
    const model = mars.classifier(mars.schema.parse({}), 2) as Mars;
    const generator = model.train(data, createRng(1));
    generator.next(); // term 1: the intercept
    generator.next(); // term 2: the first hinge
    const first = model.terms[1];
    expect(first).toHaveLength(1);
    expect(first[0].v).toBe(0);
    expect(Math.abs(first[0].knot - 1)).toBeLessThan(0.25);
    generator.return(undefined);
    // The pruned model keeps a hinge on x near 1.
    const final = trained(data);
    const knots = final.terms.flatMap((t) => t.filter((h) => h.v === 0).map((h) => h.knot));
    expect(knots.some((t) => Math.abs(t - 1) < 0.25)).toBe(true);
  });

  it('needs degree 2 for an interaction (XOR of the signs)', () => {
    const logit = (x: number, y: number) => (x > 1 === y > 0 ? 3 : -3);
    const train = simulate(600, 3, logit);
    const test = simulate(2000, 4, logit);
    const additive = accuracy(trained(train).predictProba(test.X), test);
    const interacting = trained(train, { degree: 2 });
    expect(additive).toBeLessThan(0.7);
    expect(accuracy(interacting.predictProba(test.X), test)).toBeGreaterThan(0.85);
    expect(interacting.terms.some((t) => t.length === 2)).toBe(true);
  });
});

describe('mars pruning', () => {
  it('yields each term added, then each term pruned, and predicts after every stage', () => {
    const data = loadCsv('moons-train.csv');
    const model = mars.classifier(mars.schema.parse({}), 2) as Mars;
    const labels: string[] = [];
    const probes = loadCsv('moons-test.csv').X.subarray(0, 200);
    for (const step of model.train(data, createRng(1))) {
      labels.push(step.label);
      const p = model.predictProba(probes);
      for (let i = 0; i < 100; i++) expect(p[2 * i] + p[2 * i + 1]).toBeCloseTo(1, 6);
    }
    expect(labels[0]).toBe('term 1');
    const forward = labels.filter((l) => l.startsWith('term '));
    forward.forEach((l, i) => {
      expect(l).toBe(`term ${i + 1}`);
    });
    const pruning = labels.slice(forward.length);
    expect(pruning.length).toBeGreaterThan(0);
    expect(pruning[pruning.length - 1]).toBe(`prune: ${model.terms.length} terms`);
    expect(model.terms.length).toBeLessThan(forward.length);
    expect(gcv(1, 100, 5, 2)).toBeCloseTo(1 / (100 * (1 - 9 / 100) ** 2), 12);
  });
});

/** Least-squares RSS of y on the given columns, by Gaussian elimination on the normal equations. */
function directRss(columns: Float64Array[], y: Float64Array): number {
  const p = columns.length;
  const A = columns.map((a) => [
    ...columns.map((b) => a.reduce((s, v, i) => s + v * b[i], 0)),
    a.reduce((s, v, i) => s + v * y[i], 0),
  ]);
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(A[r][c]) > Math.abs(A[pivot][c])) pivot = r;
    [A[c], A[pivot]] = [A[pivot], A[c]];
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= p; k++) A[r][k] -= f * A[c][k];
    }
  }
  const beta = A.map((row, c) => row[p] / row[c]);
  let rss = 0;
  for (let i = 0; i < y.length; i++) {
    let fit = 0;
    for (let j = 0; j < p; j++) fit += beta[j] * columns[j][i];
    rss += (y[i] - fit) ** 2;
  }
  return rss;
}

describe('mars backward pass', () => {
  it('drops, at each step, the term whose removal raises the RSS least (checked by brute force)', () => {
    const data = loadCsv('mixture-train.csv');
    const knots = [-0.5, 0.3, 1.1];
    const terms = [[], ...knots.flatMap((t) => [0, 1].map((v) => [{ v, knot: t, sign: 1 as const }]))];
    const columns = terms.map((term) =>
      Float64Array.from({ length: data.n }, (_, i) => termValue(term, data.X[2 * i], data.X[2 * i + 1])),
    );
    const y = Float64Array.from(data.y);
    const path = backward(columns, [y]);
    expect(path.map((s) => s.subset.length)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    for (let s = 0; s < path.length; s++) {
      expect(path[s].rss).toBeCloseTo(
        directRss(
          path[s].subset.map((j) => columns[j]),
          y,
        ),
        6,
      );
      if (s === 0) continue;
      const before = path[s - 1].subset;
      const rssWithout = before.slice(1).map((drop) =>
        directRss(
          before.filter((j) => j !== drop).map((j) => columns[j]),
          y,
        ),
      );
      expect(path[s].rss).toBeCloseTo(Math.min(...rssWithout), 6);
      expect(path[s].subset[0]).toBe(0);
    }
  });
});

describe('mars accuracy against the additive-spline logistic reference (400 train / 2000 test)', () => {
  it.each(['gaussians', 'mixture', 'moons', 'blobs3'])('%s: within 0.03', (name) => {
    const model = trained(loadCsv(`${name}-train.csv`));
    const test = loadCsv(`${name}-test.csv`);
    const ours = accuracy(model.predictProba(test.X), test);
    expect(Math.abs(ours - expected.mars[name].additive_spline_logistic_test_accuracy)).toBeLessThanOrEqual(0.03);
  });
});

describe('mars degenerate input', () => {
  it('handles 4 points (2 per class) and duplicated points', () => {
    const X = Float64Array.from([0, 0, 0.2, 0.1, 2, 2, 2.1, 1.8]);
    const tiny = { X, y: Uint8Array.from([0, 0, 1, 1]), n: 4, classes: 2 };
    const p = trained(tiny).predictProba(X);
    for (let i = 0; i < 4; i++) expect(p[2 * i] + p[2 * i + 1]).toBeCloseTo(1, 6);
    const dupX = new Float64Array(80);
    for (let i = 0; i < 40; i++) {
      dupX[2 * i] = i % 4;
      dupX[2 * i + 1] = i % 4 === 3 ? 1 : 0;
    }
    const dup = { X: dupX, y: Uint8Array.from({ length: 40 }, (_, i) => (i % 4 >= 2 ? 1 : 0)), n: 40, classes: 2 };
    const q = trained(dup).predictProba(dupX);
    for (const v of q) expect(Number.isFinite(v)).toBe(true);
    expect(accuracy(q, dup)).toBe(1);
  });

  it('gives a class absent from the training data probability 0', () => {
    const data = loadCsv('blobs3-train.csv');
    const keep = Array.from({ length: data.n }, (_, i) => i).filter((i) => data.y[i] !== 2);
    const X = Float64Array.from(keep.flatMap((i) => [data.X[2 * i], data.X[2 * i + 1]]));
    const sub = { X, y: Uint8Array.from(keep, (i) => data.y[i]), n: keep.length, classes: 3 };
    const p = trained(sub).predictProba(X);
    for (let i = 0; i < sub.n; i++) {
      expect(p[3 * i + 2]).toBe(0);
      expect(p[3 * i] + p[3 * i + 1]).toBeCloseTo(1, 6);
    }
  });
});

describe('mars regression', () => {
  /** y = 3·max(0, x − 1) + N(0, 0.1²), x ~ U(−2, 3). */
  function hinge(n: number, seed: number): Series {
    const rng = createRng(seed);
    const x = Float64Array.from({ length: n }, () => -2 + 5 * rng.uniform());
    return { x, y: x.map((v) => 3 * Math.max(0, v - 1) + 0.1 * rng.normal()), n };
  }

  it('finds the knot of a hinge-shaped truth and keeps little else', () => {
    const data = hinge(300, 1);
    const model = mars.regressor!(mars.schema.parse({})) as MarsRegression;
    trainToEnd(model, data);
    const first = model.terms.find((t) => t.length === 1 && t[0].sign === 1);
    expect(Math.abs(first![0].knot - 1)).toBeLessThan(0.1);
    expect(model.terms.length).toBeLessThanOrEqual(4);
    const x = Float64Array.of(-1.5, 0, 1, 2, 2.8);
    model.predict(x).forEach((v, i) => {
      expect(Math.abs(v - 3 * Math.max(0, x[i] - 1))).toBeLessThan(0.1);
    });
  });

  it('reports after each stage the RSS / n of the least-squares fit on its terms', () => {
    const data = hinge(120, 2);
    const model = mars.regressor!(mars.schema.parse({})) as MarsRegression;
    for (const step of model.train(data, createRng(1))) {
      const columns = model.terms.map((term) => data.x.map((v) => termValue(term, v, 0)));
      expect(step.loss! * data.n).toBeCloseTo(directRss(columns, data.y), 8);
      const fitted = model.predict(data.x);
      expect(fitted.reduce((s, v, i) => s + (v - data.y[i]) ** 2, 0)).toBeCloseTo(step.loss! * data.n, 8);
    }
  });

  it('says that degree 2 has nothing to multiply in 1-D', () => {
    const data = hinge(50, 3);
    const [one, two] = [1, 2].map((degree) => {
      const model = mars.regressor!(mars.schema.parse({ degree })) as MarsRegression;
      trainToEnd(model, data);
      return model;
    });
    expect(one.warnings()).toEqual([]);
    expect(two.warnings()).toEqual([
      'degree 2 has no two inputs to multiply in 1-D: it only raises the auto penalty to 3',
    ]);
  });
});
