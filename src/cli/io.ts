import { SIGNAL_STATUS, type StopSignal } from '../errors.js';
import { INPUT_LIMITS } from '../scenario/limits.js';
import { EXIT } from './exit-status.js';

/**
 * Everything the CLI touches of the outside world, passed in: tests run main() in-process with
 * captured streams, bin/mlgif with the real process.
 */
export interface Io {
  /** Data only: GIF bytes with `-o -`, JSON lines with `--json`. */
  stdout(chunk: string | Uint8Array): void;
  /** Messages, warnings, progress. */
  stderr(text: string): void;
  readStdin(): Promise<string>;
  /** Whether stderr is a terminal (progress bars only then). */
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  /** Aborted on SIGINT/SIGTERM (reason: the signal name). */
  signal?: AbortSignal;
  /**
   * Runs `cleanup` if the process exits abruptly (a second Ctrl-C, a closed stdout); returns the
   * unregistering function. Its synchronous part runs on any exit; a promise it returns is
   * awaited (up to a second) before a second Ctrl-C exits. Absent in-process.
   */
  atExit?(cleanup: () => undefined | Promise<void>): () => void;
}

export function processIo(): Io {
  const controller = new AbortController();
  const cleanups = new Set<() => undefined | Promise<void>>();
  const runCleanups = () => [...cleanups].map((cleanup) => cleanup());
  process.once('exit', runCleanups);
  let signals = 0;
  for (const name of Object.keys(SIGNAL_STATUS) as StopSignal[]) {
    process.on(name, () => {
      signals++;
      controller.abort(name);
      if (signals === 1) return;
      // A second Ctrl-C means "now": stop the workers and remove temporary files, then exit.
      const code = SIGNAL_STATUS[name];
      const deadline = new Promise((done) => setTimeout(done, 1000).unref());
      void Promise.race([Promise.allSettled(runCleanups()), deadline]).then(() => process.exit(code));
    });
  }
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // The reader went away (`mlgif list | head -1`): stop quietly, with the status a program
    // killed by SIGPIPE has (128 + 13); exit cleanups still remove temporary files.
    if (error.code === 'EPIPE') process.exit(EXIT.brokenPipe);
    process.stderr.write(`mlgif: cannot write to stdout: ${error.message}\n`);
    process.exit(EXIT.bug);
  });
  return {
    stdout: (chunk) => {
      process.stdout.write(chunk);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
    readStdin: async () => {
      // Bounded: past the scenario size limit the text is refused anyway (`cat /dev/zero | ...`).
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        total += (chunk as Buffer).length;
        if (total > INPUT_LIMITS.bytes) break;
      }
      return Buffer.concat(chunks).toString('utf8');
    },
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    signal: controller.signal,
    atExit: (cleanup) => {
      cleanups.add(cleanup);
      return () => cleanups.delete(cleanup);
    },
  };
}
