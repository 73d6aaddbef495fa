/**
 * The CLI as a child process through bin/mlgif (the compiled dist/: `npm run build` first):
 * render, validate, stdin/stdout, and signals sent mid-render (also with --jobs 2). --jobs output
 * identity is tested in-process (cli-render.test.ts), where the workers run the same dist/.
 */

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, files, tempDir, tiny, writeScenario } from './cli-helpers.js';
import { decodeGif } from './decode.js';

interface Child {
  code: number | null;
  /** What a shell sees: the exit code, or 128 + the number of the signal that ended it. */
  status: number | null;
  stdout: Buffer;
  stderr: string;
  /** Milliseconds from the signal (if one was sent) to the exit. */
  afterSignal: number;
}

/** Runs bin/mlgif; `interrupt` may send a signal once `when()` holds (polled every 5 ms). */
function mlgif(
  args: string[],
  options: {
    stdin?: string;
    interrupt?: { signal: NodeJS.Signals; when: () => boolean; twice?: boolean };
    /** Close our end of the child's stdout at once, as `| head -c 0` would. */
    closeStdout?: boolean;
  } = {},
): Promise<Child> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'pipe' });
    const out: Buffer[] = [];
    let err = '';
    let sentAt = 0;
    if (options.closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    // The child may stop reading early (a size limit): that is not an error here.
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
    const poll = options.interrupt
      ? setInterval(() => {
          if (!sentAt && options.interrupt?.when()) {
            sentAt = performance.now();
            child.kill(options.interrupt.signal);
            // A second signal just after (two at once may merge into one): an impatient Ctrl-C Ctrl-C.
            const again = options.interrupt.signal;
            if (options.interrupt.twice) setTimeout(() => child.kill(again), 5);
          }
        }, 5)
      : undefined;
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      done({
        code,
        status: code ?? (signal ? 128 + constants.signals[signal] : null),
        stdout: Buffer.concat(out),
        stderr: err,
        afterSignal: sentAt ? performance.now() - sentAt : Number.NaN,
      });
    });
  });
}

/** A render of a few seconds: many epochs, one frame each. */
const long = tiny({ model: '{ type: logistic, epochs: 2000 }', animate: '{ by: epochs, frames: 2000 }' });

describe('bin/mlgif', () => {
  it('renders a file (JSON line on stdout only) and validates good and bad files', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', tiny());
    const out = join(dir, 's.gif');
    const result = await mlgif(['render', file, '-o', out, '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const line = JSON.parse(result.stdout.toString());
    expect(line).toMatchObject({ file, output: out, frames: 3, width: 160 });
    expect(decodeGif(readFileSync(out)).frames).toBe(3);

    const good = await mlgif(['validate', file]);
    expect([good.code, good.stderr]).toEqual([0, `${file}: valid\n`]);
    const badFile = writeScenario(dir, 'bad.yaml', 'model: { type: knn, k: -1, weigths: distance }');
    const bad = await mlgif(['validate', badFile, file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/model\.k/);
    expect(bad.stderr).toMatch(/model\.weigths: unknown option "weigths" \(did you mean "weights"\?\)/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads a scenario on stdin and writes only the GIF on stdout', async () => {
    const result = await mlgif(['render', '-', '-o', '-'], { stdin: tiny() });
    expect(result.code).toBe(0);
    expect(result.stdout.subarray(0, 6).toString()).toBe('GIF89a');
    expect(decodeGif(result.stdout).frames).toBe(3);
    expect(result.stderr).toBe('');
  });
});

describe('stdin beyond the size limit', () => {
  it('is refused with exit 2, read only up to the limit', async () => {
    const result = await mlgif(['validate', '-'], { stdin: `model: { type: knn }\n#${'x'.repeat(3_000_000)}` });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/larger than 1000000 bytes/);
  });
});

describe('a reader that goes away', () => {
  it.each([
    ['list', ['list']],
    ['schema', ['schema']],
    ['a GIF on stdout', ['render', '-', '-o', '-']],
  ])('%s: exit 141 (as SIGPIPE), no stack trace', async (_what, args) => {
    const result = await mlgif(args, { stdin: tiny(), closeStdout: true });
    expect(result.code).toBe(141);
    expect(result.stderr).toBe('');
  });
});

describe('signals mid-render', () => {
  const temporary = (dir: string) => () => files(dir).some((f) => f.endsWith('.tmp'));

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: exits %i soon after, no GIF and no temporary file left', async (signal, code) => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', long);
    const result = await mlgif(['render', file, '-o', join(dir, 's.gif')], {
      interrupt: { signal, when: temporary(dir) },
    });
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(new RegExp(`interrupted by ${signal}`));
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(files(dir)).toEqual(['s.yaml']);
    // "Within a second"; the bound here is loose so a loaded machine does not fail it.
    expect(result.afterSignal).toBeLessThan(5000);
  });

  it('SIGINT with --jobs 2 stops every worker and leaves nothing behind', async () => {
    const dir = tempDir();
    const paths = [writeScenario(dir, 'a.yaml', long), writeScenario(dir, 'b.yaml', long)];
    const out = join(dir, 'out');
    const result = await mlgif(['render', ...paths, '--out-dir', out, '--jobs', '2'], {
      interrupt: { signal: 'SIGINT', when: () => files(dir).includes('out') && temporary(out)() },
    });
    expect(result.code).toBe(130);
    expect(files(out)).toEqual([]);
    expect(result.afterSignal).toBeLessThan(5000);
  });

  it('a second SIGINT exits at once, and still leaves no temporary file', async () => {
    const dir = tempDir();
    // Slow frames, so the second signal surely comes before the workers could stop by themselves.
    const slow = long.replace(/render: .*/, 'render: { width: 600, height: 600, grid: 150 }');
    const paths = [writeScenario(dir, 'a.yaml', slow), writeScenario(dir, 'b.yaml', slow)];
    const out = join(dir, 'out');
    const result = await mlgif(['render', ...paths, '--out-dir', out, '--jobs', '2'], {
      interrupt: { signal: 'SIGINT', when: () => files(dir).includes('out') && temporary(out)(), twice: true },
    });
    // 130 either way: the supervisor exits with it, or, when the worker does not stop in time
    // (a loaded machine), the signal is delivered again and ends the process.
    expect(result.status).toBe(130);
    expect(files(out)).toEqual([]);
  });
});
