/**
 * Building blocks for the option schemas that every data source and model exports. Options are
 * strict: an unknown key is an error that suggests the nearest known name ("did you mean k?"),
 * because a misspelt option silently ignored is the worst kind of wrong figure.
 */
import { z } from 'zod';
import { quote } from './quote.js';
import { suggest } from './suggest.js';

export function unknownKeyMessage(keys: readonly string[], known: readonly string[]): string {
  return keys
    .map((key) => {
      const close = suggest(key, known);
      return `unknown option ${quote(key)}${close ? ` (did you mean "${close}"?)` : ''}; expected one of: ${known.join(', ')}`;
    })
    .join('; ');
}

/** A strict object schema whose unknown-key error names the nearest known key. */
export function options<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeyMessage(issue.keys, known) : undefined),
  });
}

/** Message for a discriminator ("type", "source") whose value is not one of the registered names. */
export function unknownNameMessage(what: string, value: unknown, known: readonly string[]): string {
  const close = typeof value === 'string' ? suggest(value, known) : undefined;
  const shown =
    value === undefined
      ? 'nothing'
      : typeof value === 'string'
        ? quote(value)
        : String(JSON.stringify(value)).slice(0, 80);
  return `expected ${what} to be one of ${known.join(', ')}${close ? ` (did you mean "${close}"?)` : ''}, received ${shown}`;
}

/** A 2-D point, [x, y]. */
export const point = z.tuple([z.number(), z.number()]);
/** A 2×2 matrix, [[a, b], [c, d]]. */
export const matrix2 = z.tuple([point, point]);
