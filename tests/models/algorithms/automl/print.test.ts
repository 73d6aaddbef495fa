/**
 * Programs printed as the paper prints them, dead code found by liveness across the three
 * component functions, and the lines that changed between two programs.
 */
import { describe, expect, it } from 'vitest';
import { OPS } from '../../../../src/models/algorithms/automl/ops.js';
import {
  changedLines,
  formatInstruction,
  printProgram,
  programText,
} from '../../../../src/models/algorithms/automl/print.js';
import { instructions } from '../../../../src/models/algorithms/automl/program.js';
import { ins, program, sgdProgram } from './programs.js';

const SGD_TEXT = `def Setup():
  s2 = 0.3
def Predict(v0):
  s1 = dot(v1, v0)
def Learn(v0, s0):
  s3 = s0 - s1
  s3 = s2 * s3
  v2 = s3 * v0
  v1 = v1 + v2`;

/** Kinds of the instruction lines, component by component. */
function kinds(p: ReturnType<typeof program>): string[] {
  return printProgram(p, 2)
    .filter((line) => line.kind !== 'header')
    .map((line) => `${line.component}[${line.index}] ${line.kind}`);
}

describe('printing a program', () => {
  it("prints the paper's SGD as the paper does, every line live", () => {
    const lines = printProgram(sgdProgram(0.3), 2);
    expect(programText(lines)).toBe(SGD_TEXT);
    expect(lines.filter((l) => l.kind === 'dead' || l.kind === 'noop')).toEqual([]);
  });

  it('prints every op without leftover placeholders, and the data of the data ops', () => {
    for (const op of OPS) {
      const text = formatInstruction(instructions([[op.code, 1, 2, 1, 0.5, 0.75, -0.125]]), 0, 4);
      expect(text, op.name).not.toMatch(/[{}]|undefined|null|NaN/);
      if (op.code > 0) expect(text, op.name).toMatch(/^[svm]1(\[[\d, ]+\])? = /);
    }
    const row = (name: string, ...data: number[]) =>
      formatInstruction(instructions([ins(name, 0, 0, 2, ...data)]), 0, 4);
    expect(row('vector_const_set', 0.5, -0.25)).toBe('v2[2] = -0.25');
    expect(row('matrix_const_set', 0.3, 0.99, 1e-7)).toBe('m2[1, 3] = 1e-7');
    expect(row('scalar_uniform_set', -0.5, 0.123456)).toBe('s2 = uniform(-0.5, 0.123)');
    expect(row('vector_gaussian_set', 0, 0.1)).toBe('v2 = gaussian(0, 0.1)');
    expect(row('scalar_const_set', -0.0001234)).toBe('s2 = -0.000123');
    expect(formatInstruction(instructions([[0, 0, 0, 0]]), 0, 4)).toBe('no_op');
  });
});

