/**
 * A search's standings after each trial: every configuration tried, by its latest score. A later
 * round of successive halving trains on a larger sample, so its scores rank above any earlier
 * round's (the same configurations, judged on more data); within a round, the higher validation
 * accuracy, then the configuration drawn first. The leader is the best so far, and the winner.
 */
import type { Trial } from './search-trials.js';

/** A configuration's latest score. */
export interface Standing {
  config: number;
  round: number;
  n: number;
  validationAccuracy: number;
  /** The trial that scored it (0-based over the search). */
  trial: number;
}

export function compareStandings(a: Standing, b: Standing): number {
  return b.round - a.round || b.validationAccuracy - a.validationAccuracy || a.config - b.config;
}

export class Standings {
  private readonly latest = new Map<number, Standing>();

  /**
   * Records a trial; returns whether it leads now. A trial only changes its own configuration's
   * standing, to a round as late or later, so the leader is either unchanged or this trial.
   */
  add(trial: Trial): boolean {
    const standing: Standing = {
      config: trial.config,
      round: trial.round,
      n: trial.n,
      validationAccuracy: trial.validationAccuracy,
      trial: trial.index,
    };
    this.latest.set(trial.config, standing);
    return this.leader()?.trial === trial.index;
  }

  /** How many configurations have been tried. */
  get tried(): number {
    return this.latest.size;
  }

  /** The first `count` configurations, best first. */
  top(count: number): Standing[] {
    return [...this.latest.values()].sort(compareStandings).slice(0, count);
  }

  /** The best so far, or null before the first trial. */
  leader(): Standing | null {
    return this.top(1)[0] ?? null;
  }
}
