/**
 * The softmax shortcuts (one exp fewer per row) keep the numbers of softmax as first written,
 * bit for bit, including ties, infinities and NaN.
 */
import { describe, expect, it } from 'vitest';
import { softmaxRow } from '../../../src/models/algorithms/gaussian-fit.js';
import { softmaxInPlace, softmaxPairInto } from '../../../src/models/algorithms/loss.js';
import { createRng } from '../../../src/random.js';

/** softmax as written before the one-exp shortcut: the numbers the shortcuts must keep. */
function referenceSoftmax(z: number[]): Float64Array {
  const out = Float64Array.from(z);
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    out[c] = Math.exp(z[c] - max);
    sum += out[c];
  }
  for (let c = 0; c < z.length; c++) out[c] /= sum;
  return out;
}

describe('softmax shortcuts', () => {
  const special = [
    0,
    -0,
    1e-300,
    -3.5,
    2.25,
    40,
    -800,
    800,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NaN,
  ];
  const rng = createRng(9);
  const values = [...special, ...Array.from({ length: 200 }, () => rng.normal() * 10 ** Math.floor(rng.uniform() * 4))];

  it('softmaxPairInto gives softmax of (0, z) bit for bit', () => {
    const out = new Float32Array(2);
    for (const z of values) {
      softmaxPairInto(z, out, 0);
      expect(Array.from(out)).toEqual(Array.from(Float32Array.from(referenceSoftmax([0, z]))));
    }
  });

  it.each([2, 3, 4])('softmaxInPlace and softmaxRow keep their numbers (%i classes)', (k) => {
    for (let trial = 0; trial < 400; trial++) {
      const z = Array.from({ length: k }, (_, c) =>
        // Ties and special values often: the cases where the shortcut applies or must not.
        trial % 3 === 0 && c > 0 ? 0 : values[Math.floor(rng.uniform() * values.length)],
      );
      const expected = referenceSoftmax(z);
      const row = Float64Array.from(z);
      softmaxInPlace(row, 0, k);
      expect(Array.from(row)).toEqual(Array.from(expected));
      const scores = Float64Array.from(z);
      const out = new Float32Array(k);
      softmaxRow(scores, k, out, 0);
      // softmaxRow's own rule: uniform when no score is above −∞.
      if (z.some((v) => v > Number.NEGATIVE_INFINITY))
        expect(Array.from(out)).toEqual(Array.from(Float32Array.from(expected)));
    }
  });
});
