/**
 * Reading a scenario: text (YAML or JSON, told apart by content) → plain object → `--set`
 * overrides → zod validation. Every problem is reported with its path, all at once, as a
 * UserError (exit 2). YAML alias bombs, prototype keys and absurd numbers are refused before
 * validation ever sees them.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../errors.js';
import { ECHO_LIMIT, quote } from '../quote.js';
import { defaultGridSize, gridShapeOf } from './grid-size.js';
import { INPUT_LIMITS } from './limits.js';
import { plainError } from './plain-errors.js';
import { type Scenario, scenarioSchema } from './schema.js';

export { INPUT_LIMITS };

export interface LoadedScenario {
  scenario: Scenario;
  /** Directory that relative data paths (CSV) resolve against. */
  baseDir: string;
  /** Name of the scenario for default output names: the file's base name, or "scenario" for stdin. */
  name: string;
  /** The scenario's file (absolute), when it was read from one. */
  file?: string;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Parses YAML or JSON text into a plain value; problems with the text are reported at `source` (the file). */
export function parseScenarioText(text: string, source: string): unknown {
  if (text.length > INPUT_LIMITS.bytes || Buffer.byteLength(text) > INPUT_LIMITS.bytes) {
    throw new UserError(`the scenario is larger than ${INPUT_LIMITS.bytes} bytes; is this the right file?`, source);
  }
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '') throw new UserError('the scenario is empty; expected a YAML or JSON object', source);
  if (trimmed.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new UserError(`not valid JSON: ${firstLine(error)}`, source);
    }
    const twice = duplicateKey(trimmed);
    if (twice !== undefined) throw new UserError(`the key ${quote(twice)} appears twice in one object`, source);
    return value;
  }
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(trimmed, { uniqueKeys: true, prettyErrors: true, logLevel: 'silent' });
  } catch (error) {
    // The YAML parser recurses on nesting: a pathological document can exhaust the stack.
    throw new UserError(`not usable YAML: ${firstLine(error)}`, source);
  }
  // Warnings too (an unknown tag such as !!js/function): a scenario is plain data.
  const first = doc.errors[0] ?? doc.warnings[0];
  if (first) {
    const where = first.linePos ? `${source}:${first.linePos[0].line}:${first.linePos[0].col}` : source;
    // The place is in `where` already (file:line:column).
    throw new UserError(`not valid YAML: ${firstLine(first).replace(/ at line \d+, column \d+:?$/, '')}`, where);
  }
  try {
    return doc.toJS({ maxAliasCount: INPUT_LIMITS.aliases });
  } catch (error) {
    throw new UserError(`not usable YAML: ${firstLine(error)}`, source);
  }
}

/** The first line of an error's message (parsers add excerpts of the text below it). */
function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error)
    .split('\n')[0]
    .replace(/:$/, '');
}

/**
 * The first key that appears twice in one object of valid JSON text, if any: JSON.parse keeps the
 * last silently, where the YAML reader refuses a duplicate key.
 */
export function duplicateKey(json: string): string | undefined {
  // Per open object its keys, per open array null.
  const open: (Set<string> | null)[] = [];
  let keyNext = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let end = i + 1;
      while (json.charCodeAt(end) !== 0x22) end += json.charCodeAt(end) === 0x5c /* \ */ ? 2 : 1;
      const keys = open[open.length - 1];
      if (keyNext && keys) {
        const key = JSON.parse(json.slice(i, end + 1)) as string;
        if (keys.has(key)) return key;
        keys.add(key);
        keyNext = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) {
      open.push(new Set());
      keyNext = true;
    } else if (c === 0x5b /* [ */) {
      open.push(null);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      open.pop();
    } else if (c === 0x2c /* , */) {
      keyNext = open[open.length - 1] instanceof Set;
    }
  }
  return undefined;
}

/** A path of keys and indices as problems show it: model.k, rows[1].covs[0], model["odd key"]. */
export function pathText(segments: readonly (string | number)[]): string {
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment) && segment.length <= ECHO_LIMIT) text += text ? `.${segment}` : segment;
    else text += `[${quote(segment)}]`;
  }
  return text;
}

/**
 * Refuses prototype keys, non-finite or absurd numbers, absurd nesting and too many values
 * anywhere in the parsed value, before anything copies or validates it. Values are counted as
 * the validator would visit them: a YAML alias repeats its whole value (99 aliases of a long list
 * are tens of millions of values). The path of a value is built only for a problem.
 */
function checkValue(root: unknown): void {
  const trail: (string | number)[] = [];
  let values = 0;
  const refuse = (message: string): never => {
    throw new UserError(message, pathText(trail));
  };
  const visit = (value: unknown, depth: number): void => {
    if (++values > INPUT_LIMITS.values) {
      refuse(`more than ${INPUT_LIMITS.values} values in all (aliases counted each time they are used)`);
    }
    if (depth > INPUT_LIMITS.depth) refuse(`nested more than ${INPUT_LIMITS.depth} levels deep`);
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || Math.abs(value) > INPUT_LIMITS.magnitude) {
        refuse(`expected a finite number of reasonable size, got ${value}`);
      }
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        trail.push(i);
        visit(value[i], depth + 1);
        trail.pop();
      }
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        trail.push(key);
        if (FORBIDDEN_KEYS.has(key)) refuse(`the key ${quote(key)} is not allowed`);
        visit((value as Record<string, unknown>)[key], depth + 1);
        trail.pop();
      }
    }
  };
  visit(root, 0);
}

