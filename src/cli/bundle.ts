/**
 * The entry of the bundled command line (dist/bundle/mlgif.cjs, scripts/bundle.mjs), which
 * bin/mlgif loads through launch.ts: the command line and, run in a worker thread, the render
 * worker (one bundle, one code cache, for both).
 */
import './render-worker.js';

export { main, processIo } from './main.js';
