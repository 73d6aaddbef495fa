/**
 * animate.by: generations — a frame at each new best and at regular intervals, exactly
 * min(frames, total) of them, ending at the last generation; and the rule that picks the mode.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { evolve } from '../../src/models/evolve.js';
import { logistic } from '../../src/models/logistic.js';
import type { Step } from '../../src/models/model.js';
import { GenerationFrames } from '../../src/movie/generation-frames.js';
import { type Learner, stages } from '../../src/movie/training.js';
import { animationMode } from '../../src/plan/animation-mode.js';
import { createRng } from '../../src/random.js';
import { newTimings } from '../../src/timings.js';

/** The stages GenerationFrames takes, given which stages improve. */
function taken(total: number, frames: number, improved: (stage: number) => boolean): number[] {
  const chooser = new GenerationFrames(total, frames);
  const out: number[] = [];
  for (let stage = 1; stage <= total; stage++) if (chooser.take(stage, improved(stage))) out.push(stage);
  return out;
}

describe('frames by generations', () => {
  it('takes exactly min(frames, total) increasing stages, the last among them, whatever improves', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 120 }),
        fc.array(fc.boolean(), { minLength: 400, maxLength: 400 }),
        (total, frames, improves) => {
          const stages = taken(total, frames, (s) => improves[s - 1]);
          expect(stages).toHaveLength(Math.min(frames, total));
          expect(stages.at(-1)).toBe(total);
          for (let i = 1; i < stages.length; i++) expect(stages[i]).toBeGreaterThan(stages[i - 1]);
        },
      ),
    );
  });

  it('shows each new best while it has frames to spare, and keeps half for regular intervals', () => {
    const bests = [1, 2, 3, 5, 8, 13, 40, 41];
    const stages = taken(100, 30, (s) => bests.includes(s));
    for (const best of bests) expect(stages).toContain(best);
    // Improvements at every stage cannot take the frames the intervals need.
    const greedy = taken(100, 20, () => true);
    expect(greedy.filter((s) => s > 50).length).toBeGreaterThanOrEqual(5);
  });

  it('takes its frames from one training run at the stages whose loss is a new low', () => {
    // A model whose loss falls at stages 3, 7 and 30 of 60.
    const losses = Array.from({ length: 60 }, (_, i) => (i + 1 < 3 ? 1 : i + 1 < 7 ? 0.5 : i + 1 < 30 ? 0.3 : 0.1));
    const learner: Learner = {
      *train() {
        for (let stage = 1; stage <= 60; stage++) {
          yield { stage, total: 60, label: `generation ${stage}`, loss: losses[stage - 1] } satisfies Step;
        }
      },
      warnings: () => [],
    };
    const frames = [
      ...stages({
        mode: 'generations',
        animate: { frames: 10, spacing: 'linear', start: 10 },
        rng: createRng(1),
        timings: newTimings(),
        sizes: () => [],
        learner: () => learner,
      }),
    ];
    const shown = frames.map((f) => f.stage);
    expect(shown).toHaveLength(10);
    for (const best of [1, 3, 7, 30]) expect(shown).toContain(best);
    expect(frames.every((f) => f.frames === 10)).toBe(true);
  });

  it('is the default for an evolved model, and refused for one that does not evolve', () => {
    expect(animationMode([evolve], 'auto')).toBe('generations');
    expect(animationMode([evolve], 'epochs')).toBe('stages');
    expect(animationMode([logistic], 'auto')).toBe('stages');
    expect(() => animationMode([logistic], 'generations')).toThrow(UserError);
    expect(() => animationMode([logistic], 'generations')).toThrow(/does not evolve/);
  });
});
