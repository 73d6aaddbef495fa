/**
 * Every op of the executor against an independent reference written here with nested arrays,
 * for every combination of addresses (so outputs that alias inputs are covered), F = 3; the
 * element sets' indices; and the random set ops (bounds, moments, reproducibility).
 */
import { describe, expect, it } from 'vitest';
import { Machine } from '../../../../src/models/algorithms/automl/executor.js';
import { MemoryLayout } from '../../../../src/models/algorithms/automl/memory.js';
import { OPS } from '../../../../src/models/algorithms/automl/ops.js';
import { createRng } from '../../../../src/random.js';
import { ins, program } from './programs.js';

const F = 3;
const layout = new MemoryLayout(F, { scalars: 4, vectors: 3, matrices: 2 });

type Vector = number[];
type Matrix = number[][];
interface State {
  s: number[];
  v: Vector[];
  m: Matrix[];
}

const sum = (x: Vector) => x.reduce((a, b) => a + b, 0);
const dot = (x: Vector, y: Vector) => sum(x.map((e, i) => e * y[i]));
const norm = (x: Vector) => Math.sqrt(dot(x, x));
const mean = (x: Vector) => sum(x) / x.length;
const std = (x: Vector) => Math.sqrt(mean(x.map((e) => (e - mean(x)) ** 2)));
const transpose = (m: Matrix) => m[0].map((_, j) => m.map((row) => row[j]));
const each = (x: Vector, f: (e: number) => number) => x.map(f);
const eachM = (x: Matrix, f: (e: number) => number) => x.map((row) => row.map(f));
const zip = (x: Vector, y: Vector, f: (a: number, b: number) => number) => x.map((e, i) => f(e, y[i]));
const zipM = (x: Matrix, y: Matrix, f: (a: number, b: number) => number) => x.map((row, i) => zip(row, y[i], f));

// biome-ignore lint/suspicious/noExplicitAny: operands are scalars, vectors or matrices by op
type Reference = (a: any, b: any) => number | Vector | Matrix;

const reference: Record<string, Reference> = {
  scalar_sum: (a, b) => a + b,
  scalar_diff: (a, b) => a - b,
  scalar_product: (a, b) => a * b,
  scalar_division: (a, b) => a / b,
  scalar_abs: (a) => Math.abs(a),
  scalar_reciprocal: (a) => 1 / a,
  scalar_sin: Math.sin,
  scalar_cos: Math.cos,
  scalar_tan: Math.tan,
  scalar_arcsin: Math.asin,
  scalar_arccos: Math.acos,
  scalar_arctan: Math.atan,
  scalar_exp: Math.exp,
  scalar_log: Math.log,
  scalar_heaviside: (a) => (a >= 0 ? 1 : 0),
  vector_heaviside: (a) => each(a, (e) => (e > 0 ? 1 : 0)),
  matrix_heaviside: (a) => eachM(a, (e) => (e > 0 ? 1 : 0)),
  scalar_vector_product: (a, b) => each(b, (e) => a * e),
  scalar_broadcast: (a) => [a, a, a],
  vector_reciprocal: (a) => each(a, (e) => 1 / e),
  vector_norm: norm,
  vector_abs: (a) => each(a, Math.abs),
  vector_sum: (a, b) => zip(a, b, (x, y) => x + y),
  vector_diff: (a, b) => zip(a, b, (x, y) => x - y),
  vector_product: (a, b) => zip(a, b, (x, y) => x * y),
  vector_division: (a, b) => zip(a, b, (x, y) => x / y),
  vector_inner_product: dot,
  vector_outer_product: (a, b) => a.map((x: number) => b.map((y: number) => x * y)),
  scalar_matrix_product: (a, b) => eachM(b, (e) => a * e),
  matrix_reciprocal: (a) => eachM(a, (e) => 1 / e),
  matrix_vector_product: (a, b) => a.map((row: Vector) => dot(row, b)),
  vector_column_broadcast: (a) => a.map((x: number) => [x, x, x]),
  vector_row_broadcast: (a) => [a, a, a],
  matrix_norm: (a) => norm(a.flat()),
  matrix_column_norm: (a) => transpose(a).map(norm),
  matrix_row_norm: (a) => a.map(norm),
  matrix_transpose: transpose,
  matrix_abs: (a) => eachM(a, Math.abs),
  matrix_sum: (a, b) => zipM(a, b, (x, y) => x + y),
  matrix_diff: (a, b) => zipM(a, b, (x, y) => x - y),
  matrix_product: (a, b) => zipM(a, b, (x, y) => x * y),
  matrix_division: (a, b) => zipM(a, b, (x, y) => x / y),
  matrix_matrix_product: (a, b) => a.map((row: Vector) => transpose(b).map((column) => dot(row, column))),
  scalar_min: Math.min,
  vector_min: (a, b) => zip(a, b, Math.min),
  matrix_min: (a, b) => zipM(a, b, Math.min),
  scalar_max: Math.max,
  vector_max: (a, b) => zip(a, b, Math.max),
  matrix_max: (a, b) => zipM(a, b, Math.max),
  vector_mean: mean,
  matrix_mean: (a) => mean(a.flat()),
  matrix_row_mean: (a) => a.map(mean),
  matrix_row_st_dev: (a) => a.map(std),
  vector_st_dev: std,
  matrix_st_dev: (a) => std(a.flat()),
};

function randomState(seed: number): State {
  const rng = createRng(seed);
  // Some exact zeros and ±1 so Heaviside's edge and arcsin's domain are exercised.
  const value = () => [0, 1, -1][rng.int(8)] ?? 4 * rng.uniform() - 2;
  return {
    s: Array.from({ length: 4 }, value),
    v: Array.from({ length: 3 }, () => Array.from({ length: F }, value)),
    m: Array.from({ length: 2 }, () => Array.from({ length: F }, () => Array.from({ length: F }, value))),
  };
}

