/**
 * Every shipped scenario under configs/ renders, and without a warning: a gallery figure that
 * warns (an unconverged fit, a degenerate sample) is not one to ship. An evolution's scenarios
 * (model.type: evolve, 100,000 programs each) render on a small budget: what they find at full
 * budget is measured in docs/automl.md, not here.
 */
import { readdirSync, readFileSync } from 'node:fs';
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
    const all = scenarios(CONFIGS);
    expect(all.length).toBeGreaterThan(20);
    const evolving = all.filter((file) => /type:\s*evolve\b/.test(readFileSync(file, 'utf8')));
    expect(evolving.length).toBeGreaterThanOrEqual(3);
    const small = ['model.evaluations=4000', 'model.population=100', 'animate.frames=6'].flatMap((s) => ['--set', s]);
    for (const [files, sets] of [
      [all.filter((file) => !evolving.includes(file)), []],
      [evolving, small],
    ]) {
      const result = await run(['render', ...files, ...sets, '--out-dir', tempDir(), '--json']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout.toString().trim().split('\n')).toHaveLength(files.length);
    }
  }, 300_000);
});
