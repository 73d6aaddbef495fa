/** What the captions call things: a figure's title and subtitle, a comparison's panel titles. */
import { dataSource } from '../data/index.js';
import type { Task } from '../dataset.js';
import { modelSpec } from '../models/index.js';

/** An optimizer's name, for a model that only walks over a function (its optimizer is all it is there). */
const OPTIMIZERS: Record<string, string> = {
  gd: 'Gradient descent',
  sgd: 'Gradient descent',
  momentum: 'Momentum',
  adam: 'Adam',
};

/** What the captions call a model: its type's title, or on a function its optimizer's name. */
export function modelTitle(entry: { type: string; [option: string]: unknown }, task: Task): string {
  const optimizer = entry.optimizer;
  if (task === 'optimization' && typeof optimizer === 'string' && OPTIMIZERS[optimizer]) return OPTIMIZERS[optimizer];
  return modelSpec(entry.type).title;
}

/**
 * The title and the muted subtitle of a one-model figure. The subtitle names what the title
 * leaves out: the model when a custom title does not, else the data, unless the title names
 * that too.
 */
export function captionTitles(
  custom: string | undefined,
  modelTitle: string,
  source: string,
  entry?: { [option: string]: unknown },
): { title: string; subtitle: string } {
  const title = custom ?? modelTitle;
  const names = (text: string) => text !== '' && title.toLowerCase().includes(text.toLowerCase());
  const data = dataTitle(source, entry);
  return { title, subtitle: !names(modelTitle) ? modelTitle : names(data) ? '' : data };
}

/**
 * Panel titles: the given ones, else the model's name, followed where names repeat by the
 * options that tell those panels apart (defaults filled in alike say nothing).
 */
export function panelTitles(
  entries: readonly { type: string; title?: string; [o: string]: unknown }[],
  task: Task = 'classification',
): string[] {
  const names = entries.map((e) => modelTitle(e, task));
  const shown = (v: unknown) => (Array.isArray(v) ? v.join('×') : String(v));
  return entries.map((e, i) => {
    if (e.title) return e.title;
    const namesakes = entries.filter((_, j) => names[j] === names[i]);
    if (namesakes.length === 1) return names[i];
    const { type: _t, title: _title, ...options } = e;
    const differs = (key: string) => new Set(namesakes.map((n) => JSON.stringify(n[key]))).size > 1;
    const given = Object.entries(options)
      .filter(([k]) => differs(k))
      .map(([k, v]) => `${k} ${shown(v)}`)
      .join(', ');
    return given ? `${names[i]} (${given})` : names[i];
  });
}

/** What the captions call a data set: its source's title ("a line"), or the function's name. */
export function dataTitle(source: string, entry?: { [option: string]: unknown }): string {
  return typeof entry?.function === 'string' ? entry.function : dataSource(source).title;
}
