/** The CSV source: labels, class names, BOM/CRLF, splits, and every error case naming its line. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { csv, parseCsv } from '../../src/data/csv.js';
import { UserError } from '../../src/errors.js';
import { createRng } from '../../src/random.js';
import { classifying } from '../helpers.js';

const baseDir = fileURLToPath(new URL('../fixtures/csv/', import.meta.url));
const open = (path: string, testPath?: string) =>
  classifying(csv.create(csv.schema.parse({ path, testPath }), { baseDir, rng: createRng(1) }));

/** The UserError that `f` throws (fails the test if it throws nothing or something else). */
function userError(f: () => unknown): UserError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError, nothing was thrown');
}

describe('csv source', () => {
  it('reads string labels in order of first appearance, skipping blank lines and quotes', () => {
    const sim = open('train.csv');
    expect(sim.classes).toBe(3);
    expect(sim.classNames).toEqual(['cat', 'dog', 'bird']);
    expect(sim.logDensity).toBeUndefined();
    const d = sim.sample(999, createRng(1));
    expect(d.n).toBe(4);
    expect(Array.from(d.X)).toEqual([0.5, 1.5, -1, 0.2, 3, 4, 0.25, -7]);
    expect(Array.from(d.y)).toEqual([0, 1, 0, 2]);
    expect(sim.sample(10, createRng(1), 'test').n).toBe(0);
  });

  it('sorts integer labels numerically and maps the columns by the header', () => {
    const sim = open('integers.csv');
    expect(sim.classNames).toEqual(['-1', '2', '10']);
    const d = sim.sample(0, createRng(1));
    expect(Array.from(d.y)).toEqual([2, 1, 0, 1]);
    expect(Array.from(d.X.subarray(0, 2))).toEqual([1, 2]);
  });

  it('accepts a UTF-8 BOM and CRLF line ends', () => {
    const sim = open('bom-crlf.csv');
    expect(sim.classNames).toEqual(['a', 'b']);
    const d = sim.sample(0, createRng(1));
    expect(Array.from(d.X)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(d.y)).toEqual([0, 1, 0]);
  });

  it('reads the test file with the training classes; copies, so callers may reorder', () => {
    const sim = open('train.csv', 'test-good.csv');
    const test = sim.sample(0, createRng(1), 'test');
    expect(test.n).toBe(2);
    expect(Array.from(test.y)).toEqual([0, 1]);
    test.y[0] = 2;
    expect(sim.sample(0, createRng(1), 'test').y[0]).toBe(0);
  });

  it('parses quoted fields', () => {
    const t = parseCsv('x,y,label\n1,2,"a, b"\n3,4,"say ""hi"""\n', 'q.csv');
    expect(t.labels).toEqual(['a, b', 'say "hi"']);
  });

  it.each([
    ['empty.csv', 1, /empty/],
    ['blank.csv', 1, /empty/],
    ['no-header.csv', 1, /missing header/],
    ['wrong-header.csv', 1, /expected the header x,y,label \(classification\) or x,y \(regression\) as the first line/],
    ['ragged.csv', 4, /expected 3 fields .* got 4/],
    ['nan.csv', 3, /x is NaN/],
    ['infinity.csv', 5, /y is -Infinity/],
    ['text.csv', 3, /y = "four" is not a number/],
    ['empty-field.csv', 3, /x is empty/],
    ['empty-label.csv', 3, /label is empty/],
    ['quotes.csv', 4, /unterminated/],
    ['one-class.csv', 2, /lines 2–4\) has the label "a"; expected at least two classes/],
    ['header-only.csv', 2, /no points/],
    ['nine-classes.csv', 11, /"c9" is a 9th class/],
  ])('%s: a UserError at line %i', (file, line, message) => {
    const error = userError(() => open(file));
    expect(error.problems[0].path).toBe(`${file}:${line}`);
    expect(error.message).toMatch(message);
  });

  it('names the test file and line of a label the training file lacks', () => {
    const error = userError(() => open('train.csv', 'test-unknown.csv'));
    expect(error.problems[0].path).toBe('test-unknown.csv:3');
    expect(error.message).toMatch(/"fish" is not a class of the training file train.csv \(classes: cat, dog, bird\)/);
  });

  it('names a missing file', () => {
    const error = userError(() => open('nowhere.csv'));
    expect(error.problems[0].path).toBe('nowhere.csv');
    expect(error.message).toMatch(/file not found/);
    expect(userError(() => open('train.csv', 'nowhere-test.csv')).problems[0].path).toBe('nowhere-test.csv');
  });

  it('refuses what is not a regular file, such as a folder or /dev/zero', () => {
    expect(userError(() => open('/dev/zero')).message).toMatch(/expected a regular CSV file/);
    expect(userError(() => open(tmpdir())).message).toMatch(/expected a regular CSV file/);
  });

  it('reads 100,000 rows and resolves paths against baseDir', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlgif-csv-'));
    const rows = ['x,y,label'];
    for (let i = 0; i < 100_000; i++) rows.push(`${(i * 0.001).toFixed(3)},${-i},${i % 3}`);
    writeFileSync(join(dir, 'big.csv'), `${rows.join('\n')}\n`);
    const sim = classifying(csv.create(csv.schema.parse({ path: 'big.csv' }), { baseDir: dir, rng: createRng(1) }));
    const d = sim.sample(0, createRng(1));
    expect(d.n).toBe(100_000);
    expect(sim.classNames).toEqual(['0', '1', '2']);
    expect(d.X[2 * 99_999]).toBeCloseTo(99.999, 9);
    expect(d.y[99_999]).toBe(99_999 % 3);
  });
});
