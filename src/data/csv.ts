/**
 * The user's own points: a CSV file with one point per line under a header that says the task —
 * x,y,label (any column order) for classification, x,y for regression — and optionally a second
 * file of test points with the same header. Labels are integers (classes sorted by value) or any
 * strings (classes in order of first appearance); the names go to the legend. The files are read
 * when the source is created, so the task and the class count are known up front, and checked
 * strictly: every problem is a UserError naming the file and line. A UTF-8 BOM, CRLF line ends,
 * blank lines and RFC 4180 quoted fields (without line breaks) are accepted. There are no
 * densities (no Bayes boundary) and no true function (no optimal loss).
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { type Dataset, MAX_POINTS, type Series } from '../dataset.js';
import { UserError } from '../errors.js';
import { options } from '../options.js';
import { quote, shown } from '../quote.js';
import { type ClassificationSimulator, type DataContext, defineSource, type RegressionSimulator } from './source.js';

/** The most classes the palette can tell apart. */
export const MAX_CLASSES = 8;
/** The two headers: classification's and regression's. */
const LABELLED = ['x', 'y', 'label'] as const;
const UNLABELLED = ['x', 'y'] as const;
const HEADERS = 'x,y,label (classification) or x,y (regression)';
// One way to match each number (no nested choices between \d runs): linear time on any line.
const NUMBER = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;
const INTEGER = /^[-+]?\d+$/;
/** Longest line: three fields of a point take a few dozen characters. */
const MAX_LINE = 1000;
/** Longest label: it is a class name, shown in the legend. */
const MAX_LABEL = 60;

const schema = options({
  path: z
    .string()
    .min(1)
    .describe('CSV file of training points, header x,y,label or x,y (relative to the scenario file)'),
  testPath: z.string().min(1).optional().describe('CSV file of test points, same header; default none'),
});

/**
 * Rows of one file: the pairs (x, y), the raw labels (none under the header x,y), the line each
 * row came from, and the header's line.
 */
interface Table {
  labelled: boolean;
  X: Float64Array;
  labels: string[];
  lines: Uint32Array;
  n: number;
  headerLine: number;
}

