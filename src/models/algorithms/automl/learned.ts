/**
 * An evolved program used as a model, the way AutoML-Zero trains it (Real et al. 2020, §3):
 * Setup, then Predict and Learn over every training point in order, memory carried. Predicting
 * a batch then restores the learned memory before each point, so the prediction is a function of
 * the point alone (a decision boundary on a grid, a curve on an axis), even when Predict writes
 * memory (the random ops' draws start over too). A classification gives sigmoid(s1), the
 * probability of class 1; a regression gives s1. Given the Rng evolve() gave its evaluations
 * (runtimeRng in evolution.ts), a random op in Setup draws here what it drew when scored.
 *
 * Blow-ups never leave here: if training stops on an error that is NaN or above 100 (as in
 * evolution), `ok` is false and every prediction is the fallback; a single prediction that is
 * not finite is replaced by the fallback too, and predict() counts them. The fallback is 0.5 for
 * a classification (no opinion) and 0 for a regression.
 */
import type { Rng } from '../../../random.js';
import { Machine } from './executor.js';
import { sigmoid, train } from './fitness.js';
import type { MemoryLayout } from './memory.js';
import type { Program } from './program.js';
import type { Examples, TaskKind } from './task.js';

export class LearnedProgram {
  /** False when training blew up: every prediction is then `fallback`. */
  readonly ok: boolean;
  readonly fallback: number;
  private readonly machine: Machine;
  private readonly learned: Float64Array;

  /** `rng` feeds the program's random ops (see runtimeRng in evolution.ts). */
  constructor(
    program: Program,
    layout: MemoryLayout,
    readonly kind: TaskKind,
    examples: Examples,
    rng: Rng,
  ) {
    this.machine = new Machine(layout, rng);
    this.machine.load(program);
    this.ok = train(this.machine, examples, kind === 'classification');
    this.learned = this.machine.memory.slice();
    this.fallback = kind === 'classification' ? 0.5 : 0;
  }

  /**
   * Predictions for the n points of X (n×F) into out (length n); returns how many were replaced
   * by the fallback because they were not finite (all n when training blew up).
   */
  predict(X: Float64Array, out: Float64Array | Float32Array): number {
    const F = this.machine.layout.features;
    const n = X.length / F;
    if (!this.ok) {
      out.fill(this.fallback, 0, n);
      return n;
    }
    const squash = this.kind === 'classification';
    let replaced = 0;
    for (let i = 0; i < n; i++) {
      this.machine.memory.set(this.learned);
      this.machine.restartDraws();
      const s1 = this.machine.predict(X, i);
      out[i] = squash ? sigmoid(s1) : s1;
      // Read back: a finite double can overflow a Float32Array.
      if (!Number.isFinite(out[i])) {
        out[i] = this.fallback;
        replaced++;
      }
    }
    return replaced;
  }
}
