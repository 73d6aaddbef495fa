/** mlgif render with several files, --out-dir, --shard, --jobs, the progress line and interruption (in-process). */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { worse } from '../src/cli/exit-status.js';
import { Progress } from '../src/cli/progress.js';
import { parseShard, shardFiles } from '../src/cli/shard.js';
import { files, run, tempDir, tiny, writeScenario } from './cli-helpers.js';
import { decodeGif } from './decode.js';

function jsonLines(stdout: Buffer): Record<string, unknown>[] {
  const text = stdout.toString().trim();
  return text === '' ? [] : text.split('\n').map((l) => JSON.parse(l));
}

/** Three small scenario files in a fresh folder. */
function gallery() {
  const dir = tempDir();
  const paths = [
    writeScenario(dir, 'a.yaml', tiny()),
    writeScenario(dir, 'b.yaml', tiny({ model: '{ type: knn, k: 3 }' })),
    writeScenario(dir, 'c.yaml', tiny({ model: '{ type: lda }', seed: '9' })),
  ];
  return { dir, paths };
}

describe('several files', () => {
  it('renders the good ones, reports each failure, and exits with the worst status', async () => {
    const { dir, paths } = gallery();
    const bad = writeScenario(dir, 'bad.yaml', tiny({ model: '{ type: knn, k: 0 }' }));
    const missing = join(dir, 'missing.yaml');
    const out = join(dir, 'out');
    const result = await run(['render', paths[0], bad, missing, paths[2], '--out-dir', out, '--json', '--jobs', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.yaml: model\.k: must be at least 1, got 0/);
    expect(result.stderr).toMatch(/missing\.yaml: no such file/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // Every file gets its JSON line, in the order given: a failed one says why and its status.
    const json = jsonLines(result.stdout);
    expect(json.map((l) => l.file)).toEqual([paths[0], bad, missing, paths[2]]);
    expect(json.map((l) => l.output ?? null)).toEqual([join(out, 'a.gif'), null, null, join(out, 'c.gif')]);
    expect(json[1]).toEqual({ file: bad, error: 'model.k: must be at least 1, got 0', exit: 2 });
    expect(json[2]).toMatchObject({ file: missing, error: expect.stringMatching(/no such file/), exit: 2 });
    expect(files(out)).toEqual(['a.gif', 'c.gif']);
    expect(decodeGif(readFileSync(join(out, 'c.gif'))).frames).toBe(3);
  });

  it('orders exit statuses: interrupted > internal error > user error > done', () => {
    expect(worse(0, 2)).toBe(2);
    expect(worse(2, 1)).toBe(1);
    expect(worse(1, 2)).toBe(1);
    expect(worse(1, 130)).toBe(130);
    expect(worse(143, 2)).toBe(143);
    expect(worse(2, 0)).toBe(2);
  });

  it('refuses flags that name one output for several files, and two files writing one output', async () => {
    const { dir, paths } = gallery();
    const twoFiles = [paths[0], paths[1]];
    const o = await run(['render', ...twoFiles, '-o', join(dir, 'x.gif')]);
    expect(o.code).toBe(2);
    expect(o.stderr).toMatch(/-o names one output.*--out-dir/);
    expect((await run(['render', ...twoFiles, '--poster', join(dir, 'x.png')])).code).toBe(2);
    expect((await run(['render', paths[0], '-o', join(dir, 'x.gif'), '--out-dir', dir])).code).toBe(2);
    expect((await run(['render', '-', '-'], tiny())).code).toBe(2);
    expect((await run(['render', paths[0], '-o', '-', '--json'])).stderr).toMatch(/cannot share stdout/);
    const out = join(dir, 'out');
    const clash = await run(['render', paths[0], paths[1], paths[0], '--out-dir', out, '--jobs', '1']);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/a\.yaml: writes .*a\.gif, as .*a\.yaml does/);
    expect(files(out)).toEqual(['a.gif', 'b.gif']);
    expect(files(dir)).toEqual(['a.yaml', 'b.yaml', 'c.yaml', 'out']);
  });

  it("--out-dir keeps subfolders below the files' common folder, the same on every shard", async () => {
    const { dir, paths } = gallery();
    mkdirSync(join(dir, 'sub'));
    const twin = writeScenario(join(dir, 'sub'), 'a.yaml', tiny({ seed: '5' }));
    const out = join(dir, 'out');
    const list = [twin, paths[0]];
    for (const shard of ['1/2', '2/2']) {
      expect((await run(['render', ...list, '--out-dir', out, '--shard', shard, '--jobs', '1'])).code).toBe(0);
    }
    expect(files(out)).toEqual(['a.gif', 'sub']);
    expect(files(join(out, 'sub'))).toEqual(['a.gif']);
  });

  it('--frames-dir writes every frame, in a folder per file when there are several', async () => {
    const { dir, paths } = gallery();
    const frames = join(dir, 'frames');
    const result = await run(['render', paths[0], paths[1], '--out-dir', dir, '--frames-dir', frames, '--jobs', '1']);
    expect(result.code).toBe(0);
    expect(files(frames)).toEqual(['a', 'b']);
    expect(files(join(frames, 'a'))).toEqual(['frame-0001.png', 'frame-0002.png', 'frame-0003.png']);
    expect(
      readFileSync(join(frames, 'b', 'frame-0003.png'))
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('refuses limits with exit 2 and no output: size, frames, points, the pixel budget', async () => {
    const dir = tempDir();
    const cases: [string[], RegExp][] = [
      [['render.width=4097'], /render\.width: must be at most 4096, got 4097/],
      [['animate.frames=2001'], /animate\.frames/],
      [['data.n=200001'], /data\.n/],
      [
        ['render={width: 4000, height: 4000, grid: 20}', 'animate.frames=100'],
        /4000 × 4000 × 100 = .* over the budget/,
      ],
    ];
    for (const [sets, pattern] of cases) {
      const flags = sets.flatMap((set) => ['--set', set]);
      const result = await run(['render', '-', '-o', join(dir, 'x.gif'), ...flags], tiny());
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(pattern);
    }
    const low = await run(['render', '-', '-o', join(dir, 'x.gif'), '--max-pixels', '100000'], tiny());
    expect(low.code).toBe(0);
    const lower = await run(['render', '-', '-o', join(dir, 'y.gif'), '--max-pixels', '70000'], tiny());
    expect(lower.code).toBe(2);
    expect(lower.stderr).toMatch(/160 × 160 × 3 = 76800 pixels, over the budget of 70000/);
    expect(files(dir)).toEqual(['x.gif']);
  });
});

describe('outputs that cannot be written', () => {
  it('exit 2 naming the path, and nothing left behind', async () => {
    const dir = tempDir();
    writeScenario(dir, 'blocker', 'a file where a folder should be');
    mkdirSync(join(dir, 'folder'));
    const cases: [string[], RegExp][] = [
      [['-o', join(dir, 'blocker', 'x.gif')], /cannot create the folder .*blocker: a file is in the way/],
      [['-o', join(dir, 'folder')], /cannot write .*folder: is a folder/],
      [['-o', join(dir, 'ok.gif'), '--poster', join(dir, 'folder')], /cannot write .*folder: is a folder/],
    ];
    for (const [flags, pattern] of cases) {
      const result = await run(['render', '-', ...flags], tiny());
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(pattern);
      expect(result.stderr).not.toMatch(/internal error/);
      expect(files(dir)).toEqual(['blocker', 'folder']);
      expect(files(join(dir, 'folder'))).toEqual([]);
    }
    const data = await run(['data', '-', '-o', join(dir, 'blocker', 'p.csv')], tiny());
    expect(data.code).toBe(2);
    expect(data.stderr).toMatch(/a file is in the way/);
  });
});

describe('--shard', () => {
  it('slices are disjoint, cover the list, differ in size by at most one, whatever the order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.infiniteStream(fc.nat()),
        (list, total, noise) => {
          const shuffled = [...list].sort(() => (noise.next().value % 3) - 1);
          const slices = Array.from({ length: total }, (_, i) => shardFiles(list, { index: i + 1, total }));
          const again = Array.from({ length: total }, (_, i) => shardFiles(shuffled, { index: i + 1, total }));
          const all = slices.flat();
          expect(all.length).toBe(list.length);
          expect(new Set(all)).toEqual(new Set(list));
          const sizes = slices.map((s) => s.length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          for (let i = 0; i < total; i++) expect(new Set(again[i])).toEqual(new Set(slices[i]));
          // Each slice keeps the order the files were given in.
          for (const s of slices) expect(s).toEqual(list.filter((f) => s.includes(f)));
        },
      ),
    );
  });

  it('parses I/N and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, total: 1 });
    for (const bad of ['0/2', '3/2', '1/0', '1', 'a/b', '-1/2', '1.5/2', '']) expect(() => parseShard(bad)).toThrow();
  });

  it('renders only its slice; the slices of a gallery render every file once', async () => {
    const { dir, paths } = gallery();
    const outputs: unknown[] = [];
    for (const shard of ['1/2', '2/2']) {
      const result = await run(['render', ...paths, '--shard', shard, '--out-dir', dir, '--json', '--jobs', '1']);
      expect(result.code).toBe(0);
      outputs.push(...jsonLines(result.stdout).map((l) => l.file));
    }
    expect(outputs).toHaveLength(3);
    expect(new Set(outputs)).toEqual(new Set(paths));
    // One file, two shards: floor(0·1/2)..floor(1·1/2) is empty.
    const empty = await run(['render', paths[0], '--shard', '1/2', '--out-dir', dir]);
    expect(empty.code).toBe(0);
    expect(empty.stderr).toMatch(/shard 1\/2 has no files/);
    expect((await run(['render', paths[0], '--shard', '3/2'])).code).toBe(2);
  });
});

describe('warnings', () => {
  it('warns when render.xlim / ylim leave most training points out of the plot, not otherwise', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', tiny());
    const far = await run(['render', file, '-o', join(dir, 'far.gif'), '--set', 'render.xlim=[20, 30]']);
    expect(far.code).toBe(0);
    expect(far.stderr).toMatch(
      /warning: render\.xlim shows 0 of the 40 training points \(the data spans x .* to .*, y .* to .*\)/,
    );
    const near = await run(['render', file, '-o', join(dir, 'near.gif'), '--set', 'render.xlim=[-3, 5]']);
    expect(near.stderr).not.toMatch(/warning/);
  });
});

