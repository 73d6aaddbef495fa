/**
 * The scenario schema, assembled from the option schemas that each data source and model
 * exports: one zod schema, so validation, defaults, `mlgif list` and the JSON Schema for editors
 * can never drift apart. The names are a public contract (see docs/architecture.md).
 */
import { z } from 'zod';
import { dataSources } from '../data/index.js';
import { priorsProblem } from '../data/priors.js';
import type { DataSourceSpec } from '../data/source.js';
import { MAX_POINTS } from '../dataset.js';
import { models } from '../models/index.js';
import { options, unknownNameMessage } from '../options.js';

/** Limits that keep a typo from asking for a 100,000-pixel GIF; each can be raised by editing here. */
export const LIMITS = { size: 4096, frames: 2000, points: MAX_POINTS, grid: 1000 } as const;

const range = z
  .tuple([z.number(), z.number()], { error: 'expected [min, max], two numbers' })
  .refine(([a, b]) => a < b, { message: 'expected [min, max] with min < max' })
  // Ticks, grid and pixels need a span that doubles resolve (5e-324 to 1e-323 is one step).
  .refine(([a, b]) => !(a < b) || (b - a >= 1e-12 && b - a >= 1e-9 * Math.max(Math.abs(a), Math.abs(b))), {
    message: 'too narrow to draw: expected max − min ≥ 1e-12 and ≥ 1e-9 × the larger of |min|, |max|',
  });

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like "#0072B2"');

/** A discriminated union on `key` whose unknown-name error lists the names and suggests one. */
function union<T extends z.core.$ZodTypeDiscriminable>(
  key: string,
  what: string,
  members: readonly T[],
  names: string[],
) {
  const [first, ...rest] = members;
  if (!first) throw new Error(`no ${what} is registered`);
  return z.discriminatedUnion(key, [first, ...rest], {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? unknownNameMessage(what, (issue.input as Record<string, unknown>)?.[key], names)
        : undefined,
  });
}

const dataNames = dataSources.map((d) => d.source);

/**
 * One source's data entry: its options beside source, n and test, and the checks across
 * options (its own, and for classes one prior per class), each reported at its path below the
 * entry. A source without points (a function to minimise) has no n and test: the entry comes
 * out with both 0, so every data entry has the same shape.
 */
function dataEntrySchema(spec: DataSourceSpec) {
  const check = (entry: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const report = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    spec.check?.(entry, report);
    const classes = spec.classes?.(entry);
    const priors = (entry as { priors?: number[] }).priors;
    const problem = classes === undefined ? null : priorsProblem(priors, classes);
    if (problem) report(['priors'], problem);
  };
  if (!spec.tasks.some((task) => task !== 'optimization')) {
    return options({ source: z.literal(spec.source), ...spec.schema.shape })
      .superRefine(check)
      .transform((entry) => ({ ...entry, n: 0, test: 0 }));
  }
  return options({
    source: z.literal(spec.source),
    n: z
      .number()
      .int()
      .min(2)
      .max(LIMITS.points)
      .default(spec.defaultN ?? 400)
      .describe(spec.tasks.includes('classification') ? 'training points, all classes together' : 'training points'),
    test: z.number().int().min(0).max(LIMITS.points).default(2000).describe('held-out test points (0 = none)'),
    ...spec.schema.shape,
  }).superRefine(check);
}

const dataEntries = dataSources.map((d) => [d.source, dataEntrySchema(d)] as const);

/** Each source's entry schema, by source name (a sweep re-checks one entry with a value changed). */
export const dataEntrySchemas = new Map(dataEntries);

const dataSchema = union(
  'source',
  'data.source',
  dataEntries.map(([, schema]) => schema),
  dataNames,
);

/** `source` may be left out: gaussians. */
const dataEntry = z.preprocess(
  (v) => (v && typeof v === 'object' && !Array.isArray(v) && !('source' in v) ? { source: 'gaussians', ...v } : v),
  dataSchema,
);

