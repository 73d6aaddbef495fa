/**
 * The scikit-learn reference of tests/fixtures/models-2-trees (made by make_reference.py there):
 * four data sets as train/test CSVs and sklearn's accuracies for the tree, forest and boosting
 * settings that mlgif's defaults mirror. Also small tools the three tree tests share.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '../../src/dataset.js';
import type { FlatTree } from '../../src/models/flat-tree.js';

const dir = fileURLToPath(new URL('../fixtures/models-2-trees/', import.meta.url));

export const referenceSets = ['gaussians', 'mixture', 'moons', 'blobs3'] as const;
export type ReferenceSet = (typeof referenceSets)[number];

interface Reference {
  classes: number;
  tree: { test_accuracy: number; train_accuracy: number; leaves: number };
  forest: { test_accuracy: number; test_accuracy_sd: number };
  boosting: { test_accuracy: number; train_accuracy: number };
}

export const reference = JSON.parse(readFileSync(`${dir}reference.json`, 'utf8')) as Record<ReferenceSet, Reference>;

function readCsv(file: string, classes: number): Dataset {
  const rows = readFileSync(`${dir}${file}`, 'utf8').trim().split('\n').slice(1);
  const n = rows.length;
  const X = new Float64Array(2 * n);
  const y = new Uint8Array(n);
  rows.forEach((row, i) => {
    const [a, b, label] = row.split(',');
    X[2 * i] = Number(a);
    X[2 * i + 1] = Number(b);
    y[i] = Number(label);
  });
  return { X, y, n, classes };
}

export function referenceData(name: ReferenceSet): { train: Dataset; test: Dataset } {
  const classes = reference[name].classes;
  return { train: readCsv(`${name}-train.csv`, classes), test: readCsv(`${name}-test.csv`, classes) };
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
