/**
 * Where things go in a regression's or a function's frame: the caption at the top (title and
 * stage, the figures, a key), then the plots side by side — the fit, and the loss landscape with
 * its colour key under it — or one above the other when the frame is tall. Plots are square and
 * of one size; the unit (1/480 of the smaller side) scales lines, points and text as in
 * layout.ts, whose caption geometry this shares.
 */
import { computeLayout, type Layout, type Rect } from './layout.js';

export interface FigureLayout extends Layout {
  /** The fit's plot (also `plot`), or null when the figure is a landscape alone. */
  fit: Rect | null;
  /** The landscape's plot, or null. */
  landscape: Rect | null;
  /** The landscape's colour key: a bar under its axis label. */
  key: Rect | null;
}

export interface FigureParts {
  fit: boolean;
  landscape: boolean;
  /** Axis labels of the fit. */
  xlabel: boolean;
  ylabel: boolean;
}

/** A plot's margins for its ticks, labels and key, in pixels. */
interface Cell {
  left: number;
  bottom: number;
  key: boolean;
}

/** Height of the colour key bar, and of the key with its tick labels, in units. */
export const KEY_BAR = 7;
const KEY_HEIGHT = 26;

export function figureLayout(width: number, height: number, parts: FigureParts): FigureLayout {
  // The caption lines as a single frame's, with the third line for the key.
  const caption = computeLayout(width, height, { legend: true, xlabel: false, ylabel: false });
  const { unit, fontSize } = caption;
  const pad = 12 * unit;
  const label = fontSize.label + 6 * unit;
  const top = (caption.legendBaseline ?? caption.figuresBaseline) + 12 * unit;
  const cells: Cell[] = [];
  if (parts.fit) {
    cells.push({
      left: pad + 26 * unit + (parts.ylabel ? label : 0),
      bottom: pad + 18 * unit + (parts.xlabel ? label : 0),
      key: false,
    });
  }
  if (parts.landscape) {
    cells.push({ left: pad + 26 * unit + label, bottom: pad + 18 * unit + label + KEY_HEIGHT * unit, key: true });
  }
  const gap = 8 * unit;
  const beside = cells.length === 1 || width >= 0.9 * height;
  const lefts = cells.reduce((a, c) => a + c.left, 0);
  const bottoms = cells.reduce((a, c) => a + c.bottom, 0);
  const tallest = Math.max(...cells.map((c) => c.bottom));
  const widest = Math.max(...cells.map((c) => c.left));
  const n = cells.length;
  const side = Math.max(
    16,
    Math.floor(
      beside
        ? Math.min((width - lefts - pad - (n - 1) * gap) / n, height - top - tallest)
        : Math.min(width - widest - pad, (height - top - bottoms) / n),
    ),
  );
  // Centre the block of plots in the room below the caption.
  const blockW = beside ? lefts + n * side + (n - 1) * gap + pad : widest + side + pad;
  const blockH = beside ? side + tallest : bottoms + n * side;
  const x0 = Math.round((width - blockW) / 2);
  const y0 = Math.round(top + (height - top - blockH) / 2);
  const plots: Rect[] = [];
  let x = x0;
  let y = y0;
  for (const cell of cells) {
    if (beside) {
      plots.push({ x: Math.round(x + cell.left), y: y0, w: side, h: side });
      x += cell.left + side + gap;
    } else {
      plots.push({ x: Math.round(x0 + widest), y: Math.round(y), w: side, h: side });
      y += side + cell.bottom;
    }
  }
  const fit = parts.fit ? plots[0] : null;
  const landscape = parts.landscape ? plots[plots.length - 1] : null;
  const key = landscape
    ? {
        x: landscape.x,
        y: Math.round(landscape.y + landscape.h + 18 * unit + label + 4 * unit),
        w: landscape.w,
        h: Math.round(KEY_BAR * unit),
      }
    : null;
  const first = plots[0];
  const last = plots[plots.length - 1];
  return {
    ...caption,
    textLeft: Math.min(first.x, pad + 8 * unit),
    textRight: Math.max(last.x + last.w, width - pad - 8 * unit),
    plot: first,
    fit,
    landscape,
    key,
  };
}
