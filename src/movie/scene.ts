/**
 * Everything a frame shows that does not change while the model trains: the plot window and
 * evaluation grid, the palette, the points to draw, the optimal boundary and its accuracy, the
 * caption's titles and legend, the layout.
 */
import { bayesAccuracy, bayesProba, hasBayes } from '../data/bayes.js';
import type { Simulation } from '../data/simulate.js';
import type { Dataset } from '../dataset.js';
import { type Grid, gridPoints, plotWindow, type Window } from '../grid.js';
import { boundaries } from '../render/contours.js';
import { computeLayout, type Layout } from '../render/layout.js';
import { buildPalette, classColours, fullColourPalette, type RGB, THEMES } from '../render/palette.js';
import type { Scene } from '../render/scene.js';
import type { RenderOptions } from '../scenario/schema.js';
import { type Timings, timed } from '../timings.js';

export interface SceneOptions {
  title: string;
  subtitle: string;
  /** Frame size (default: render.width × render.height). */
  width?: number;
  height?: number;
  /** A layout of one's own (comparison panels); default: computeLayout for the size. */
  layout?: (legend: boolean) => Layout;
  /** The plot window (default: the data's, or render.xlim / ylim). */
  window?: Window;
  /** Frames in full colour rather than in a GIF's 256 colours. */
  fullColour?: boolean;
  /** Colours the palette must hold besides the classes' (for what is drawn beside the map). */
  accents?: readonly RGB[];
}

export interface PreparedScene {
  scene: Scene;
  /** The grid's points (n×2), where the models are evaluated. */
  points: Float64Array;
  bayesAccuracy: number | null;
  /** What the user should hear about the scene (limits that leave out most of the data). */
  warnings: string[];
}

/** A warning when render.xlim / ylim leave most training points out of the plot. */
function windowWarning(r: RenderOptions, window: Window, train: Dataset): string | null {
  if ((!r.xlim && !r.ylim) || train.n === 0) return null;
  let inside = 0;
  let [x0, x1, y0, y1] = [
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (let i = 0; i < train.n; i++) {
    const x = train.X[2 * i];
    const y = train.X[2 * i + 1];
    if (x >= window.xmin && x <= window.xmax && y >= window.ymin && y <= window.ymax) inside++;
    [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
  }
  if (2 * inside >= train.n) return null;
  const span = (a: number, b: number) => `${Number(a.toPrecision(3))} to ${Number(b.toPrecision(3))}`;
  const limits = [r.xlim ? 'render.xlim' : '', r.ylim ? 'render.ylim' : ''].filter(Boolean).join(' and ');
  const verb = r.xlim && r.ylim ? 'show' : 'shows';
  return `${limits} ${verb} ${inside} of the ${train.n} training points (the data spans x ${span(x0, x1)}, y ${span(y0, y1)})`;
}

export function prepareScene(
  r: RenderOptions,
  { simulator, train, test }: Simulation,
  timings: Timings,
  o: SceneOptions,
): PreparedScene {
  const classes = simulator.classes;
  const window = o.window ?? plotWindow([train, test], r.xlim, r.ylim);
  const grid: Grid = { ...window, nx: r.grid, ny: r.grid };
  const points = gridPoints(grid);
  const bayes = r.bayes && hasBayes(simulator);
  const bayesLines = bayes
    ? timed(timings, 'evaluate', () => boundaries(bayesProba(simulator, points), grid, classes))
    : null;
  const bayesAcc = hasBayes(simulator) ? bayesAccuracy(simulator, test.n > 0 ? test : train) : null;

  const theme = THEMES[r.theme];
  const colours = classColours(r.palette, classes);
  const names = simulator.classNames;
  const legendNeeded = classes > 2 || names !== undefined;
  const layout = o.layout
    ? o.layout(legendNeeded)
    : computeLayout(o.width ?? r.width, o.height ?? r.height, {
        legend: legendNeeded,
        xlabel: r.xlabel !== '',
        ylabel: r.ylabel !== '',
      });
  const scene: Scene = {
    layout,
    theme,
    // Full colour holds every colour already; a GIF's palette must be told the accents.
    palette: o.fullColour ? fullColourPalette(theme, colours) : buildPalette(theme, colours, o.accents),
    classColours: colours,
    window,
    grid,
    classes,
    shading: r.shading,
    bands: r.levels,
    train,
    showTrain: r.show.includes('train'),
    test: r.show.includes('test') && test.n > 0 ? test : null,
    bayesLines,
    bayesAccuracy: bayesAcc,
    title: o.title,
    subtitle: o.subtitle,
    legend: legendNeeded ? colours.map((colour, c) => ({ name: names?.[c] ?? `class ${c}`, colour })) : null,
    axisLabels: { x: r.xlabel, y: r.ylabel },
  };
  const warning = windowWarning(r, window, train);
  return { scene, points, bayesAccuracy: bayesAcc, warnings: warning ? [warning] : [] };
}
