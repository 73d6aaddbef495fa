/**
 * `mlgif validate` runs every check `mlgif render` runs (both go through the plan): for any
 * scenario, valid or broken, validate's exit status is render's. First the cases where the two
 * once disagreed, then generated scenarios.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anyModeScenario,
  brokenScenario,
  rowsScenario,
  searchScenario,
  sweepScenario,
  validScenario,
} from '../arbitraries.js';
import { files, run, tempDir } from '../cli-helpers.js';

const CONFIGS = new URL('../../configs/', import.meta.url).pathname;

/** validate's and render's outcome for a scenario file and --set flags. */
async function both(file: string, set: string[], dir: string) {
  const flags = set.flatMap((s) => ['--set', s]);
  const validate = await run(['validate', file, ...flags, '--quiet']);
  const output = join(dir, 'out.gif');
  const render = await run(['render', file, ...flags, '-o', output, '--quiet']);
  return { validate, render, wrote: existsSync(output) };
}

describe('validate and render agree', () => {
  it.each([
    [
      'a model with no stages of its own, by epochs',
      `${CONFIGS}holbrook/knn-gaussians.yaml`,
      ['animate.by=epochs'],
      /animate\.by: model "knn" fits in one go/,
    ],
    [
      'a swept option the model does not have',
      `${CONFIGS}compare/knn-k-sweep.yaml`,
      ['animate.sweep.path=model.kk'],
      /animate\.sweep\.path: model\.kk: unknown option "kk" \(did you mean "k"\?\)/,
    ],
    [
      'rows mixing 2- and 3-class data sets',
      'rows: [{ source: moons, n: 30, test: 0 }, { source: blobs, classes: 3, n: 30, test: 0 }]\ncompare: [{ type: knn }]',
      [],
      /rows\[1\]: every row must have the same number of classes/,
    ],
    [
      'a comparison with knn by epochs',
      'compare: [{ type: knn }, { type: logistic }]\nanimate: { by: epochs }',
      [],
      /animate\.by: model "knn" fits in one go/,
    ],
    [
      'a model.k sweep starting at 0',
      'model: { type: knn }\nanimate: { by: sweep, sweep: { path: model.k, from: 0, to: 5 } }',
      [],
      /animate\.sweep\.from: model\.k = 0 is not allowed: model\.k: must be at least 1, got 0/,
    ],
    [
      'a data.priors sweep on 4 blobs',
      'data: { source: blobs, classes: 4 }\nmodel: { type: knn }\nanimate: { by: sweep, sweep: { path: data.priors, from: 0.2, to: 0.8 } }',
      [],
      /animate\.sweep\.path: data\.priors is swept by the share of class 1, which needs two classes; the data has 4/,
    ],
    [
      'a search range the option does not take',
      'search: { models: [{ type: knn, k: [0, 5] }], trials: 3 }',
      [],
      /search\.models\[0\]\.k\[0\]: k = 0 is not allowed: must be at least 1, got 0/,
    ],
    [
      'a bad covariance in rows[1], reported there',
      'rows: [{ n: 30 }, { n: 30, covs: [[[1, 0], [0, 1]], [[1, 2], [2, 1]]] }]\ncompare: [{ type: lda }]',
      [],
      /rows\[1\]\.covs\[1\]: expected a positive-definite covariance/,
    ],
  ])('%s: exit 2 from both, with the same message', async (_what, source, set, pattern) => {
    const dir = tempDir();
    const file = source.startsWith('/') ? source : join(dir, 's.yaml');
    if (file !== source) writeFileSync(file, source);
    const { validate, render, wrote } = await both(file, set, dir);
    expect(validate.code).toBe(2);
    expect(render.code).toBe(2);
    expect(validate.stderr).toMatch(pattern);
    expect(render.stderr).toBe(validate.stderr);
    expect(wrote).toBe(false);
  });

  it('for generated scenarios, valid and broken: the same exit status, a GIF only on 0', async () => {
    const scenarios = fc.oneof(
      validScenario,
      brokenScenario,
      sweepScenario,
      anyModeScenario,
      rowsScenario,
      searchScenario,
    );
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const dir = tempDir();
        const file = join(dir, 's.json');
        writeFileSync(file, JSON.stringify(scenario));
        const { validate, render, wrote } = await both(file, [], dir);
        if (validate.code !== render.code || ![0, 2].includes(render.code)) {
          throw new Error(
            `validate ${validate.code}, render ${render.code} for ${JSON.stringify(scenario)}:\n${validate.stderr}${render.stderr}`,
          );
        }
        expect(wrote).toBe(render.code === 0);
        // Nothing but the output is written, and the scenario is left as it was.
        expect(files(dir)).toEqual(render.code === 0 ? ['out.gif', 's.json'] : ['s.json']);
        expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(scenario));
      }),
      { numRuns: 80, seed: 20261205 },
    );
  }, 120_000);
});
