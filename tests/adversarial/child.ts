/**
 * Runs bin/mlgif as a child process (the compiled dist/: `npm run build` first) in a folder of
 * its own, with a given stdin, and optionally a signal sent once a condition holds.
 */

import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { BIN } from '../cli-helpers.js';

/** The command line under test: bin/mlgif, or another build's (MLGIF_BIN, to watch a test fail on it). */
const MLGIF = process.env.MLGIF_BIN ?? BIN;

export interface Outcome {
  code: number | null;
  /** The signal that ended the child, when it was killed rather than exiting. */
  killedBy: NodeJS.Signals | null;
  /** What a shell sees: the exit code, or 128 + the number of the signal that ended it. */
  status: number | null;
  stdout: Buffer;
  stderr: string;
  /** Milliseconds from the signal (if one was sent) to the exit. */
  afterSignal: number;
}

export interface ChildOptions {
  cwd?: string;
  /** Text or bytes on stdin; null leaves stdin open and unwritten (a read that never ends). */
  stdin?: string | Buffer | null;
  /** Sends `signal` once `when()` holds (polled every 5 ms; default: at once). */
  interrupt?: { signal: NodeJS.Signals; when?: () => boolean; afterMs?: number };
  /** Close our end of the child's stderr at once (`2>&-` after start: EPIPE on stderr). */
  closeStderr?: boolean;
  /** Runs through `sh -c` with this prefix (e.g. `ulimit -f 8;`). */
  shellPrefix?: string;
  /** Kill the child after this many ms (a hung child fails the test, not the run). */
  timeoutMs?: number;
  env?: Record<string, string>;
}

export function mlgif(args: readonly string[], options: ChildOptions = {}): Promise<Outcome> {
  return new Promise((done, fail) => {
    const command = options.shellPrefix
      ? spawn('sh', ['-c', `${options.shellPrefix} exec "$0" "$@"`, process.execPath, MLGIF, ...args], {
          cwd: options.cwd,
          env: { ...process.env, ...options.env },
        })
      : spawn(process.execPath, [MLGIF, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env } });
    const child = command;
    const out: Buffer[] = [];
    let err = '';
    let sentAt = 0;
    const started = performance.now();
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    if (options.closeStderr) child.stderr.destroy();
    else
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
      });
    child.stdin.on('error', () => {});
    if (options.stdin !== null) child.stdin.end(options.stdin ?? '');
    const interrupt = options.interrupt;
    const poll = interrupt
      ? setInterval(() => {
          const ready = (interrupt.when?.() ?? true) && performance.now() - started >= (interrupt.afterMs ?? 0);
          if (!sentAt && ready) {
            sentAt = performance.now();
            child.kill(interrupt.signal);
          }
        }, 5)
      : undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 50_000);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      done({
        code,
        killedBy: signal,
        status: code ?? (signal ? 128 + constants.signals[signal] : null),
        stdout: Buffer.concat(out),
        stderr: err,
        afterSignal: sentAt ? performance.now() - sentAt : Number.NaN,
      });
    });
  });
}
