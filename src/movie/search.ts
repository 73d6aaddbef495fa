/**
 * The search animation (`search:`): one frame per configuration trained (search-trials.ts) —
 * the trial's map small, the best so far large, the leaderboard (standings.ts) — then a last
 * frame with the winner refit on all the training points and its test accuracy. The maps are
 * drawn as a comparison's panels are (plot only, the same scene at two sizes); one grid
 * evaluation of a trial serves both, since both share the window and grid.
 *
 * Only the training points reach the search: the last share of them (already shuffled) scores
 * the configurations, the rest fit them; the test points score the winner alone.
 */
import { drawData } from '../data/simulate.js';
import { accuracy } from '../dataset.js';
import type { Classifier } from '../models/model.js';
import type { SearchConfig, SearchPlan } from '../plan/plan.js';
import { createRng } from '../random.js';
import { formatAccuracy } from '../render/caption.js';
import { createFrameRenderer } from '../render/frame.js';
import { blit, createGridPainter, type GridText, panelLayout } from '../render/grid-frame.js';
import { type Board, drawLeaderboard } from '../render/leaderboard.js';
import { THEMES } from '../render/palette.js';
import { searchLayout } from '../render/search-layout.js';
import { timed } from '../timings.js';
import type { AccuracyFigures, Movie, MovieContext, MovieFrame } from './movie.js';
import { prepareScene } from './scene.js';
import { fitConfig, searchTrials, splitValidation } from './search-trials.js';
import { Standings } from './standings.js';

/** Panels never draw lines thinner or points smaller than a 1/2-scale single frame's (as compare.ts). */
const MIN_PANEL_UNIT = 0.5;
const BOARD_SIZE = 5;

/** What a leaderboard or a panel says of a configuration's options: "C 3.16 · gamma 0.52". */
export function optionsText(config: SearchConfig): string {
  return config.drawn
    .map(([name, value]) => `${name} ${Array.isArray(value) ? value.join('×') : String(value)}`)
    .join(' · ');
}

