/**
 * bin/mlgif's main thread: it owns the process and nothing else runs on it. The command line runs
 * in one worker thread (src/cli/command-line-worker.ts); this thread relays its stdout and stderr,
 * reads stdin for it, sets the exit status, and answers every stop signal at once, whatever the
 * worker is doing — a JavaScript signal handler cannot run while its thread is busy in
 * synchronous code, and one step (a frame of a large SVM, parsing a large YAML file) can take
 * minutes.
 *
 * On SIGINT, SIGTERM, SIGHUP, SIGQUIT or SIGUSR2 the worker is asked to stop (a render stops
 * between frames and removes its files); if it has not within GRACE_MS it is terminated, the
 * temporary files announced by any thread (output/temporaries.ts) are removed, and the process
 * exits with 128 + the signal's number. A second signal skips the grace.
 */
import { readFileSync, readlinkSync, rmSync } from 'node:fs';
import { BroadcastChannel, Worker } from 'node:worker_threads';
import type { CommandLineData, FromCommandLine, ToCommandLine } from '../cli/command-line-worker.js';
import { EXIT } from '../cli/exit-status.js';
import { SIGNAL_STATUS, type StopSignal } from '../errors.js';
import { TEMPORARIES_CHANNEL, type TemporaryNotice } from '../output/temporaries.js';
import { INPUT_LIMITS } from '../scenario/limits.js';

/** How long the worker may take to stop by itself after a signal. */
const GRACE_MS = 300;
/** How long a terminated worker may take to end (a blocking system call cannot be interrupted). */
const TERMINATE_MS = 300;

/**
 * Whether stdout was closed when the process started: Node then opens /dev/null in its place,
 * read-write, where a shell's `> /dev/null` opens it write-only. Output sent there would be lost
 * without a word.
 */
function stdoutWasClosed(): boolean {
  try {
    if (readlinkSync('/proc/self/fd/1') !== '/dev/null') return false;
    const flags = /flags:\s*([0-7]+)/.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'));
    return flags !== null && (Number.parseInt(flags[1], 8) & 3) === 2;
  } catch {
    return false;
  }
}

/** Stops reading stdin (a read still pending when the command ends would keep the process alive). */
let stopStdin = () => {};

/** Reads stdin whole, as bytes, but never more than the scenario size limit allows. */
function readStdin(): Promise<Extract<ToCommandLine, { type: 'stdin' }>> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stdin = process.stdin;
    stopStdin = () => {
      stdin.off('data', onData).off('end', onEnd).off('error', onError);
      stdin.destroy();
    };
    const finish = (reply: Extract<ToCommandLine, { type: 'stdin' }>) => {
      stopStdin();
      done(reply);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total > INPUT_LIMITS.bytes) finish({ type: 'stdin', bytes: null, error: 'too large' });
    };
    const onEnd = () => finish({ type: 'stdin', bytes: Buffer.concat(chunks) });
    const onError = (error: Error) => finish({ type: 'stdin', bytes: null, error: error.message });
    stdin.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** Runs the command line (`argv`) in a worker thread started from `workerFile`. */
export function superviseCommandLine(argv: readonly string[], workerFile: string): void {
  try {
    process.cwd();
  } catch {
    // A worker thread cannot even start there; nor could relative paths be resolved.
    process.stderr.write('mlgif: the working folder no longer exists; run mlgif from a folder that does\n');
    process.exitCode = EXIT.bug;
    return;
  }
  const data: CommandLineData = { mlgif: 'command-line', argv: [...argv], stderrIsTTY: Boolean(process.stderr.isTTY) };
  const worker = new Worker(workerFile, { workerData: data });
  const send = (message: ToCommandLine) => worker.postMessage(message);

  const temporaries = new Map<string, boolean>();
  const channel = new BroadcastChannel(TEMPORARIES_CHANNEL);
  channel.onmessage = (event) => {
    const { path, open, folder } = (event as { data: TemporaryNotice }).data;
    if (open) temporaries.set(path, folder);
    else temporaries.delete(path);
  };
  const removeTemporaries = () => {
    for (const [path, folder] of temporaries) rmSync(path, { force: true, recursive: folder });
    temporaries.clear();
  };

  let stopping: StopSignal | null = null;
  let finished = false;
  /** Ends the process now: the worker stopped or abandoned, its temporary files removed. */
  const end = async (code: number, message?: string) => {
    if (finished) return;
    finished = true;
    const stopped = await Promise.race([
      worker.terminate().then(() => true),
      new Promise<boolean>((done) => setTimeout(() => done(false), TERMINATE_MS)),
    ]);
    // Notices posted just before the worker stopped are delivered on the next turns of the loop.
    await new Promise((done) => setTimeout(done, 10));
    removeTemporaries();
    if (message) process.stderr.write(`mlgif: ${message}\n`);
    // process.exit joins the worker threads first: one stuck in a system call would keep the
    // process alive. A stop signal whose default action just ends the process is then delivered
    // again, with that action (the status is the same 128 + n); anything else ends by SIGKILL.
    if (!stopped) {
      const again = stopping && stopping !== 'SIGQUIT' ? stopping : 'SIGKILL';
      process.removeAllListeners(again);
      process.kill(process.pid, again);
    }
    process.exit(code);
  };

  let killTimer: NodeJS.Timeout | undefined;
  for (const signal of Object.keys(SIGNAL_STATUS) as StopSignal[]) {
    process.on(signal, () => {
      if (stopping) return void end(SIGNAL_STATUS[stopping], `interrupted by ${stopping}`);
      stopping = signal;
      send({ type: 'abort', signal });
      killTimer = setTimeout(() => void end(SIGNAL_STATUS[signal], `interrupted by ${signal}`), GRACE_MS);
    });
  }

  process.stderr.on('error', () => {
    // Nowhere to say anything: the work goes on, silently.
  });
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // The reader went away (`mlgif list | head -1`): stop quietly, with the status a program
    // killed by SIGPIPE has (128 + 13).
    if (error.code === 'EPIPE') void end(EXIT.brokenPipe);
    else void end(EXIT.bug, `cannot write to stdout: ${error.message}`);
  });
  let stdoutChecked = false;

  worker.on('message', (message: FromCommandLine) => {
    switch (message.type) {
      case 'stdout':
        if (!stdoutChecked) {
          stdoutChecked = true;
          if (stdoutWasClosed()) return void end(EXIT.bug, 'cannot write to stdout: it is closed');
        }
        process.stdout.write(message.chunk);
        return;
      case 'stderr':
        process.stderr.write(message.text);
        return;
      case 'stdin':
        void readStdin().then(send);
        return;
      case 'exit':
        clearTimeout(killTimer);
        finished = true;
        removeTemporaries();
        channel.close();
        stopStdin();
        process.exitCode = stopping ? SIGNAL_STATUS[stopping] : message.code;
        void worker.terminate();
    }
  });
  worker.on('error', (error) => {
    void end(EXIT.bug, `internal error: ${argv.includes('--debug') ? error.stack : error.message}`);
  });
  worker.on('exit', () => {
    if (!finished) void end(stopping ? SIGNAL_STATUS[stopping] : EXIT.bug, 'internal error: the command line stopped');
  });
}
