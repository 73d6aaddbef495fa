/**
 * Where the panels of a comparison grid go: their side and places, the text size and the bands
 * for titles and figures. Pure geometry (no canvas), so the plan can refuse a grid whose panels
 * would be too small to read before anything is drawn.
 */
import type { Rect } from './layout.js';

/** The smallest panel side (px) worth drawing: below it the points and boundary are a smudge. */
export const MIN_PANEL_SIDE = 48;

export interface GridShape {
  rows: number;
  columns: number;
  /** Whether rows are labelled (one data set per row) at the left. */
  rowLabels: boolean;
  /** 'each': every panel has its title above it; 'top': only the first row (the column heads). */
  titles: 'each' | 'top';
}

export interface GridLayout {
  width: number;
  height: number;
  /** Text size (px) of labels; the title is 1.3 times larger. */
  text: number;
  pad: number;
  titleBaseline: number;
  figuresBaseline: number;
  /** Plot rectangles, row by row; all squares of one side. */
  panels: Rect[];
  side: number;
}

export function gridLayout(width: number, height: number, shape: GridShape): GridLayout {
  const text = Math.min(14, Math.max(9, (Math.sqrt(width * height) / 600) * 10));
  const pad = Math.round(text * 0.8);
  const titleBaseline = pad + text * 1.3;
  const figuresBaseline = titleBaseline + text * 0.5 + text;
  const top = Math.ceil(figuresBaseline + pad);
  const left = shape.rowLabels ? Math.ceil(text * 2.8) : pad;
  const headBand = Math.ceil(text * 1.5);
  const underBand = Math.ceil(text * 1.45);
  const gapX = Math.ceil(text * 0.9);
  const gapY = Math.ceil(text * 0.4);
  const { rows, columns } = shape;
  const titleRows = shape.titles === 'each' ? rows : 1;
  const byWidth = (width - left - pad - (columns - 1) * gapX) / columns;
  const byHeight = (height - top - titleRows * headBand - rows * underBand - (rows - 1) * gapY - pad) / rows;
  const side = Math.max(16, Math.floor(Math.min(byWidth, byHeight)));
  // Width to spare (panels limited by height) widens the gaps a little, then the block is centred.
  const spare = width - left - pad - columns * side - (columns - 1) * gapX;
  const gap = columns > 1 ? gapX + Math.min(Math.floor(spare / (columns - 1)), Math.ceil(text * 2)) : gapX;
  const blockW = columns * side + (columns - 1) * gap;
  const blockH = titleRows * headBand + rows * (side + underBand) + (rows - 1) * gapY;
  const x0 = Math.round(left + (width - left - pad - blockW) / 2);
  const y0 = Math.round(top + (height - top - pad - blockH) / 2);
  const panels: Rect[] = [];
  for (let r = 0; r < rows; r++) {
    const heads = shape.titles === 'each' ? r + 1 : 1;
    const y = y0 + heads * headBand + r * (side + underBand + gapY);
    for (let c = 0; c < columns; c++) panels.push({ x: x0 + c * (side + gap), y, w: side, h: side });
  }
  return { width, height, text, pad, titleBaseline, figuresBaseline, panels, side };
}
