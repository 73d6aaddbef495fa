/**
 * Validation messages in plain words ("must be a whole number", "must be at least 1") in place
 * of zod's defaults ("Invalid input: expected int, received number", "Too small: expected number
 * to be >=1"), each with the value that was given. Messages a schema words itself (unknown
 * options, unknown names, ranges) take precedence over these.
 */
import type { z } from 'zod';
import { quote } from '../quote.js';

/** A value as a message shows it: numbers and booleans bare, text quoted, the rest by kind. */
function given(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

const KINDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'an object (key: value pairs)',
};

function bound(issue: { origin?: string; inclusive?: boolean }, limit: unknown, least: boolean): string {
  const n = Number(limit);
  switch (issue.origin) {
    case 'array':
    case 'set':
      return `must have ${least ? 'at least' : 'at most'} ${n} ${n === 1 ? 'entry' : 'entries'}`;
    case 'string':
      return least && n === 1 ? 'must not be empty' : `must have ${least ? 'at least' : 'at most'} ${n} characters`;
    default:
      return issue.inclusive === false
        ? `must be ${least ? 'above' : 'below'} ${n}`
        : `must be ${least ? 'at least' : 'at most'} ${n}`;
  }
}

/** The plain message of an issue, or undefined to keep zod's. */
export function plainError(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const kind = KINDS[String(issue.expected)];
      if (!kind) return undefined;
      if (issue.input === undefined) return `missing: expected ${kind}`;
      return issue.expected === 'int'
        ? `must be a whole number, got ${given(issue.input)}`
        : `expected ${kind}, got ${given(issue.input)}`;
    }
    case 'too_small':
      return `${bound(issue, issue.minimum, true)}, got ${given(issue.input)}`;
    case 'too_big':
      return `${bound(issue, issue.maximum, false)}, got ${given(issue.input)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => String(v)).join(' | ')}, got ${given(issue.input)}`;
    default:
      return undefined;
  }
}
