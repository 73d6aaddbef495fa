/**
 * Mutations keep programs well-formed (property test over op sets, memory sizes, size limits,
 * features and seeds): sizes within their limits, ops from the allowed list (or the no-ops an
 * empty start left), addresses within their banks, s0 and v0 never written, data in range. The
 * parent is never changed, every mutation type happens, and a copy is exact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryLayout } from '../../../../src/models/algorithms/automl/memory.js';
import { MUTATION_TYPES, Mutator, type MutatorOptions } from '../../../../src/models/algorithms/automl/mutator.js';
import { BASELINE_OPS, DEMO_OPS, NO_OP, OPS } from '../../../../src/models/algorithms/automl/ops.js';
import {
  COMPONENTS,
  DATA,
  IN1,
  IN2,
  instructionCount,
  noOpProgram,
  OP,
  OUT,
  type Program,
  samePrograms,
  WIDTH,
} from '../../../../src/models/algorithms/automl/program.js';
import { Randomizer } from '../../../../src/models/algorithms/automl/randomizer.js';
import { createRng } from '../../../../src/random.js';

function wellFormed(program: Program, layout: MemoryLayout, options: MutatorOptions): string | null {
  for (const c of COMPONENTS) {
    const code = program[c];
    const size = instructionCount(code);
    const { min, max } = options.sizes[c];
    if (!Number.isInteger(size) || size < min || size > max) return `${c} has ${size} instructions`;
    for (let i = 0; i < size; i++) {
      const b = i * WIDTH;
      const code0 = code[b + OP];
      if (code0 !== NO_OP && !options.ops[c].includes(code0)) return `${c}[${i}] has op ${code0}`;
      const op = OPS[code0];
      for (const [bank, field] of [
        [op.in1, IN1],
        [op.in2, IN2],
      ] as const) {
        const a = code[b + field];
        if (bank && !(Number.isInteger(a) && a >= 0 && a < layout.inputs(bank))) return `${c}[${i}] reads ${bank}${a}`;
      }
      if (op.out) {
        const a = code[b + OUT];
        // s0 (the label) and v0 (the features) are read-only; every matrix is writable.
        const first = op.out === 'm' ? 0 : 1;
        if (!(Number.isInteger(a) && a >= first && a < layout.inputs(op.out))) return `${c}[${i}] writes ${op.out}${a}`;
      }
      const d = code.subarray(b + DATA, b + DATA + 3);
      if (!d.every(Number.isFinite)) return `${c}[${i}] has data ${d}`;
      if (op.data === 'vectorElement' && !(d[0] >= 0 && d[0] < 1)) return `${c}[${i}] index ${d[0]}`;
      if (op.data === 'matrixElement' && !(d[0] >= 0 && d[0] < 1 && d[1] >= 0 && d[1] < 1)) return `${c}[${i}] indices`;
      if (op.data === 'uniform' && !(d[0] <= d[1])) return `${c}[${i}] uniform(${d[0]}, ${d[1]})`;
      if (op.data === 'gaussian' && !(d[1] >= 0)) return `${c}[${i}] gaussian std ${d[1]}`;
    }
  }
  return null;
}

const opSet = fc.oneof(
  fc.constant(DEMO_OPS),
  fc.constant(BASELINE_OPS),
  fc.uniqueArray(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }),
);
const limits = fc
  .tuple(fc.nat(4), fc.nat(4), fc.nat(6))
  .map(([min, extra, more]) => ({ min, initial: min + extra, max: min + extra + more }));

describe('mutator', () => {
  it('keeps programs well-formed', () => {
    fc.assert(
      fc.property(
        fc.record({
          ops: fc.record({ setup: opSet, predict: opSet, learn: opSet }),
          sizes: fc.record({ setup: limits, predict: limits, learn: limits }),
          features: fc.integer({ min: 1, max: 8 }),
          scalars: fc.integer({ min: 2, max: 6 }),
          vectors: fc.integer({ min: 2, max: 4 }),
          matrices: fc.integer({ min: 1, max: 3 }),
          empty: fc.boolean(),
          seed: fc.nat(),
        }),
        ({ ops, sizes, features, scalars, vectors, matrices, empty, seed }) => {
          const layout = new MemoryLayout(features, { scalars, vectors, matrices });
          const options: MutatorOptions = { ops, sizes, mutateProbability: 0.9 };
          const rng = createRng(seed);
          const mutator = new Mutator(layout, options, rng.fork('mutate'));
          let program = empty ? noOpProgram(sizes) : new Randomizer(layout, rng.fork('init')).randomProgram(sizes, ops);
          expect(wellFormed(program, layout, options)).toBeNull();
          for (let step = 0; step < 60; step++) {
            const parent = program;
            const frozen = {
              setup: parent.setup.slice(),
              predict: parent.predict.slice(),
              learn: parent.learn.slice(),
            };
            program = mutator.mutate(parent);
            expect(samePrograms(parent, frozen), 'the parent was changed').toBe(true);
            expect(wellFormed(program, layout, options)).toBeNull();
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('applies every mutation type, and copies exactly when it does not mutate', () => {
    const layout = new MemoryLayout(2);
    const sizes = {
      setup: { initial: 3, min: 1, max: 6 },
      predict: { initial: 3, min: 1, max: 6 },
      learn: { initial: 3, min: 1, max: 6 },
    };
    const ops = { setup: BASELINE_OPS, predict: BASELINE_OPS, learn: BASELINE_OPS };
    const parent = new Randomizer(layout, createRng(1)).randomProgram(sizes, ops);
    const grew = new Set<string>();
    for (const type of MUTATION_TYPES) {
      const mutator = new Mutator(layout, { ops, sizes, mutateProbability: 1, mutations: [type] }, createRng(2));
      let changed = 0;
      for (let i = 0; i < 50; i++) {
        const child = mutator.mutate(parent);
        if (!samePrograms(child, parent)) changed++;
        for (const c of COMPONENTS) {
          const delta = instructionCount(child[c]) - instructionCount(parent[c]);
          if (delta !== 0) grew.add(`${type} ${delta}`);
        }
      }
      expect(changed, type).toBeGreaterThan(20);
    }
    expect([...grew].sort()).toEqual(['insert 1', 'remove -1']);
    const never = new Mutator(layout, { ops, sizes, mutateProbability: 0 }, createRng(3));
    expect(never.mutate(parent)).toBe(parent);
  });

  it('leaves sizes at their limits: no insert above the maximum, no removal below the minimum', () => {
    const layout = new MemoryLayout(2);
    const fixed = { initial: 2, min: 2, max: 2 };
    const sizes = { setup: fixed, predict: fixed, learn: fixed };
    const ops = { setup: DEMO_OPS, predict: DEMO_OPS, learn: DEMO_OPS };
    const parent = new Randomizer(layout, createRng(1)).randomProgram(sizes, ops);
    const mutator = new Mutator(
      layout,
      { ops, sizes, mutateProbability: 1, mutations: ['insert', 'remove'] },
      createRng(2),
    );
    for (let i = 0; i < 20; i++) expect(mutator.mutate(parent)).toBe(parent);
  });
});
