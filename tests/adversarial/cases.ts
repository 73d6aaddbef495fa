/**
 * The adversarial cases of issue 17 as data: each runs bin/mlgif in a scratch folder of its own
 * and states the exit status, what stderr must (and must not) say, and which files must exist,
 * be gone, or be unchanged afterwards. Every case also checks that no temporary file is left and
 * that no file it was given changed unless it says so.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tiny } from '../cli-helpers.js';

export interface Case {
  /** The item. */
  item: number;
  name: string;
  /** Files of the scratch folder before the run (path → contents). */
  files?: Record<string, string | Buffer>;
  /** More preparation (folders, links) in the scratch folder. */
  setup?: (dir: string) => void;
  args: string[];
  stdin?: string | Buffer;
  shellPrefix?: string;
  closeStderr?: boolean;
  status: number;
  /** stderr must match each. */
  stderr?: RegExp[];
  /** stderr must match none (besides the defaults: no "internal error", no stack trace). */
  notStderr?: RegExp[];
  /** Largest stderr, in bytes. */
  maxStderr?: number;
  /** Paths that must exist afterwards. */
  exist?: string[];
  /** Paths that must not exist afterwards. */
  absent?: string[];
  /** Files given that the run may change (the rest must stay byte for byte). */
  changes?: string[];
  /** A last check of the folder and the run's stdout. */
  check?: (dir: string, stdout: Buffer) => void;
}

const scenario = tiny();
/** ESC or BEL reaching the terminal (built from char codes: a linter refuses them in a literal). */
const CONTROL = new RegExp(`[${String.fromCharCode(0x1b, 0x07)}]`);
const csvRows = (n: number, label = (i: number) => String(i % 2)) => {
  const rows = ['x,y,label'];
  for (let i = 0; i < n; i++) rows.push(`${(i % 97) / 10},${(i % 89) / 10},${label(i)}`);
  return `${rows.join('\n')}\n`;
};
const csvScenario = (path = 'data.csv', extra = '') => tiny({ data: `{ source: csv, path: ${path}${extra} }` });

/** A YAML document within the size and alias limits that expands to ~47 M nodes. */
function aliasFlood(): string {
  const list = Array(470_000).fill('0').join(',');
  return `model: { type: knn }\nx: &a [${list}]\ny: [${Array(99).fill('*a').join(', ')}]\n`;
}

