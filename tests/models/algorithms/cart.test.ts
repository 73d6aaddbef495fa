/**
 * TreeGrower scans two-class gini splits with a loop of its own (the score written out); it must
 * grow, split for split and value for value, the trees the generic loop grows with the same rule.
 */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/dataset.js';
import { ClassRule, classStats, presort, type SplitRule, TreeGrower } from '../../../src/models/algorithms/cart.js';
import type { FlatTree } from '../../../src/models/algorithms/flat-tree.js';
import { createRng } from '../../../src/random.js';
import { separatedGaussians } from '../../helpers.js';

/** The same rule behind an object that is not a ClassRule: the grower takes its generic loop. */
function generic(rule: SplitRule): SplitRule {
  return {
    channels: rule.channels,
    width: rule.width,
    minGain: rule.minGain,
    score: (s, o) => rule.score(s, o),
    impurity: (s, o) => rule.impurity(s, o),
    admissible: (s, o) => rule.admissible(s, o),
    settled: (s, o) => rule.settled(s, o),
    value: (s, o, out, oo) => rule.value(s, o, out, oo),
  };
}

function everything(tree: FlatTree) {
  const n = tree.size;
  return {
    feature: Array.from(tree.feature.subarray(0, n)),
    threshold: Array.from(tree.threshold.subarray(0, n)),
    left: Array.from(tree.left.subarray(0, n)),
    value: Array.from(tree.value.subarray(0, n * tree.width)),
  };
}

describe('TreeGrower, two-class gini', () => {
  it.each([
    [1, 1, 1],
    [5, 3, 2],
    [3, 1, 1],
  ])(
    'grows the generic loop’s trees (minSamplesLeaf %i, seed %i, maxFeatures %i)',
    (minSamplesLeaf, seed, maxFeatures) => {
      const data: Dataset = separatedGaussians(300, 2, seed, 0.8);
      // Repeated x values and bootstrap-like weights, as a forest has.
      for (let i = 0; i < data.n; i += 3) data.X[2 * i] = Math.round(data.X[2 * i] * 2) / 2;
      const weights = Float64Array.from({ length: data.n }, (_, i) => (i * 7) % 4);
      const active = Uint8Array.from(weights, (w) => (w > 0 ? 1 : 0));
      const limits = { maxDepth: 12, minSamplesLeaf, minSamplesSplit: 2, maxFeatures };
      const grow = (rule: SplitRule) => {
        const grower = new TreeGrower(data.X, data.n, presort(data.X, data.n), rule, limits);
        const rng = createRng(seed);
        return [0, 1, 2].map(() => everything(grower.grow(classStats(data.y, data.n, 2, weights), active, rng)));
      };
      const fast = grow(new ClassRule('gini', 2));
      expect(fast[0].feature.length).toBeGreaterThan(20);
      expect(fast).toEqual(grow(generic(new ClassRule('gini', 2))));
    },
  );
});
