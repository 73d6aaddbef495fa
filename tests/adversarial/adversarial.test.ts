/**
 * The table of adversarial cases (cases.ts), each run as a child process in a scratch folder:
 * exit status, stderr, the files that must exist or be gone, the files given unchanged, and no
 * temporary file left anywhere.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../cli-helpers.js';
import { CASES } from './cases.js';
import { mlgif } from './child.js';

/** Every path below `dir` (files and folders), relative. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = join(prefix, entry.name);
    return entry.isDirectory() ? [path, ...walk(dir, path)] : [path];
  });
}

const ALWAYS_NOT = [/internal error/, /\n\s+at /];

describe.concurrent('adversarial cases', () => {
  it.each(CASES.map((c) => [`${c.item}. ${c.name}`, c] as const))('%s', async (_name, c) => {
    const dir = tempDir();
    for (const [path, contents] of Object.entries(c.files ?? {})) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), contents);
    }
    c.setup?.(dir);
    const before = new Map(Object.keys(c.files ?? {}).map((p) => [p, readFileSync(join(dir, p))]));
    const result = await mlgif(c.args, {
      cwd: dir,
      stdin: c.stdin,
      shellPrefix: c.shellPrefix,
      closeStderr: c.closeStderr,
    });
    const shown = `status ${result.code}, stderr:\n${result.stderr.slice(0, 2000)}`;
    expect(result.code, shown).toBe(c.status);
    for (const pattern of c.stderr ?? []) expect(result.stderr, shown).toMatch(pattern);
    for (const pattern of [...ALWAYS_NOT, ...(c.notStderr ?? [])]) expect(result.stderr, shown).not.toMatch(pattern);
    if (c.maxStderr) expect(Buffer.byteLength(result.stderr), shown).toBeLessThanOrEqual(c.maxStderr);
    const after = walk(dir);
    expect(after.filter((p) => /\.tmp$|\.tmp\//.test(p))).toEqual([]);
    for (const path of c.exist ?? []) expect(after, shown).toContain(path);
    for (const path of c.absent ?? []) expect(after, shown).not.toContain(path);
    for (const [path, contents] of before) {
      if (c.changes?.includes(path)) continue;
      expect(statSync(join(dir, path)).isFile(), `${path} is still a file`).toBe(true);
      expect(readFileSync(join(dir, path)).equals(contents), `${path} unchanged`).toBe(true);
    }
    c.check?.(dir, result.stdout);
  });
});
