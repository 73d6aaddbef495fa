/**
 * `--jobs N`: renders tasks in N worker threads, one scenario per worker at a time. Each worker
 * runs the same code as the main thread (task.ts) on the same validated scenario, so outputs are
 * byte-identical to --jobs 1. On abort, every worker is told to stop between frames; one that does
 * not answer in time is terminated and its temporary file removed here.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { removeTemps } from '../output/atomic-file.js';
import { EXIT, signalStatus } from './exit-status.js';
import type { FromWorker, ToWorker } from './render-worker.js';
import type { RenderLine, RenderTask } from './task.js';

export interface PoolHooks {
  signal?: AbortSignal;
  debug: boolean;
  onFrame(task: RenderTask, frame: number, frames: number): void;
  warn(task: RenderTask, message: string): void;
  done(task: RenderTask, line: RenderLine): void;
  failed(task: RenderTask, lines: readonly string[], code: number): void;
}

/** How long a worker may take to stop after an abort before it is terminated. */
const GRACE_MS = 250;

/**
 * The worker thread's script. The bundled command line (bin/mlgif, running dist/bundle/mlgif.cjs)
 * starts the same bundle through its loader; the compiled library starts the compiled worker
 * beside this file. From the TypeScript sources (the test runner) there is no .js beside this
 * file, so the compiled one in dist/ is used: `npm run build` first.
 */
export function workerScript(): URL {
  if (import.meta.url.endsWith('.cjs')) return new URL('../launch/bundle-worker.js', import.meta.url);
  const here = new URL('./render-worker.js', import.meta.url);
  if (import.meta.url.endsWith('.js')) return here;
  const built = new URL('../../dist/cli/render-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(built))) {
    throw new Error(`--jobs needs the compiled worker ${fileURLToPath(built)}: run npm run build`);
  }
  return built;
}

/** Runs one task on `worker`; resolves when the worker reports its outcome (or dies). */
function runOn(worker: Worker, task: RenderTask, hooks: PoolHooks): Promise<boolean> {
  return new Promise((settle) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (alive: boolean) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      hooks.signal?.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
      settle(alive);
    };
    const onMessage = (m: FromWorker) => {
      if (m.id !== task.id) return;
      if (m.type === 'frame') hooks.onFrame(task, m.frame, m.frames);
      else if (m.type === 'warn') hooks.warn(task, m.message);
      else if (m.type === 'done') {
        hooks.done(task, m.line);
        finish(true);
      } else {
        hooks.failed(task, m.lines, m.code);
        finish(true);
      }
    };
    const onError = (error: Error) => {
      removeTemps(task.output);
      hooks.failed(task, [`internal error in a worker: ${hooks.debug ? error.stack : error.message}`], EXIT.bug);
      finish(false);
    };
    const onExit = () => {
      removeTemps(task.output);
      const signal = hooks.signal;
      if (signal?.aborted) hooks.failed(task, [`interrupted by ${String(signal.reason)}`], signalStatus(signal.reason));
      else hooks.failed(task, ['internal error: a worker stopped'], EXIT.bug);
      finish(false);
    };
    const onAbort = () => {
      worker.postMessage({ type: 'abort', reason: String(hooks.signal?.reason ?? 'SIGINT') } satisfies ToWorker);
      timer = setTimeout(() => void worker.terminate(), GRACE_MS);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    if (hooks.signal?.aborted) onAbort();
    else hooks.signal?.addEventListener('abort', onAbort, { once: true });
    worker.postMessage({ type: 'task', task, debug: hooks.debug } satisfies ToWorker);
  });
}

/** Renders `tasks` on `jobs` workers; tasks not started when the signal aborts are not run. */
export async function renderInWorkers(tasks: readonly RenderTask[], jobs: number, hooks: PoolHooks): Promise<void> {
  const script = workerScript();
  const queue = [...tasks];
  const lane = async () => {
    let worker: Worker | null = null;
    try {
      for (let task = queue.shift(); task && !hooks.signal?.aborted; task = queue.shift()) {
        if (!worker) {
          worker = new Worker(script, { workerData: { mlgif: 'render' } });
        }
        if (!(await runOn(worker, task, hooks))) worker = null;
      }
    } finally {
      if (worker) await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, lane));
}
