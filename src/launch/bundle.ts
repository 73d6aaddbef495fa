/**
 * The entry of the bundled command line (dist/bundle/mlgif.cjs, scripts/bundle.mjs), which
 * bin/mlgif loads through launch.ts: the command line and, in a --jobs worker thread
 * (bundle-worker.ts), the render worker. One bundle and one code cache serve both; each part
 * loads only what it runs.
 */
import { isMainThread } from 'node:worker_threads';

export { main, processIo } from '../cli/main.js';

if (!isMainThread) void import('../cli/render-worker.js');
