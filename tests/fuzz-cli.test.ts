/**
 * Property tests: whatever a scenario file holds — a valid scenario with one field broken, random
 * JSON, random text, random bytes — `mlgif validate` and `mlgif render` answer with exit 0 or 2
 * (the user's input is wrong), never an internal error (1), never a stack trace, each within a
 * bound, and a failed render leaves nothing in its output folder.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { brokenScenario, hostileOutput, validScenario } from './arbitraries.js';
import { files, run, tempDir } from './cli-helpers.js';

const STACK = /\n\s+at /;
/** Seconds any one call may take: a generous bound that only a hang or a blow-up exceeds. */
const BOUND = 10;

/** Scenario text as YAML or JSON, both of which the loader reads. */
const asText = (value: unknown, yaml: boolean) => (yaml ? stringify(value) : JSON.stringify(value));

async function expectUserAnswer(argv: string[], stdin = '') {
  const started = performance.now();
  const result = await run(argv, stdin);
  const seconds = (performance.now() - started) / 1000;
  if (![0, 2].includes(result.code) || STACK.test(result.stderr)) {
    throw new Error(`exit ${result.code} for ${JSON.stringify(stdin).slice(0, 400)}:\n${result.stderr}`);
  }
  expect(seconds).toBeLessThan(BOUND);
  return result;
}

describe('validate, fuzzed', () => {
  it('valid scenarios with one field broken (YAML and JSON)', async () => {
    await fc.assert(
      fc.asyncProperty(brokenScenario, fc.boolean(), async (scenario, yaml) => {
        await expectUserAnswer(['validate', '-'], asText(scenario, yaml));
      }),
      { numRuns: 1000 },
    );
  });

  it('random JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const result = await expectUserAnswer(['validate', '-'], JSON.stringify(value));
        expect(result.code).toBe(2);
      }),
      { numRuns: 500 },
    );
  });

  it('random text made of YAML punctuation, and random bytes from a file', async () => {
    const yamlish = fc
      .array(
        fc.constantFrom(
          'model',
          ':',
          ' ',
          '\n',
          '  ',
          '- ',
          '[',
          ']',
          '{',
          '}',
          '&a',
          '*a',
          '!!',
          '"',
          "'",
          '#',
          'type',
          'knn',
          '<<',
          '|',
          '>',
          '%',
          '@',
          '`',
          '1e9',
          '~',
        ),
        {
          maxLength: 40,
        },
      )
      .map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(yamlish, async (text) => {
        await expectUserAnswer(['validate', '-'], text);
      }),
      { numRuns: 400 },
    );
    const dir = tempDir();
    const path = join(dir, 'bytes.yaml');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        writeFileSync(path, bytes);
        const result = await expectUserAnswer(['validate', path]);
        expect(result.code).toBe(2);
      }),
      { numRuns: 300 },
    );
  });
});

describe('render, fuzzed', () => {
  it('tiny scenarios, half with a field broken: exit 0 with one GIF, or 2 with nothing left', async () => {
    const sample = fc.oneof(validScenario as fc.Arbitrary<Record<string, unknown>>, brokenScenario);
    await fc.assert(
      fc.asyncProperty(sample, async (scenario) => {
        const dir = tempDir();
        const text = JSON.stringify(scenario);
        const result = await expectUserAnswer(['render', '-', '-o', join(dir, 'x.gif'), '--quiet'], text);
        expect(files(dir)).toEqual(result.code === 0 ? ['x.gif'] : []);
      }),
      { numRuns: 30 },
    );
  });
});

/** Every file and folder below `dir`: relative path → contents (a folder: null). */
function snapshot(dir: string, prefix = ''): Map<string, Buffer | null> {
  const all = new Map<string, Buffer | null>();
  for (const name of readdirSync(join(dir, prefix))) {
    const path = join(prefix, name);
    if (statSync(join(dir, path)).isDirectory()) {
      all.set(path, null);
      for (const [below, contents] of snapshot(dir, path)) all.set(below, contents);
    } else all.set(path, readFileSync(join(dir, path)));
  }
  return all;
}

describe('render, fuzzed against its neighbours', () => {
  it('any generated scenario and any output (flag or field): no file but the output changes', async () => {
    const sample = fc.oneof(validScenario as fc.Arbitrary<Record<string, unknown>>, brokenScenario);
    const csv = `x,y,label\n${Array.from({ length: 40 }, (_, i) => `${i % 7},${i % 5},${i % 2}`).join('\n')}\n`;
    await fc.assert(
      fc.asyncProperty(sample, hostileOutput, fc.boolean(), fc.boolean(), async (scenario, output, byFlag, fromCsv) => {
        const dir = tempDir();
        mkdirSync(join(dir, 'sub'));
        writeFileSync(join(dir, 'sub', 'inner.txt'), 'not yours');
        writeFileSync(join(dir, 'keep.txt'), 'not yours either');
        writeFileSync(join(dir, 'data.csv'), csv);
        const target = join(dir, output);
        const written = {
          ...scenario,
          ...(fromCsv ? { data: { source: 'csv', path: 'data.csv' } } : {}),
          ...(byFlag ? {} : { output: target }),
        };
        writeFileSync(join(dir, 's.json'), JSON.stringify(written));
        const before = snapshot(dir);
        const result = await expectUserAnswer(['render', join(dir, 's.json'), ...(byFlag ? ['-o', target] : []), '-q']);
        const after = snapshot(dir);
        const out = relative(dir, resolve(target));
        // The output may be replaced when the render succeeds, unless it is one of the inputs.
        const inputs = ['s.json', ...(fromCsv ? ['data.csv'] : [])];
        for (const [path, contents] of before) {
          if (path === out && result.code === 0 && !inputs.includes(path)) continue;
          expect(after.get(path), `${path} after ${output}`).toEqual(contents);
        }
        // New: the output, and the folders it needed.
        const added = [...after.keys()].filter((path) => !before.has(path) && path !== out);
        expect(added.every((path) => out.startsWith(`${path}/`))).toBe(true);
        if (result.code !== 0) expect(after.has(out) && !before.has(out)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});
