/** What the captions call things: a figure's title and subtitle, a comparison's panel titles. */
import { dataSource } from '../data/index.js';
import { modelSpec } from '../models/index.js';

/**
 * The title and the muted subtitle of a one-model figure. The subtitle names what the title
 * leaves out: the model when a custom title does not, else the data, unless the title names
 * that too.
 */
export function captionTitles(
  custom: string | undefined,
  modelTitle: string,
  source: string,
): { title: string; subtitle: string } {
  const title = custom ?? modelTitle;
  const names = (text: string) => text !== '' && title.toLowerCase().includes(text.toLowerCase());
  const data = dataSource(source).title;
  return { title, subtitle: !names(modelTitle) ? modelTitle : names(data) ? '' : data };
}

/** Panel titles: the given ones, else the model's name, with its options where names repeat. */
export function panelTitles(entries: readonly { type: string; title?: string; [o: string]: unknown }[]): string[] {
  const names = entries.map((e) => modelSpec(e.type).title);
  return entries.map((e, i) => {
    if (e.title) return e.title;
    if (names.filter((n) => n === names[i]).length === 1) return names[i];
    const { type: _t, title: _title, ...options } = e;
    const given = Object.entries(options)
      .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join('×') : String(v)}`)
      .join(', ');
    return given ? `${names[i]} (${given})` : names[i];
  });
}
