/**
 * Which generations of an evolution become frames (`animate.by: generations`): each new best, as
 * the paper's animation of discoveries shows them, and frames at regular intervals between, so
 * that long plateaus still move (the median catches up, the fitness curve grows). Decided one
 * stage at a time, as training goes (which generations improve is known only then), and always
 * exactly min(frames, total) of them, ending at the last: the frame count is known from the start.
 *
 * At least half of the frames are kept for the regular intervals: new bests come thick in the
 * first generations and would otherwise use up every frame before the search has settled. What
 * new bests leave unused goes to the intervals: each regular frame falls after an equal share of
 * the stages still to come.
 */
export class GenerationFrames {
  /** How many frames the animation has. */
  readonly count: number;
  private taken = 0;
  private last = 0;
  private readonly regular: number;

  constructor(
    private readonly total: number,
    frames: number,
  ) {
    this.count = Math.max(1, Math.min(frames, total));
    this.regular = Math.ceil(this.count / 2);
  }

  /** Whether `stage` (1..total, each once, in order) becomes a frame; `improved`: a new best. */
  take(stage: number, improved: boolean): boolean {
    const left = this.count - this.taken;
    const stagesLeft = this.total - stage + 1;
    if (left <= 0) return false;
    // From here on every stage is needed, the last one included.
    const take =
      left >= stagesLeft ||
      (left > 1 && improved && left - 1 > this.reserved(stage)) ||
      (left > 1 && stage - this.last >= (this.total - this.last) / left);
    if (take) {
      this.taken++;
      this.last = stage;
    }
    return take;
  }

  /** Frames to keep for the regular intervals over the stages after `stage`. */
  private reserved(stage: number): number {
    return Math.floor(((this.total - stage) * this.regular) / this.total);
  }
}