/** Refuses a scenario whose frames would hold more than `maxPixels` pixels in all. */
export function checkBudget(scenario: Scenario, maxPixels: number = INPUT_LIMITS.pixels): void {
  const { width, height } = scenario.render;
  const frames = scenario.animate.frames;
  const pixels = width * height * frames;
  if (pixels > maxPixels) {
    throw new UserError(
      `render.width × render.height × animate.frames = ${width} × ${height} × ${frames} = ${pixels} pixels, ` +
        `over the budget of ${maxPixels}; make the GIF smaller or shorter, or raise the budget with --max-pixels`,
    );
  }
}

/** Applies one `--set path=value` (value parsed as a YAML scalar or flow collection). */
export function applySet(target: Record<string, unknown>, assignment: string): void {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new UserError(`expected path=value, e.g. model.k=5, got ${quote(assignment)}`, '--set');
  const path = assignment.slice(0, eq).trim();
  const segments = setPath(path);
  const doc = parseDocument(assignment.slice(eq + 1), { logLevel: 'silent' });
  const problem = doc.errors[0] ?? doc.warnings[0];
  let value: unknown;
  try {
    if (problem) throw problem;
    value = doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    throw new UserError(`the value of ${quote(path)} is not readable: ${firstLine(error)}`, '--set');
  }
  // Objects on the way are made as needed; a list entry must exist already.
  let node: Record<string | number, unknown> = target;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    const at = pathText(segments.slice(0, i + 1));
    if (typeof segment === 'number') {
      if (!Array.isArray(node))
        throw new UserError(
          `cannot set ${quote(path)}: ${quote(pathText(segments.slice(0, i)))} is not a list`,
          '--set',
        );
      if (segment >= node.length) {
        throw new UserError(
          `cannot set ${quote(path)}: the list has ${node.length} entries, ${quote(at)} is not one`,
          '--set',
        );
      }
    } else if (Array.isArray(node) || typeof node !== 'object') {
      throw new UserError(
        `cannot set ${quote(path)}: ${quote(pathText(segments.slice(0, i)))} is not an object`,
        '--set',
      );
    }
    if (last) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    if ((next === undefined || next === null) && typeof segments[i + 1] === 'string') node[segment] = {};
    else if (next === undefined || next === null || typeof next !== 'object') {
      throw new UserError(
        `cannot set ${quote(path)}: ${quote(at)} is not ${typeof segments[i + 1] === 'number' ? 'a list' : 'an object'}`,
        '--set',
      );
    }
    node = node[segment] as Record<string | number, unknown>;
  });
}

/** A --set path as keys and list indices: compare[1].title (or compare.1.title) → ["compare", 1, "title"]. */
function setPath(path: string): (string | number)[] {
  const pattern = /^[A-Za-z_$][\w$]*(\[\d+\])*(\.([A-Za-z_$][\w$]*|\d+)(\[\d+\])*)*$/;
  const segments = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] !== undefined ? Number(m[2]) : /^\d+$/.test(m[1]) ? Number(m[1]) : m[1],
  );
  if (!pattern.test(path) || segments.some((k) => typeof k === 'string' && FORBIDDEN_KEYS.has(k))) {
    throw new UserError(
      `${quote(path)} is not a usable path; expected keys and list indices, e.g. model.k or compare[1].title`,
      '--set',
    );
  }
  return segments;
}

function pathOf(issue: z.core.$ZodIssue): string {
  const segments = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) segments.push(issue.keys[0]);
  return pathText(segments);
}

/** Validates a parsed scenario; throws one UserError listing every problem with its path. */
export function validateScenario(
  raw: unknown,
  sets: readonly string[] = [],
  maxPixels: number = INPUT_LIMITS.pixels,
): Scenario {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UserError('expected a YAML or JSON object with at least model.type');
  }
  checkValue(raw);
  const copy = structuredClone(raw) as Record<string, unknown>;
  for (const s of sets) applySet(copy, s);
  checkValue(copy);
  const result = scenarioSchema.safeParse(copy, { error: plainError });
  if (!result.success) {
    throw UserError.of(result.error.issues.map((issue) => ({ path: pathOf(issue), message: issue.message })));
  }
  const scenario = withGridSize(result.data, copy.render);
  checkBudget(scenario, maxPixels);
  return scenario;
}

/** A comparison without a size of its own gets a canvas sized from its grid, not 480 × 480. */
function withGridSize(scenario: Scenario, render: unknown): Scenario {
  const given = typeof render === 'object' && render !== null && ('width' in render || 'height' in render);
  if (given || !scenario.compare) return scenario;
  return { ...scenario, render: { ...scenario.render, ...defaultGridSize(gridShapeOf(scenario, scenario.compare)) } };
}

/**
 * Reads at most `limit` bytes of a file. Reading in chunks, not by its stated size, also bounds
 * what has no size: a pipe (`<(...)`), or a device like /dev/zero that never ends.
 */
function readBounded(path: string, limit: number): string {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(65536);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > limit) throw new UserError(`larger than ${limit} bytes; expected a scenario file`, path);
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Loads a scenario from a file path, or from `stdinText` when the path is "-". */
export function loadScenario(
  path: string,
  sets: readonly string[] = [],
  stdinText?: string,
  maxPixels: number = INPUT_LIMITS.pixels,
): LoadedScenario {
  if (path === '-') {
    const raw = parseScenarioText(stdinText ?? '', '<stdin>');
    return { scenario: validateScenario(raw, sets, maxPixels), baseDir: process.cwd(), name: 'scenario' };
  }
  let text: string;
  try {
    text = readBounded(path, INPUT_LIMITS.bytes);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code})`;
    throw new UserError(`${why}; expected a scenario file (.yaml, .yml or .json)`, path);
  }
  const raw = parseScenarioText(text, path);
  return {
    scenario: validateScenario(raw, sets, maxPixels),
    baseDir: dirname(resolve(path)),
    name: basename(path, extname(path)),
    file: resolve(path),
  };
}