describe('dead code', () => {
  it('marks instructions that cannot reach s1, in every component function', () => {
    const p = program(
      // s3 is overwritten in Learn before anything reads it.
      [ins('scalar_const_set', 0, 0, 3, 0.9), ins('scalar_const_set', 0, 0, 2, 0.3)],
      // s3 = s2 * s2 is overwritten in Learn too; the no-op is a no-op.
      [ins('vector_inner_product', 0, 1, 1), ins('scalar_product', 2, 2, 3), [0, 0, 0, 0]],
      [
        ins('scalar_diff', 0, 1, 3),
        ins('scalar_product', 3, 2, 3),
        ins('scalar_vector_product', 3, 0, 2),
        ins('vector_sum', 2, 1, 1),
        // Read by nobody before the next s3 = s0 − s1.
        ins('scalar_sum', 3, 3, 3),
      ],
    );
    expect(kinds(p)).toEqual([
      'setup[0] dead',
      'setup[1] live',
      'predict[0] live',
      'predict[1] dead',
      'predict[2] noop',
      'learn[0] live',
      'learn[1] live',
      'learn[2] live',
      'learn[3] live',
      'learn[4] dead',
    ]);
    expect(programText(printProgram(p, 2))).toBe(
      SGD_TEXT.replace('dot(v1, v0)', 'dot(v0, v1)').replace('s2 * s3', 's3 * s2').replace('v1 + v2', 'v2 + v1'),
    );
  });

  it('keeps what Learn writes for the next Learn alive through Predict (a decaying learning rate)', () => {
    const sgd = sgdProgram(0.3);
    const decay = { ...sgd, learn: instructions([...chunks(sgd.learn), ins('scalar_product', 2, 2, 2)]) };
    expect(kinds(decay).at(-1)).toBe('learn[4] live');
    // The same write, but the learning rate reset in Predict before Learn reads it: dead.
    const reset = { ...decay, predict: instructions([...chunks(sgd.predict), ins('scalar_const_set', 0, 0, 2, 0.3)]) };
    expect(kinds(reset).at(-1)).toBe('learn[4] dead');
  });

  it('keeps what Predict writes for the next Predict alive, though Learn overwrites it (validation runs Predict alone)', () => {
    // Predict: s1 = s3 + s0, then s3 = s1 + s1; Learn: s3 = 0.5.
    const p = program(
      [],
      [ins('scalar_sum', 3, 0, 1), ins('scalar_sum', 1, 1, 3)],
      [ins('scalar_const_set', 0, 0, 3, 0.5)],
    );
    expect(kinds(p)).toEqual(['predict[0] live', 'predict[1] live', 'learn[0] live']);
  });

  it('keeps a vector alive across a write of one element, not across a write of all of it', () => {
    const sgd = sgdProgram(0.3);
    const partial = {
      ...sgd,
      setup: instructions([ins('vector_const_set', 0, 0, 1, 0.1, 0.5), ins('vector_const_set', 0, 0, 1, 0.9, 0.2)]),
    };
    expect(kinds(partial).slice(0, 2)).toEqual(['setup[0] live', 'setup[1] live']);
    const overwritten = {
      ...sgd,
      setup: instructions([ins('vector_const_set', 0, 0, 1, 0.1, 0.5), ins('scalar_vector_product', 2, 2, 1)]),
    };
    expect(kinds(overwritten).slice(0, 2)).toEqual(['setup[0] dead', 'setup[1] live']);
  });

  it('finds nothing live when nothing writes what Predict needs', () => {
    // Predict never writes s1; Learn writes only v2, which nothing reads.
    const p = program(
      [ins('scalar_const_set', 0, 0, 2, 1)],
      [ins('scalar_sum', 2, 2, 3)],
      [ins('vector_sum', 0, 0, 2)],
    );
    expect(kinds(p)).toEqual(['setup[0] dead', 'predict[0] dead', 'learn[0] dead']);
  });
});

describe('changed lines', () => {
  const changed = (a: ReturnType<typeof program> | null, b: ReturnType<typeof program>) => {
    const next = printProgram(b, 2);
    const marks = changedLines(a && printProgram(a, 2), next);
    return next.filter((_, i) => marks[i]).map((line) => line.text.trim());
  };

  it('marks the instructions that are new, and only those', () => {
    expect(changed(sgdProgram(0.3), sgdProgram(0.3))).toEqual([]);
    expect(changed(sgdProgram(0.3), sgdProgram(0.5))).toEqual(['s2 = 0.5']);
    const sgd = sgdProgram(0.3);
    const inserted = { ...sgd, learn: instructions([ins('scalar_sum', 3, 3, 3), ...chunks(sgd.learn)]) };
    expect(changed(sgd, inserted)).toEqual(['s3 = s3 + s3']);
    expect(changed(inserted, sgd)).toEqual([]);
    expect(changed(null, sgd)).toEqual([]);
  });
});

function chunks(code: Float64Array): number[][] {
  return Array.from({ length: code.length / 7 }, (_, i) => [...code.subarray(7 * i, 7 * i + 7)]);
}
