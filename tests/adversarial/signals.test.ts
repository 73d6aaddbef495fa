/**
 * Stop signals answered within a second whatever the command is doing: in the middle of one
 * long synchronous step (a frame of an SVM with a large C, parsing a large YAML file), or waiting
 * for stdin. bin/mlgif runs as a child process; each run must end with 128 + the signal's number,
 * within 1 s of the signal, and leave no file but its input.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, writeScenario } from '../cli-helpers.js';
import { mlgif } from './child.js';

/** One frame that trains for many seconds: an SVM with a large C on overlapping classes. */
const slowFrame = [
  'data: { source: mixture, n: 3000, test: 100 }',
  'model: { type: svm, C: 100 }',
  'animate: { by: samples, frames: 2 }',
  'render: { width: 160, height: 160, grid: 20 }',
].join('\n');

/** A scenario within the size limit that takes seconds to parse (a long YAML flow list). */
const slowToParse = `model: { type: knn }\nx: [${Array(450_000).fill('0').join(',')}]\n`;

const STATUS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129, SIGQUIT: 131, SIGUSR2: 140 } as const;

/** Latencies measured here, printed at the end (the report quotes them). */
const measured: string[] = [];

async function expectStop(
  args: (dir: string) => string[],
  signal: keyof typeof STATUS,
  options: { text?: string; stdin?: null; when?: (dir: string) => boolean; afterMs?: number },
) {
  const dir = tempDir();
  const input = options.text === undefined ? null : writeScenario(dir, 'in.yaml', options.text);
  const result = await mlgif(args(dir), {
    cwd: dir,
    stdin: options.stdin,
    interrupt: { signal, when: options.when && (() => options.when?.(dir) ?? true), afterMs: options.afterMs },
  });
  measured.push(`${args(dir).join(' ').replace(dir, '<dir>')}  ${signal}  ${result.afterSignal.toFixed(0)} ms`);
  // A shell's view: the supervisor's exit status, or the signal delivered again (a loaded machine).
  expect(result.status, result.stderr).toBe(STATUS[signal]);
  expect(result.stderr).toMatch(new RegExp(`interrupted by ${signal}`));
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(readdirSync(dir)).toEqual(input ? ['in.yaml'] : []);
  expect(result.afterSignal).toBeLessThan(1000);
}

/** The render has created its temporary GIF: it is drawing (and, 300 ms later, deep in a frame). */
const rendering = (dir: string) => readdirSync(dir).some((f) => f.endsWith('.tmp'));

describe('a stop signal during one long synchronous step', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'] as const)(
    'render, in a long frame: %s',
    async (signal) => {
      let seen = 0;
      await expectStop(() => ['render', 'in.yaml', '-o', 'out.gif'], signal, {
        text: slowFrame,
        when: (dir) => {
          if (!seen && rendering(dir)) seen = performance.now();
          return seen > 0 && performance.now() - seen > 300;
        },
      });
    },
  );

  it.each([
    ['validate', 'SIGINT'],
    ['data', 'SIGTERM'],
    ['render', 'SIGTERM'],
  ] as const)('%s, parsing a large YAML file: %s', async (command, signal) => {
    const args = command === 'render' ? ['render', 'in.yaml', '-o', 'out.gif'] : [command, 'in.yaml'];
    await expectStop(() => args, signal, { text: slowToParse, afterMs: 400 });
  });

  it.each([
    ['render', 'SIGINT'],
    ['render', 'SIGTERM'],
    ['validate', 'SIGTERM'],
    ['data', 'SIGINT'],
  ] as const)('%s, waiting for stdin: %s', async (command, signal) => {
    const args = command === 'render' ? ['render', '-', '-o', 'out.gif'] : [command, '-'];
    await expectStop(() => args, signal, { stdin: null, afterMs: 400 });
  });

  it('render, its worker blocked in a system call (opening a FIFO nobody reads): SIGTERM', async () => {
    // A thread stuck in a system call cannot be terminated, and process.exit waits for it.
    const dir = tempDir();
    writeScenario(dir, 'in.yaml', slowFrame);
    execFileSync('mkfifo', [join(dir, 'out.gif')]);
    const result = await mlgif(['render', 'in.yaml', '-o', 'out.gif'], {
      cwd: dir,
      interrupt: { signal: 'SIGTERM', afterMs: 600 },
    });
    measured.push(`render in.yaml -o <fifo without a reader>  SIGTERM  ${result.afterSignal.toFixed(0)} ms`);
    // Ended by the signal itself, delivered again with its default action: a shell sees 143.
    expect(result.status, result.stderr).toBe(STATUS.SIGTERM);
    expect(result.stderr).toMatch(/interrupted by SIGTERM/);
    expect(readdirSync(dir).sort()).toEqual(['in.yaml', 'out.gif']);
    expect(result.afterSignal).toBeLessThan(1000);
  });

  it('prints what it measured', () => {
    console.log(`signal latencies:\n${measured.join('\n')}`);
  });
});
