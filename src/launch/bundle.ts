/**
 * The entry of the bundled command line (dist/bundle/mlgif.cjs, scripts/bundle.mjs), which
 * bin/mlgif loads through launch.ts: the command line (in the worker thread that bin/mlgif's
 * main thread supervises) and, in a --jobs worker thread (bundle-worker.ts), the render worker. One bundle and one code cache serve both; each part
 * loads only what it runs.
 */
import { isMainThread, workerData } from 'node:worker_threads';

export { serveCommandLine } from '../cli/command-line-worker.js';
export { main } from '../cli/main.js';

const role = isMainThread ? null : (workerData as { mlgif?: string } | null)?.mlgif;
if (role === 'render') void import('../cli/render-worker.js');