function toMemory(state: State): Float64Array {
  const memory = new Float64Array(layout.size);
  memory.set(state.s, 0);
  state.v.forEach((v, i) => {
    memory.set(v, layout.offset('v', i));
  });
  state.m.forEach((m, i) => {
    memory.set(m.flat(), layout.offset('m', i));
  });
  return memory;
}

function bankOf(state: State, bank: 's' | 'v' | 'm'): unknown[] {
  return bank === 's' ? state.s : bank === 'v' ? state.v : state.m;
}

/** Runs one instruction on `before` as a Setup of one instruction. */
function runOne(row: number[], before: Float64Array, seed = 1): Float64Array {
  const machine = new Machine(layout, createRng(seed));
  machine.load(program([row], [], []));
  machine.memory.set(before);
  machine.setup();
  return machine.memory.slice();
}

function expectSame(actual: Float64Array, expected: Float64Array, what: string): void {
  for (let k = 0; k < expected.length; k++) {
    const a = actual[k];
    const e = expected[k];
    if (Number.isNaN(e)) expect(a, `${what} [${k}]`).toBeNaN();
    else if (!Number.isFinite(e)) expect(a, `${what} [${k}]`).toBe(e);
    else expect(Math.abs(a - e), `${what} [${k}]: ${a} vs ${e}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e)));
  }
}

describe('executor ops', () => {
  const computed = OPS.filter((op) => op.data === 'none' && op.out);

  it('has a reference for every op that computes', () => {
    expect(computed.map((op) => op.name).filter((name) => !reference[name])).toEqual([]);
    expect(computed).toHaveLength(55);
  });

  it.each(computed.map((op) => [op.name, op] as const))('%s matches the reference at every address', (_, op) => {
    const state = randomState(op.code);
    const before = toMemory(state);
    const range = (bank: 's' | 'v' | 'm' | null, first = 0) =>
      bank ? Array.from({ length: layout.inputs(bank) - first }, (_, i) => i + first) : [0];
    for (const a of range(op.in1)) {
      for (const b of range(op.in2)) {
        for (const o of range(op.out, layout.firstOutput(op.out!))) {
          const x = op.in1 ? bankOf(state, op.in1)[a] : undefined;
          const y = op.in2 ? bankOf(state, op.in2)[b] : undefined;
          const result = reference[op.name](x, y);
          const after = { s: [...state.s], v: [...state.v], m: [...state.m] };
          (bankOf(after, op.out!) as unknown[])[o] = result;
          expectSame(runOne(ins(op.name, a, b, o), before), toMemory(after), `${op.name}(${a}, ${b}) -> ${o}`);
        }
      }
    }
  });

  it('scalar Heaviside is 1 at 0, vector and matrix Heaviside are 0 there (as the reference)', () => {
    const zero = new Float64Array(layout.size);
    expect(runOne(ins('scalar_heaviside', 0, 0, 2), zero)[2]).toBe(1);
    expect(runOne(ins('vector_heaviside', 0, 0, 1), zero)[layout.offset('v', 1)]).toBe(0);
    expect(runOne(ins('matrix_heaviside', 0, 0, 1), zero)[layout.offset('m', 1)]).toBe(0);
  });
});

describe('executor data ops', () => {
  const zero = new Float64Array(layout.size);

  it('sets a constant, and one element of a vector or a matrix, the index scaled from [0, 1)', () => {
    expect(runOne(ins('scalar_const_set', 0, 0, 3, -0.25), zero)[3]).toBe(-0.25);
    const v = runOne(ins('vector_const_set', 0, 0, 2, 0.5, 0.75), zero);
    expect([...v.subarray(layout.offset('v', 2), layout.offset('v', 2) + F)]).toEqual([0, 0.75, 0]);
    const m = runOne(ins('matrix_const_set', 0, 0, 1, 0.4, 0.999, -2), zero);
    const expected = new Array(F * F).fill(0);
    expected[1 * F + 2] = -2;
    expect([...m.subarray(layout.offset('m', 1), layout.offset('m', 1) + F * F)]).toEqual(expected);
  });

  it('draws uniform values within [low, high] and Gaussian values with the given mean and deviation', () => {
    const uniform: number[] = [];
    const gaussian: number[] = [];
    for (let seed = 0; seed < 300; seed++) {
      const u = runOne(ins('matrix_uniform_set', 0, 0, 0, -0.5, 0.25), zero, seed);
      uniform.push(...u.subarray(layout.offset('m', 0), layout.offset('m', 0) + F * F));
      const g = runOne(ins('vector_gaussian_set', 0, 0, 1, 0.3, 0.2), zero, seed);
      gaussian.push(...g.subarray(layout.offset('v', 1), layout.offset('v', 1) + F));
      expect(runOne(ins('scalar_uniform_set', 0, 0, 2, 0.1, 0.2), zero, seed)[2]).toBeGreaterThanOrEqual(0.1);
    }
    expect(Math.min(...uniform)).toBeGreaterThanOrEqual(-0.5);
    expect(Math.max(...uniform)).toBeLessThanOrEqual(0.25);
    expect(mean(uniform)).toBeCloseTo(-0.125, 1);
    expect(mean(gaussian)).toBeCloseTo(0.3, 1);
    expect(std(gaussian)).toBeCloseTo(0.2, 1);
  });

  it('draws from the Rng it was given: same seed, same numbers', () => {
    const row = ins('matrix_gaussian_set', 0, 0, 0, 0, 1);
    expect(runOne(row, zero, 5)).toEqual(runOne(row, zero, 5));
    expect(runOne(row, zero, 5)).not.toEqual(runOne(row, zero, 6));
  });
});
