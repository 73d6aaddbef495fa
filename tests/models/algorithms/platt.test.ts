/** Platt scaling: the fitted sigmoid minimises its regularised cross-entropy (Lin, Lin & Weng 2007). */
import { describe, expect, it } from 'vitest';
import { fitSigmoid } from '../../../src/models/algorithms/platt.js';
import { createRng } from '../../../src/random.js';

describe('Platt scaling', () => {
  it('fits a minimum of its objective', () => {
    const rng = createRng(4);
    const f = Float64Array.from({ length: 300 }, () => rng.normal() * 2);
    const label = Array.from(f, (v) => rng.uniform() < 1 / (1 + Math.exp(-1.5 * v + 0.3)));
    const s = fitSigmoid(f, (i) => label[i]);
    const t = label.map((l) =>
      l
        ? (label.filter(Boolean).length + 1) / (label.filter(Boolean).length + 2)
        : 1 / (label.filter((b) => !b).length + 2),
    );
    const objective = (A: number, B: number) =>
      Array.from(f).reduce((sum, v, i) => {
        const p = 1 / (1 + Math.exp(v * A + B));
        return sum - t[i] * Math.log(p) - (1 - t[i]) * Math.log(1 - p);
      }, 0);
    const best = objective(s.A, s.B);
    for (const [dA, dB] of [
      [0.01, 0],
      [-0.01, 0],
      [0, 0.01],
      [0, -0.01],
    ])
      expect(objective(s.A + dA, s.B + dB)).toBeGreaterThan(best);
    expect(s.A).toBeCloseTo(-1.5, 0);
  });
});
