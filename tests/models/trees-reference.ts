/**
 * The scikit-learn reference of tests/fixtures/models-2-trees (made by make_reference.py there):
 * four data sets as train/test CSVs and sklearn's accuracies for the tree, forest and boosting
 * settings that mlgif's defaults mirror. Also small tools the three tree tests share.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '../../src/dataset.js';
import type { FlatTree } from '../../src/models/algorithms/flat-tree.js';
import { readFixtureCsv } from '../helpers.js';

const dir = fileURLToPath(new URL('../fixtures/models-2-trees/', import.meta.url));

export const referenceSets = ['gaussians', 'mixture', 'moons', 'blobs3'] as const;
export type ReferenceSet = (typeof referenceSets)[number];

interface Reference {
  classes: number;
  tree: { test_accuracy: number; train_accuracy: number; leaves: number; lattice_classes: string };
  forest: { test_accuracy: number; test_accuracy_sd: number; lattice_classes: string };
  boosting: { test_accuracy: number; train_accuracy: number; lattice_classes: string };
}

export const reference = JSON.parse(readFileSync(`${dir}reference.json`, 'utf8')) as Record<ReferenceSet, Reference>;

export function referenceData(name: ReferenceSet): { train: Dataset; test: Dataset } {
  const classes = reference[name].classes;
  return {
    train: readFixtureCsv(`${dir}${name}-train.csv`, classes),
    test: readFixtureCsv(`${dir}${name}-test.csv`, classes),
  };
}

/** The 50×50 lattice of make_reference.py: cell centres over the training range, x fastest. */
export function referenceLattice(train: Dataset): Float64Array {
  const size = 50;
  const lo = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  const hi = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (let i = 0; i < train.n; i++) {
    for (let d = 0; d < 2; d++) {
      lo[d] = Math.min(lo[d], train.X[2 * i + d]);
      hi[d] = Math.max(hi[d], train.X[2 * i + d]);
    }
  }
  const X = new Float64Array(2 * size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      X[2 * (r * size + c)] = lo[0] + (hi[0] - lo[0]) * ((c + 0.5) / size);
      X[2 * (r * size + c) + 1] = lo[1] + (hi[1] - lo[1]) * ((r + 0.5) / size);
    }
  }
  return X;
}

/** Share of points where the most probable class is the one in `classes` (one digit per point). */
export function agreement(proba: Float32Array, k: number, classes: string): number {
  let same = 0;
  for (let i = 0; i < classes.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
    if (String(best) === classes[i]) same++;
  }
  return same / classes.length;
}

/** A size×size lattice over [lo, hi]², row-major: the kind of points the renderer evaluates. */
export function lattice(size: number, lo: number, hi: number): Float64Array {
  const X = new Float64Array(2 * size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      X[2 * (r * size + c)] = lo + ((hi - lo) * c) / (size - 1);
      X[2 * (r * size + c) + 1] = lo + ((hi - lo) * r) / (size - 1);
    }
  }
  return X;
}

/** A tree's reachable nodes in preorder: splits as [feature, threshold], leaves as their values. */
export function preorder(tree: FlatTree): number[][] {
  const out: number[][] = [];
  const visit = (node: number) => {
    if (tree.feature[node] < 0) {
      out.push(Array.from(tree.value.subarray(node * tree.width, (node + 1) * tree.width)));
      return;
    }
    out.push([tree.feature[node], tree.threshold[node]]);
    visit(tree.left[node]);
    visit(tree.left[node] + 1);
  };
  visit(0);
  return out;
}
