/**
 * The progress line on stderr (only when stderr is a terminal and not --quiet): frames done of
 * all files, frames per second, time left. Other messages go through log(), which clears the line
 * first so nothing is garbled. Colour only when allowed (NO_COLOR).
 */

export interface ProgressOptions {
  colour: boolean;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
  /** Fewest milliseconds between redraws. */
  interval?: number;
}

const WIDTH = 24;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

export class Progress {
  private total = 0;
  private done = 0;
  private shown = false;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private readonly started: number;
  private readonly now: () => number;
  private label = '';

  constructor(
    private readonly write: (text: string) => void,
    private readonly options: ProgressOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
  }

  /** Plans `frames` more frames (or fewer, when a file turns out shorter than planned). */
  plan(frames: number): void {
    this.total = Math.max(this.done, this.total + frames);
  }

  frame(label: string): void {
    this.done++;
    this.label = label;
    const t = this.now();
    if (t - this.lastDraw >= (this.options.interval ?? 100) || this.done >= this.total) this.draw(t);
  }

  /** A message on its own line, the progress line redrawn below it. */
  log(text: string): void {
    this.clear();
    this.write(text);
    if (this.done > 0 && this.done < this.total) this.draw(this.now());
  }

  clear(): void {
    if (this.shown) this.write('\r\x1b[2K');
    this.shown = false;
  }

  line(t: number = this.now()): string {
    const seconds = (t - this.started) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const eta = rate > 0 ? (this.total - this.done) / rate : Number.POSITIVE_INFINITY;
    const filled = this.total > 0 ? Math.round((WIDTH * this.done) / this.total) : 0;
    const bar = '█'.repeat(filled);
    const rest = '░'.repeat(WIDTH - filled);
    const painted = this.options.colour ? `\x1b[32m${bar}\x1b[39m${rest}` : `${bar}${rest}`;
    return `${painted} ${this.done}/${this.total} frames  ${rate.toFixed(1)} frames/s  ETA ${duration(eta)}  ${this.label}`;
  }

  private draw(t: number): void {
    this.write(`\r\x1b[2K${this.line(t)}`);
    this.shown = true;
    this.lastDraw = t;
  }
}
