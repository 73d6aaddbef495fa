/**
 * The command line in a worker thread: bin/mlgif's main thread (src/launch/supervisor.ts) owns
 * the process — signals, stdin, stdout, stderr, the exit status — and runs main() here, so that
 * however long one synchronous step takes (a frame, parsing a large file), a signal is answered
 * at once: the main thread asks this thread to stop and terminates it if it has not soon.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Interrupted, type StopSignal, stopSignalOf, UserError } from '../errors.js';
import { INPUT_LIMITS } from '../scenario/limits.js';
import type { Io } from './io.js';
import { main } from './main.js';

export interface CommandLineData {
  mlgif: 'command-line';
  argv: string[];
  stderrIsTTY: boolean;
}

export type ToCommandLine =
  | { type: 'abort'; signal: StopSignal }
  | { type: 'stdin'; bytes: Uint8Array | null; error?: string };

export type FromCommandLine =
  | { type: 'stdout'; chunk: Uint8Array | string }
  | { type: 'stderr'; text: string }
  | { type: 'stdin' }
  | { type: 'exit'; code: number };

/** Runs main() with the arguments the main thread passed, and reports its exit status. */
export async function serveCommandLine(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveCommandLine runs in a worker thread');
  const { argv, stderrIsTTY } = workerData as CommandLineData;
  const post = (message: FromCommandLine) => port.postMessage(message);
  const controller = new AbortController();
  let stdinReply: ((message: Extract<ToCommandLine, { type: 'stdin' }>) => void) | undefined;
  port.on('message', (message: ToCommandLine) => {
    if (message.type === 'abort') controller.abort(message.signal);
    else stdinReply?.(message);
  });
  const io: Io = {
    stdout: (chunk) => post({ type: 'stdout', chunk }),
    stderr: (text) => post({ type: 'stderr', text }),
    readStdin: () =>
      new Promise((resolve, reject) => {
        const signal = controller.signal;
        const onAbort = () => reject(new Interrupted(stopSignalOf(signal.reason)));
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        stdinReply = ({ bytes, error }) => {
          signal.removeEventListener('abort', onAbort);
          if (bytes) resolve(Buffer.from(bytes).toString('utf8'));
          else if (error === 'too large') {
            reject(new UserError(`larger than ${INPUT_LIMITS.bytes} bytes; expected a scenario`, '<stdin>'));
          } else reject(new UserError(`cannot read stdin: ${error}`, '<stdin>'));
        };
        post({ type: 'stdin' });
      }),
    stderrIsTTY,
    env: process.env,
    signal: controller.signal,
  };
  post({ type: 'exit', code: await main(argv, io) });
}