const modelNames = models.map((m) => m.type);
const modelSchema = union(
  'type',
  'model.type',
  models.map((m) => options({ type: z.literal(m.type), ...m.schema.shape })),
  modelNames,
);

/** A panel of a comparison: a model with its options, and an optional panel title. */
const compareEntry = union(
  'type',
  'type',
  models.map((m) =>
    options({
      type: z.literal(m.type),
      title: z.string().max(60).optional().describe('panel title (default: the model name)'),
      ...m.schema.shape,
    }),
  ),
  modelNames,
);

const layoutSchema = options({
  columns: z.number().int().min(1).max(16).optional().describe('panels per row (default: about square)'),
});

const sweepSchema = options({
  path: z
    .string()
    .regex(/^(model|data)\.[A-Za-z]\w*$/, 'expected a model or data option, e.g. model.k or data.noise')
    .describe('the option swept, e.g. model.k, model.C, data.noise, data.priors'),
  from: z.number().describe('value in the first frame'),
  to: z.number().describe('value in the last frame'),
  scale: z.enum(['linear', 'log']).default('linear').describe('spacing of the values between from and to'),
});

/** The most configurations a search may try (each is a model trained, scored and drawn). */
export const MAX_TRIALS = 200;

/**
 * A search's model entries: a type and, per option, a fixed value, a range ([lo, hi] or
 * [lo, hi, log]) or a list of choices. The plan checks each against the model's own schema
 * (plan/search.ts), where the option's kind (number or not) is known.
 */
const searchSchema = options({
  models: z
    .array(z.looseObject({ type: z.string().describe('a model type') }))
    .min(1)
    .max(8)
    .describe('model types, each option a value, a range [lo, hi] or [lo, hi, log], or a list of choices'),
  method: z
    .enum(['random', 'halving'])
    .default('random')
    .describe('random: every configuration on all fitting points; halving: successive halving over the sample'),
  trials: z.number().int().min(1).max(MAX_TRIALS).default(20).describe('configurations drawn'),
  validation: z
    .number()
    .min(0.1)
    .max(0.5)
    .default(0.25)
    .describe('share of the training points held out to score each configuration'),
  eta: z.number().int().min(2).max(4).default(2).describe('halving: keep the best 1/eta, grow the sample eta-fold'),
});

const animateSchema = options({
  by: z
    .enum(['auto', 'epochs', 'samples', 'generations', 'sweep', 'search'])
    .default('auto')
    .describe(
      "auto = the model's own stages, or samples (with search: search); generations = an evolution's, at each new best and at intervals; sweep = one fitted value of animate.sweep per frame; search = one trial per frame",
    ),
  frames: z.number().int().min(1).max(LIMITS.frames).default(60),
  fps: z.number().min(0.5).max(100).default(12),
  hold: z.number().min(0).max(60).default(2).describe('seconds the last frame stays'),
  spacing: z
    .enum(['linear', 'log'])
    .default('linear')
    .describe('which stages become frames when there are more stages than frames'),
  start: z.number().int().min(2).default(10).describe('by samples: training points in the first frame'),
  sweep: sweepSchema.optional().describe('by sweep: the option swept and its range'),
});

const renderSchema = options({
  width: z.number().int().min(160).max(LIMITS.size).default(480),
  height: z.number().int().min(160).max(LIMITS.size).default(480),
  bayes: z
    .boolean()
    .default(true)
    .describe('dashed optimal boundary, or true curve E[y | x] with its ±σ band, where the source knows them'),
  grid: z.number().int().min(16).max(LIMITS.grid).default(160).describe('evaluation points per axis'),
  shading: z.enum(['probability', 'class', 'none']).default('probability'),
  levels: z
    .number()
    .int()
    .min(2)
    .max(64)
    .optional()
    .describe("probability shading in this many bands, as matplotlib's contourf (default: smooth)"),
  show: z
    .array(z.enum(['train', 'test']))
    .default(['train'])
    .describe('which points to draw'),
  xlim: range.optional(),
  ylim: range.optional(),
  xlabel: z.string().max(80).default(''),
  ylabel: z.string().max(80).default(''),
  theme: z.enum(['light', 'dark']).default('light'),
  palette: z
    .union([z.enum(['okabe-ito', 'playground']), z.array(colour).min(2).max(8)])
    .default('okabe-ito')
    .describe('a named palette or a list of class colours'),
  curves: z.boolean().default(false).describe('a panel of train/test accuracy (and loss) against the animation'),
  landscape: z
    .boolean()
    .default(false)
    .describe("regression: the loss over the model's two parameters (w, b) beside the fit, with the optimizer's path"),
  residuals: z.boolean().default(false).describe('regression: a segment from each training point to the fitted curve'),
});

