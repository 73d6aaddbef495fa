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
import { listDataSources, listModels } from '../src/index.js';
import { files, run, tempDir } from './cli-helpers.js';

const MODELS = listModels();
const SOURCES = listDataSources().filter((d) => d.source !== 'csv');
const STACK = /\n\s+at /;
/** Seconds any one call may take: a generous bound that only a hang or a blow-up exceeds. */
const BOUND = 10;

type Scenario = Record<string, unknown>;

/** A valid, tiny scenario: any registered model on any simulated source. */
const singleScenario: fc.Arbitrary<Scenario> = fc.record({
  seed: fc.nat(1000),
  data: fc.record({
    source: fc.constantFrom(...SOURCES.map((d) => d.source)),
    n: fc.integer({ min: 20, max: 40 }),
    test: fc.integer({ min: 0, max: 40 }),
  }),
  model: fc.record({ type: fc.constantFrom(...MODELS.map((m) => m.type)) }),
  animate: fc.record({ by: fc.constantFrom('auto', 'samples'), frames: fc.integer({ min: 2, max: 4 }) }),
  render: fc.record({ width: fc.constant(160), height: fc.constant(160), grid: fc.integer({ min: 20, max: 40 }) }),
});

/** Also, one time in four, a comparison of two or three models in place of the model. */
const validScenario: fc.Arbitrary<Scenario> = fc.oneof(
  { weight: 3, arbitrary: singleScenario },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        singleScenario,
        fc.uniqueArray(fc.constantFrom(...MODELS.map((m) => m.type)), { minLength: 2, maxLength: 3 }),
      )
      .map(([s, types]) => {
        const { model: _model, ...rest } = s;
        return { ...rest, compare: types.map((type) => ({ type })), render: { width: 320, height: 200, grid: 20 } };
      }),
  },
);

/** Values that break a field (or, for some fields, happen to be fine); all cheap to act on. */
const badValue = fc.oneof(
  fc.constantFrom(-1, 0, 1, 2, 7, 1.5, -0.5, 1e13, 1e308, -1e308, 2 ** 53, '', 'x', 'auto', null, true, [], {}, [1, 2]),
  fc.string({ maxLength: 8 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** The fields a scenario may have: its sections' known keys plus every option of its model and source. */
function fieldsOf(s: Scenario): string[] {
  const entry = (s.model ?? (s.compare as unknown as Record<string, unknown>[])[0]) as { type: string };
  const model = MODELS.find((m) => m.type === entry.type);
  const source = SOURCES.find((d) => d.source === (s.data as { source: string }).source);
  return [
    'seed',
    'title',
    'output',
    'data',
    'model',
    'animate',
    'render',
    'data.source',
    'data.n',
    'data.test',
    'model.type',
    'animate.by',
    'animate.frames',
    'animate.fps',
    'animate.hold',
    'animate.spacing',
    'animate.start',
    'render.width',
    'render.grid',
    'render.shading',
    'render.show',
    'render.xlim',
    'render.palette',
    'render.theme',
    'render.curves',
    'animate.sweep',
    'compare',
    'rows',
    'layout',
    'nonsense',
    'model.nonsense',
    ...(model?.options ?? []).map((o) => (s.model ? `model.${o.name}` : `compare.0.${o.name}`)),
    ...(source?.options ?? []).map((o) => `data.${o.name}`),
  ];
}

/** One field set to a bad value, or deleted. */
const brokenScenario = validScenario.chain((s) =>
  fc
    .tuple(fc.constant(s), fc.constantFrom(...fieldsOf(s)), fc.option(badValue, { freq: 8 }))
    .map(([s, path, value]) => {
      const copy = structuredClone(s) as Record<string, unknown>;
      const keys = path.split('.');
      let node = copy;
      for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
      const last = keys[keys.length - 1];
      if (value === null) delete node[last];
      else node[last] = value;
      return copy;
    }),
);

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