export const CASES: Case[] = [
  // 3. Temporary files and the other outputs.
  {
    item: 3,
    name: 'a 250-character output name',
    files: { 's.yaml': scenario },
    args: ['render', 's.yaml', '-o', `${'n'.repeat(246)}.gif`, '-q'],
    status: 0,
    exist: [`${'n'.repeat(246)}.gif`],
  },
  {
    item: 3,
    name: '--frames-dir replaces the frames of an earlier run',
    files: { 's.yaml': scenario },
    setup: (dir) => {
      mkdirSync(join(dir, 'frames'));
      for (let i = 1; i <= 9; i++) writeFileSync(join(dir, 'frames', `frame-000${i}.png`), 'stale');
    },
    args: ['render', 's.yaml', '-o', 's.gif', '--frames-dir', 'frames', '-q'],
    status: 0,
    exist: ['frames/frame-0003.png'],
    absent: ['frames/frame-0004.png', 'frames/frame-0009.png'],
  },
  {
    item: 3,
    name: '--frames-dir that cannot be created leaves nothing behind',
    files: { 's.yaml': scenario },
    args: ['render', 's.yaml', '-o', 's.gif', '--frames-dir', 's.yaml/frames'],
    status: 2,
    stderr: [/s\.yaml\/frames/],
    absent: ['s.gif'],
  },
  {
    item: 3,
    name: '--frames-dir holding other files is refused, the files kept',
    files: { 's.yaml': scenario, 'frames/notes.txt': 'mine' },
    args: ['render', 's.yaml', '-o', 's.gif', '--frames-dir', 'frames'],
    status: 2,
    stderr: [/frames/, /notes\.txt|other files/],
    absent: ['s.gif'],
  },
  {
    item: 3,
    name: 'a poster and a GIF past the file size limit (EFBIG): neither is left truncated',
    files: { 's.yaml': tiny({ render: '{ width: 800, height: 800, grid: 20 }' }) },
    shellPrefix: 'ulimit -f 16;',
    args: ['render', 's.yaml', '-o', 's.gif', '--poster', 'p.png'],
    status: 1,
    stderr: [/s\.gif|p\.png/, /too large/],
    absent: ['s.gif', 'p.png'],
  },
  // 4. Inputs are never overwritten.
  {
    item: 4,
    name: '-o the scenario itself',
    files: { 's.yaml': scenario },
    args: ['render', 's.yaml', '-o', 's.yaml'],
    status: 2,
    stderr: [/s\.yaml.*s\.yaml/],
  },
  {
    item: 4,
    name: '-o the scenario by another spelling',
    files: { 's.yaml': scenario },
    setup: (dir) => mkdirSync(join(dir, 'sub')),
    args: ['render', 's.yaml', '-o', './sub/../s.yaml'],
    status: 2,
    stderr: [/s\.yaml/, /reads/],
  },
  {
    item: 4,
    name: '-o the CSV data',
    files: { 's.yaml': csvScenario(), 'data.csv': csvRows(40) },
    args: ['render', 's.yaml', '-o', 'data.csv'],
    status: 2,
    stderr: [/data\.csv/],
  },
  {
    item: 4,
    name: '--poster the scenario',
    files: { 's.yaml': scenario },
    args: ['render', 's.yaml', '-o', 's.gif', '--poster', 's.yaml'],
    status: 2,
    stderr: [/--poster/, /s\.yaml/],
    absent: ['s.gif'],
  },
  {
    item: 4,
    name: '--poster the CSV test data',
    files: {
      's.yaml': csvScenario('data.csv', ', testPath: test.csv'),
      'data.csv': csvRows(40),
      'test.csv': csvRows(20),
    },
    args: ['render', 's.yaml', '-o', 's.gif', '--poster', 'test.csv'],
    status: 2,
    stderr: [/test\.csv/],
  },
  {
    item: 4,
    name: '--poster the output GIF',
    files: { 's.yaml': scenario },
    args: ['render', 's.yaml', '-o', 'same.gif', '--poster', 'same.gif'],
    status: 2,
    stderr: [/same\.gif/],
    absent: ['same.gif'],
  },
  {
    item: 4,
    name: 'validate refuses a scenario whose output is itself',
    files: { 's.yaml': `${scenario}\noutput: s.yaml` },
    args: ['validate', 's.yaml'],
    status: 2,
    stderr: [/output/],
  },
  {
    item: 4,
    name: 'an output that is a folder',
    files: { 's.yaml': scenario, 'dir/keep': 'x' },
    args: ['render', 's.yaml', '-o', 'dir'],
    status: 2,
    stderr: [/dir/, /folder/],
  },
  // 5. Limits.
  {
    item: 5,
    name: 'a CSV of 200,001 rows',
    files: { 's.yaml': csvScenario(), 'data.csv': csvRows(200_001) },
    args: ['validate', 's.yaml'],
    status: 2,
    stderr: [/200[,]?000/],
  },
  {
    item: 5,
    name: 'a CSV label of 1000 characters',
    files: { 's.yaml': csvScenario(), 'data.csv': csvRows(40, (i) => (i % 2 ? 'a' : 'b'.repeat(1000))) },
    args: ['validate', 's.yaml'],
    status: 2,
    stderr: [/label/],
    maxStderr: 400,
  },
  {
    item: 5,
    name: 'YAML aliases that expand a list 99 times',
    files: { 's.yaml': aliasFlood() },
    args: ['validate', 's.yaml'],
    status: 2,
    stderr: [/nodes|values/],
  },
  {
    item: 5,
    name: 'stdin over the byte limit in multi-byte characters',
    stdin: `${scenario}\n# ${'é'.repeat(600_000)}\n`,
    args: ['validate', '-'],
    status: 2,
    stderr: [/larger than/],
  },
  {
    item: 5,
    name: 'a comparison over the work budget',
    files: {
      's.yaml': [
        `compare: [${Array(32).fill('{ type: knn, k: 15 }').join(', ')}]`,
        `rows: [${Array(8).fill('{ source: moons, n: 2000 }').join(', ')}]`,
        'animate: { by: samples, frames: 50 }',
        'render: { width: 4096, height: 4096, grid: 400 }',
      ].join('\n'),
    },
    args: ['validate', 's.yaml'],
    status: 2,
    stderr: [/work/, /--max-work/],
  },
  // 6. Crashes on valid input, and errors of the environment.
  {
    item: 6,
    name: 'five rows of panels at height 160',
    files: {
      's.yaml': tiny({
        model: 'null',
        compare: '[{ type: logistic }, { type: lda }]',
        rows: `[${Array(5).fill('{ source: moons, n: 40 }').join(', ')}]`,
      }).replace('model: null\n', ''),
    },
    args: ['validate', 's.yaml'],
    status: 2,
    stderr: [/render\.height/, /\d+ px/],
  },
  {
    item: 6,
    name: 'sixteen columns at width 160',
    files: {
      's.yaml': tiny({
        model: 'null',
        compare: `[${Array(16).fill('{ type: lda }').join(', ')}]`,
        layout: '{ columns: 16 }',
      }).replace('model: null\n', ''),
    },
    args: ['render', 's.yaml', '-o', 's.gif'],
    status: 2,
    stderr: [/render\.width/],
    absent: ['s.gif'],
  },
  {
    item: 6,
    name: 'a window narrower than doubles can tell apart',
    files: { 's.yaml': tiny({ render: '{ width: 160, height: 160, grid: 20, xlim: [5e-324, 1e-323] }' }) },
    args: ['render', 's.yaml', '-o', 's.gif'],
    status: 2,
    stderr: [/render\.xlim/],
  },
  {
    item: 6,
    name: "an output under /proc (Node's recursive mkdir never returns there)",
    files: { 's.yaml': scenario },
    args: ['render', 's.yaml', '-o', '/proc/mlgif-nope/x.gif'],
    status: 2,
    stderr: [/cannot create the folder \/proc\/mlgif-nope: no such file or folder/],
  },
  {
    item: 6,
    name: '-o / (a folder that cannot be replaced)',
    files: { 's.yaml': scenario },
    args: ['render', 's.yaml', '-o', '/'],
    status: 2,
    stderr: [/folder/],
  },
  {
    item: 6,
    name: 'a working folder that was removed',
    files: { 's.yaml': scenario },
    setup: (dir) => mkdirSync(join(dir, 'gone')),
    shellPrefix: 'cd gone && rmdir ../gone &&',
    args: ['render', '../s.yaml'],
    status: 1,
    stderr: [/working folder/],
  },
  {
    item: 6,
    name: 'stderr closed: every file is still rendered',
    files: { 'a.yaml': scenario, 'b.yaml': scenario, 'c.yaml': scenario, 'd.yaml': scenario },
    closeStderr: true,
    args: ['render', 'a.yaml', 'b.yaml', 'c.yaml', 'd.yaml', '--out-dir', 'out', '--jobs', '1'],
    status: 0,
    exist: ['out/a.gif', 'out/b.gif', 'out/c.gif', 'out/d.gif'],
  },
  // 7. Untrusted text on the terminal.
  {
    item: 7,
    name: 'an escape sequence in a CSV field',
    files: { 's.yaml': csvScenario(), 'data.csv': 'x,y,label\n1,\x1b]0;owned\x07\x1b[31m,0\n' },
    args: ['validate', 's.yaml'],
    status: 2,
    notStderr: [CONTROL],
  },
  {
    item: 7,
    name: 'an escape sequence in a YAML key',
    files: { 's.yaml': tiny({ model: '{ type: knn, "\\e[2J\\e]0;x\\a": 1 }' }) },
    args: ['validate', 's.yaml'],
    status: 2,
    stderr: [/model/],
    notStderr: [CONTROL],
  },
  {
    item: 7,
    name: 'a key of 900,000 characters',
    files: { 's.json': JSON.stringify({ model: { type: 'knn', ['k'.repeat(900_000)]: 1 } }) },
    args: ['validate', 's.json'],
    status: 2,
    maxStderr: 600,
  },
  {
    item: 7,
    name: 'a CSV path to a file that is not CSV: its first line is not shown',
    files: { 's.yaml': csvScenario('secret.txt'), 'secret.txt': 'root:TOPSECRET:0:0\n' },
    args: ['validate', 's.yaml'],
    status: 2,
    notStderr: [/TOPSECRET/],
  },
  {
    item: 7,
    name: 'a CSV line of 5 MB',
    files: { 's.yaml': csvScenario(), 'data.csv': `x,y,label\n1,${'9'.repeat(5_000_000)}x,0\n` },
    args: ['validate', 's.yaml'],
    status: 2,
    maxStderr: 600,
  },
  {
    item: 7,
    name: 'a CSV of NUL bytes',
    files: { 's.yaml': csvScenario(), 'data.csv': Buffer.alloc(2_000_000) },
    args: ['validate', 's.yaml'],
    status: 2,
    maxStderr: 600,
    notStderr: [/\0/],
  },
  // 8. Smaller items.
  {
    item: 8,
    name: 'CSV integer labels past 2^53 stay two classes',
    files: {
      's.yaml': csvScenario(),
      'data.csv': csvRows(40, (i) => (i % 2 ? '9007199254740993' : '9007199254740992')),
    },
    args: ['data', 's.yaml'],
    status: 0,
    check: (_dir, stdout) => {
      const labels = new Set(
        stdout
          .toString()
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => l.split(',')[2]),
      );
      if (labels.size !== 2) throw new Error(`expected 2 labels, got ${[...labels].join(' ')}`);
    },
  },
  {
    item: 8,
    name: 'duplicate JSON keys',
    files: { 's.json': '{"model": {"type": "knn", "k": 3, "k": 5}}' },
    args: ['validate', 's.json'],
    status: 2,
    stderr: [/model\.k|"k"/, /twice|duplicate/],
  },
  ...(
    [
      ['render', 's.yaml', '-o', ''],
      ['render', 's.yaml', '--out-dir', ''],
      ['render', 's.yaml', '--poster', ''],
      ['render', 's.yaml', '--frames-dir', ''],
      ['data', 's.yaml', '-o', ''],
    ] as const
  ).map(
    (args): Case => ({
      item: 8,
      name: `an empty flag value: ${args.slice(2).join(' ')}''`,
      files: { 's.yaml': scenario },
      args: [...args],
      status: 2,
      stderr: [/empty/],
      absent: ['out'],
    }),
  ),
  {
    item: 8,
    name: 'a malformed --set value: one line, one problem',
    files: { 's.yaml': scenario },
    args: ['validate', 's.yaml', '--set', 'model.k=[1,', '--json'],
    status: 2,
    check: (_dir, stdout) => {
      const line = JSON.parse(stdout.toString());
      if (line.problems.length !== 1) throw new Error(`expected 1 problem, got ${line.problems.length}`);
      if (line.problems[0].message.includes('\n')) throw new Error('the problem spans several lines');
    },
  },
  {
    item: 8,
    name: 'a !!js/function tag in --set',
    files: { 's.yaml': scenario },
    args: ['validate', 's.yaml', '--set', 'model.k=!!js/function "x"'],
    status: 2,
    stderr: [/tag/],
    notStderr: [/YAMLWarning|trace-warnings/],
  },
  {
    item: 8,
    name: '-o - with stdout closed',
    files: { 's.yaml': scenario },
    shellPrefix: 'exec 1>&-;',
    args: ['render', 's.yaml', '-o', '-'],
    status: 1,
    stderr: [/stdout/],
  },
  {
    item: 8,
    name: 'a sweep warns once, not on every frame',
    files: {
      's.yaml': tiny({
        data: '{ source: gaussians, n: 6, test: 40 }',
        model: '{ type: logistic, optimizer: newton, epochs: 20 }',
        animate: '{ by: sweep, frames: 3, sweep: { path: model.l2, from: 0, to: 0.000001 } }',
      }),
    },
    args: ['render', 's.yaml', '-o', 's.gif'],
    status: 0,
    check: () => {},
    stderr: [/^(?![\s\S]*warning[\s\S]*warning)[\s\S]*warning/],
  },
];