describe('--jobs', () => {
  it('--jobs 2 (worker threads) writes the same bytes as --jobs 1, JSON lines in file order, failures reported', async () => {
    const { dir, paths } = gallery();
    // A CSV source is read only when the data is built: this error surfaces inside a worker.
    const csv = writeScenario(dir, 'csv.yaml', tiny({ data: '{ source: csv, path: nope.csv }' }));
    const list = [paths[0], csv, paths[1], paths[2]];
    const one = await run(['render', ...list, '--out-dir', join(dir, 'one'), '--jobs', '1', '--json']);
    const two = await run(['render', ...list, '--out-dir', join(dir, 'two'), '--jobs', '2', '--json']);
    for (const result of [one, two]) {
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/csv\.yaml: .*nope\.csv/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(files(join(dir, 'two'))).toEqual(['a.gif', 'b.gif', 'c.gif']);
    for (const name of ['a.gif', 'b.gif', 'c.gif']) {
      expect(readFileSync(join(dir, 'two', name)).equals(readFileSync(join(dir, 'one', name)))).toBe(true);
    }
    expect(jsonLines(two.stdout).map((l) => l.file)).toEqual(list);
    expect(jsonLines(two.stdout)[1]).toMatchObject({ file: csv, error: expect.stringMatching(/nope\.csv/), exit: 2 });
    expect((await run(['render', paths[0], '--jobs', '0'])).code).toBe(2);
  });
});

describe('progress and streams', () => {
  it('draws a progress line on a terminal (frames, frames/s, ETA), in colour unless NO_COLOR', async () => {
    const { dir, paths } = gallery();
    const tty = await run(['render', paths[0], paths[1], '--out-dir', dir, '--jobs', '1'], '', undefined, {
      stderrIsTTY: true,
    });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/6\/6 frames {2}\d+\.\d frames\/s {2}ETA \d+s/);
    expect(tty.stderr).toContain('\x1b[32m');
    expect(tty.stderr).toMatch(/a\.yaml → /);
    const plain = await run(['render', paths[0], '-o', join(dir, 'p.gif')], '', undefined, {
      stderrIsTTY: true,
      env: { NO_COLOR: '1' },
    });
    expect(plain.stderr).toMatch(/3\/3 frames/);
    expect(plain.stderr).not.toMatch(new RegExp(`${String.fromCharCode(27)}\\[3\\dm`));
    const quiet = await run(['render', paths[0], '-o', join(dir, 'q.gif'), '--quiet'], '', undefined, {
      stderrIsTTY: true,
    });
    expect(quiet.stderr).toBe('');
    // A file that fails takes its frames out of the total.
    const csv = writeScenario(dir, 'csv.yaml', tiny({ data: '{ source: csv, path: nope.csv }' }));
    const failing = await run(['render', csv, paths[0], '--out-dir', join(dir, 'f'), '--jobs', '1'], '', undefined, {
      stderrIsTTY: true,
    });
    expect(failing.code).toBe(2);
    expect(failing.stderr).toMatch(/3\/3 frames/);
    expect(failing.stderr).not.toMatch(/\/6 frames/);
    const pipe = await run(['render', paths[0], '-o', join(dir, 'r.gif')]);
    expect(pipe.stderr).not.toMatch(/frames\/s/);
    expect(pipe.stderr).toMatch(/a\.yaml → .*r\.gif \(3 frames/);
  });

  it('keeps stdout for data: a GIF on stdout is only the GIF, with the progress line on stderr', async () => {
    const result = await run(['render', '-', '-o', '-'], tiny(), undefined, { stderrIsTTY: true });
    expect(result.code).toBe(0);
    expect(decodeGif(result.stdout).frames).toBe(3);
    expect(result.stdout.subarray(0, 6).toString()).toBe('GIF89a');
    expect(result.stderr).toMatch(/frames\/s/);
  });

  it('computes frames/s and ETA from the clock, and clears itself before other messages', () => {
    let now = 0;
    let text = '';
    const progress = new Progress((t) => (text += t), { colour: false, now: () => now, interval: 0 });
    progress.plan(10);
    now = 1000;
    for (let i = 0; i < 4; i++) progress.frame('a.yaml');
    expect(progress.line()).toMatch(/^█{10}░{14} 4\/10 frames {2}4\.0 frames\/s {2}ETA 2s {2}a\.yaml$/);
    progress.log('hello\n');
    expect(text).toContain('\r\x1b[2Khello\n\r\x1b[2K█');
    now = 100_000;
    expect(progress.line()).toMatch(/0\.0 frames\/s {2}ETA 2m30s/);
  });
});

describe('interruption (in-process)', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ])('%s mid-render stops, removes the temporary file, leaves no GIF', async (signal, code) => {
    const dir = tempDir();
    const file = writeScenario(
      dir,
      's.yaml',
      tiny({ data: '{ n: 200, test: 0 }', animate: '{ by: samples, frames: 50 }' }),
    );
    const controller = new AbortController();
    let seen = '';
    const result = await run(['render', file, '-o', join(dir, 's.gif')], '', controller.signal, {
      stderrIsTTY: true,
      stderr: (text) => {
        seen += text;
        // Abort once a frame is done (the progress line shows it) and the temporary file exists.
        if (/\d+\/\d+ frames/.test(seen) && !controller.signal.aborted) {
          expect(files(dir).some((f) => f.endsWith('.tmp'))).toBe(true);
          controller.abort(signal);
        }
      },
    });
    expect(controller.signal.aborted).toBe(true);
    expect(result.code).toBe(code);
    expect(files(dir)).toEqual(['s.yaml']);
    expect(existsSync(join(dir, 's.gif'))).toBe(false);
  });
});
