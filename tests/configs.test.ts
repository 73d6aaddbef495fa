/**
 * Every shipped scenario under configs/ renders, and without a warning: a gallery figure that
 * warns (an unconverged fit, a degenerate sample) is not one to ship.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from './cli-helpers.js';

const CONFIGS = new URL('../configs/', import.meta.url).pathname;

function scenarios(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? scenarios(join(dir, entry.name))
      : entry.name.endsWith('.yaml')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('shipped scenarios', () => {
  it('every config renders, with no warning', async () => {
    const files = scenarios(CONFIGS);
    expect(files.length).toBeGreaterThan(20);
    const result = await run(['render', ...files, '--out-dir', tempDir(), '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.toString().trim().split('\n')).toHaveLength(files.length);
  }, 300_000);
});
