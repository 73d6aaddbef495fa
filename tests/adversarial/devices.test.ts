/**
 * Outputs that are not regular files: a FIFO (with a reader), a link to one, and — inside a
 * private mount namespace with a tmpfs of its own at /dev, never the machine's /dev — /dev/null,
 * /dev/stdout and /dev/full, and a full file system. Such a target is written directly and stays
 * what it was: a rename over /dev/null, as root, would replace the device with a regular file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, lstatSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir, tiny, writeScenario } from '../cli-helpers.js';
import { mlgif } from './child.js';

const MLGIF = process.env.MLGIF_BIN ?? BIN;

/** Everything written into the FIFO at `path`, once its writer closes it. */
function drain(path: string): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    createReadStream(path)
      .on('data', (chunk) => chunks.push(chunk as Buffer))
      .on('end', () => done(Buffer.concat(chunks)))
      .on('error', fail);
  });
}

describe('a FIFO as the output', () => {
  it.each([
    ['render', (fifo: string) => ['render', 's.yaml', '-o', fifo, '-q'], 'GIF89a'],
    ['data', (fifo: string) => ['data', 's.yaml', '-o', fifo], 'x,y,label'],
    ['schema', (fifo: string) => ['schema', '-o', fifo], '{'],
  ] as const)('%s writes into it, and it stays a FIFO (also through a link)', async (_what, args, start) => {
    for (const through of ['fifo', 'link']) {
      const dir = tempDir();
      writeScenario(dir, 's.yaml', tiny());
      execFileSync('mkfifo', [join(dir, 'fifo')]);
      if (through === 'link') symlinkSync('fifo', join(dir, 'link'));
      const received = drain(join(dir, 'fifo'));
      const result = await mlgif(args(through), { cwd: dir, timeoutMs: 20_000 });
      expect(result.code, result.stderr).toBe(0);
      expect((await received).subarray(0, start.length).toString()).toBe(start);
      expect(lstatSync(join(dir, 'fifo')).isFIFO()).toBe(true);
      if (through === 'link') expect(lstatSync(join(dir, 'link')).isSymbolicLink()).toBe(true);
    }
  });
});

/** Whether this machine lets us make a private mount namespace (root, or user namespaces). */
const namespaces = spawnSync('unshare', ['-m', 'true']).status === 0;

/**
 * Runs a shell script in a private mount namespace whose /dev is a fresh tmpfs holding null,
 * full and the fd links; returns its stdout (the script prints what the test checks).
 */
function inNamespace(dir: string, script: string): string {
  const setup = [
    'set -u',
    'mount -t tmpfs tmpfs /dev',
    'mknod -m 666 /dev/null c 1 3',
    'mknod -m 666 /dev/full c 1 7',
    'ln -s /proc/self/fd /dev/fd',
    'ln -s /proc/self/fd/1 /dev/stdout',
    `cd ${JSON.stringify(dir)}`,
    `mlgif() { ${JSON.stringify(process.execPath)} ${JSON.stringify(MLGIF)} "$@"; }`,
  ].join('\n');
  return execFileSync('unshare', ['-m', 'sh', '-c', `${setup}\n${script}`], { encoding: 'utf8', timeout: 30_000 });
}

describe.skipIf(!namespaces)('devices, in a private mount namespace', () => {
  it('-o /dev/null, data/schema -o /dev/null, output: /dev/null and -o /dev/stdout leave the devices as they were', () => {
    const dir = tempDir();
    writeScenario(dir, 's.yaml', tiny());
    writeScenario(dir, 'o.yaml', `${tiny()}\noutput: /dev/null`);
    const out = inNamespace(
      dir,
      [
        'mlgif render s.yaml -o /dev/null -q; echo "render $?"',
        'mlgif data s.yaml -o /dev/null; echo "data $?"',
        'mlgif schema -o /dev/null; echo "schema $?"',
        'mlgif render o.yaml -q; echo "output $?"',
        'mlgif render s.yaml -o /dev/stdout -q > piped.gif; echo "stdout $?"',
        'head -c 6 piped.gif; echo',
        'stat -c "%F %t,%T" /dev/null; stat -c "%F" /dev/stdout; ls -A /dev | tr "\\n" " "',
      ].join('\n'),
    );
    expect(out).toBe(
      [
        'render 0',
        'data 0',
        'schema 0',
        'output 0',
        'stdout 0',
        'GIF89a',
        'character special file 1,3',
        'symbolic link',
        'fd full null stdout ',
      ].join('\n'),
    );
  });

  it('a full device or file system: exit 1 naming the file and the cause, nothing left', () => {
    const dir = tempDir();
    writeScenario(dir, 's.yaml', tiny({ render: '{ width: 800, height: 800, grid: 20 }' }));
    const out = inNamespace(
      dir,
      [
        'mkdir small && mount -t tmpfs -o size=16k tmpfs small',
        'mlgif render s.yaml -o /dev/full -q 2> full.err; echo "full $?"',
        'mlgif render s.yaml -o small/s.gif -q 2> small.err; echo "small $?"',
        'ls -A small | tr "\\n" " "; echo',
        'cat full.err small.err',
      ].join('\n'),
    );
    const [full, small, left, ...messages] = out.split('\n');
    expect([full, small, left]).toEqual(['full 1', 'small 1', '']);
    expect(messages[0]).toMatch(/\/dev\/full: no space left/);
    expect(messages[1]).toMatch(/small\/s\.gif: no space left/);
    expect(messages.join('\n')).not.toMatch(/internal error/);
    expect(statSync(join(dir, 's.yaml')).isFile()).toBe(true);
  });
});
