/**
 * A render worker thread (`mlgif render --jobs N`): receives one task at a time, runs it exactly
 * as the main thread would, and reports frames, warnings and the outcome. An "abort" message stops
 * the current render between frames; the pipeline then removes its temporary file.
 */
import { parentPort } from 'node:worker_threads';
import { failure } from './exit-status.js';
import { type RenderTask, runTask } from './task.js';

export type ToWorker = { type: 'task'; task: RenderTask; debug: boolean } | { type: 'abort'; reason: string };
export type FromWorker =
  | { type: 'frame'; id: number; frame: number; frames: number }
  | { type: 'warn'; id: number; message: string }
  | { type: 'done'; id: number; line: import('./task.js').RenderLine }
  | { type: 'failed'; id: number; lines: string[]; code: number };

const port = parentPort;
if (port) {
  const controller = new AbortController();
  const post = (message: FromWorker) => port.postMessage(message);
  port.on('message', async (message: ToWorker) => {
    if (message.type === 'abort') {
      controller.abort(message.reason);
      return;
    }
    const { task, debug } = message;
    try {
      const line = await runTask(task, {
        signal: controller.signal,
        onFrame: (frame, frames) => post({ type: 'frame', id: task.id, frame, frames }),
        warn: (text) => post({ type: 'warn', id: task.id, message: text }),
      });
      post({ type: 'done', id: task.id, line });
    } catch (error) {
      post({ type: 'failed', id: task.id, ...failure(error, debug) });
    }
  });
}