export function searchMovie(plan: SearchPlan, context: MovieContext): Movie {
  const { scenario, configs, rounds } = plan;
  const r = scenario.render;
  const simulator = plan.data.simulator;
  // The plan refuses a search on data of another task.
  if (simulator.task !== 'classification') throw new Error('a search of classifiers on data without classes');
  const simulation = drawData(simulator, plan.data.entry, scenario.seed);
  const layout = searchLayout(r.width, r.height);
  const sceneAt = (side: number) =>
    prepareScene(r, simulation, context.timings, {
      title: '',
      subtitle: '',
      layout: (legend) => panelLayout(side, legend, MIN_PANEL_UNIT),
      fullColour: context.fullColour,
    });
  const large = sceneAt(layout.best.w);
  const small = sceneAt(layout.trial.w);
  for (const warning of large.warnings) context.warn?.(warning);
  const palette = large.scene.palette;
  const theme = THEMES[r.theme];
  const painter = createGridPainter(layout.grid, theme, palette);
  const bayes = large.bayesAccuracy;
  const evaluations = rounds.reduce((a, b) => a + b, 0);
  const frames = evaluations + 1;
  const halving = plan.method === 'halving';
  const axis = { name: 'trial', from: 0, to: frames - 1, log: false };
  const name = (c: number) => configs[c].model.spec.type;

  return {
    width: r.width,
    height: r.height,
    palette,
    *frames(): Generator<MovieFrame, void, undefined> {
      const data = splitValidation(simulation.train, plan.validation);
      const rng = createRng(scenario.seed).fork('search');
      const bigPaint = createFrameRenderer(large.scene);
      const smallPaint = createFrameRenderer(small.scene);
      const frame = palette.newFrame(r.width * r.height);
      const best = palette.newFrame(layout.best.w * layout.best.h);
      // The leader's map as scored, for the last frame beside its refit.
      let leaderProba = new Float32Array(0);
      let grid: Float32Array | undefined;
      const onGrid = (classifier: Classifier) =>
        timed(context.timings, 'evaluate', () => {
          grid = classifier.predictGrid?.(large.scene.grid, grid) ?? classifier.predictProba(large.points, grid);
          return grid;
        });
      const standings = new Standings();
      const noFigures: AccuracyFigures = {
        measure: 'accuracy',
        trainAccuracy: null,
        testAccuracy: null,
        bayesAccuracy: bayes,
        loss: null,
      };

      for (const trial of searchTrials({ configs, rounds, eta: plan.eta, data, rng, timings: context.timings })) {
        const leads = standings.add(trial);
        const proba = onGrid(trial.classifier);
        const state = {
          proba,
          trainUsed: trial.n,
          label: '',
          trainAccuracy: trial.validationAccuracy,
          testAccuracy: null,
        };
        timed(context.timings, 'draw', () => {
          frame.fill(0);
          blit(smallPaint.render(state), frame, r.width, layout.trial);
          if (leads) {
            best.set(bigPaint.render(state));
            leaderProba = Float32Array.from(proba);
          }
          blit(best, frame, r.width, layout.best);
          const leader = standings.leader() ?? {
            config: trial.config,
            validationAccuracy: trial.validationAccuracy,
            trial: trial.index,
          };
          const round = halving ? `round ${trial.round + 1} of ${rounds.length} · n = ${trial.n} · ` : '';
          paint({
            stage: `${round}trial ${trial.index + 1} / ${evaluations}`,
            note: `validation accuracy on ${data.validation.n} held-out training points${bayesNote()}`,
            best: {
              title: `best so far: ${name(leader.config)}, trial ${leader.trial + 1}`,
              left: optionsText(configs[leader.config]),
              right: formatAccuracy(leader.validationAccuracy),
            },
            trial: {
              title: `trial ${trial.index + 1}: ${name(trial.config)}`,
              left: optionsText(configs[trial.config]),
              right: formatAccuracy(trial.validationAccuracy),
            },
            newest: trial.index,
          });
        });
        yield { indices: frame, frame: trial.index, frames, figures: noFigures, x: trial.index, axis };
      }

      // The winner, refit on every training point (fitting and validation), scored on the test points.
      const leader = standings.leader();
      if (!leader) return;
      const winner = configs[leader.config];
      const classifier = fitConfig(winner, simulation.train, rng.fork('winner'), context.timings);
      for (const w of classifier.warnings?.() ?? []) context.warn?.(w);
      const trainAccuracy = accuracy(classifier.predictProba(simulation.train.X), simulation.train);
      const testAccuracy =
        simulation.test.n > 0 ? accuracy(classifier.predictProba(simulation.test.X), simulation.test) : null;
      const proba = onGrid(classifier);
      timed(context.timings, 'draw', () => {
        const state = { proba, trainUsed: simulation.train.n, label: '', trainAccuracy, testAccuracy };
        const scoredState = { ...state, proba: leaderProba, trainUsed: leader.n };
        frame.fill(0);
        blit(smallPaint.render(scoredState), frame, r.width, layout.trial);
        blit(bigPaint.render(state), frame, r.width, layout.best);
        const scored = testAccuracy === null ? 'train' : 'test';
        paint({
          stage: 'winner',
          note: `${scored} accuracy of the winner, refit on all ${simulation.train.n} training points${bayesNote()}`,
          best: {
            title: `winner: ${name(leader.config)}, refit on all points`,
            left: optionsText(winner),
            right: `${scored} ${formatAccuracy(testAccuracy ?? trainAccuracy)}`,
          },
          trial: {
            title: `as scored, fit on ${leader.n} points`,
            left: '',
            right: formatAccuracy(leader.validationAccuracy),
          },
          newest: -1,
        });
      });
      yield {
        indices: frame,
        frame: frames - 1,
        frames,
        figures: {
          ...noFigures,
          trainAccuracy,
          testAccuracy,
          search: {
            model: winner.model.spec.type,
            options: winner.model.options,
            validationAccuracy: leader.validationAccuracy,
            trials: configs.length,
            evaluations,
          },
        },
        x: frames - 1,
        axis,
      };

      function bayesNote(): string {
        return bayes === null ? '' : ` · Bayes ${formatAccuracy(bayes)}`;
      }

      function paint(t: {
        stage: string;
        note: string;
        best: GridText['panels'][number];
        trial: GridText['panels'][number];
        newest: number;
      }): void {
        const text: GridText = {
          title: plan.title,
          subtitle: plan.subtitle,
          stage: t.stage,
          note: t.note,
          bayesLine: large.scene.bayesLines !== null,
          panels: [t.best, t.trial],
          rows: [],
        };
        const tried = standings.tried;
        const board: Board = {
          heading: `best ${Math.min(BOARD_SIZE, tried)} of ${tried} tried`,
          scoreHeading: 'validation accuracy',
          rows: standings.top(BOARD_SIZE).map((s, i) => ({
            rank: i + 1,
            model: name(s.config),
            options: optionsText(configs[s.config]),
            sample: halving ? `n ${s.n}` : '',
            score: formatAccuracy(s.validationAccuracy),
            newest: s.trial === t.newest,
          })),
        };
        painter.paint(frame, text, (ctx) =>
          drawLeaderboard(ctx, layout.board, layout.line, layout.grid.text, theme, board),
        );
      }
    },
  };
}