const scenarioObject = options({
  title: z.string().max(120).optional().describe('caption title'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(1),
  data: dataEntry.prefault({ source: 'gaussians' }),
  model: modelSchema.optional(),
  compare: z.array(compareEntry).min(1).max(32).optional().describe('in place of model: one panel per model'),
  search: searchSchema.optional().describe('in place of model: search model types and their options'),
  rows: z.array(dataEntry).min(1).max(8).optional().describe('with compare: one row of panels per data set'),
  layout: layoutSchema.optional(),
  animate: animateSchema.prefault({}),
  render: renderSchema.prefault({}),
  output: z.string().min(1).optional().describe("output file: .gif, .mp4 or .png (the last frame); '-' = stdout"),
});

/** Cross-field rules: model or compare (one of them), and what goes with each. */
const scenarioChecked = scenarioObject.superRefine((s, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (s.model && s.compare) issue('compare', 'give either model or compare, not both');
  if (s.search && (s.model || s.compare))
    issue('search', `give search in place of ${s.model ? 'model' : 'compare'}, not both`);
  if (!s.model && !s.compare && !s.search) {
    issue('model', 'expected model (one model), compare (a list of models) or search (models to search)');
  }
  if (s.search && !['auto', 'search'].includes(s.animate.by)) {
    ctx.addIssue({
      code: 'custom',
      path: ['animate', 'by'],
      message: `a search animates one trial per frame (by: search or auto), not by ${s.animate.by}`,
    });
  }
  if (s.animate.by === 'search' && !s.search)
    issue('search', 'animate.by: search needs search: { models, method, trials }');
  if (s.render.curves && s.search) {
    ctx.addIssue({ code: 'custom', path: ['render', 'curves'], message: 'curves go with one model, not search' });
  }
  if (s.rows && !s.compare) issue('rows', 'rows (one row per data set) go with compare');
  if (s.animate.by === 'sweep' && !s.animate.sweep) {
    ctx.addIssue({ code: 'custom', path: ['animate', 'sweep'], message: 'by: sweep needs sweep: { path, from, to }' });
  }
  if (s.animate.by === 'sweep' && s.compare) issue('compare', 'animate.by: sweep works with one model, not compare');
  if (s.render.curves && s.compare) {
    ctx.addIssue({ code: 'custom', path: ['render', 'curves'], message: 'curves go with one model, not compare' });
  }
});

/**
 * The validated scenario. Sources and models are registered at run time, so their own options
 * are typed loosely here; each spec's schema has already checked them.
 */
export type Scenario = Omit<z.output<typeof scenarioObject>, 'data' | 'model' | 'compare' | 'rows' | 'search'> & {
  data: { source: string; n: number; test: number; [option: string]: unknown };
  /** One model; absent when the scenario compares models (compare). */
  model?: { type: string; [option: string]: unknown };
  compare?: { type: string; title?: string; [option: string]: unknown }[];
  rows?: { source: string; n: number; test: number; [option: string]: unknown }[];
  search?: SearchOptions;
};
export type SearchOptions = Omit<z.output<typeof searchSchema>, 'models'> & {
  models: { type: string; [option: string]: unknown }[];
};
export type DataOptions = Scenario['data'];
export type ModelOptions = Scenario['model'];
export type AnimateOptions = Scenario['animate'];
export type RenderOptions = Scenario['render'];

export const scenarioSchema = scenarioChecked as unknown as z.ZodType<Scenario, unknown>;
