/**
 * The bundled fonts (DejaVu Sans, and DejaVu Sans Mono for code, from the dejavu-fonts-ttf
 * package), registered once: text looks the same on every machine, whatever fonts it has. Its
 * digits are all one width, so figures in the caption do not jitter from frame to frame.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

export const FONT = 'MLGif Sans';
export const FONT_BOLD = 'MLGif Sans Bold';
/** For code: every character one width, so instructions line up as printed. */
export const FONT_MONO = 'MLGif Mono';
export const FONT_MONO_BOLD = 'MLGif Mono Bold';

let registered = false;

export function registerFonts(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  GlobalFonts.registerFromPath(join(dir, 'DejaVuSans.ttf'), FONT);
  GlobalFonts.registerFromPath(join(dir, 'DejaVuSans-Bold.ttf'), FONT_BOLD);
  GlobalFonts.registerFromPath(join(dir, 'DejaVuSansMono.ttf'), FONT_MONO);
  GlobalFonts.registerFromPath(join(dir, 'DejaVuSansMono-Bold.ttf'), FONT_MONO_BOLD);
  registered = true;
}

export function font(px: number, bold = false): string {
  return `${px.toFixed(1)}px "${bold ? FONT_BOLD : FONT}"`;
}

export function monoFont(px: number, bold = false): string {
  return `${px.toFixed(1)}px "${bold ? FONT_MONO_BOLD : FONT_MONO}"`;
}
