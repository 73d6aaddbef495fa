/**
 * Which file a render writes, from the output's name: the extension decides (.gif, .mp4, .png);
 * `--format` names it where the name says nothing (`-o -` for stdout, /dev/null, a FIFO) and
 * picks the extension of the names mlgif makes up (out/<name>.gif, --out-dir). An unknown
 * extension, or a name and a format that disagree, are refused: writing GIF bytes into t.png
 * makes a file that no program opens as what its name says. A name without an extension is a GIF
 * unless --format says otherwise, as before formats existed.
 */
import { extname } from 'node:path';
import { UserError } from '../errors.js';
import { shown } from '../quote.js';

export const OUTPUT_FORMATS = ['gif', 'mp4', 'png'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const KNOWN = OUTPUT_FORMATS.map((f) => `.${f}`).join(', ');

/** The format a file name asks for (its extension, any case), or null when it names none we write. */
function formatOfName(path: string): OutputFormat | null {
  const ext = extname(path).slice(1).toLowerCase();
  return (OUTPUT_FORMATS as readonly string[]).includes(ext) ? (ext as OutputFormat) : null;
}

/**
 * The format of `output` ('-' = stdout): its extension, else `format` (--format), else GIF.
 * `flag` is where a refusal points.
 */
export function outputFormat(output: string, format: OutputFormat | undefined, flag = 'output'): OutputFormat {
  const ext = output === '-' ? '' : extname(output);
  if (ext === '') return format ?? 'gif';
  const named = formatOfName(output);
  if (named === null) {
    throw new UserError(`${shown(output)} ends in ${shown(ext)}, which mlgif does not write; expected ${KNOWN}`, flag);
  }
  if (format !== undefined && format !== named) {
    throw new UserError(`${shown(output)} is a .${named} name, but --format is ${format}; give one`, flag);
  }
  return named;
}

/** The file name mlgif makes up for `name` (out/<name>.<ext>, --out-dir). */
export function withFormat(name: string, format: OutputFormat | undefined): string {
  return `${name}.${format ?? 'gif'}`;
}

/**
 * H.264 in 4:2:0 codes colour per 2 × 2 block of pixels, so an MP4 needs an even width and height
 * (rather than a padded edge that players show or crop each their own way).
 */
export function checkFrameSize(format: OutputFormat, size: { width: number; height: number }): void {
  if (format !== 'mp4') return;
  const odd = (['width', 'height'] as const).filter((side) => size[side] % 2 !== 0);
  if (odd.length === 0) return;
  const shownSize = odd.map((side) => `render.${side} ${size[side]}`).join(' and ');
  const verb = odd.length > 1 ? 'are' : 'is';
  throw new UserError(`${shownSize} ${verb} odd; an MP4 needs an even width and height`, `render.${odd[0]}`);
}
