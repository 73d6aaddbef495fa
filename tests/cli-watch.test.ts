/**
 * mlgif render --watch (in-process): renders, then renders a file again when it or its CSV data
 * changes (written in place or renamed over), only that file, at the place --out-dir gave it; a
 * broken edit is reported and watching goes on; Ctrl-C (the abort signal) ends it with 130.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir, tiny, writeScenario } from './cli-helpers.js';

/** Starts `mlgif render ... --watch --json`; lines() are the JSON lines so far, stderr() the messages. */
function watching(argv: string[]) {
  const controller = new AbortController();
  let out = '';
  let err = '';
  const result = run(['render', ...argv, '--watch', '--json'], '', controller.signal, {
    stdout: (chunk) => {
      out += chunk.toString();
    },
    stderr: (text) => {
      err += text;
    },
  });
  const lines = () =>
    out
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { file: string; output: string; final: unknown });
  return { lines, stderr: () => err, stop: () => controller.abort('SIGINT'), result };
}

/** Waits (polling) until `ready()` holds; the test's own timeout bounds it. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((done) => setTimeout(done, 20));
}

describe('render --watch', () => {
  it('renders a changed file again, only that one, where --out-dir put it; Ctrl-C ends with 130', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    const a = writeScenario(dir, 'a.yaml', tiny());
    const b = writeScenario(join(dir, 'sub'), 'b.yaml', tiny({ seed: '4' }));
    const out = join(dir, 'out');
    const w = watching([a, b, '--out-dir', out]);
    await until(() => w.stderr().includes('watching 2 files'));
    expect(w.lines().map((l) => l.output)).toEqual([join(out, 'a.gif'), join(out, 'sub', 'b.gif')]);
    const before = readFileSync(join(out, 'sub', 'b.gif'));

    // Written in place.
    writeFileSync(b, tiny({ seed: '5' }));
    await until(() => w.lines().length === 3);
    expect(w.lines()[2].output).toBe(join(out, 'sub', 'b.gif'));
    expect(readFileSync(join(out, 'sub', 'b.gif')).equals(before)).toBe(false);

    // Saved as editors often do: a new file renamed over the old one.
    writeFileSync(join(dir, 'a.tmp'), tiny({ seed: '6' }));
    renameSync(join(dir, 'a.tmp'), a);
    await until(() => w.lines().length === 4);
    expect(w.lines()[3].output).toBe(join(out, 'a.gif'));
    expect(w.stderr()).toContain(`${a} changed`);

    w.stop();
    const { code } = await w.result;
    expect(code).toBe(130);
    expect(w.lines()).toHaveLength(4);
  });

  it('reports a broken edit and goes on watching; renders again when fixed', async () => {
    const dir = tempDir();
    const a = writeScenario(dir, 'a.yaml', tiny());
    const w = watching([a, '-o', join(dir, 'a.gif')]);
    await until(() => w.stderr().includes('watching 1 file'));
    writeFileSync(a, tiny({ model: '{ type: knn, k: 0 }' }));
    await until(() => /model\.k/.test(w.stderr()));
    // The broken render's JSON line says why.
    expect(w.lines()).toHaveLength(2);
    expect(w.lines()[1]).toMatchObject({ error: expect.stringMatching(/model\.k/), exit: 2 });
    writeFileSync(a, tiny({ model: '{ type: knn, k: 3 }' }));
    await until(() => w.lines().length === 3);
    w.stop();
    expect((await w.result).code).toBe(130);
  });

  it('renders again when the CSV data changes', async () => {
    const dir = tempDir();
    const points = (shift: number) =>
      `x,y,label\n${Array.from({ length: 40 }, (_, i) => `${(i % 7) + shift * (i % 2)},${i % 5},${i % 2}`).join('\n')}\n`;
    writeFileSync(join(dir, 'points.csv'), points(0));
    const a = writeScenario(dir, 'a.yaml', tiny({ data: '{ source: csv, path: points.csv }' }));
    const w = watching([a, '-o', join(dir, 'a.gif')]);
    await until(() => w.stderr().includes('watching 2 files'));
    writeFileSync(join(dir, 'points.csv'), points(3));
    await until(() => w.lines().length === 2);
    w.stop();
    expect((await w.result).code).toBe(130);
  });

  it('needs files, and a GIF file rather than stdout', async () => {
    const dir = tempDir();
    const a = writeScenario(dir, 'a.yaml', tiny());
    const stdin = await run(['render', '-', '--watch'], tiny());
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toMatch(/--watch.*not stdin/);
    const piped = await run(['render', a, '-o', '-', '--watch']);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toMatch(/--watch cannot write the GIF to stdout/);
  });
});