/** Fields of one line; the quote-aware path only for lines that contain a quote. */
function splitFields(line: string, where: () => string): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    while (line[i] === ' ') i++;
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new UserError('unterminated quoted field', where());
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      while (line[i] === ' ') i++;
      if (i < line.length && line[i] !== ',') throw new UserError('unexpected text after a quoted field', where());
    } else {
      const end = line.indexOf(',', i);
      field = line.slice(i, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

function coordinate(text: string, name: string, where: () => string): number {
  if (NUMBER.test(text)) {
    const v = Number(text);
    if (Number.isFinite(v)) return v;
    throw new UserError(`${name} = ${text.trim()} is too large to be a finite number`, where());
  }
  const t = text.trim();
  if (t === '') throw new UserError(`${name} is empty; expected a number`, where());
  if (/^[-+]?(nan|inf|infinity)$/i.test(t)) throw new UserError(`${name} is ${t}; expected a finite number`, where());
  throw new UserError(`${name} = ${quote(t)} is not a number`, where());
}

/** Far above 200,000 rows of x,y,label; keeps /dev/zero or a wrong path from eating the memory. */
const MAX_BYTES = 64 * 1024 * 1024;

function readText(file: string, path: string): string {
  try {
    const info = statSync(path);
    if (!info.isFile()) throw new UserError('expected a regular CSV file', file);
    if (info.size > MAX_BYTES) {
      throw new UserError(`the file is ${(info.size / 2 ** 20).toFixed(0)} MB; expected at most 64 MB`, file);
    }
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`file not found (looked for ${path})`, file);
    throw new UserError(`cannot read the file (${code ?? String(error)})`, file);
  }
}

function checkLength(line: string, where: () => string): void {
  if (line.length > MAX_LINE) {
    throw new UserError(
      `the line is ${line.length} characters long; expected a point x,y,label or x,y (at most ${MAX_LINE})`,
      where(),
    );
  }
}

/** Parses one file: the header x,y,label or x,y, then one point per non-blank line. */
export function parseCsv(text: string, file: string): Table {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows = body.split('\n');
  let lineNo = 0;
  const where = () => `${file}:${lineNo}`;
  // The header: the first non-blank line.
  let header: string[] | undefined;
  let r = 0;
  for (; r < rows.length && header === undefined; r++) {
    lineNo = r + 1;
    const line = rows[r].endsWith('\r') ? rows[r].slice(0, -1) : rows[r];
    if (line.trim() === '') continue;
    checkLength(line, where);
    header = splitFields(line, where).map((f) => f.trim().toLowerCase());
  }
  if (header === undefined) {
    lineNo = 1;
    throw new UserError(`the file is empty; expected the header ${HEADERS} and one point per line`, where());
  }
  const headerLine = lineNo;
  const labelled = header.length === 3;
  const column = (labelled ? LABELLED : UNLABELLED).map((name) => header.indexOf(name));
  if (header.length < 2 || header.length > 3 || column.includes(-1)) {
    const looksLikeData = header.length >= 2 && NUMBER.test(header[0]) && NUMBER.test(header[1]);
    throw new UserError(
      looksLikeData
        ? `missing header: the first line is data; expected the header ${HEADERS}`
        : `expected the header ${HEADERS} as the first line (is this a CSV file of points?)`,
      where(),
    );
  }
  const [cx, cy, cl] = column;
  const fieldNames = labelled ? 'x,y,label' : 'x,y';
  const capacity = rows.length - r;
  const X = new Float64Array(2 * capacity);
  const lines = new Uint32Array(capacity);
  const labels: string[] = [];
  let n = 0;
  for (; r < rows.length; r++) {
    lineNo = r + 1;
    const line = rows[r].endsWith('\r') ? rows[r].slice(0, -1) : rows[r];
    if (line.trim() === '') continue;
    checkLength(line, where);
    if (n === MAX_POINTS) {
      throw new UserError(
        `more than ${MAX_POINTS.toLocaleString('en')} points; at most ${MAX_POINTS.toLocaleString('en')} can be used`,
        where(),
      );
    }
    const fields = splitFields(line, where);
    if (fields.length !== header.length) {
      throw new UserError(
        `expected ${header.length} fields (${fieldNames}), got ${fields.length}: ${quote(line)}`,
        where(),
      );
    }
    X[2 * n] = coordinate(fields[cx], 'x', where);
    X[2 * n + 1] = coordinate(fields[cy], 'y', where);
    if (labelled) {
      const label = fields[cl].trim();
      if (label === '') throw new UserError('the label is empty', where());
      if (label.length > MAX_LABEL) {
        throw new UserError(`the label ${quote(label)} is longer than ${MAX_LABEL} characters`, where());
      }
      labels.push(label);
    }
    lines[n] = lineNo;
    n++;
  }
  return { labelled, X: X.subarray(0, 2 * n), labels, lines: lines.subarray(0, n), n, headerLine };
}

/**
 * Class names and a label → class map: integers sorted by value, else strings by first appearance.
 * Integers past 2^53 are strings: as numbers, neighbours would merge into one class.
 */
function classesOf(table: Table, file: string): { names: string[]; index: (label: string) => number | undefined } {
  const numeric = table.labels.every((l) => INTEGER.test(l) && Number.isSafeInteger(Number(l)));
  const key = numeric ? (l: string) => String(Number(l)) : (l: string) => l;
  const firstLine = new Map<string, number>();
  for (let i = 0; i < table.n; i++) {
    const k = key(table.labels[i]);
    if (firstLine.has(k)) continue;
    firstLine.set(k, table.lines[i]);
    if (firstLine.size > MAX_CLASSES) {
      throw new UserError(
        `label ${quote(table.labels[i])} is a ${MAX_CLASSES + 1}th class; at most ${MAX_CLASSES} classes can be drawn`,
        `${file}:${table.lines[i]}`,
      );
    }
  }
  if (table.n === 0) throw new UserError('no points after the header; expected at least two classes', `${file}:2`);
  if (firstLine.size < 2) {
    const last = table.lines[table.n - 1];
    throw new UserError(
      `every point (lines ${table.lines[0]}–${last}) has the label ${quote(table.labels[0])}; expected at least two classes`,
      `${file}:${table.lines[0]}`,
    );
  }
  const names = [...firstLine.keys()];
  if (numeric) names.sort((a, b) => Number(a) - Number(b));
  const classOf = new Map(names.map((name, c) => [name, c]));
  return { names, index: (label) => classOf.get(key(label)) };
}

function toDataset(
  table: Table,
  file: string,
  classes: { names: string[]; index: (l: string) => number | undefined },
  trainFile: string,
): Dataset {
  const y = new Uint8Array(table.n);
  for (let i = 0; i < table.n; i++) {
    const c = classes.index(table.labels[i]);
    if (c === undefined) {
      throw new UserError(
        `label ${quote(table.labels[i])} is not a class of the training file ${shown(trainFile)} (classes: ${classes.names.map(shown).join(', ')})`,
        `${file}:${table.lines[i]}`,
      );
    }
    y[i] = c;
  }
  return { X: table.X, y, n: table.n, classes: classes.names.length };
}

function load(file: string, baseDir: string): Table {
  return parseCsv(readText(file, resolve(baseDir, file)), file);
}

function classification(
  train: Table,
  test: Table | null,
  opts: z.output<typeof schema>,
  files: string[],
): ClassificationSimulator {
  const classes = classesOf(train, opts.path);
  const trainSet = toDataset(train, opts.path, classes, opts.path);
  const k = classes.names.length;
  const testSet: Dataset =
    test && opts.testPath
      ? toDataset(test, opts.testPath, classes, opts.path)
      : { X: new Float64Array(0), y: new Uint8Array(0), n: 0, classes: k };
  return {
    task: 'classification',
    classes: k,
    classNames: classes.names,
    fromFile: true,
    files,
    // Copies: the caller may reorder or shuffle what it gets.
    sample: (_n, _rng, split = 'train') => {
      const d = split === 'test' ? testSet : trainSet;
      return { X: d.X.slice(), y: d.y.slice(), n: d.n, classes: k };
    },
  };
}

/** The pairs (x, y) of a table as a series. */
function toSeries(table: Table): Series {
  const x = new Float64Array(table.n);
  const y = new Float64Array(table.n);
  for (let i = 0; i < table.n; i++) {
    x[i] = table.X[2 * i];
    y[i] = table.X[2 * i + 1];
  }
  return { x, y, n: table.n };
}

function regression(train: Table, test: Table | null, file: string, files: string[]): RegressionSimulator {
  if (train.n < 2) {
    throw new UserError(
      `${train.n === 0 ? 'no points' : 'one point'} after the header; expected at least two points`,
      `${file}:${train.n === 0 ? train.headerLine + 1 : train.lines[0]}`,
    );
  }
  const trainSet = toSeries(train);
  const testSet = test ? toSeries(test) : { x: new Float64Array(0), y: new Float64Array(0), n: 0 };
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const x of trainSet.x) {
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  return {
    task: 'regression',
    domain: [lo, hi],
    fromFile: true,
    files,
    sample: (_n, _rng, split = 'train') => {
      const d = split === 'test' ? testSet : trainSet;
      return { x: d.x.slice(), y: d.y.slice(), n: d.n };
    },
  };
}

function create(opts: z.output<typeof schema>, context: DataContext): ClassificationSimulator | RegressionSimulator {
  const train = load(opts.path, context.baseDir);
  const test = opts.testPath ? load(opts.testPath, context.baseDir) : null;
  if (test && opts.testPath && test.labelled !== train.labelled) {
    const header = (t: Table) => (t.labelled ? 'x,y,label' : 'x,y');
    throw new UserError(
      `the header is ${header(test)} but the training file's is ${header(train)}: expected the same kind of points`,
      `${opts.testPath}:${test.headerLine}`,
    );
  }
  const files = [opts.path, opts.testPath].flatMap((file) => (file ? [resolve(context.baseDir, file)] : []));
  return train.labelled ? classification(train, test, opts, files) : regression(train, test, opts.path, files);
}

export const csv = defineSource({
  source: 'csv',
  title: 'CSV file',
  tasks: ['classification', 'regression'],
  schema,
  classes: () => undefined,
  create,
});
