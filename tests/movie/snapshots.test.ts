import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gaussians } from '../../src/data/gaussians.js';
import { type Grid, gridPoints } from '../../src/grid.js';
import { logistic } from '../../src/models/logistic.js';
import type { Classifier, ModelSpec } from '../../src/models/model.js';
import { chooseStages, sampleSizes, snapshots } from '../../src/movie/snapshots.js';
import { createRng } from '../../src/random.js';
import { validateScenario } from '../../src/scenario/load.js';
import { newTimings } from '../../src/timings.js';

describe('frame selection', () => {
  it('chooses strictly increasing stages ending at the last, linear or log', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        (total, frames, log) => {
          const stages = chooseStages(total, frames, log ? 'log' : 'linear');
          expect(stages).toHaveLength(Math.min(total, frames));
          expect(stages[stages.length - 1]).toBe(total);
          expect(stages[0]).toBeGreaterThanOrEqual(1);
          for (let i = 1; i < stages.length; i++) expect(stages[i]).toBeGreaterThan(stages[i - 1]);
        },
      ),
    );
    expect(chooseStages(100, 5, 'linear')).toEqual([1, 26, 51, 75, 100]);
    expect(chooseStages(1000, 4, 'log')).toEqual([1, 10, 100, 1000]);
  });

  it('grows the sample from the first prefix with two points of each class to n', () => {
    const sim = gaussians.create(gaussians.schema.parse({}), { baseDir: '.', rng: createRng(1) });
    const train = sim.sample(400, createRng(2));
    const sizes = sampleSizes(train, 60, 10);
    expect(sizes).toHaveLength(60);
    expect(sizes[0]).toBe(10);
    expect(sizes[59]).toBe(400);
    // Early frames must hold both classes even when the data start with one class.
    const sorted = { ...train, y: Uint8Array.from([...train.y].sort()) };
    const first = sampleSizes(sorted, 10, 2)[0];
    expect(new Set(sorted.y.subarray(0, first)).size).toBe(2);
  });
});

describe('snapshots', () => {
  const sim = gaussians.create(gaussians.schema.parse({}), { baseDir: '.', rng: createRng(1) });
  const train = sim.sample(100, createRng(2));
  const test = sim.sample(200, createRng(3));
  const grid: Grid = { xmin: -1, xmax: 3, ymin: -1, ymax: 3, nx: 3, ny: 1 };

  function plan(animate: object) {
    const s = validateScenario({ model: { type: 'logistic', epochs: 30 }, animate });
    return {
      model: { spec: logistic as ModelSpec, options: logistic.schema.parse({ epochs: 30 }) },
      mode: s.animate.by === 'samples' ? ('samples' as const) : ('stages' as const),
      train,
      test,
      grid,
      points: gridPoints(grid),
      animate: s.animate,
      rng: createRng(9),
      timings: newTimings(),
    };
  }

  it('by epochs: frames at the chosen stages, accuracies and loss filled in', () => {
    const frames = [...snapshots(plan({ by: 'epochs', frames: 4 }))];
    expect(frames.map((f) => f.label)).toEqual(['epoch 1 / 30', 'epoch 11 / 30', 'epoch 20 / 30', 'epoch 30 / 30']);
    for (const f of frames) {
      expect(f.proba).toHaveLength(6);
      expect(f.trainUsed).toBe(100);
      expect(f.testAccuracy).not.toBeNull();
      expect(f.loss).toBeGreaterThan(0);
    }
    expect(frames[3].loss!).toBeLessThan(frames[0].loss!);
  });

  it('by samples: a model with warmStart gets the previous frame’s fitted model', () => {
    const seen: { n: number; previous: number | null }[] = [];
    const fits = new Map<Classifier, number>();
    const spec: ModelSpec = {
      ...logistic,
      type: 'probe',
      classifier: (options, classes) => {
        const model = logistic.classifier(logistic.schema.parse(options), classes);
        let previous: number | null = null;
        return {
          classes,
          *train(data, rng) {
            fits.set(this, data.n);
            seen.push({ n: data.n, previous });
            yield* model.train(data, rng);
          },
          predictProba: (X, out) => model.predictProba(X, out),
          warmStart(from) {
            previous = fits.get(from) ?? -1;
          },
        };
      },
    };
    const base = plan({ by: 'samples', frames: 3, start: 10 });
    const frames = [...snapshots({ ...base, model: { ...base.model, spec } })];
    expect(frames).toHaveLength(3);
    expect(seen).toEqual([
      { n: 10, previous: null },
      { n: 55, previous: 10 },
      { n: 100, previous: 55 },
    ]);
  });

  it('by samples: refits on growing prefixes, the last on all points', () => {
    const frames = [...snapshots(plan({ by: 'samples', frames: 3, start: 10 }))];
    expect(frames.map((f) => f.trainUsed)).toEqual([10, 55, 100]);
    expect(frames[2].label).toBe('n = 100');
  });
});
