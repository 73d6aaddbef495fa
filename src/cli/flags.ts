/**
 * Flags that several commands share, declared once as data; each command names the ones it
 * takes (and may word a description its own way). Parsers report bad values as usage errors.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_MAX_WORK } from '../plan/work.js';
import { INPUT_LIMITS } from '../scenario/limits.js';

/** Repeatable flag: collects every value. */
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** A positive integer flag value. */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a positive integer');
  }
  return n;
}

/** A positive amount, integer or in exponent form (1e11). */
export function positiveAmount(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+(\.\d+)?(e\d+)?\s*$/i.test(value) || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError('expected a positive number, e.g. 2e10');
  }
  return n;
}

/** A whole number flag value (0 or more). */
export function wholeNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError('expected a whole number');
  return n;
}

interface FlagSpec {
  flags: string;
  description: string;
  // biome-ignore lint/suspicious/noExplicitAny: commander's parser takes the previous value of any type
  parse?: (value: string, previous: any) => unknown;
  default?: { value: unknown; shown: string };
}

const FLAGS = {
  set: {
    flags: '--set <path=value>',
    description: 'override one scenario value, e.g. model.k=5 (repeatable)',
    parse: collect,
  },
  json: { flags: '--json', description: 'print JSON on stdout' },
  maxPixels: {
    flags: '--max-pixels <n>',
    description: 'budget for width × height × frames',
    parse: positiveInteger,
    default: { value: INPUT_LIMITS.pixels, shown: '1e9' },
  },
  maxWork: {
    flags: '--max-work <n>',
    description: 'budget for the work: pixels + model evaluations + training, estimated (1e10 ≈ ten minutes)',
    parse: positiveAmount,
    default: { value: DEFAULT_MAX_WORK, shown: '1e10' },
  },
  quiet: { flags: '-q, --quiet', description: 'no progress, summaries or warnings on stderr (errors still)' },
  debug: { flags: '--debug', description: 'show stack traces of internal errors' },
} satisfies Record<string, FlagSpec>;

export type SharedFlag = keyof typeof FLAGS;

/** Adds shared flags to a command: a name, or [name, this command's description]. */
export function addFlags(command: Command, flags: readonly (SharedFlag | [SharedFlag, string])[]): Command {
  for (const entry of flags) {
    const [name, description] = typeof entry === 'string' ? [entry, undefined] : entry;
    const spec: FlagSpec = FLAGS[name];
    const option = new Option(spec.flags, description ?? spec.description);
    if (spec.parse) option.argParser(spec.parse);
    if (spec.default) option.default(spec.default.value, spec.default.shown);
    command.addOption(option);
  }
  return command;
}

/** The flags every command reading scenarios takes. */
export interface ScenarioFlags {
  set?: string[];
  maxPixels: number;
  maxWork: number;
  quiet?: boolean;
  debug?: boolean;
}
