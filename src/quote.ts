/**
 * Text from the input echoed in a message — a key, a CSV field, a label, a file name — is quoted,
 * cut and escaped here, so that no input can flood the terminal (a 50 MB line) or drive it (an
 * ESC or OSC sequence in a CSV field, a NUL). Every message that echoes input goes through
 * quote() or shown(); the command line passes each line it prints through printable() as well.
 */

/** The most characters of one echoed value. */
export const ECHO_LIMIT = 80;

/** The most characters of one printed line. */
const LINE_LIMIT = 1000;

/**
 * C0 and C1 control characters, DEL, and the invisible characters that reorder or hide text
 * (bidirectional controls, line and paragraph separators).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;
const UNSAFE = new RegExp(UNSAFE_CHARACTER.source, 'g');

const escapeOne = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Cuts `text` to `limit` characters, marking the cut. */
function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}… (${text.length} characters)`;
}

/** A value echoed in double quotes: escaped, at most ECHO_LIMIT characters of it shown. */
export function quote(text: string): string {
  const head = text.length > ECHO_LIMIT ? text.slice(0, ECHO_LIMIT) : text;
  const body = head.replace(/[\\"]/g, (c) => `\\${c}`).replace(UNSAFE, escapeOne);
  return text.length > ECHO_LIMIT ? `"${body}…" (${text.length} characters)` : `"${body}"`;
}

/** A name (a file, a key) shown bare when it is plain and short, quoted otherwise. */
export function shown(text: string): string {
  return text.length <= ECHO_LIMIT && text !== '' && !/[\s"\\]/.test(text) && !UNSAFE_CHARACTER.test(text)
    ? text
    : quote(text);
}

/** A line as printed on a terminal: control characters escaped, its length bounded. */
export function printable(line: string): string {
  return cut(line.replace(UNSAFE, escapeOne), LINE_LIMIT);
}
