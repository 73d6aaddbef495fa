/**
 * The scikit-learn reference of tests/fixtures/models-1 (made by make_reference.py there): four
 * data sets as train/test CSVs, and per model configuration sklearn's test accuracy and the class
 * probabilities of the first test points.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { accuracy } from '../../src/dataset.js';
import type { ModelSpec } from '../../src/models/model.js';
import { readFixtureCsv, trainToEnd } from '../helpers.js';

const dir = fileURLToPath(new URL('../fixtures/models-1/', import.meta.url));

export const referenceSets = ['gaussians', 'mixture', 'moons', 'three'] as const;

interface Reference {
  type: string;
  options: Record<string, unknown>;
  accuracy: number;
  proba: number[][];
}

const expected = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8')) as Record<
  string,
  { classes: number; models: Record<string, Reference> }
>;

/**
 * Fits `spec` with the options of sklearn configuration `config` on data set `set`; checks the
 * test accuracy is within 0.03 of sklearn's and the first probabilities within `tolerance`.
 * Returns both accuracies.
 */
export function compareWithSklearn(spec: ModelSpec, set: string, config: string, tolerance: number) {
  const { classes, models } = expected[set];
  const reference = models[config];
  expect(reference.type).toBe(spec.type);
  const train = readFixtureCsv(`${dir}${set}-train.csv`, classes);
  const test = readFixtureCsv(`${dir}${set}-test.csv`, classes);
  const model = spec.classifier(spec.schema.parse(reference.options), classes);
  trainToEnd(model, train);
  const proba = model.predictProba(test.X);
  const ours = accuracy(proba, test);
  expect(Math.abs(ours - reference.accuracy)).toBeLessThanOrEqual(0.03);
  reference.proba.forEach((row, i) => {
    row.forEach((p, c) => {
      expect(Math.abs(proba[i * classes + c] - p)).toBeLessThanOrEqual(tolerance);
    });
  });
  return { ours, sklearn: reference.accuracy };
}
