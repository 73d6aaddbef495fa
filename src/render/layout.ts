/**
 * Where everything goes in a frame. One unit is 1/480 of the smaller side, so line widths, point
 * sizes and fonts scale with the frame: a 1080 px GIF looks like a 480 px one, only sharper.
 * Top to bottom: the caption (title and stage), the figures line, an optional class legend, the
 * square plot with ticks and axis labels.
 */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Layout {
  width: number;
  height: number;
  unit: number;
  /** Baselines of the caption lines, left and right edges of the text block. */
  titleBaseline: number;
  figuresBaseline: number;
  legendBaseline: number | null;
  textLeft: number;
  textRight: number;
  /** The plot area in whole pixels. */
  plot: Rect;
  fontSize: { title: number; figures: number; tick: number; label: number };
}

export function computeLayout(
  width: number,
  height: number,
  opts: { legend: boolean; xlabel: boolean; ylabel: boolean },
): Layout {
  const unit = Math.min(width, height) / 480;
  const fontSize = { title: 14.5 * unit, figures: 12 * unit, tick: 10.5 * unit, label: 12 * unit };
  const pad = 12 * unit;
  const titleBaseline = pad + fontSize.title;
  const figuresBaseline = titleBaseline + 6 * unit + fontSize.figures;
  const legendBaseline = opts.legend ? figuresBaseline + 5 * unit + fontSize.figures : null;
  const top = (legendBaseline ?? figuresBaseline) + 12 * unit;
  const left = pad + 26 * unit + (opts.ylabel ? fontSize.label + 6 * unit : 0);
  const bottom = pad + 18 * unit + (opts.xlabel ? fontSize.label + 6 * unit : 0);
  const right = pad;
  const side = Math.max(16, Math.floor(Math.min(width - left - right, height - top - bottom)));
  // Centre the plot in the space left over, keeping its left margin for tick labels.
  const x = Math.round(left + (width - left - right - side) / 2);
  const y = Math.round(top + (height - top - bottom - side) / 2);
  return {
    width,
    height,
    unit,
    titleBaseline,
    figuresBaseline,
    legendBaseline,
    textLeft: Math.min(x, pad + 8 * unit),
    textRight: Math.max(x + side, width - pad - 8 * unit),
    plot: { x, y, w: side, h: side },
    fontSize,
  };
}

/** Rectangles covering everything of a width × height frame but the panels (in rows of equal height). */
export function outside(width: number, height: number, panels: readonly Rect[]): Rect[] {
  const rects: Rect[] = [];
  let y = 0;
  const rows = [...new Set(panels.map((p) => p.y))].sort((a, b) => a - b);
  for (const top of rows) {
    const row = panels.filter((p) => p.y === top).sort((a, b) => a.x - b.x);
    const h = Math.max(...row.map((p) => p.h));
    if (top > y) rects.push({ x: 0, y, w: width, h: top - y });
    let x = 0;
    for (const p of row) {
      if (p.x > x) rects.push({ x, y: top, w: p.x - x, h: p.h });
      if (p.h < h) rects.push({ x: p.x, y: top + p.h, w: p.w, h: h - p.h });
      x = p.x + p.w;
    }
    if (x < width) rects.push({ x, y: top, w: width - x, h });
    y = top + h;
  }
  if (y < height) rects.push({ x: 0, y, w: width, h: height - y });
  return rects;
}
