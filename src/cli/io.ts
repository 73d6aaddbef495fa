/**
 * Everything the CLI touches of the outside world, passed in: tests run main() in-process with
 * captured streams; bin/mlgif runs it in a worker thread whose streams, stdin and abort signal
 * the main thread relays (command-line-worker.ts, src/launch/supervisor.ts).
 */
export interface Io {
  /** Data only: GIF bytes with `-o -`, JSON lines with `--json`. */
  stdout(chunk: string | Uint8Array): void;
  /** Messages, warnings, progress. */
  stderr(text: string): void;
  /** All of stdin as text; a UserError past the scenario size limit (counted in bytes). */
  readStdin(): Promise<string>;
  /** Whether stderr is a terminal (progress bars only then). */
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  /** Aborted when a stop signal comes (reason: the signal's name, e.g. SIGINT). */
  signal?: AbortSignal;
}
