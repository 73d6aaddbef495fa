/**
 * Property tests: whatever a scenario file holds — a valid scenario with one field broken, random
 * JSON, random text, random bytes — `mlgif validate` and `mlgif render` answer with exit 0 or 2
 * (the user's input is wrong), never an internal error (1), never a stack trace, each within a
 * bound, and a failed render leaves nothing in its output folder.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { brokenScenario, validScenario } from './arbitraries.js';
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
