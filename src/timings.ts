/** Where a render's time goes: the split that `npm run bench` and `--json` report. */
export interface Timings {
  train: number;
  evaluate: number;
  draw: number;
  encode: number;
}

export function newTimings(): Timings {
  return { train: 0, evaluate: 0, draw: 0, encode: 0 };
}

/** Runs fn and adds its wall time (ms) to timings[part]. */
export function timed<T>(timings: Timings, part: keyof Timings, fn: () => T): T {
  const start = performance.now();
  try {
    return fn();
  } finally {
    timings[part] += performance.now() - start;
  }
}
