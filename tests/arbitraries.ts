/**
 * Scenarios for property tests: valid tiny ones (any simulated source — classification, regression, a function — with a model of its task, comparisons,
 * sweeps, rows of data sets), and the same with one field set to a value that may break it.
 */
import fc from 'fast-check';
import { listDataSources, listModels } from '../src/index.js';

const MODELS = listModels();
// Every simulated source: classification, regression, and the function of a pure optimization.
const SOURCES = listDataSources().filter((d) => d.source !== 'csv');
type Scenario = Record<string, unknown>;
type Source = (typeof SOURCES)[number];

/** The models that do the task of a source's data (the plan refuses the others). */
const modelsFor = (source: Source) => MODELS.filter((m) => m.tasks.some((t) => source.tasks.includes(t)));

/** A source's section: a function has no points to count. */
const dataOf = (source: Source) =>
  source.tasks.includes('optimization')
    ? fc.constant({ source: source.source })
    : fc.record({
        source: fc.constant(source.source),
        n: fc.integer({ min: 20, max: 40 }),
        test: fc.integer({ min: 0, max: 40 }),
      });

/** A model entry for a source: its type, and for linear, one of the optimizers a compare sets apart. */
const entryFor = (source: Source) =>
  fc
    .constantFrom(...modelsFor(source).map((m) => m.type))
    .chain((type) =>
      type === 'linear'
        ? fc.record({ type: fc.constant(type), optimizer: fc.constantFrom('gd', 'momentum', 'adam') })
        : fc.constant({ type }),
    );

/** The render section; a landscape and residuals only where the figure has them (else refused). */
const renderOf = (source: Source, width: number, height: number) => {
  const task = source.tasks[0];
  return fc.record({
    width: fc.constant(width),
    height: fc.constant(height),
    grid: fc.integer({ min: 16, max: 40 }),
    ...(task === 'classification' ? {} : { landscape: fc.boolean() }),
    ...(task === 'regression' ? { residuals: fc.boolean() } : {}),
  });
};

/**
 * A tiny scenario: any simulated source, with a model that does its task. Valid but for a
 * landscape asked of a model without two parameters (a refusal both must agree on).
 */
export const singleScenario: fc.Arbitrary<Scenario> = fc
  .oneof(
    ...(['classification', 'regression', 'optimization'] as const).map((task) => ({
      weight: task === 'optimization' ? 1 : 2,
      arbitrary: fc.constantFrom(...SOURCES.filter((d) => d.tasks.includes(task))),
    })),
  )
  .chain((source) =>
    fc.record({
      seed: fc.nat(1000),
      data: dataOf(source),
      model: entryFor(source),
      animate: fc.record({ by: fc.constantFrom('auto', 'samples'), frames: fc.integer({ min: 2, max: 4 }) }),
      render: renderOf(source, 160, 160),
    }),
  );

