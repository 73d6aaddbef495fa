/**
 * Runs a search (plan/search.ts): trains each configuration of each round on its share of the
 * fitting points and scores it on the validation points, one Trial at a time (a generator, so
 * the movie draws each as it comes). Successive halving (Jamieson & Talwalkar 2016) keeps the
 * best ⌈k/eta⌉ of a round's k configurations, ties to the one drawn first, for the next round's
 * larger sample. The test points never come here: they are the winner's alone (search.ts).
 */
import { accuracy, type Dataset, head } from '../dataset.js';
import type { Classifier } from '../models/model.js';
import type { SearchConfig } from '../plan/plan.js';
import { MIN_FIT, roundSizes, validationCount } from '../plan/search.js';
import type { Rng } from '../random.js';
import { type Timings, timed } from '../timings.js';
import { sampleSizes } from './snapshots.js';

/** The training points split in two: the configurations fit on one part and are scored on the other. */
export interface SearchData {
  fit: Dataset;
  validation: Dataset;
}

/** The last share of the (already shuffled) training points held out for validation, the rest to fit. */
export function splitValidation(train: Dataset, share: number): SearchData {
  const held = Math.min(train.n - 1, validationCount(train.n, share));
  const cut = train.n - held;
  return {
    fit: head(train, cut),
    validation: { X: train.X.subarray(2 * cut), y: train.y.subarray(cut), n: held, classes: train.classes },
  };
}

/** One configuration trained and scored. */
export interface Trial {
  /** 0-based over the whole search. */
  index: number;
  /** Index into the plan's configurations. */
  config: number;
  round: number;
  /** Fitting points it was trained on (the first n). */
  n: number;
  validationAccuracy: number;
  classifier: Classifier;
}

export interface SearchRun {
  configs: readonly SearchConfig[];
  /** How many configurations each round trains (searchRounds). */
  rounds: readonly number[];
  eta: number;
  data: SearchData;
  rng: Rng;
  timings: Timings;
}

/** Each round's sample: from at least MIN_FIT points with two of every class, up to all fitting points. */
export function searchSizes(run: Pick<SearchRun, 'rounds' | 'eta' | 'data'>): number[] {
  const { fit } = run.data;
  const smallest = sampleSizes(fit, 2, MIN_FIT)[0];
  return roundSizes(fit.n, run.rounds.length, run.eta, smallest);
}

/** The best `keep` of the scored configurations: highest validation accuracy, then drawn first. */
export function survivors(scored: readonly { config: number; score: number }[], keep: number): number[] {
  return [...scored]
    .sort((a, b) => b.score - a.score || a.config - b.config)
    .slice(0, keep)
    .map((s) => s.config)
    .sort((a, b) => a - b);
}

/** Trains one configuration on data to the end of its stages. */
export function fitConfig(config: SearchConfig, data: Dataset, rng: Rng, timings: Timings): Classifier {
  const classifier = config.model.spec.classifier(config.model.options, data.classes);
  timed(timings, 'train', () => {
    for (const _ of classifier.train(data, rng));
  });
  return classifier;
}

export function* searchTrials(run: SearchRun): Generator<Trial, void, undefined> {
  const { configs, rounds, data } = run;
  const sizes = searchSizes(run);
  let alive = configs.map((_, i) => i);
  let index = 0;
  for (let round = 0; round < rounds.length; round++) {
    const n = sizes[round];
    const sample = head(data.fit, n);
    const scored: { config: number; score: number }[] = [];
    for (const config of alive) {
      const rng = run.rng.fork(`config ${config} round ${round}`);
      const classifier = fitConfig(configs[config], sample, rng, run.timings);
      const proba = timed(run.timings, 'evaluate', () => classifier.predictProba(data.validation.X));
      const validationAccuracy = accuracy(proba, data.validation);
      scored.push({ config, score: validationAccuracy });
      yield { index: index++, config, round, n, validationAccuracy, classifier };
    }
    if (round + 1 < rounds.length) alive = survivors(scored, rounds[round + 1]);
  }
}
