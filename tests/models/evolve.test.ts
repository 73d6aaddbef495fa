/** The evolve model: AutoML-Zero's search as a model whose stages are generations. */
import { describe, expect, it } from 'vitest';
import { accuracy } from '../../src/dataset.js';
import { evolve } from '../../src/models/evolve.js';
import type { Step } from '../../src/models/model.js';
import { createRng } from '../../src/random.js';
import { separatedGaussians, sineSeries, trainToEnd } from '../helpers.js';

const small = evolve.schema.parse({ evaluations: 20_000, population: 200 });

describe('evolve', () => {
  it('has one stage per generation, each carrying the best program so far', () => {
    const steps = trainToEnd(evolve.classifier(small, 2), separatedGaussians(100, 2, 3));
    expect(steps.length).toBe(100);
    expect(steps.every((s) => s.total === 100 && s.program !== undefined)).toBe(true);
    const best = steps.map((s) => s.program!.bestFitness);
    for (let i = 1; i < best.length; i++) expect(best[i]).toBeGreaterThanOrEqual(best[i - 1]);
    expect(steps.at(-1)!.program!.evaluations).toBe(20_000);
  });

  it('prints the program as the paper does, marking what the latest improvement changed', () => {
    const steps = trainToEnd(evolve.classifier(small, 2), separatedGaussians(100, 2, 3));
    const last = steps.at(-1)!.program!;
    const headers = last.lines.filter((l) => l.kind === 'header').map((l) => l.text);
    expect(headers.join(' ')).toMatch(/Setup.*Predict.*Learn/);
    expect(last.lines.some((l) => l.kind === 'live' && /^s1 = /.test(l.text.trim()))).toBe(true);
    // Only a live line can be marked changed; a stage whose best program is new marks some.
    const all = steps.flatMap((s) => s.program!.lines);
    expect(all.every((l) => !l.changed || l.kind === 'live')).toBe(true);
    expect(steps.some((s: Step) => s.program!.lines.some((l) => l.changed))).toBe(true);
  });

  it('keeps the marks until the next improvement, and the fitness so far in every view', () => {
    const steps = trainToEnd(evolve.classifier(small, 2), separatedGaussians(100, 2, 3));
    const views = steps.map((s) => s.program!);
    const marked = (i: number) => views[i].lines.map((l) => l.changed);
    for (let i = 1; i < views.length; i++) {
      expect(views[i].improved).toBe(views[i].bestFitness > views[i - 1].bestFitness);
      // A stage without a new best shows the same program, marked as the one before.
      if (!views[i].improved) expect(marked(i)).toEqual(marked(i - 1));
    }
    expect(views.some((v, i) => i > 0 && !v.improved && v.lines.some((l) => l.changed))).toBe(true);
    views.forEach((v, i) => {
      expect(v.history.count).toBe(i + 1);
      expect(v.history.best[i]).toBe(v.bestFitness);
      expect(v.history.median[i]).toBe(v.medianFitness);
      expect(v.history.evaluations[i]).toBe(v.evaluations);
      expect(v.budget).toBe(20_000);
    });
  });

  it('learns two separated classes, the same way for one seed', () => {
    const train = separatedGaussians(200, 2, 5);
    const test = separatedGaussians(200, 2, 6);
    const trainAndPredict = () => {
      const model = evolve.classifier(small, 2);
      trainToEnd(model, train, createRng(7));
      return model.predictProba(test.X);
    };
    const p = trainAndPredict();
    expect(Array.from(p)).toEqual(Array.from(trainAndPredict()));
    expect(accuracy(p, test)).toBeGreaterThan(0.9);
  });

  it('fits a regression on standardized data and predicts on the original scale', () => {
    const data = sineSeries(60, 4);
    const model = evolve.regressor!(small);
    trainToEnd(model, data);
    const yhat = model.predict(data.x.subarray(0, data.n));
    let mean = 0;
    for (let i = 0; i < data.n; i++) mean += data.y[i] / data.n;
    expect(yhat.every(Number.isFinite)).toBe(true);
    // Somewhere near the data, not near 0 in standardized units.
    const avg = yhat.reduce((a, b) => a + b, 0) / data.n;
    expect(Math.abs(avg - mean)).toBeLessThan(1);
  });

  it('is the program as it was scored: a fitness near 1 on a line sorted by x is a fit near exact', () => {
    // x evenly spaced and sorted, as the line source draws it; the scored run learns in a shuffled order.
    const n = 100;
    const x = Float64Array.from({ length: n }, (_, i) => -5 + (10 * i) / (n - 1));
    const y = x.map((v) => 2 * v + 20);
    const options = evolve.schema.parse({ ops: 'demo', setupSize: 3, predictSize: 2, learnSize: 5 });
    const model = evolve.regressor!(options);
    const steps = trainToEnd(model, { x, y, n }, createRng(1));
    const fitness = steps.at(-1)!.program!.bestFitness;
    expect(fitness).toBeGreaterThan(0.999);
    const yhat = model.predict(x);
    let squared = 0;
    for (let i = 0; i < n; i++) squared += (yhat[i] - y[i]) ** 2 / n;
    // 1 − (2/π)·atan(RMSE) > 0.999 on standardized y (sd ≈ 5.8) is an RMSE under 0.01.
    expect(Math.sqrt(squared)).toBeLessThan(0.1);
  });
});
