/** Shared test helpers: small, well-understood data sets, fixture CSVs, and a way to run a model to the end. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { ClassificationSimulator, RegressionSimulator, Simulator } from '../src/data/source.js';
import type { Dataset, Series } from '../src/dataset.js';
import type { Step } from '../src/models/model.js';
import { createRng, type Rng } from '../src/random.js';

/** k isotropic Gaussian classes with unit variance, means 6 apart on a circle: nearly separable. */
export function separatedGaussians(n: number, k: number, seed: number, radius = 3): Dataset {
  const rng = createRng(seed);
  const X = new Float64Array(2 * n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    const angle = (2 * Math.PI * c) / k;
    y[i] = c;
    X[2 * i] = radius * Math.cos(angle) + rng.normal() * 0.7;
    X[2 * i + 1] = radius * Math.sin(angle) + rng.normal() * 0.7;
  }
  return { X, y, n, classes: k };
}

/** n points of y = sin(2πx) + N(0, noise²), x ~ U(0, 1) (Bishop's PRML §1.1 curve). */
export function sineSeries(n: number, seed: number, noise = 0.2): Series {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.uniform();
    y[i] = Math.sin(2 * Math.PI * x[i]) + noise * rng.normal();
  }
  return { x, y, n };
}

/** Trains to the last stage; returns the steps it yielded. */
export function trainToEnd<Data>(
  model: { train(data: Data, rng: Rng): Generator<Step, void, undefined> },
  data: Data,
  rng: Rng = createRng(1),
): Step[] {
  const steps: Step[] = [];
  for (const step of model.train(data, rng)) steps.push(step);
  return steps;
}

/**
 * A reference fixture CSV (header x,y,label, integer labels), as the Python scripts under
 * tests/fixtures/ write them. `classes` defaults to the largest label + 1.
 */
export function readFixtureCsv(path: string | URL, classes?: number): Dataset {
  const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  const n = rows.length;
  const X = new Float64Array(2 * n);
  const y = new Uint8Array(n);
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const [a, b, label] = rows[i].split(',').map(Number);
    X[2 * i] = a;
    X[2 * i + 1] = b;
    y[i] = label;
    largest = Math.max(largest, label);
  }
  return { X, y, n, classes: classes ?? largest + 1 };
}

/** Every bit the same (NaN payloads, −0 and all), with the first difference named. */
export function expectSameBits(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const b = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  const i = a.findIndex((v, j) => v !== b[j]);
  expect(i < 0 ? null : { index: i, actual: actual[i], expected: expected[i] }).toBeNull();
}

/** A simulator of the task a test expects (fails the test otherwise). */
export function classifying(simulator: Simulator): ClassificationSimulator {
  if (simulator.task !== 'classification')
    throw new Error(`expected a classification simulator, got ${simulator.task}`);
  return simulator;
}

export function regressing(simulator: Simulator): RegressionSimulator {
  if (simulator.task !== 'regression') throw new Error(`expected a regression simulator, got ${simulator.task}`);
  return simulator;
}

/** A regression fixture CSV (header x,y), as the Python scripts under tests/fixtures/ write them. */
export function readSeriesCsv(path: string | URL): Series {
  const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  const x = new Float64Array(rows.length);
  const y = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    [x[i], y[i]] = row.split(',').map(Number);
  });
  return { x, y, n: rows.length };
}

/** Trains a regressor or minimizer's generator to the end; returns the steps it yielded. */
export function stepsOf(steps: Iterable<Step>): Step[] {
  return [...steps];
}