/** Also, one time in four, a comparison of two or three models for the same source in place of the model. */
export const validScenario: fc.Arbitrary<Scenario> = fc.oneof(
  { weight: 3, arbitrary: singleScenario },
  {
    weight: 1,
    arbitrary: singleScenario.chain((s) => {
      const source = SOURCES.find((d) => d.source === (s.data as { source: string }).source) as Source;
      return fc
        .tuple(fc.array(entryFor(source), { minLength: 2, maxLength: 3 }), renderOf(source, 360, 300))
        .map(([compare, render]) => {
          const { model: _model, ...rest } = s;
          return { ...rest, compare, render };
        });
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
    'render.landscape',
    'render.residuals',
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
export const brokenScenario = validScenario.chain((s) =>
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

/** A model's or a data source's numeric options (what a sweep may name), and a few that are not. */
function sweepablePaths(model: string, source: string): string[] {
  const numeric = (type: string) => /^(integer|number)/.test(type);
  const modelOptions = MODELS.find((m) => m.type === model)?.options ?? [];
  const sourceOptions = SOURCES.find((d) => d.source === source)?.options ?? [];
  return [
    ...modelOptions.filter((o) => numeric(o.type)).map((o) => `model.${o.name}`),
    ...sourceOptions.filter((o) => numeric(o.type)).map((o) => `data.${o.name}`),
    'data.priors',
    'model.nonsense',
    ...modelOptions.filter((o) => !numeric(o.type)).map((o) => `model.${o.name}`),
  ];
}

/** A sweep of one option (numeric or not, in range or not) of a tiny scenario. */
export const sweepScenario: fc.Arbitrary<Scenario> = singleScenario.chain((s) => {
  const model = (s.model as { type: string }).type;
  const source = (s.data as { source: string }).source;
  const ends = fc.constantFrom(-1, 0, 0.01, 0.3, 0.5, 0.9, 1, 2, 3, 10, 100);
  return fc
    .record({
      path: fc.constantFrom(...sweepablePaths(model, source)),
      from: ends,
      to: ends,
      scale: fc.constantFrom('linear', 'log'),
    })
    .map((sweep) => ({ ...s, animate: { by: 'sweep', sweep, frames: 3 } }));
});

/** A model type's numeric options (what a search ranges over). */
function numericOptions(model: string): string[] {
  const options = MODELS.find((m) => m.type === model)?.options ?? [];
  return options.filter((o) => /^(integer|number)/.test(o.type)).map((o) => o.name);
}

/** One entry of search.models: a model type and one numeric option as a range or a value, mostly in range. */
const searchEntry = fc
  .record({
    type: fc.constantFrom(...MODELS.filter((m) => m.type !== 'evolve').map((m) => m.type)),
    option: fc.nat(20),
    form: fc.constantFrom('range', 'range', 'log', 'value'),
    lo: fc.constantFrom(1, 1, 2, 0.01, -1),
    hi: fc.constantFrom(3, 3, 3, 10, 1),
  })
  .map(({ type, option, form, lo, hi }) => {
    const names = numericOptions(type);
    if (names.length === 0) return { type };
    const name = names[option % names.length];
    return { type, [name]: form === 'value' ? lo : form === 'log' ? [lo, hi, 'log'] : [lo, hi] };
  });

/**
 * A search over one or two model types, by random search or successive halving; sometimes beside
 * a model, by another mode, or on too few points to hold some out.
 */
export const searchScenario: fc.Arbitrary<Scenario> = fc
  .record({
    s: singleScenario,
    models: fc.array(searchEntry, { minLength: 1, maxLength: 2 }),
    method: fc.constantFrom('random', 'halving'),
    trials: fc.integer({ min: 1, max: 4 }),
    twist: fc.constantFrom('none', 'none', 'none', 'none', 'none', 'model', 'by', 'few'),
  })
  .map(({ s, models, method, trials, twist }) => {
    const { model, animate: _animate, ...rest } = s;
    return {
      ...rest,
      data: twist === 'few' ? { ...(rest.data as object), n: 12 } : rest.data,
      search: { models, method, trials },
      ...(twist === 'model' ? { model } : {}),
      animate: twist === 'by' ? { by: 'epochs' } : {},
      render: { width: 320, height: 240, grid: 20 },
    };
  });

/** Any figure, asked to animate by any mode: a model's own stages, samples, or auto. */
export const anyModeScenario: fc.Arbitrary<Scenario> = fc
  .tuple(validScenario, fc.constantFrom('auto', 'samples', 'epochs'))
  .map(([s, by]) => ({ ...s, animate: { ...(s.animate as object), by } }));

/** Rows of data sets (which may disagree on their number of classes) × models. */
export const rowsScenario: fc.Arbitrary<Scenario> = fc
  .tuple(
    fc.array(
      fc.record({
        source: fc.constantFrom(...SOURCES.map((d) => d.source)),
        n: fc.integer({ min: 20, max: 30 }),
        test: fc.constant(0),
      }),
      { minLength: 2, maxLength: 3 },
    ),
    fc.uniqueArray(fc.constantFrom(...MODELS.map((m) => m.type)), { minLength: 1, maxLength: 2 }),
  )
  .map(([rows, types]) => ({
    rows,
    compare: types.map((type) => ({ type })),
    animate: { frames: 2 },
    render: { width: 320, height: 240, grid: 16 },
  }));

/**
 * Where a render is told to write, among choices that must never harm another file: a new file,
 * the scenario itself, its CSV data, a bystander file, a folder (or its parent), a path through
 * "..", a path below a file. Relative to the scratch folder the test lays out (fuzz-cli.test.ts).
 */
export const hostileOutput = fc.constantFrom(
  'out.gif',
  'sub/deeper/x.gif',
  's.json',
  'sub/../s.json',
  'data.csv',
  'keep.txt',
  'sub',
  '.',
  'keep.txt/x.gif',
);
